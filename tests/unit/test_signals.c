/* Tests for the style signals (absolutes, repetition), the user's
 * scoring settings from config.json, and technical talk-throughs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "testcatalog.h"
#include "coach/attempt.h"
#include "coach/catalog.h"

static const char repetitive[] =
	"At Acme I owned the billing service. I fixed the billing service "
	"and I improved the billing service. Then I fixed the billing "
	"service again because the billing service was slow. I improved "
	"the billing service and I fixed the billing service. In the end "
	"the billing service was faster.";

static const char sweeping[] =
	"At Acme the deploys always failed and nobody ever cared. Everyone "
	"always blamed ops, and nothing ever changed because everybody was "
	"always busy. I rewrote the deploy script and added checks. After "
	"that the deploys never failed.";

static const char plain[] =
	"At Acme the nightly deploy failed about once a week. I owned the "
	"deploy script. I read the last ten failures and found a race "
	"between two steps. I split them and added a check that waits for "
	"the first. After that the deploy failed once in three months.";

static unsigned flags_of(struct catalog *cat, const char *answer,
			 const struct score_settings *s)
{
	struct attempt a;
	struct err e = { 0 };
	unsigned flags;

	cat->settings = s;
	if (attempt_score(&a, cat, NULL, answer, strlen(answer), &e) != 0)
		fail_msg("attempt_score: %s", e.text);
	flags = a.report.flags;
	attempt_release(&a);
	cat->settings = NULL;
	return flags;
}

static void signals__repeated_phrases__flag_repetition(void **state)
{
	assert_true(flags_of(*state, repetitive, NULL) & FLAG_REPETITION);
	assert_false(flags_of(*state, plain, NULL) & FLAG_REPETITION);
}

static void signals__many_absolutes__flag_absolutes(void **state)
{
	assert_true(flags_of(*state, sweeping, NULL) & FLAG_ABSOLUTES);
	assert_false(flags_of(*state, plain, NULL) & FLAG_ABSOLUTES);
}

static void settings__disabled_rule__does_not_fire(void **state)
{
	char *off[] = { (char *)"star.absolutes" };
	struct score_settings s = { off, 1, NULL, 0, NULL, NULL, 0 };

	assert_false(flags_of(*state, sweeping, &s) & FLAG_ABSOLUTES);
}

static void settings__words_min_override__changes_too_short(void **state)
{
	char *keys[] = { (char *)"words_min" };
	double values[] = { 20 };
	struct score_settings s = { NULL, 0, NULL, 0, keys, values, 1 };

	assert_true(flags_of(*state, plain, NULL) & FLAG_TOO_SHORT);
	assert_false(flags_of(*state, plain, &s) & FLAG_TOO_SHORT);
}

static void settings__hedges_allow__stops_counting_a_word(void **state)
{
	static const char hedgy[] =
		"At Acme I just owned the deploy. I just read the logs and "
		"I just fixed the race. It just worked after that.";
	char *allow[] = { (char *)"just" };
	struct score_settings s = { NULL, 0, allow, 1, NULL, NULL, 0 };
	struct catalog *cat = *state;
	struct attempt a, b;
	struct err e = { 0 };

	assert_int_equal(attempt_score(&a, cat, NULL, hedgy, strlen(hedgy),
				       &e), 0);
	cat->settings = &s;
	assert_int_equal(attempt_score(&b, cat, NULL, hedgy, strlen(hedgy),
				       &e), 0);
	cat->settings = NULL;
	assert_int_equal(a.report.hedges, 4);
	assert_int_equal(b.report.hedges, 0);
	attempt_release(&a);
	attempt_release(&b);
}

static void concepts__technical_question__scored_on_coverage(void **state)
{
	static const char good[] =
		"An index is a sorted B-tree that finds rows in log n steps "
		"instead of a full table scan. It helps selective predicates; "
		"low cardinality columns rarely benefit. A composite index "
		"serves its leftmost prefix. A covering index answers the "
		"query from the index alone. The costs: slower writes, more "
		"disk space, and unused indexes that still cost on insert.";
	static const char shallow[] =
		"Indexes make databases faster, so you should add them to "
		"every column that is slow. The database figures out the "
		"rest on its own, and more indexes are usually better for "
		"performance in every situation I have seen so far.";
	struct catalog *cat = *state;
	const struct question *q = questions_find(&cat->questions,
						  "tech-db-indexing");
	struct attempt a, b;
	struct err e = { 0 };

	assert_non_null(q);
	assert_int_equal(attempt_score(&a, cat, q, good, strlen(good), &e),
			 0);
	assert_int_equal(attempt_score(&b, cat, q, shallow, strlen(shallow),
				       &e), 0);
	assert_true(a.report.concepts);
	assert_false(a.report.flags & FLAG_NO_EPISODE);
	assert_true(a.report.overall > b.report.overall + 30);
	attempt_release(&a);
	attempt_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signals__repeated_phrases__flag_repetition),
		cmocka_unit_test(signals__many_absolutes__flag_absolutes),
		cmocka_unit_test(settings__disabled_rule__does_not_fire),
		cmocka_unit_test(
			settings__words_min_override__changes_too_short),
		cmocka_unit_test(
			settings__hedges_allow__stops_counting_a_word),
		cmocka_unit_test(
			concepts__technical_question__scored_on_coverage),
	};

	return cmocka_run_group_tests(tests, catalog_setup, catalog_teardown);
}
