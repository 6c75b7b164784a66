/* Prompt templates and the redaction of personal details. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/prompt.h"

struct redact_case {
	const char *in;
	const char *want;
	size_t count;
};

static void prompt__redact__replaces_emails_phones_and_names(void **st)
{
	static const char *const names[] = { "Priya Raman", "Acme" };
	static const struct redact_case cases[] = {
		{ "mail ana.b+x@mail.example.com now", "mail [email] now", 1 },
		{ "call +1 (415) 555-0132.", "call [phone].", 1 },
		{ "call 555-0132 or 020 7946 0958", "call [phone] or [phone]",
		  2 },
		{ "priya raman and ACME agreed", "[name] and [name] agreed",
		  2 },
		{ "Acmes and PriyaRaman stay", "Acmes and PriyaRaman stay", 0 },
		{ "cut 40% in 2019-2020, 1,200 to 300 ms",
		  "cut 40% in 2019-2020, 1,200 to 300 ms", 0 },
		{ "v1.2.3 at 10:30 on 2024.12.03", "v1.2.3 at 10:30 on "
		  "2024.12.03", 0 },
		{ "not an@address and @handle", "not an@address and @handle",
		  0 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = 99;
		char *out = prompt_redact(cases[i].in, names, 2, &n);

		assert_non_null(out);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, cases[i].count);
		free(out);
	}
}

static void prompt__expand__fills_known_keeps_unknown(void **st)
{
	static const char *const keys[] = { "question", "answer" };
	static const char *const vals[] = { "Q?", "I said {{question}}" };
	char *out;

	(void)st;
	out = prompt_expand("{{question}}|{{answer}}|{{other}}|{{", keys,
			    vals, 2);
	assert_string_equal(out, "Q?|I said {{question}}|{{other}}|{{");
	free(out);
}

static void prompt__load__built_in_feedback_templates(void **st)
{
	char *sys = NULL, *user = NULL;

	(void)st;
	assert_int_equal(prompt_load(NULL, "feedback-system", &sys, NULL), 0);
	assert_int_equal(prompt_load("/nonexistent", "feedback-user", &user,
				     NULL), 0);
	assert_non_null(strstr(user, "{{answer}}"));
	assert_non_null(strstr(user, "{{report}}"));
	assert_non_null(strstr(sys, "STAR"));
	free(sys);
	free(user);
}

static void prompt__load__unknown_name_is_input_error(void **st)
{
	struct err e;
	char *out = (char *)"x";

	(void)st;
	assert_int_equal(prompt_load(NULL, "nope", &out, &e), ERR_INPUT);
	assert_null(out);
	assert_string_equal(e.text, "no prompt template 'nope'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			prompt__redact__replaces_emails_phones_and_names),
		cmocka_unit_test(prompt__expand__fills_known_keeps_unknown),
		cmocka_unit_test(prompt__load__built_in_feedback_templates),
		cmocka_unit_test(prompt__load__unknown_name_is_input_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
