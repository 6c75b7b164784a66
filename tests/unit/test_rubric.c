/* Tests for rubric files: validation messages, overrides, cue matching,
 * settings and lexicons, and the rubrics coach ships. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/catalog.h"
#include "coach/rubric.h"

/* A rubric whose one criterion "c" has the cues given as JSON. */
#define RUBRIC_WITH_CUES(cues) \
	"{\n" \
	"  \"schema\": 1,\n" \
	"  \"id\": \"t\",\n" \
	"  \"title\": \"Test\",\n" \
	"  \"settings\": { \"met_at\": 2.5 },\n" \
	"  \"lexicons\": {\n" \
	"    \"negators\": [\"not\", \"never\", \"no\"],\n" \
	"    \"mixed\": [\"Zeta\", \"alpha\", \"MID\"]\n" \
	"  },\n" \
	"  \"criteria\": [\n" \
	"    { \"id\": \"c\", \"name\": \"C\", \"cues\": " cues " }\n" \
	"  ]\n" \
	"}\n"

static int add_named(struct rubric_set *set, const char *file,
		     const char *json, struct err *e)
{
	return rubric_set_add(set, file, json, strlen(json), e);
}

static int add_text(struct rubric_set *set, const char *json,
		    struct err *e)
{
	return add_named(set, "t.json", json, e);
}

struct bad_case {
	const char *name;
	const char *json;
	const char *message;
};

static const struct bad_case bad_cases[] = {
	{ "syntax error",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\"\n  \"title\": \"T\",\n"
	  "  \"criteria\": []\n}\n",
	  "t.json:4: not valid JSON" },
	{ "missing id",
	  "{\n  \"schema\": 1,\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:1: missing field \"id\"" },
	{ "missing title",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:1: missing field \"title\"" },
	{ "bad id characters",
	  "{\n  \"schema\": 1,\n  \"title\": \"T\",\n  \"id\": \"My Rubric\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:4: an id may hold only a-z, 0-9, '-' and '_'" },
	{ "unknown top-level field",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"colour\": \"red\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:5: unknown field \"colour\"" },
	{ "unknown criterion field",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [\n    {\n      \"id\": \"a\",\n"
	  "      \"name\": \"A\",\n      \"wieght\": 2\n    }\n  ]\n}\n",
	  "t.json:9: unknown field \"wieght\"" },
	{ "weight not a number",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [\n    {\n      \"id\": \"a\",\n"
	  "      \"name\": \"A\",\n      \"weight\": \"2\"\n    }\n  ]\n}\n",
	  "t.json:9: \"weight\" must be a number" },
	{ "cue weight not a number",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\", \"cues\": [\n"
	  "    \"fine\",\n    { \"phrase\": \"x\",\n"
	  "      \"weight\": true }\n  ]}]\n}\n",
	  "t.json:8: \"weight\" must be a number" },
	{ "cue a number",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\", \"cues\": [\n"
	  "    \"fine\",\n    42\n  ]}]\n}\n",
	  "t.json:7: a cue must be a phrase string or "
	  "{\"phrase\": ..., \"weight\": ...}" },
	{ "cue object without phrase",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\", \"cues\": [\n"
	  "    \"fine\",\n    { \"weight\": 2 }\n  ]}]\n}\n",
	  "t.json:7: a cue must be a phrase string or "
	  "{\"phrase\": ..., \"weight\": ...}" },
	{ "cue starting with a wildcard",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\", \"cues\": [\n"
	  "    \"fine\",\n    \"* the team\"\n  ]}]\n}\n",
	  "t.json:7: a cue may not start with \"*\"" },
	{ "empty criteria",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": []\n}\n",
	  "t.json:5: \"criteria\" must be a non-empty array" },
	{ "duplicate criterion id",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"criteria\": [\n    { \"id\": \"a\", \"name\": \"A\" },\n"
	  "    { \"id\": \"a\", \"name\": \"B\" }\n  ]\n}\n",
	  "t.json:7: duplicate criterion id" },
	{ "unsupported schema",
	  "{\n  \"id\": \"t\",\n  \"schema\": 2,\n  \"title\": \"T\",\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:3: unsupported schema 2 (this coach reads 1)" },
	{ "lexicon not an array",
	  "{\n  \"schema\": 1,\n  \"id\": \"t\",\n  \"title\": \"T\",\n"
	  "  \"lexicons\": {\n    \"negators\": \"not\"\n  },\n"
	  "  \"criteria\": [{ \"id\": \"a\", \"name\": \"A\" }]\n}\n",
	  "t.json:6: a lexicon must be an array of words" },
};

static void rubric__bad_files__error_names_file_and_line(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]);
	     i++) {
		struct rubric_set set;
		struct err e = { 0 };
		int rc;

		assert_int_equal(rubric_set_init(&set), 0);
		rc = add_text(&set, bad_cases[i].json, &e);
		if (rc != ERR_INPUT || strcmp(e.text, bad_cases[i].message))
			fail_msg("%s: rc %d, message \"%s\", want \"%s\"",
				 bad_cases[i].name, rc, e.text,
				 bad_cases[i].message);
		assert_int_equal(e.status, ERR_INPUT);
		assert_int_equal(set.n, 0);
		rubric_set_release(&set);
	}
}

static void rubric__documented_example__loads_every_field(void **state)
{
	static const char json[] =
		"{\n  \"schema\": 1,\n  \"id\": \"growth-x\",\n"
		"  \"title\": \"Growth X\",\n"
		"  \"criteria\": [{\n    \"id\": \"lesson\",\n"
		"    \"name\": \"Names a lesson\",\n"
		"    \"tip\": \"Name the lesson.\",\n"
		"    \"cues\": [\"i learned\", \"the lesson\",\n"
		"      {\"phrase\": \"taught me\", \"weight\": 0.8}]\n"
		"  }, {\n    \"id\": \"blame\",\n    \"name\": \"Blames\",\n"
		"    \"weight\": -1\n  }]\n}\n";
	struct rubric_set set;
	struct err e = { 0 };
	const struct rubric *r;
	const struct rubric_criterion *c;

	(void)state;
	assert_int_equal(rubric_set_init(&set), 0);

	assert_int_equal(add_text(&set, json, &e), 0);
	r = rubric_set_find(&set, "growth-x");
	assert_non_null(r);
	assert_string_equal(r->title, "Growth X");
	assert_string_equal(r->kind, "criteria");
	assert_string_equal(r->file, "t.json");
	assert_int_equal(r->ncriteria, 2);
	c = &r->criteria[0];
	assert_string_equal(c->tip, "Name the lesson.");
	assert_null(c->followup);
	assert_true(c->weight == 1.0);
	assert_int_equal(c->ncues, 3);
	assert_int_equal(c->cues[0].nstems, 2);
	assert_string_equal(c->cues[0].stems[1], "learn");
	assert_true(c->cues[0].weight == 1.0);
	assert_string_equal(c->cues[2].phrase, "taught me");
	assert_true(c->cues[2].weight == 0.8);
	assert_true(r->criteria[1].weight == -1.0);
	assert_int_equal(r->criteria[1].ncues, 0);
	assert_int_equal(rubric_criterion_index(r, "blame"), 1);
	assert_int_equal(rubric_criterion_index(r, "nosuch"), -1);
	rubric_set_release(&set);
}

static void rubric__same_id__later_file_replaces_it(void **state)
{
	struct rubric_set set;
	struct err e = { 0 };
	const struct rubric *r;

	(void)state;
	assert_int_equal(rubric_set_init(&set), 0);
	assert_int_equal(add_text(&set, RUBRIC_WITH_CUES("[\"one\"]"), &e),
			 0);
	assert_int_equal(add_named(&set, "other.json",
		"{\"schema\": 1, \"id\": \"other\", \"title\": \"O\", "
		"\"criteria\": [{\"id\": \"o\", \"name\": \"O\"}]}", &e),
		0);

	assert_int_equal(add_named(&set, "mine.json",
		"{\"schema\": 1, \"id\": \"t\", \"title\": \"Mine\", "
		"\"criteria\": [{\"id\": \"m\", \"name\": \"M\"}]}", &e),
		0);
	assert_int_equal(set.n, 2);
	r = rubric_set_find(&set, "t");
	assert_non_null(r);
	assert_string_equal(r->title, "Mine");
	assert_string_equal(r->file, "mine.json");
	assert_int_equal(r->ncriteria, 1);
	assert_string_equal(r->criteria[0].id, "m");
	assert_string_equal(rubric_set_find(&set, "other")->title, "O");
	rubric_set_release(&set);
}

struct match_case {
	const char *cues;	/* JSON array of cue phrases */
	const char *answer;
	long hits;
	int negated;		/* of the first hit */
};

static const struct match_case match_cases[] = {
	/* stems: a phrase matches inflections of its words */
	{ "[\"i learned\"]", "I learn fast.", 1, 0 },
	{ "[\"i learned\"]", "Then I learned it.", 1, 0 },
	{ "[\"i learned\"]", "I LEARNED it.", 1, 0 },
	{ "[\"reduced\"]", "We kept reducing it.", 1, 0 },
	{ "[\"i learned\"]", "I leaned on it.", 0, 0 },
	/* "*" stands for exactly one word */
	{ "[\"i * the team\"]", "I told the team.", 1, 0 },
	{ "[\"i * the team\"]", "I quickly told the team.", 0, 0 },
	{ "[\"i * the team\"]", "I the team.", 0, 0 },
	/* one sentence only */
	{ "[\"i * the team\"]", "Then I left. The team stayed.", 0, 0 },
	{ "[\"shipped it\"]", "We shipped\n\nit worked.", 0, 0 },
	{ "[\"shipped it\"]", "We shipped it fast.", 1, 0 },
	/* a negator within three words cancels the cue */
	{ "[\"feedback\"]", "I never got any feedback.", 1, 1 },
	{ "[\"feedback\"]", "I got no feedback.", 1, 1 },
	{ "[\"feedback\"]", "I didn't get feedback.", 1, 1 },
	{ "[\"feedback\"]", "I didn\xe2\x80\x99t get feedback.", 1, 1 },
	{ "[\"feedback\"]", "They won't give feedback.", 1, 1 },
	{ "[\"feedback\"]", "I got feedback.", 1, 0 },
	{ "[\"feedback\"]", "I never really got any feedback.", 1, 0 },
	{ "[\"feedback\"]", "No, feedback came later.", 1, 0 },
	{ "[\"feedback\"]", "I did not.\nFeedback came later.", 1, 0 },
	/* every occurrence is a hit */
	{ "[\"feedback\", \"asked for\"]",
	  "I asked for feedback. Feedback helped.", 3, 0 },
};

static long match_one(const struct match_case *mc, int *negated)
{
	char json[1024];
	struct rubric_set set;
	struct rubric_hit *hits = NULL;
	struct err e = { 0 };
	struct text t;
	long n;

	snprintf(json, sizeof(json), RUBRIC_WITH_CUES("%s"), mc->cues);
	assert_int_equal(rubric_set_init(&set), 0);
	assert_int_equal(add_text(&set, json, &e), 0);
	assert_int_equal(rubric_set_compile(&set), 0);
	assert_int_equal(text_analyze(&t, set.stemmer, mc->answer,
				      strlen(mc->answer)), 0);

	n = rubric_set_match(&set, &t, &hits);
	*negated = n > 0 ? hits[0].negated : 0;
	for (long i = 0; i < n; i++) {
		assert_int_equal(hits[i].rubric, 0);
		assert_int_equal(hits[i].criterion, 0);
	}
	free(hits);
	text_release(&t);
	rubric_set_release(&set);
	return n;
}

static void rubric__cues__match_stems_wildcards_and_negation(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]);
	     i++) {
		const struct match_case *mc = &match_cases[i];
		int negated;
		long n = match_one(mc, &negated);

		if (n != mc->hits || negated != mc->negated)
			fail_msg("%s on \"%s\": %ld hits, negated %d; "
				 "want %ld, %d", mc->cues, mc->answer, n,
				 negated, mc->hits, mc->negated);
	}
}

static void rubric__hit__spans_the_matched_tokens(void **state)
{
	static const char answer[] = "Later I asked the team for input.";
	struct rubric_set set;
	struct rubric_hit *hits = NULL;
	struct err e = { 0 };
	struct text t;

	(void)state;
	assert_int_equal(rubric_set_init(&set), 0);
	assert_int_equal(add_text(&set, RUBRIC_WITH_CUES(
		"[\"x\", {\"phrase\": \"asked * team\", \"weight\": 0.5}]"),
		&e), 0);
	assert_int_equal(rubric_set_compile(&set), 0);
	assert_int_equal(text_analyze(&t, set.stemmer, answer,
				      strlen(answer)), 0);

	assert_int_equal(rubric_set_match(&set, &t, &hits), 1);
	assert_int_equal(hits[0].cue, 1);
	assert_int_equal(hits[0].count, 3);
	assert_int_equal(t.tokens[hits[0].first].start, 8);
	assert_int_equal(t.tokens[hits[0].first + 2].end, 22);
	free(hits);
	text_release(&t);
	rubric_set_release(&set);
}

static void rubric__setting__value_or_default(void **state)
{
	struct rubric_set set;
	struct err e = { 0 };
	const struct rubric *r;

	(void)state;
	assert_int_equal(rubric_set_init(&set), 0);
	assert_int_equal(add_text(&set, RUBRIC_WITH_CUES("[\"x\"]"), &e), 0);
	r = rubric_set_find(&set, "t");
	assert_non_null(r);

	assert_true(rubric_setting(r, "met_at", 1.0) == 2.5);
	assert_true(rubric_setting(r, "words_min", 120) == 120);
	assert_true(rubric_setting(NULL, "met_at", 7) == 7);
	rubric_set_release(&set);
}

static void rubric__lexicon__folded_and_searchable(void **state)
{
	struct rubric_set set;
	struct err e = { 0 };
	const struct rubric *r;
	const struct rubric_lexicon *lx;

	(void)state;
	assert_int_equal(rubric_set_init(&set), 0);
	assert_int_equal(add_text(&set, RUBRIC_WITH_CUES("[\"x\"]"), &e), 0);
	r = rubric_set_find(&set, "t");
	lx = rubric_lexicon(r, "mixed");
	assert_non_null(lx);

	assert_int_equal(lx->nwords, 3);
	assert_string_equal(lx->words[0], "alpha");
	assert_string_equal(lx->words[1], "mid");
	assert_string_equal(lx->words[2], "zeta");
	assert_true(rubric_lexicon_has(lx, "zeta"));
	assert_true(rubric_lexicon_has(lx, "mid"));
	assert_true(rubric_lexicon_has(lx, "alpha"));
	assert_false(rubric_lexicon_has(lx, "Zeta"));
	assert_false(rubric_lexicon_has(lx, "beta"));
	assert_false(rubric_lexicon_has(NULL, "alpha"));
	assert_null(rubric_lexicon(r, "nosuch"));
	rubric_set_release(&set);
}

static void rubric__shipped_rubrics__load_with_star_parts(void **state)
{
	static const char *const parts[] = {
		"situation", "task", "action", "result", "reflection"
	};
	struct catalog cat;
	struct err e = { 0 };
	const struct rubric *star, *growth;

	(void)state;

	if (catalog_load(&cat, NULL, &e) != 0)
		fail_msg("shipped rubrics: %s", e.text);
	star = rubric_set_find(&cat.rubrics, "star");
	growth = rubric_set_find(&cat.rubrics, "growth-mindset");
	assert_non_null(star);
	assert_non_null(growth);
	assert_string_equal(star->kind, "star");
	for (size_t i = 0; i < 5; i++)
		assert_true(rubric_criterion_index(star, parts[i]) >= 0);
	assert_true(rubric_criterion_index(growth, "lesson") >= 0);
	assert_true(rubric_criterion_index(growth, "applied-later") >= 0);
	assert_true(rubric_lexicon_has(rubric_lexicon(star, "negators"),
				       "never"));
	for (size_t r = 0; r < cat.rubrics.n; r++)
		for (size_t c = 0; c < cat.rubrics.items[r].ncriteria; c++) {
			const struct rubric_criterion *cr =
				&cat.rubrics.items[r].criteria[c];

			for (size_t k = 0; k < cr->ncues; k++)
				assert_true(cr->cues[k].nstems > 0);
		}
	catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rubric__bad_files__error_names_file_and_line),
		cmocka_unit_test(rubric__documented_example__loads_every_field),
		cmocka_unit_test(rubric__same_id__later_file_replaces_it),
		cmocka_unit_test(
			rubric__cues__match_stems_wildcards_and_negation),
		cmocka_unit_test(rubric__hit__spans_the_matched_tokens),
		cmocka_unit_test(rubric__setting__value_or_default),
		cmocka_unit_test(rubric__lexicon__folded_and_searchable),
		cmocka_unit_test(
			rubric__shipped_rubrics__load_with_star_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
