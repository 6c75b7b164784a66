/* Tests for the scorer through attempt_score: flags, parts, criteria,
 * evidence and tips on crafted answers, and agreement with the labelled
 * answer set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "testutil.h"
#include "testcatalog.h"
#include "coach/attempt.h"
#include "coach/catalog.h"

/* A real episode with an owner, steps and a result, and no numbers in
 * its last two sentences. */
#define EPISODE \
	"At my last job our nightly export of 40 GB failed for 3 weeks. " \
	"I owned the export job. " \
	"I read the logs and found a timeout in the join. " \
	"I rewrote the query and added a retry with backoff. "

#define LESSON "In the end it worked again. " \
	"I learned to test with production-sized data. "

/* Scores answer as an answer to a question of category (may be NULL). */
static void score(struct attempt *a, const struct catalog *cat,
		  const char *category, const char *answer)
{
	struct question q;
	struct err e = { 0 };

	memset(&q, 0, sizeof(q));
	q.category = (char *)category;
	if (attempt_score(a, cat, category ? &q : NULL, answer,
			  strlen(answer), &e) != 0)
		fail_msg("attempt_score failed: %s", e.text);
}

static const struct score_criterion *criterion(const struct score_report *r,
					       const char *rubric,
					       const char *id)
{
	for (size_t i = 0; i < r->ncriteria; i++)
		if (strcmp(r->criteria[i].rubric, rubric) == 0 &&
		    strcmp(r->criteria[i].id, id) == 0)
			return &r->criteria[i];
	fail_msg("no criterion %s/%s in the report", rubric, id);
	return NULL;
}

static size_t parts_present(const struct score_report *r)
{
	size_t n = 0;

	for (int p = 0; p < SCORE_NPARTS; p++)
		n += r->parts[p].present != 0;
	return n;
}

struct flag_case {
	const char *name;
	const char *answer;
	unsigned want;		/* flags that must be set */
	unsigned refuse;	/* flags that must not be set */
	int no_parts;		/* no STAR part may be present */
};

#define EPISODE_FLAGS (FLAG_HYPOTHETICAL | FLAG_HABITUAL | \
	FLAG_KEYWORD_STUFFING | FLAG_NO_EPISODE)

static const struct flag_case flag_cases[] = {
	{ "hypothetical",
	  "If a release slipped, I would first talk to the team. I would "
	  "look at the plan and I would cut scope. Then I would tell the "
	  "stakeholders early. I would make sure we learn from it.",
	  FLAG_HYPOTHETICAL | FLAG_NO_EPISODE, FLAG_HABITUAL, 1 },
	{ "habits",
	  "I always plan my work carefully. I usually write tests first. "
	  "I typically review my own code before asking others. I always "
	  "keep stakeholders updated on progress.",
	  FLAG_HABITUAL | FLAG_NO_EPISODE, FLAG_HYPOTHETICAL, 1 },
	{ "label stuffing",
	  "Situation: there was a situation at work. Task: my task was to "
	  "handle the task. Action: I took action and did the action. "
	  "Result: the result was a good result. Learning: I learned a lot "
	  "from the situation.",
	  FLAG_KEYWORD_STUFFING | FLAG_NO_EPISODE,
	  FLAG_HYPOTHETICAL | FLAG_HABITUAL, 1 },
	{ "all we",
	  "Last year our payments service kept timing out. We traced the "
	  "slow queries to a missing index. We added the index on the "
	  "ledger table. We rewrote the retry logic. We deployed the fix "
	  "on Friday. In the end timeouts dropped to zero.",
	  FLAG_MOSTLY_WE, EPISODE_FLAGS, 0 },
	{ "blame",
	  "Last year the release slipped because the backend team was lazy "
	  "and incompetent. Their code was a mess and they never listened. "
	  "It was not my fault. They dropped the ball as usual. I shipped "
	  "my part on time.",
	  FLAG_BLAMES_OTHERS, FLAG_HYPOTHETICAL | FLAG_MOSTLY_WE, 0 },
	{ "own episode",
	  EPISODE LESSON,
	  0, EPISODE_FLAGS | FLAG_MOSTLY_WE | FLAG_BLAMES_OTHERS |
	  FLAG_OFF_TOPIC | FLAG_HEDGING | FLAG_TOO_LONG, 0 },
};

static void score__answer_shapes__set_their_flags(void **state)
{
	for (size_t i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]);
	     i++) {
		const struct flag_case *fc = &flag_cases[i];
		struct attempt a;

		score(&a, *state, NULL, fc->answer);
		if ((a.report.flags & fc->want) != fc->want ||
		    (a.report.flags & fc->refuse) != 0)
			fail_msg("%s: flags %#x, want %#x and none of %#x",
				 fc->name, a.report.flags, fc->want,
				 fc->refuse);
		if (fc->no_parts && parts_present(&a.report) != 0)
			fail_msg("%s: %zu STAR parts present, want none",
				 fc->name, parts_present(&a.report));
		if (!fc->no_parts && !a.report.parts[PART_ACTION].present)
			fail_msg("%s: no action part", fc->name);
		attempt_release(&a);
	}
}

static void score__own_episode__beats_flagged_shapes(void **state)
{
	struct attempt good, bad;

	score(&good, *state, NULL, EPISODE LESSON);

	for (size_t i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]);
	     i++) {
		if (flag_cases[i].want == 0)
			continue;
		score(&bad, *state, NULL, flag_cases[i].answer);
		if (!(good.report.overall > bad.report.overall))
			fail_msg("%s scores %.1f, the episode %.1f",
				 flag_cases[i].name, bad.report.overall,
				 good.report.overall);
		attempt_release(&bad);
	}
	attempt_release(&good);
}

struct feedback_case {
	const char *sentence;
	int met;
};

static void score__negated_feedback__earns_nothing(void **state)
{
	static const struct feedback_case cases[] = {
		{ "I asked my lead for feedback on my fix. ", 1 },
		{ "I never got any feedback on my fix. ", 0 },
		{ "I didn't get feedback on my fix. ", 0 },
	};
	char answer[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct score_criterion *c;
		struct attempt a;

		snprintf(answer, sizeof(answer), "%s%s%s", EPISODE,
			 cases[i].sentence, LESSON);
		score(&a, *state, NULL, answer);
		c = criterion(&a.report, "growth-mindset", "seeks-feedback");
		if (c->met != cases[i].met ||
		    (cases[i].met ? c->score != 1.0 : c->score != 0.0))
			fail_msg("\"%s\": met %d score %.2f, want met %d",
				 cases[i].sentence, c->met, c->score,
				 cases[i].met);
		attempt_release(&a);
	}
}

static void score__numbers_only_in_setting__not_quantified(void **state)
{
	struct attempt setting, outcome;

	score(&setting, *state, NULL, EPISODE
	      "In the end the export ran every night again.");
	score(&outcome, *state, NULL, EPISODE
	      "In the end the export time dropped from 50 minutes to 6 "
	      "minutes.");

	assert_true(setting.report.parts[PART_RESULT].present);
	assert_false(setting.report.flags & FLAG_RESULT_QUANTIFIED);
	assert_true(outcome.report.flags & FLAG_RESULT_QUANTIFIED);
	assert_true(outcome.report.overall > setting.report.overall);
	attempt_release(&setting);
	attempt_release(&outcome);
}

struct growth_case {
	const char *later;
	int growth;
};

static void score__lesson_needs_concrete_application(void **state)
{
	static const struct growth_case cases[] = {
		{ "", 0 },
		{ "I try to be more careful now.", 0 },
		{ "Since then I try to be more careful.", 0 },
		{ "I now try to be more careful.", 0 },
		{ "At my next job I ran a load test on a copy of production "
		  "data before every migration.", 1 },
		{ "Since then I have added a load test on a copy of "
		  "production data to every migration.", 1 },
	};
	char answer[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct attempt a;
		int got;

		snprintf(answer, sizeof(answer), "%s%s%s", EPISODE, LESSON,
			 cases[i].later);
		score(&a, *state, NULL, answer);
		assert_true(criterion(&a.report, "growth-mindset",
				      "lesson")->met);
		got = (a.report.flags & FLAG_GROWTH_MINDSET) != 0;
		if (got != cases[i].growth)
			fail_msg("\"%s\": growth_mindset %d, want %d",
				 cases[i].later, got, cases[i].growth);
		attempt_release(&a);
	}
}

static void score__result_first__still_has_result(void **state)
{
	struct attempt a;

	score(&a, *state, NULL,
	      "The result: checkout errors fell by 80 percent within a "
	      "month. It started when our checkout service began failing "
	      "under load last spring. I owned the payment client. I "
	      "profiled the calls and found a connection pool that was too "
	      "small. I raised the pool size and added a circuit breaker.");

	assert_true(a.report.parts[PART_RESULT].present);
	assert_true(a.report.parts[PART_ACTION].present);
	assert_true(a.report.flags & FLAG_RESULT_QUANTIFIED);
	attempt_release(&a);
}

static void check_evidence_and_tips(const struct attempt *a)
{
	const struct score_report *r = &a->report;

	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];

		assert_non_null(ev->rule);
		assert_true(ev->rule[0] != '\0');
		assert_non_null(ev->target);
		assert_true(ev->start <= ev->end);
		assert_true(ev->end <= a->len);
	}
	assert_true(r->ntips <= 3);
	for (size_t i = 0; i < r->ntips; i++) {
		assert_true(r->tips[i][0] != '\0');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->tips[i], r->tips[j]);
	}
}

static void score__evidence_and_tips__stay_in_bounds(void **state)
{
	struct attempt a;

	for (size_t i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]);
	     i++) {
		score(&a, *state, NULL, flag_cases[i].answer);
		assert_true(a.report.nevidence > 0);
		check_evidence_and_tips(&a);
		attempt_release(&a);
	}
	score(&a, *state, NULL, "Done.");
	check_evidence_and_tips(&a);
	assert_true(a.report.flags & FLAG_TOO_SHORT);
	assert_int_equal(a.report.ntips, 3);
	attempt_release(&a);
}

struct bad_answer {
	const char *name;
	const char *text;
	size_t len;
	const char *message;
};

static void score__bad_answers__input_error_naming_line(void **state)
{
#define BYTES(s) s, sizeof(s) - 1
	static const struct bad_answer cases[] = {
		{ "empty", BYTES(""), "the answer is empty" },
		{ "whitespace", BYTES(" \n\t\r\n  \n"),
		  "the answer is empty" },
		{ "invalid UTF-8", BYTES("I fixed it.\nThen \xff broke."),
		  "line 2: the answer is not valid UTF-8 (byte 18)" },
		{ "truncated UTF-8", BYTES("One.\nTwo.\nCaf\xc3"),
		  "line 3: the answer is not valid UTF-8 (byte 14)" },
		{ "NUL byte", BYTES("I fixed it.\n\nThen\0 it broke."),
		  "line 3: the answer contains a NUL byte (is it a binary "
		  "file?)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct attempt a;
		struct err e = { 0 };
		int rc = attempt_score(&a, *state, NULL, cases[i].text,
				       cases[i].len, &e);

		if (rc != ERR_INPUT || e.status != ERR_INPUT ||
		    strcmp(e.text, cases[i].message))
			fail_msg("%s: rc %d \"%s\", want \"%s\"",
				 cases[i].name, rc, e.text,
				 cases[i].message);
		attempt_release(&a);
	}
#undef BYTES
}

/* The labelled set: every answer with its category and STAR labels. */
struct cases {
	cJSON *items[128];
	size_t n;
};

static void cases_load(struct cases *cs)
{
	FILE *f = fopen(CASES_DIR "/answers.jsonl", "r");
	char *line = NULL;
	size_t cap = 0;

	assert_non_null(f);
	cs->n = 0;
	while (getline(&line, &cap, f) > 0 && cs->n < 128) {
		cJSON *c = cJSON_Parse(line);

		if (c)
			cs->items[cs->n++] = c;
	}
	free(line);
	fclose(f);
	assert_int_equal(cs->n, 76);
}

static void cases_release(struct cases *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		cJSON_Delete(cs->items[i]);
}

static const char *field(const cJSON *c, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, key);

	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

/* Overall scores of every case, in file order. */
static void cases_score(const struct catalog *cat, const struct cases *cs,
			struct attempt *out)
{
	for (size_t i = 0; i < cs->n; i++)
		score(&out[i], cat, field(cs->items[i], "category"),
		      field(cs->items[i], "answer"));
}

static long case_index(const struct cases *cs, const char *id)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(field(cs->items[i], "id"), id) == 0)
			return (long)i;
	fail_msg("pairs.tsv names unknown case %s", id);
	return -1;
}

/* Counts the pairs from case c51 on that the overall score orders. */
static void count_pairs(const struct cases *cs, const struct attempt *a,
			size_t *agree, size_t *total)
{
	FILE *f = fopen(CASES_DIR "/pairs.tsv", "r");
	char line[2048], better[16], worse[16];

	assert_non_null(f);
	*agree = *total = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15[^\t]\t%15[^\t]", better, worse) != 2)
			continue;
		if (better[0] != 'c' || atoi(better + 1) < 51)
			continue;
		(*total)++;
		*agree += a[case_index(cs, better)].report.overall >
			  a[case_index(cs, worse)].report.overall;
	}
	fclose(f);
}

static void score__labelled_set__orders_length_controlled_pairs(
	void **state)
{
	struct cases cs;
	struct attempt *a = calloc(128, sizeof(*a));
	size_t agree, total;

	assert_non_null(a);
	cases_load(&cs);
	cases_score(*state, &cs, a);

	count_pairs(&cs, a, &agree, &total);
	assert_int_equal(total, 23);
	if (agree * 100 < total * 85)
		fail_msg("%zu of %zu length-controlled pairs ordered", agree,
			 total);
	for (size_t i = 0; i < cs.n; i++)
		attempt_release(&a[i]);
	free(a);
	cases_release(&cs);
}

static void score__labelled_set__finds_star_parts(void **state)
{
	static const char *const parts[] = {
		"situation", "task", "action", "result"
	};
	struct cases cs;
	struct attempt *a = calloc(128, sizeof(*a));
	size_t agree = 0, total = 0;

	assert_non_null(a);
	cases_load(&cs);
	cases_score(*state, &cs, a);

	for (size_t i = 0; i < cs.n; i++) {
		const cJSON *star = cJSON_GetObjectItemCaseSensitive(
			cs.items[i], "star");

		for (int p = 0; p < 4; p++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(
				star, parts[p]);

			assert_true(cJSON_IsBool(v));
			total++;
			agree += !cJSON_IsTrue(v) ==
				 !a[i].report.parts[p].present;
		}
	}
	assert_int_equal(total, 304);
	if (agree * 100 < total * 85)
		fail_msg("%zu of %zu STAR parts agree", agree, total);
	for (size_t i = 0; i < cs.n; i++)
		attempt_release(&a[i]);
	free(a);
	cases_release(&cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(score__answer_shapes__set_their_flags),
		cmocka_unit_test(score__own_episode__beats_flagged_shapes),
		cmocka_unit_test(score__negated_feedback__earns_nothing),
		cmocka_unit_test(
			score__numbers_only_in_setting__not_quantified),
		cmocka_unit_test(score__lesson_needs_concrete_application),
		cmocka_unit_test(score__result_first__still_has_result),
		cmocka_unit_test(score__evidence_and_tips__stay_in_bounds),
		cmocka_unit_test(score__bad_answers__input_error_naming_line),
		cmocka_unit_test(
			score__labelled_set__orders_length_controlled_pairs),
		cmocka_unit_test(score__labelled_set__finds_star_parts),
	};

	return cmocka_run_group_tests(tests, catalog_setup, catalog_teardown);
}
