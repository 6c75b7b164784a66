/* Tests for interview plans: parsing, errors with lines, question choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/plan.h"

static const char good[] =
	"{\n"
	"  \"schema\": 1,\n"
	"  \"id\": \"mini\",\n"
	"  \"title\": \"A small loop\",\n"
	"  \"rounds\": [\n"
	"    {\"name\": \"Screen\", \"time_limit\": 600,\n"
	"     \"questions\": [\"a\", \"b\"]},\n"
	"    {\"name\": \"Onsite\", \"time_limit\": 900.5,\n"
	"     \"questions\": [\"a\"],\n"
	"     \"categories\": [\"failure\"], \"count\": 2}\n"
	"  ]\n"
	"}\n";

static const char bank[] =
	"{\"schema\": 1, \"questions\": [\n"
	" {\"id\": \"a\", \"text\": \"A?\", \"category\": \"failure\","
	"  \"competencies\": [\"x\"]},\n"
	" {\"id\": \"b\", \"text\": \"B?\", \"category\": \"conflict\","
	"  \"competencies\": [\"x\"]},\n"
	" {\"id\": \"c\", \"text\": \"C?\", \"category\": \"failure\","
	"  \"competencies\": [\"x\"]},\n"
	" {\"id\": \"d\", \"text\": \"D?\", \"category\": \"failure\","
	"  \"competencies\": [\"x\"]}\n"
	"]}\n";

static void plan__good_file__parses_every_field(void **state)
{
	struct plan_set set;
	const struct plan *p;
	struct err e;

	(void)state;
	plan_set_init(&set);
	assert_int_equal(plan_set_add(&set, "mini.json", good, strlen(good),
				      &e), 0);
	p = plan_set_find(&set, "mini");
	assert_non_null(p);
	assert_string_equal(p->title, "A small loop");
	assert_int_equal(p->nrounds, 2);
	assert_string_equal(p->rounds[0].name, "Screen");
	assert_int_equal(p->rounds[0].nquestions, 2);
	assert_int_equal(p->rounds[0].count, 0);
	assert_true(p->rounds[0].time_limit == 600);
	assert_int_equal(p->rounds[0].question_lines[1], 7);
	assert_int_equal(p->rounds[1].count, 2);
	assert_string_equal(p->rounds[1].categories[0], "failure");
	assert_true(p->rounds[1].time_limit == 900.5);
	plan_set_release(&set);
}

struct bad_case {
	const char *json;
	const char *error;
};

static void plan__bad_files__name_line_and_reason(void **state)
{
	static const struct bad_case cases[] = {
		{ "{\"schema\": 1,\n\"id\": \"x\",\n\"rounds\": [}",
		  "f.json:3: syntax error" },
		{ "{\"schema\": 2, \"id\": \"x\", \"rounds\": []}",
		  "f.json:1: unsupported schema 2 (this coach reads 1)" },
		{ "{\"schema\": 1,\n\"id\": \"x\",\n\"rounds\": []}",
		  "f.json:3: \"rounds\" is empty" },
		{ "{\"schema\": 1,\n\"id\": \"x\",\n\"round\": []}",
		  "f.json:3: unknown field \"round\"" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\", \"questions\": [\"a\"]}]}",
		  "f.json:2: missing \"time_limit\"" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\",\n\"time_limit\": 0, \"questions\": "
		  "[\"a\"]}]}",
		  "f.json:3: \"time_limit\" must be a number above 0" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\", \"time_limit\": 60}]}",
		  "f.json:2: a round needs \"questions\" or \"categories\"" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\", \"time_limit\": 60,\n"
		  "\"questions\": [\"a\"], \"count\": 2}]}",
		  "f.json:3: \"count\" needs \"categories\"" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\", \"time_limit\": 60,\n"
		  "\"questions\": [\n\"Bad Id\"]}]}",
		  "f.json:4: bad id \"Bad Id\" in \"questions\": use a-z, "
		  "0-9 and '-'" },
		{ "{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
		  "{\"name\": \"R\", \"time_limit\": 60,\n"
		  "\"categories\": [\"failure\"], \"count\": 1.5}]}",
		  "f.json:3: \"count\" must be a whole number above 0" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct plan_set set;
		struct err e;

		plan_set_init(&set);
		assert_int_equal(plan_set_add(&set, "f.json", cases[i].json,
					      strlen(cases[i].json), &e),
				 ERR_INPUT);
		assert_string_equal(e.text, cases[i].error);
		assert_int_equal(set.n, 0);
		plan_set_release(&set);
	}
}

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) s, sizeof(s) - 1

static void plan__nul_or_bad_utf8__refused_with_its_line(void **state)
{
	static const struct {
		const char *json;
		size_t len;
		const char *error;
	} cases[] = {
		{ BYTES("{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
			"{\"name\": \"R\", \"time_limit\": 60,\n"
			"\"questions\": [\"a\"]}]}\0"),
		  "f.json:3: contains a NUL byte" },
		{ BYTES("{\"schema\": 1, \"id\": \"x\", \"rounds\": [\n"
			"{\"name\": \"R\xc3\", \"time_limit\": 60,\n"
			"\"questions\": [\"a\"]}]}"),
		  "f.json:2: not valid UTF-8" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct plan_set set;
		struct err e;

		plan_set_init(&set);
		assert_int_equal(plan_set_add(&set, "f.json", cases[i].json,
					      cases[i].len, &e), ERR_INPUT);
		assert_string_equal(e.text, cases[i].error);
		assert_int_equal(set.n, 0);
		plan_set_release(&set);
	}
}

static void plan__same_id__replaces_earlier_plan(void **state)
{
	static const char other[] =
		"{\"schema\": 1, \"id\": \"mini\", \"rounds\": [\n"
		"{\"name\": \"Only\", \"time_limit\": 60,"
		" \"questions\": [\"b\"]}]}";
	struct plan_set set;
	struct err e;

	(void)state;
	plan_set_init(&set);
	assert_int_equal(plan_set_add(&set, "a", good, strlen(good), &e), 0);
	assert_int_equal(plan_set_add(&set, "b", other, strlen(other), &e),
			 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.items[0].rounds[0].name, "Only");
	plan_set_release(&set);
}

struct seen {
	size_t lines[8];
	size_t n;
};

static void collect(void *ctx, size_t line, const char *msg)
{
	struct seen *s = ctx;

	(void)msg;
	s->lines[s->n++] = line;
}

static void plan__check__reports_unknown_questions_and_categories(void **st)
{
	static const char refs[] =
		"{\"schema\": 1, \"id\": \"r\", \"rounds\": [\n"
		"{\"name\": \"R\", \"time_limit\": 60,\n"
		"\"questions\": [\"a\",\n\"zz\"],\n"
		"\"categories\": [\"mentoring\"]}]}";
	struct question_bank b;
	struct plan_set set;
	struct seen s = { { 0 }, 0 };
	struct err e;

	(void)st;
	questions_init(&b);
	plan_set_init(&set);
	assert_int_equal(questions_add(&b, "bank", bank, strlen(bank), &e), 0);
	assert_int_equal(plan_set_add(&set, "r", refs, strlen(refs), &e), 0);
	assert_int_equal(plan_check(&set.items[0], &b, collect, &s), 2);
	assert_int_equal(s.lines[0], 4);
	assert_int_equal(s.lines[1], 5);
	plan_set_release(&set);
	questions_release(&b);
}

static unsigned long zero(void *ctx)
{
	(void)ctx;
	return 0;
}

static void plan__round_questions__listed_then_drawn_without_repeats(
	void **state)
{
	const struct question *asked[1], *out[4];
	struct question_bank b;
	struct plan_set set;
	struct err e;
	size_t n;

	(void)state;
	questions_init(&b);
	plan_set_init(&set);
	assert_int_equal(questions_add(&b, "bank", bank, strlen(bank), &e), 0);
	assert_int_equal(plan_set_add(&set, "m", good, strlen(good), &e), 0);
	asked[0] = questions_find(&b, "c");
	n = plan_round_questions(&set.items[0].rounds[1], &b, asked, 1, zero,
				 NULL, out);
	assert_int_equal(n, 2);
	assert_string_equal(out[0]->id, "a");
	assert_string_equal(out[1]->id, "d");
	plan_set_release(&set);
	questions_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan__good_file__parses_every_field),
		cmocka_unit_test(plan__bad_files__name_line_and_reason),
		cmocka_unit_test(plan__nul_or_bad_utf8__refused_with_its_line),
		cmocka_unit_test(plan__same_id__replaces_earlier_plan),
		cmocka_unit_test(
		    plan__check__reports_unknown_questions_and_categories),
		cmocka_unit_test(
		    plan__round_questions__listed_then_drawn_without_repeats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
