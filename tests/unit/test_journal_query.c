/* Reading the journal: filters, search, snippets, numbers, diff, stats
 * and export, on entries built in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/journal_export.h"
#include "coach/journal_query.h"
#include "coach/journal_stats.h"
#include "coach/journal_words.h"

static const char *const lines[] = {
	"{\"v\":1,\"id\":\"20260105T100000.000001Z-0001\","
	"\"time\":\"2026-01-05T10:00:00Z\",\"question\":{\"id\":\"fail-1\","
	"\"text\":\"Tell me about a failure.\",\"category\":\"failure\"},"
	"\"answer\":\"We cut errors by 40% in 3 weeks. I just led it.\","
	"\"score\":{\"overall\":60,\"star\":70,\"growth\":50,\"parts\":"
	"{\"situation\":{\"present\":true,\"strength\":0.5,\"share\":0.2},"
	"\"result\":{\"present\":false,\"strength\":0,\"share\":0}},"
	"\"criteria\":{\"g/lesson\":0.2,\"g/owns\":0.8}},"
	"\"story\":\"Outage\",\"tags\":[\"onsite\"]}",
	"{\"v\":1,\"id\":\"20260114T100000.000001Z-0002\","
	"\"time\":\"2026-01-14T10:00:00Z\",\"question\":{\"id\":\"fail-1\","
	"\"text\":\"Tell me about a failure.\",\"category\":\"failure\"},"
	"\"answer\":\"We cut errors by 25% in 4 weeks, \\\"fast\\\", Zoë.\\n"
	"I just led the team.\",\"score\":{\"overall\":80,\"star\":90,"
	"\"growth\":70,\"parts\":{\"situation\":{\"present\":true,"
	"\"strength\":1,\"share\":0.3}},\"criteria\":{\"g/lesson\":0.6,"
	"\"g/owns\":1}},\"story\":\"outage\"}",
	"{\"v\":1,\"id\":\"20260114T110000.000001Z-0003\","
	"\"time\":\"2026-01-14T11:00:00Z\",\"question\":{\"id\":\"conf-2\","
	"\"text\":\"A conflict?\",\"category\":\"conflict\"},"
	"\"answer\":\"Straße und Über alles.\",\"score\":{\"overall\":30}}",
	"{\"v\":1,\"id\":\"20260115T000000.000001Z-0004\",\"type\":"
	"\"feedback\",\"attempt\":\"20260114T100000.000001Z-0002\","
	"\"model\":\"m1\",\"text\":\"Name the metric earlier.\"}",
};

#define NLINES (sizeof(lines) / sizeof(*lines))

static struct journal_view view;

static int load_view(void **state)
{
	struct journal_list l = { NULL, 0, 0 };
	char why[64];
	size_t i;

	(void)state;
	l.items = calloc(NLINES, sizeof(*l.items));
	l.cap = NLINES;
	for (i = 0; i < NLINES; i++) {
		l.items[i] = journal_parse_line(lines[i], strlen(lines[i]),
						why, sizeof(why));
		if (!l.items[i])
			return -1;
		l.len++;
	}
	return journal_view_init(&view, &l);
}

static int free_view(void **state)
{
	(void)state;
	journal_view_release(&view);
	return 0;
}

static void view__feedback_entries__are_not_attempts(void **state)
{
	struct journal_feedback fb[4];

	(void)state;
	assert_int_equal(view.nattempts, 3);
	assert_int_equal(view.nfeedback, 1);
	assert_int_equal(journal_feedback_of(&view, view.attempts[1], fb, 4),
			 1);
	assert_string_equal(fb[0].model, "m1");
	assert_string_equal(fb[0].text, "Name the metric earlier.");
	assert_int_equal(journal_feedback_of(&view, view.attempts[0], fb, 4),
			 0);
}

static void filter__each_option__selects_expected_attempts(void **state)
{
	static const struct {
		struct journal_filter f;
		const char *want;	/* which of the 3 attempts match */
	} cases[] = {
		{ { 0 }, "111" },
		{ { .question = "fail-1" }, "110" },
		{ { .category = "CONFLICT" }, "001" },
		{ { .tag = "Onsite" }, "100" },
		{ { .story = "OUTAGE" }, "110" },
		{ { .since = "2026-01-14" }, "011" },
		{ { .until = "2026-01-13" }, "100" },
		{ { .since = "2026-01-14", .until = "2026-01-14" }, "011" },
		{ { .min_score = 60, .has_min = 1 }, "110" },
		{ { .max_score = 60, .has_max = 1 }, "101" },
		{ { .min_score = 61, .max_score = 79, .has_min = 1,
		    .has_max = 1 }, "000" },
	};
	size_t i, k;
	char got[4];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		for (k = 0; k < 3; k++)
			got[k] = journal_filter_match(&cases[i].f,
						      view.attempts[k]) ? '1'
									: '0';
		got[3] = '\0';
		assert_string_equal(got, cases[i].want);
	}
}

static void date__valid_only_for_real_dates(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{ "2026-01-31", 1 }, { "2024-02-29", 1 }, { "2025-02-29", 0 },
		{ "1900-02-29", 0 }, { "2000-02-29", 1 }, { "2026-13-01", 0 },
		{ "2026-1-01", 0 }, { "2026-01-00", 0 }, { "26-01-01", 0 },
		{ "2026/01/01", 0 }, { "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_int_equal(journal_date_valid(cases[i].s), cases[i].ok);
}

static void search__any_case_any_field__finds_first_match(void **state)
{
	static const struct {
		int attempt;
		const char *needle;
		const char *field;
		size_t start, end;	/* 0, 0: no match */
	} cases[] = {
		{ 0, "ERRORS", "answer", 7, 13 },
		{ 0, "a failure", "question", 14, 23 },
		{ 0, "outage", "story", 0, 6 },
		{ 0, "ONSITE", "tag", 0, 6 },
		{ 1, "METRIC", "feedback", 9, 15 },
		{ 1, "zoË", "answer", 41, 45 },
		{ 2, "über", "answer", 12, 17 },
		{ 2, "STRASSE", NULL, 0, 0 },
		{ 2, "", NULL, 0, 0 },
	};
	struct journal_hit hit;
	size_t i;
	int found;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		found = journal_search(&view, view.attempts[cases[i].attempt],
				       cases[i].needle, &hit);
		assert_int_equal(found, cases[i].field != NULL);
		if (!found)
			continue;
		assert_string_equal(hit.field, cases[i].field);
		assert_int_equal(hit.start, cases[i].start);
		assert_int_equal(hit.end, cases[i].end);
	}
}

static void snippet__long_text__cut_around_match_on_one_line(void **state)
{
	const char *text = "one two three four five six seven eight nine "
			   "ten\neleven twelve thirteen fourteen";
	const char *at = strstr(text, "eleven");
	char out[4 * 30 + 8];

	(void)state;
	journal_snippet(text, (size_t)(at - text), (size_t)(at - text) + 6,
			30, out);
	assert_string_equal(out, "...nine ten eleven twelve...");
	journal_snippet(text, 0, 3, 30, out);
	assert_string_equal(out, "one two three four five six...");
}

static void numbers__units_and_changes__paired_in_order(void **state)
{
	struct journal_numbers a, b;
	struct journal_number_change ch[4];

	(void)state;
	assert_int_equal(journal_numbers_find("In 2019 we cut errors by 40% "
					      "in 3 weeks for $2m.\n1. "
					      "then 5 people", &a), 0);
	assert_int_equal(a.n, 4);
	assert_string_equal(a.items[0].text, "40%");
	assert_string_equal(a.items[0].unit, "%");
	assert_string_equal(a.items[1].text, "3 weeks");
	assert_string_equal(a.items[1].unit, "week");
	assert_string_equal(a.items[2].unit, "$m");
	assert_string_equal(a.items[3].text, "5 people");
	assert_int_equal(journal_numbers_find("By 25% in 3 weeks, 4 people, "
					      "$2m.", &b), 0);
	assert_int_equal(journal_numbers_changed(&a, &b, ch, 4), 2);
	assert_string_equal(ch[0].from->text, "40%");
	assert_string_equal(ch[0].to->text, "25%");
	assert_string_equal(ch[1].from->text, "5 people");
	assert_string_equal(ch[1].to->text, "4 people");
	journal_numbers_release(&a);
	journal_numbers_release(&b);
}

static void diff__words_and_sentences__counted_exactly(void **state)
{
	struct journal_diff d;

	(void)state;
	assert_int_equal(journal_diff_texts("I fixed the build. It was slow. "
					    "Build build.",
					    "I fixed the build quickly. It "
					    "was slow!", &d), 0);
	assert_int_equal(d.words_a, 9);
	assert_int_equal(d.words_b, 8);
	assert_int_equal(d.added_total, 1);
	assert_int_equal(d.nadded, 1);
	assert_string_equal(d.added[0].word, "quickly");
	assert_int_equal(d.removed_total, 2);
	assert_string_equal(d.removed[0].word, "build");
	assert_int_equal(d.removed[0].count, 2);
	assert_int_equal(d.nonly_a, 2);
	assert_string_equal(d.only_a[0], "I fixed the build.");
	assert_string_equal(d.only_a[1], "Build build.");
	assert_int_equal(d.nonly_b, 1);
	assert_string_equal(d.only_b[0], "I fixed the build quickly.");
	journal_diff_release(&d);
}

static void words__curly_apostrophe_and_dash__handled(void **state)
{
	const char *s = "I didn\xe2\x80\x99t \xe2\x80\x94 Zo\xc3\xab's x-ray";
	char w[32];

	(void)state;
	assert_int_equal(journal_word_next(&s, w, sizeof(w)), 1);
	assert_int_equal(journal_word_next(&s, w, sizeof(w)), 6);
	assert_string_equal(w, "didn't");
	journal_word_next(&s, w, sizeof(w));
	assert_string_equal(w, "zo\xc3\xab's");
	journal_word_next(&s, w, sizeof(w));
	assert_string_equal(w, "x-ray");
	assert_int_equal(journal_word_next(&s, w, sizeof(w)), 0);
}

static void words__number_separators__stay_in_the_number(void **state)
{
	static const struct {
		const char *text;
		const char *words[5];
	} cases[] = {
		{ "It cost $8,100.", { "it", "cost", "8,100" } },
		{ "took 2.5 days", { "took", "2.5", "days" } },
		{ "1,234.56 or 3. 4,x", { "1,234.56", "or", "3", "4", "x" } },
		{ "cut by 40%. Then", { "cut", "by", "40", "then" } },
		{ "a,b 7,", { "a", "b", "7" } },
	};
	size_t i, k;
	char w[32];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].text;

		for (k = 0; k < 5 && cases[i].words[k]; k++) {
			assert_int_not_equal(journal_word_next(&s, w,
							       sizeof(w)), 0);
			assert_string_equal(w, cases[i].words[k]);
		}
		assert_int_equal(journal_word_next(&s, w, sizeof(w)), 0);
	}
}

static void stats__groups_weeks_and_weakest__exact(void **state)
{
	struct journal_stats s;

	(void)state;
	assert_int_equal(journal_stats_compute(&view, NULL, &s), 0);
	assert_int_equal(s.attempts, 3);
	assert_int_equal(s.scored, 3);
	assert_true(s.best == 80);
	assert_int_equal(s.nweeks, 2);
	assert_string_equal(s.weeks[0].monday, "2026-01-05");
	assert_int_equal(s.weeks[0].n, 1);
	assert_string_equal(s.weeks[1].monday, "2026-01-12");
	assert_int_equal(s.weeks[1].n, 2);
	assert_int_equal(s.ncategories, 2);
	assert_string_equal(s.categories[0].name, "conflict");
	assert_string_equal(s.categories[1].name, "failure");
	assert_true(s.categories[1].sum == 140 && s.categories[1].best == 80);
	assert_int_equal(s.parts[0].n, 2);
	assert_int_equal(s.parts[0].present, 2);
	assert_true(s.parts[0].sum == 150);
	assert_string_equal(s.criteria[0].name, "g/lesson");
	assert_int_equal(s.nfillers, 1);
	assert_string_equal(s.fillers[0].word, "just");
	assert_int_equal(s.fillers[0].count, 2);
	journal_stats_release(&s);
}

static void stats__word_used_in_most_answers__is_a_lean(void **state)
{
	static const char *const answers[] = {
		"We had to leverage the cache and leverage the queue.",
		"I leverage data. Then I leverage people to ship.",
		"To leverage it, we measured twice.",
	};
	cJSON *e[3];
	struct journal_stats s;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < 3; i++) {
		e[i] = cJSON_CreateObject();
		cJSON_AddStringToObject(e[i], "answer", answers[i]);
	}
	memset(&s, 0, sizeof(s));
	rc = journal_words_lean((const cJSON **)e, 3, &s);
	assert_int_equal(rc, 0);
	assert_int_equal(s.words, 25);
	assert_int_equal(s.nleans, 1);
	assert_string_equal(s.leans[0].word, "leverage");
	assert_int_equal(s.leans[0].count, 5);
	assert_int_equal(s.leans[0].answers, 3);
	for (i = 0; i < 3; i++)
		cJSON_Delete(e[i]);
}

static void spark__levels_and_gaps__utf8_and_ascii(void **state)
{
	const double v[] = { 0, 50, 100, -1, 25 };
	char out[3 * 5 + 1];

	(void)state;
	journal_spark(v, 5, 0, 100, 1, out);
	assert_string_equal(out, "▁▅█ ▃");
	journal_spark(v, 5, 0, 100, 0, out);
	assert_string_equal(out, "_=# -");
}

/* Collects export output in a growing buffer. */
struct sink {
	char *s;
	size_t n;
};

static int sink_write(const char *s, size_t len, void *ctx)
{
	struct sink *k = ctx;
	char *p = realloc(k->s, k->n + len + 1);

	if (!p)
		return -1;
	memcpy(p + k->n, s, len);
	k->n += len;
	p[k->n] = '\0';
	k->s = p;
	return 0;
}

static void export__csv__quotes_commas_quotes_and_newlines(void **state)
{
	struct sink k = { NULL, 0 };
	const char *row;

	(void)state;
	assert_int_equal(journal_export(&view, view.attempts, 3, JOURNAL_CSV,
					sink_write, &k), 0);
	assert_non_null(strstr(k.s, "id,time,question_id,"));
	row = strstr(k.s, "\r\n20260114T100000.000001Z-0002,");
	assert_non_null(row);
	assert_non_null(strstr(row, ",\"We cut errors by 25% in 4 weeks, "
				    "\"\"fast\"\", Zoë.\nI just led the "
				    "team.\",m1: Name the metric earlier."
				    "\r\n"));
	assert_non_null(strstr(k.s, ",onsite,60,70,50,50,,,0,,"));
	free(k.s);
}

static void export__markdown__grouped_by_question(void **state)
{
	struct sink k = { NULL, 0 };
	char *fail, *conf, *second;

	(void)state;
	assert_int_equal(journal_export(&view, view.attempts, 3,
					JOURNAL_MARKDOWN, sink_write, &k), 0);
	assert_non_null(strstr(k.s, "3 attempts at 2 questions."));
	fail = strstr(k.s, "## Tell me about a failure.\n\n`fail-1` · "
			   "failure\n");
	second = strstr(k.s, "### 2026-01-14 · 80/100");
	conf = strstr(k.s, "## A conflict?");
	assert_non_null(fail);
	assert_non_null(second);
	assert_non_null(conf);
	assert_true(fail < second && second < conf);
	assert_non_null(strstr(k.s, "> We cut errors by 25% in 4 weeks, "
				    "\"fast\", Zoë.\n> I just led the "
				    "team.\n"));
	assert_non_null(strstr(k.s, "**Feedback**\n\n> m1: Name the metric"));
	free(k.s);
}

static void export__json__array_with_feedback_joined(void **state)
{
	struct sink k = { NULL, 0 };
	cJSON *arr, *fb;

	(void)state;
	assert_int_equal(journal_export(&view, view.attempts, 3, JOURNAL_JSON,
					sink_write, &k), 0);
	arr = cJSON_Parse(k.s);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 3);
	fb = cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 1), "feedback");
	assert_int_equal(cJSON_GetArraySize(fb), 1);
	assert_string_equal(journal_str(cJSON_GetArrayItem(fb, 0), "model"),
			    "m1");
	assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0),
					"feedback"));
	cJSON_Delete(arr);
	free(k.s);
}

static void labels__bad_names__refused(void **state)
{
	cJSON *e = cJSON_CreateObject();

	(void)state;
	assert_string_equal(journal_label_problem(""), "is empty");
	assert_string_equal(journal_label_problem(" x"),
			    "starts or ends with a space");
	assert_string_equal(journal_label_problem("a\nb"),
			    "contains a control character");
	assert_null(journal_label_problem("payments outage"));
	assert_int_equal(journal_entry_set_story(e, "a\tb"), -1);
	assert_int_equal(journal_entry_set_story(e, "outage"), 0);
	assert_int_equal(journal_entry_add_tag(e, "onsite"), 0);
	assert_int_equal(journal_entry_add_tag(e, "onsite"), 0);
	assert_int_equal(journal_entry_add_tag(e, "amazon"), 0);
	assert_string_equal(journal_str(e, "story"), "outage");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(e, "tags")),
			 2);
	cJSON_Delete(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(view__feedback_entries__are_not_attempts),
		cmocka_unit_test(
			filter__each_option__selects_expected_attempts),
		cmocka_unit_test(date__valid_only_for_real_dates),
		cmocka_unit_test(
			search__any_case_any_field__finds_first_match),
		cmocka_unit_test(
			snippet__long_text__cut_around_match_on_one_line),
		cmocka_unit_test(
			numbers__units_and_changes__paired_in_order),
		cmocka_unit_test(diff__words_and_sentences__counted_exactly),
		cmocka_unit_test(
			words__curly_apostrophe_and_dash__handled),
		cmocka_unit_test(
			words__number_separators__stay_in_the_number),
		cmocka_unit_test(stats__groups_weeks_and_weakest__exact),
		cmocka_unit_test(
			stats__word_used_in_most_answers__is_a_lean),
		cmocka_unit_test(spark__levels_and_gaps__utf8_and_ascii),
		cmocka_unit_test(
			export__csv__quotes_commas_quotes_and_newlines),
		cmocka_unit_test(export__markdown__grouped_by_question),
		cmocka_unit_test(export__json__array_with_feedback_joined),
		cmocka_unit_test(labels__bad_names__refused),
	};

	return cmocka_run_group_tests(tests, load_view, free_view);
}
