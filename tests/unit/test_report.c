/* Tests for score reports: quoted evidence, missing parts, tip wrapping
 * and colour in the text form; the fields of the JSON form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "testcatalog.h"
#include "coach/attempt.h"
#include "coach/report.h"

static const char story[] =
	"At my last job our nightly export of 40 GB failed for 3 weeks.\n"
	"Zo\xc3\xab and I read the logs and found a timeout in the join. "
	"I owned the export job.\n\n"
	"I rewrote the query and added a retry with backoff. In the end "
	"the export time dropped from 50 minutes to 6 minutes.\n"
	"I learned to test with production-sized data. At my next job I "
	"ran a load test on a copy of production data before every "
	"migration.\n";

static const char hypothetical[] =
	"If a release slipped, I would first talk to the team. I would "
	"look at the plan and I would cut scope. Then I would tell the "
	"stakeholders early.";

static void score(struct attempt *a, const struct catalog *cat,
		  const char *answer)
{
	struct err e = { 0 };

	if (attempt_score(a, cat, NULL, answer, strlen(answer), &e) != 0)
		fail_msg("attempt_score failed: %s", e.text);
}

static char *text_of(const struct attempt *a, int color, int width)
{
	struct report_opts o = { color, width, NULL };
	char *s = report_text(&a->report, &a->text, &o);

	assert_non_null(s);
	return s;
}

/* Characters (not bytes) in s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void report__text__quotes_each_part_from_the_answer(void **state)
{
	struct attempt a;
	char *s, quote[256];
	size_t quoted = 0;

	score(&a, *state, story);
	s = text_of(&a, 0, 80);

	for (int p = 0; p < SCORE_NPARTS; p++) {
		const char *name = score_part_name(p);

		if (!a.report.parts[p].present)
			continue;
		for (size_t i = 0; i < a.report.nevidence; i++) {
			const struct score_evidence *ev = &a.report.evidence[i];

			if (strcmp(ev->target, name) || ev->end <= ev->start ||
			    ev->delta <= 0)
				continue;
			/* Long quotes are cut to the width: their start
			 * must be there. */
			snprintf(quote, sizeof(quote), "\"%.*s",
				 (int)(ev->end - ev->start < 40 ?
				       ev->end - ev->start : 40),
				 story + ev->start);
			if (!strstr(s, quote))
				fail_msg("%s: report lacks %s", name, quote);
			quoted++;
			break;
		}
	}
	assert_true(quoted >= 4);
	assert_non_null(strstr(s, "(line 1)"));
	free(s);
	attempt_release(&a);
}

static void report__text__absent_parts_say_missing(void **state)
{
	static const char *const lines[] = {
		"  - Situation   missing\n", "  - Task        missing\n",
		"  - Action      missing\n", "  - Result      missing\n",
		"  - Reflection  missing\n",
	};
	struct attempt a;
	char *s;

	score(&a, *state, hypothetical);
	s = text_of(&a, 0, 80);

	for (size_t i = 0; i < 5; i++)
		if (!strstr(s, lines[i]))
			fail_msg("report lacks \"%s\":\n%s", lines[i], s);
	assert_non_null(strstr(s, "  ! hypothetical\n"));
	free(s);
	attempt_release(&a);

	score(&a, *state, story);
	s = text_of(&a, 0, 80);
	assert_null(strstr(s, "missing"));
	free(s);
	attempt_release(&a);
}

/* Checks the lines of the Tips section against width and returns how
 * many there are; joined gets them with each run of spaces made one. */
static size_t check_tips(const char *s, size_t width, char *joined,
			 size_t size)
{
	const char *p = strstr(s, "Tips\n");
	size_t lines = 0, used = 0;

	assert_non_null(p);
	for (p += 5; *p; lines++) {
		size_t n = strcspn(p, "\n");

		if (chars(p, n) > width)
			fail_msg("tip line over %zu: \"%.*s\"", width, (int)n,
				 p);
		for (size_t i = 0; i < n && used + 2 < size; i++)
			if (p[i] != ' ' || (used && joined[used - 1] != ' '))
				joined[used++] = p[i];
		if (used && joined[used - 1] != ' ')
			joined[used++] = ' ';
		p += n + (p[n] == '\n');
	}
	joined[used] = '\0';
	return lines;
}

static void report__tips__wrap_at_width(void **state)
{
	static const int widths[] = { 40, 52, 64, 80, 0 };
	struct attempt a;
	char joined[2048], want[300];

	score(&a, *state, hypothetical);
	assert_int_equal(a.report.ntips, 3);

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		size_t width = widths[i] ? (size_t)widths[i] : 80;
		char *s = text_of(&a, 0, widths[i]);
		size_t lines = check_tips(s, width, joined, sizeof(joined));

		assert_true(lines >= a.report.ntips);
		if (width == 40)
			assert_true(lines > a.report.ntips);
		for (size_t k = 0; k < a.report.ntips; k++) {
			snprintf(want, sizeof(want), "%zu. %s ", k + 1,
				 a.report.tips[k]);
			if (!strstr(joined, want))
				fail_msg("width %zu: tips lack \"%s\" in "
					 "\"%s\"", width, want, joined);
		}
		free(s);
	}
	attempt_release(&a);
}

static void report__colour__only_when_asked(void **state)
{
	struct attempt a;
	char *plain, *color;

	score(&a, *state, story);
	plain = text_of(&a, 0, 80);
	color = text_of(&a, 1, 80);

	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(color, "\033["));
	assert_non_null(strstr(color, "\033[0m"));
	free(plain);
	free(color);
	attempt_release(&a);
}

static void report__text__names_the_file(void **state)
{
	struct report_opts o = { 0, 80, "answers/mine.txt" };
	struct attempt a;
	char *s;

	score(&a, *state, story);
	s = report_text(&a.report, &a.text, &o);

	assert_non_null(s);
	assert_memory_equal(s, "answers/mine.txt\nOverall ", 25);
	free(s);
	attempt_release(&a);
}

static const cJSON *item(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v)
		fail_msg("JSON lacks \"%s\"", key);
	return v;
}

static void check_parts_and_flags(const cJSON *root,
				  const struct score_report *r)
{
	const cJSON *parts = item(root, "parts");
	const cJSON *flags = item(root, "flags");

	assert_int_equal(cJSON_GetArraySize(parts), SCORE_NPARTS);
	for (int p = 0; p < SCORE_NPARTS; p++) {
		const cJSON *o = item(parts, score_part_name(p));

		assert_true(cJSON_IsBool(item(o, "present")));
		assert_int_equal(cJSON_IsTrue(item(o, "present")),
				 r->parts[p].present != 0);
		assert_true(cJSON_IsNumber(item(o, "strength")));
	}
	assert_int_equal(cJSON_GetArraySize(flags), SCORE_NFLAGS);
	for (unsigned f = 0; f < SCORE_NFLAGS; f++) {
		const cJSON *v = item(flags, score_flag_name(1u << f));

		assert_true(cJSON_IsBool(v));
		assert_int_equal(cJSON_IsTrue(v), (r->flags >> f) & 1u);
	}
}

static size_t check_evidence(const cJSON *root, const char *answer)
{
	const cJSON *ev;
	size_t spans = 0;

	cJSON_ArrayForEach(ev, item(root, "evidence")) {
		const cJSON *start = cJSON_GetObjectItemCaseSensitive(ev,
								      "start");
		size_t a, b, line, col;

		assert_true(cJSON_IsString(item(ev, "rule")));
		if (!start)
			continue;
		a = (size_t)start->valuedouble;
		b = (size_t)item(ev, "end")->valuedouble;
		assert_true(a < b && b <= strlen(answer));
		assert_int_equal(strlen(item(ev, "text")->valuestring), b - a);
		assert_memory_equal(item(ev, "text")->valuestring, answer + a,
				    b - a);
		text_line_col(answer, a, &line, &col);
		assert_int_equal((size_t)item(ev, "line")->valuedouble, line);
		assert_int_equal((size_t)item(ev, "column")->valuedouble, col);
		spans++;
	}
	return spans;
}

static void report__json__schema_parts_flags_and_evidence(void **state)
{
	static const char *const answers[] = { story, hypothetical };
	struct report_opts o = { 0, 80, "a.txt" };

	for (size_t i = 0; i < 2; i++) {
		struct attempt a;
		cJSON *root;

		score(&a, *state, answers[i]);
		root = report_json(&a.report, &a.text, &o, 1);
		assert_non_null(root);

		assert_int_equal(item(root, "schema")->valueint, 1);
		assert_string_equal(item(root, "file")->valuestring, "a.txt");
		assert_int_equal(item(root, "words")->valueint,
				 (int)a.report.words);
		check_parts_and_flags(root, &a.report);
		assert_int_equal(cJSON_GetArraySize(item(root, "tips")),
				 (int)a.report.ntips);
		assert_true(check_evidence(root, answers[i]) > 0);
		cJSON_Delete(root);
		attempt_release(&a);
	}
}

/* Columns count characters: "Zo\xc3\xab" is three. */
static void report__json__evidence_columns_count_characters(void **state)
{
	static const char owned[] = "I owned the export job";
	struct attempt a;
	cJSON *root;
	const cJSON *ev;
	int found = 0;

	score(&a, *state, story);
	root = report_json(&a.report, &a.text, NULL, 1);

	cJSON_ArrayForEach(ev, item(root, "evidence")) {
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(ev, "text");

		if (!text || strncmp(text->valuestring, owned,
				     sizeof(owned) - 1))
			continue;
		assert_int_equal(item(ev, "line")->valueint, 2);
		assert_int_equal(item(ev, "column")->valueint, 58);
		assert_int_equal(item(ev, "start")->valueint, 63 + 58);
		found = 1;
	}
	assert_true(found);
	assert_null(cJSON_GetObjectItemCaseSensitive(root, "file"));
	cJSON_Delete(root);
	attempt_release(&a);
}

static void report__json__without_evidence_leaves_it_out(void **state)
{
	struct attempt a;
	cJSON *root;

	score(&a, *state, story);
	root = report_json(&a.report, &a.text, NULL, 0);

	assert_non_null(root);
	assert_null(cJSON_GetObjectItemCaseSensitive(root, "evidence"));
	assert_non_null(cJSON_GetObjectItemCaseSensitive(root, "parts"));
	cJSON_Delete(root);
	attempt_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			report__text__quotes_each_part_from_the_answer),
		cmocka_unit_test(report__text__absent_parts_say_missing),
		cmocka_unit_test(report__tips__wrap_at_width),
		cmocka_unit_test(report__colour__only_when_asked),
		cmocka_unit_test(report__text__names_the_file),
		cmocka_unit_test(
			report__json__schema_parts_flags_and_evidence),
		cmocka_unit_test(
			report__json__evidence_columns_count_characters),
		cmocka_unit_test(
			report__json__without_evidence_leaves_it_out),
	};

	return cmocka_run_group_tests(tests, catalog_setup, catalog_teardown);
}
