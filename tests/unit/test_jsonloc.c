/* Unit tests for jsonloc: the line where a value sits in JSON text. */
#include <string.h>

#include "testutil.h"
#include "coach/jsonloc.h"

#define MAX_DEPTH 4

static const char doc[] =
	"{\n"				/* 1 */
	"  \"schema\": 1,\n"		/* 2 */
	"  \"skip\": {\"a\": [1, {\"b\": \"}]\\\"\"}], \"c\": null},\n"
	"  \"list\": [\n"		/* 4 */
	"    true,\n"			/* 5 */
	"    {\"id\": \"x\",\n"		/* 6 */
	"     \"deep\": [-1.5e3, \"s\"]},\n"	/* 7 */
	"    \"third\"\n"		/* 8 */
	"  ],\n"			/* 9 */
	"  \"caf\\u00e9\": false,\n"	/* 10 */
	"  \"esc\\\"aped\":\n"		/* 11 */
	"    \"v\",\n"			/* 12 */
	"  \"\\ud83d\\ude00\": 0\n"	/* 13 */
	"}\n";

struct line_case {
	const char *name;
	struct jsonloc_step path[MAX_DEPTH];
	size_t depth;
	size_t line;
};

static const struct line_case line_cases[] = {
	{ "root", { { NULL, 0 } }, 0, 1 },
	{ "top key", { { "schema", 0 } }, 1, 2 },
	{ "key after nested value with tricky string",
	  { { "list", 0 } }, 1, 4 },
	{ "first element", { { "list", 0 }, { NULL, 0 } }, 2, 5 },
	{ "object element", { { "list", 0 }, { NULL, 1 } }, 2, 6 },
	{ "key in element",
	  { { "list", 0 }, { NULL, 1 }, { "deep", 0 } }, 3, 7 },
	{ "string in nested array",
	  { { "list", 0 }, { NULL, 1 }, { "deep", 0 }, { NULL, 1 } }, 4, 7 },
	{ "last element", { { "list", 0 }, { NULL, 2 } }, 2, 8 },
	{ "escaped unicode key", { { "caf\xc3\xa9", 0 } }, 1, 10 },
	{ "value on the line after its key",
	  { { "esc\"aped", 0 } }, 1, 12 },
	{ "surrogate pair key", { { "\xf0\x9f\x98\x80", 0 } }, 1, 13 },
	{ "missing key gives the deepest found",
	  { { "list", 0 }, { NULL, 1 }, { "nope", 0 } }, 3, 6 },
	{ "index past the end gives the array",
	  { { "list", 0 }, { NULL, 3 } }, 2, 4 },
	{ "key step on an array gives the array",
	  { { "list", 0 }, { "id", 0 } }, 2, 4 },
	{ "index step on an object gives the object",
	  { { NULL, 0 } }, 1, 1 },
	{ "key only inside a nested value is not found at the top",
	  { { "b", 0 } }, 1, 1 },
	{ "prefix of a key does not match", { { "sch", 0 } }, 1, 1 },
	{ "longer than a key does not match", { { "schemas", 0 } }, 1, 1 },
};

static void jsonloc_line__paths__give_the_line_of_the_value(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
		const struct line_case *c = &line_cases[i];
		size_t got = jsonloc_line(doc, strlen(doc), c->path, c->depth);

		if (got != c->line)
			fail_msg("%s: line %zu, expected %zu", c->name, got,
				 c->line);
	}
}

static void jsonloc_line__empty_text__is_line_one(void **state)
{
	struct jsonloc_step step = { "a", 0 };

	(void)state;
	assert_int_equal(jsonloc_line("", 0, &step, 1), 1);
	assert_int_equal(jsonloc_line("\n\n  ", 4, &step, 1), 1);
}

static void jsonloc_line__leading_blank_lines__count(void **state)
{
	static const char text[] = "\n\n[\n 1,\n 2]";
	struct jsonloc_step step = { NULL, 1 };

	(void)state;
	assert_int_equal(jsonloc_line(text, strlen(text), NULL, 0), 3);
	assert_int_equal(jsonloc_line(text, strlen(text), &step, 1), 5);
}

static void jsonloc_line__length__bounds_the_scan(void **state)
{
	static const char text[] = "{\"a\": 1,\n\"b\": 2}";
	struct jsonloc_step step = { "b", 0 };

	(void)state;
	assert_int_equal(jsonloc_line(text, 8, &step, 1), 1);
	assert_int_equal(jsonloc_line(text, strlen(text), &step, 1), 2);
}

static void jsonloc_line_of__offsets__count_newlines_before(void **state)
{
	static const char text[] = "ab\ncd\n\nef";

	(void)state;
	assert_int_equal(jsonloc_line_of(text, 0), 1);
	assert_int_equal(jsonloc_line_of(text, 2), 1);
	assert_int_equal(jsonloc_line_of(text, 3), 2);
	assert_int_equal(jsonloc_line_of(text, 6), 3);
	assert_int_equal(jsonloc_line_of(text, 7), 4);
	assert_int_equal(jsonloc_line_of(text, strlen(text)), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			jsonloc_line__paths__give_the_line_of_the_value),
		cmocka_unit_test(jsonloc_line__empty_text__is_line_one),
		cmocka_unit_test(jsonloc_line__leading_blank_lines__count),
		cmocka_unit_test(jsonloc_line__length__bounds_the_scan),
		cmocka_unit_test(
			jsonloc_line_of__offsets__count_newlines_before),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
