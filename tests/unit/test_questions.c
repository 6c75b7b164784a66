/* Unit tests for question banks: the shipped bank, checks, overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/questions.h"

#define SHIPPED "prompts/questions.json"

static const char *const known_categories[] = {
	"failure", "stakeholder", "ambiguity", "conflict", "incident",
	"ownership", "deadline", "decision", "mentoring", "influence",
	"feedback", "prioritization", "customer", NULL
};

static const char *const known_competencies[] = {
	"learning-from-failure", "stakeholder-collaboration", "ambiguity",
	"conflict", "incident-ownership", "ownership", "missed-deadline",
	"incomplete-data-decisions", "mentoring",
	"influence-without-authority", "receiving-feedback", "prioritisation",
	"customer-focus", "disagreeing-with-manager", "growth-mindset", NULL
};

static const char *const required_texts[] = {
	"Tell me about a time you learned from failure.",
	"Describe collaborating with a difficult stakeholder.",
	"How do you approach an ambiguous problem?",
};

static const char two_failures[] =
	"{\"schema\": 1, \"questions\": [\n"
	"{\"id\": \"f-one\", \"text\": \"One?\", \"category\": \"failure\",\n"
	" \"competencies\": [\"learning-from-failure\"]},\n"
	"{\"id\": \"f-two\", \"text\": \"Two?\", \"category\": \"failure\",\n"
	" \"competencies\": [\"growth-mindset\"], \"rubrics\": [\"star\"]},\n"
	"{\"id\": \"c-one\", \"text\": \"Three?\",\n"
	" \"category\": \"conflict\",\n"
	" \"competencies\": [\"conflict\"]}\n"
	"]}\n";

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}

static void load_text(struct question_bank *b, const char *text)
{
	struct err e = { 0 };
	int rc = questions_add(b, "test.json", text, strlen(text), &e);

	if (rc != 0)
		fail_msg("unexpected error: %s", e.text);
}

static void shipped__loads__with_enough_questions(void **state)
{
	struct question_bank b;
	struct err e = { 0 };
	size_t len, i;
	char *text = read_all(SHIPPED, &len);

	(void)state;
	questions_init(&b);
	if (questions_add(&b, SHIPPED, text, len, &e) != 0)
		fail_msg("%s", e.text);
	assert_true(b.n >= 23);
	for (i = 0; i < sizeof(required_texts) / sizeof(*required_texts);
	     i++) {
		size_t j;

		for (j = 0; j < b.n; j++)
			if (strcmp(b.items[j].text, required_texts[i]) == 0)
				break;
		if (j == b.n)
			fail_msg("missing question \"%s\"", required_texts[i]);
	}
	questions_release(&b);
	free(text);
}

static void shipped__categories_and_competencies__are_known(void **state)
{
	struct question_bank b;
	size_t len, i, j;
	char *text = read_all(SHIPPED, &len);

	(void)state;
	questions_init(&b);
	load_text(&b, text);
	for (i = 0; i < b.n; i++) {
		assert_true(in_list(b.items[i].category, known_categories));
		for (j = 0; j < b.items[i].ncompetencies; j++)
			if (!in_list(b.items[i].competencies[j],
				     known_competencies))
				fail_msg("%s: unknown competency \"%s\"",
					 b.items[i].id,
					 b.items[i].competencies[j]);
	}
	for (i = 0; known_categories[i]; i++)
		if (!questions_pick(&b, known_categories[i], NULL, 0))
			fail_msg("no question in \"%s\"", known_categories[i]);
	questions_release(&b);
	free(text);
}

static void add__good_file__keeps_every_field(void **state)
{
	struct question_bank b;
	const struct question *q;

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	assert_int_equal(b.n, 3);
	q = questions_find(&b, "f-two");
	assert_non_null(q);
	assert_string_equal(q->text, "Two?");
	assert_string_equal(q->category, "failure");
	assert_int_equal(q->ncompetencies, 1);
	assert_string_equal(q->competencies[0], "growth-mindset");
	assert_int_equal(q->nrubrics, 1);
	assert_string_equal(q->rubrics[0], "star");
	assert_int_equal(questions_find(&b, "f-one")->nrubrics, 0);
	assert_null(questions_find(&b, "f-three"));
	questions_release(&b);
}

struct bad_case {
	const char *json;
	const char *message;
};

static const struct bad_case bad_cases[] = {
	{ "{\n  \"schema\": 1,\n  \"questions\": [,]\n}\n",
	  "bad.json:3: syntax error" },
	{ "{\"schema\": 1,\n \"questions\": [\n  {\"id\": \"a\",\n",
	  "bad.json:3: syntax error" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\", \"text\": \"T\","
	  " \"category\": \"failure\", \"competencies\": [\"x\"]}]}\n\n}",
	  "bad.json:3: syntax error" },
	{ "", "bad.json:1: syntax error" },
	{ "\n[1, 2]", "bad.json:2: top level must be an object" },
	{ "{\n  \"schema\": 2,\n  \"questions\": []\n}\n",
	  "bad.json:2: unsupported schema 2 (this coach reads 1)" },
	{ "{\n  \"questions\": []\n}\n", "bad.json:1: missing \"schema\"" },
	{ "{\n  \"schema\": \"1\"\n}\n",
	  "bad.json:2: \"schema\" must be a number" },
	{ "{\n  \"schema\": 1\n}\n", "bad.json:1: missing \"questions\"" },
	{ "{\n  \"schema\": 1,\n  \"questions\": {}\n}\n",
	  "bad.json:3: \"questions\" must be an array" },
	{ "{\n  \"schema\": 1,\n  \"questions\": []\n}\n",
	  "bad.json:3: \"questions\" is empty" },
	{ "{\n  \"schema\": 1,\n  \"titel\": \"x\",\n  \"questions\": []\n}",
	  "bad.json:3: unknown field \"titel\"" },
	{ "{\"schema\": 1, \"title\": 7, \"questions\": []}",
	  "bad.json:1: \"title\" must be a string" },
	{ "{\"schema\": 1, \"questions\": [\n  \"q\"\n]}",
	  "bad.json:2: a question must be an object" },
	{ "{\n  \"schema\": 1,\n  \"questions\": [\n"
	  "    {\"text\": \"T?\", \"category\": \"failure\",\n"
	  "     \"competencies\": [\"growth-mindset\"]}\n  ]\n}\n",
	  "bad.json:4: missing \"id\"" },
	{ "{\"schema\": 1, \"questions\": [{\n \"id\": \"\",\n \"text\": \"T\","
	  " \"category\": \"failure\", \"competencies\": [\"x\"]}]}",
	  "bad.json:2: \"id\" must be a non-empty string" },
	{ "{\"schema\": 1, \"questions\": [{\n \"id\": \"Bad_Id\",\n"
	  " \"text\": \"T\", \"category\": \"failure\","
	  " \"competencies\": [\"x\"]}]}",
	  "bad.json:2: bad id \"Bad_Id\": use a-z, 0-9 and '-'" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\",\n \"text\": 3,"
	  " \"category\": \"failure\", \"competencies\": [\"x\"]}]}",
	  "bad.json:2: \"text\" must be a non-empty string" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\", \"text\": \"T\","
	  "\n \"competencies\": [\"x\"]}]}",
	  "bad.json:1: missing \"category\"" },
	{ "{\n  \"schema\": 1,\n  \"questions\": [\n"
	  "    {\"id\": \"a\", \"text\": \"T?\",\n"
	  "     \"category\": \"failures\",\n"
	  "     \"competencies\": [\"growth-mindset\"]}\n  ]\n}\n",
	  "bad.json:5: unknown category \"failures\"" },
	{ "{\n  \"schema\": 1,\n  \"questions\": [\n"
	  "    {\"id\": \"same\", \"text\": \"One?\","
	  " \"category\": \"failure\","
	  "\n     \"competencies\": [\"growth-mindset\"]},\n"
	  "    {\"id\": \"other\", \"text\": \"Two?\","
	  " \"category\": \"failure\","
	  "\n     \"competencies\": [\"growth-mindset\"]},\n"
	  "    {\"id\": \"same\", \"text\": \"Three?\","
	  " \"category\": \"failure\","
	  "\n     \"competencies\": [\"growth-mindset\"]}\n  ]\n}\n",
	  "bad.json:8: duplicate id \"same\" (first on line 4)" },
	{ "{\n  \"schema\": 1,\n  \"questions\": [\n"
	  "    {\"id\": \"a\", \"text\": \"T?\", \"category\": \"failure\",\n"
	  "     \"competencies\": [\"growth-mindset\"],\n"
	  "     \"rubric\": [\"star\"]}\n  ]\n}\n",
	  "bad.json:6: unknown field \"rubric\"" },
	{ "{\"schema\": 1, \"questions\": [\n"
	  "  {\"id\": \"a\", \"id\": \"b\", \"text\": \"T\","
	  " \"category\": \"failure\", \"competencies\": [\"x\"]}]}",
	  "bad.json:2: duplicate field \"id\"" },
	{ "{\n  \"schema\": 1,\n  \"questions\": [\n"
	  "    {\"id\": \"a\", \"text\": \"T?\", \"category\": \"failure\",\n"
	  "     \"competencies\": \"growth-mindset\"}\n  ]\n}\n",
	  "bad.json:5: \"competencies\" must be an array of strings" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\", \"text\": \"T\","
	  " \"category\": \"failure\",\n \"competencies\": [\"x\", 2]}]}",
	  "bad.json:2: \"competencies\" must be an array of strings" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\", \"text\": \"T\","
	  " \"category\": \"failure\",\n \"competencies\": []}]}",
	  "bad.json:2: \"competencies\" is empty" },
	{ "{\"schema\": 1, \"questions\": [{\"id\": \"a\", \"text\": \"T\","
	  " \"category\": \"failure\", \"competencies\": [\"x\"],\n"
	  " \"rubrics\": [\"Star Rubric\"]}]}",
	  "bad.json:2: bad id \"Star Rubric\" in \"rubrics\": use a-z, 0-9 "
	  "and '-'" },
};

static void add__bad_files__name_file_line_and_fault(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct question_bank b;
		struct err e = { 0 };
		int rc;

		questions_init(&b);
		rc = questions_add(&b, "bad.json", c->json, strlen(c->json),
				   &e);
		if (rc != ERR_INPUT || strcmp(e.text, c->message) != 0)
			fail_msg("case %zu: got %d \"%s\", expected \"%s\"", i,
				 rc, e.text, c->message);
		assert_int_equal(e.status, ERR_INPUT);
		assert_int_equal(b.n, 0);
		questions_release(&b);
	}
}

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) s, sizeof(s) - 1

static void add__nul_or_bad_utf8__refused_with_its_line(void **state)
{
	static const struct {
		const char *json;
		size_t len;
		const char *message;
	} cases[] = {
		{ BYTES("{\"schema\": 1, \"questions\": [\n"
			"{\"id\": \"a\", \"text\": \"T?\","
			" \"category\": \"failure\","
			" \"competencies\": [\"x\"]}]}\n\0junk"),
		  "bad.json:3: contains a NUL byte" },
		{ BYTES("{\"schema\": 1, \"questions\": [\n"
			"{\"id\": \"a\", \"text\": \"T\xe9?\","
			" \"category\": \"failure\","
			" \"competencies\": [\"x\"]}]}\n"),
		  "bad.json:2: not valid UTF-8" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct question_bank b;
		struct err e = { 0 };

		questions_init(&b);
		assert_int_equal(questions_add(&b, "bad.json", cases[i].json,
					       cases[i].len, &e), ERR_INPUT);
		assert_string_equal(e.text, cases[i].message);
		assert_int_equal(b.n, 0);
		questions_release(&b);
	}
}

static void add__bad_file__leaves_the_bank_unchanged(void **state)
{
	static const char half_good[] =
		"{\"schema\": 1, \"questions\": [\n"
		"{\"id\": \"f-one\", \"text\": \"Changed?\","
		" \"category\": \"failure\", \"competencies\": [\"x\"]},\n"
		"{\"id\": \"new\", \"text\": \"New?\","
		" \"category\": \"failure\", \"competencies\": [\"x\"]},\n"
		"{\"id\": \"broken\", \"text\": \"Broken?\","
		" \"category\": \"nope\", \"competencies\": [\"x\"]}\n]}";
	struct question_bank b;
	struct err e = { 0 };

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	assert_int_equal(questions_add(&b, "half.json", half_good,
				       strlen(half_good), &e), ERR_INPUT);
	assert_string_equal(e.text, "half.json:4: unknown category \"nope\"");
	assert_int_equal(b.n, 3);
	assert_string_equal(questions_find(&b, "f-one")->text, "One?");
	assert_null(questions_find(&b, "new"));
	questions_release(&b);
}

static void add__same_id__replaces_the_question(void **state)
{
	static const char user[] =
		"{\"schema\": 1, \"questions\": [\n"
		"{\"id\": \"f-one\", \"text\": \"Mine?\","
		" \"category\": \"conflict\","
		" \"competencies\": [\"conflict\"]},"
		"\n{\"id\": \"mine\", \"text\": \"Extra?\","
		" \"category\": \"failure\", \"competencies\": [\"x\"]}\n]}";
	struct question_bank b;
	const struct question *q;

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	load_text(&b, user);
	assert_int_equal(b.n, 4);
	q = questions_find(&b, "f-one");
	assert_ptr_equal(q, &b.items[0]);
	assert_string_equal(q->text, "Mine?");
	assert_string_equal(q->category, "conflict");
	assert_string_equal(questions_find(&b, "mine")->text, "Extra?");
	assert_string_equal(b.items[3].id, "mine");
	questions_release(&b);
}

static void pick__category__chooses_among_its_questions(void **state)
{
	struct question_bank b;

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	assert_string_equal(questions_pick(&b, "failure", NULL, 0)->id,
			    "f-one");
	assert_string_equal(questions_pick(&b, "failure", NULL, 1)->id,
			    "f-two");
	assert_string_equal(questions_pick(&b, "failure", NULL, 2)->id,
			    "f-one");
	assert_string_equal(questions_pick(&b, "conflict", NULL, 7)->id,
			    "c-one");
	assert_string_equal(questions_pick(&b, NULL, NULL, 2)->id, "c-one");
	questions_release(&b);
}

static void pick__avoid_id__skips_the_current_question(void **state)
{
	struct question_bank b;
	unsigned long r;

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	for (r = 0; r < 4; r++)
		assert_string_equal(
			questions_pick(&b, "failure", "f-one", r)->id,
			"f-two");
	assert_string_equal(questions_pick(&b, NULL, "f-one", 0)->id,
			    "f-two");
	assert_string_equal(questions_pick(&b, NULL, "f-one", 1)->id,
			    "c-one");
	questions_release(&b);
}

static void pick__only_candidate_is_avoided__still_returns_it(void **state)
{
	struct question_bank b;

	(void)state;
	questions_init(&b);
	load_text(&b, two_failures);
	assert_string_equal(questions_pick(&b, "conflict", "c-one", 5)->id,
			    "c-one");
	questions_release(&b);
}

static void pick__empty_category__returns_null(void **state)
{
	struct question_bank b;

	(void)state;
	questions_init(&b);
	assert_null(questions_pick(&b, NULL, NULL, 0));
	load_text(&b, two_failures);
	assert_null(questions_pick(&b, "mentoring", NULL, 0));
	assert_null(questions_pick(&b, "mentoring", "f-one", 3));
	questions_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped__loads__with_enough_questions),
		cmocka_unit_test(
			shipped__categories_and_competencies__are_known),
		cmocka_unit_test(add__good_file__keeps_every_field),
		cmocka_unit_test(add__bad_files__name_file_line_and_fault),
		cmocka_unit_test(add__nul_or_bad_utf8__refused_with_its_line),
		cmocka_unit_test(add__bad_file__leaves_the_bank_unchanged),
		cmocka_unit_test(add__same_id__replaces_the_question),
		cmocka_unit_test(pick__category__chooses_among_its_questions),
		cmocka_unit_test(pick__avoid_id__skips_the_current_question),
		cmocka_unit_test(
			pick__only_candidate_is_avoided__still_returns_it),
		cmocka_unit_test(pick__empty_category__returns_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
