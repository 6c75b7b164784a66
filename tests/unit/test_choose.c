/* Unit tests for question choice: the due-ness formula, weakest first,
 * random order, categories, skipped questions and the journal's times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/choose.h"

#define DAY 86400.0
#define NOW (20000.0 * DAY)

static char id_a[] = "a", id_b[] = "b", id_c[] = "c", id_d[] = "d";
static char cat_x[] = "x", cat_y[] = "y", text[] = "?";

static struct question items[] = {
	{ id_a, text, cat_x, NULL, 0, NULL, 0 },
	{ id_b, text, cat_x, NULL, 0, NULL, 0 },
	{ id_c, text, cat_y, NULL, 0, NULL, 0 },
	{ id_d, text, cat_y, NULL, 0, NULL, 0 },
};

static const struct question_bank bank = { items, 4, 4 };

static void priority__table(void **state)
{
	static const struct {
		double score, days, want;
	} cases[] = {
		{ 0, 1, 1.0 },		/* interval 1 day */
		{ 100, 30, 1.0 },	/* interval 30 days */
		{ 50, 8.25, 1.0 },	/* interval 1 + 29/4 = 8.25 */
		{ 50, 0, 0.0 },
		{ 100, 3, 0.1 },
		{ 150, 30, 1.0 },	/* scores are clamped to 100 */
	};
	struct choose_stat s = { id_a, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s.score = cases[i].score;
		s.when = NOW - cases[i].days * DAY;
		assert_true(fabs(choose_priority(&s, NOW) - cases[i].want) <
			    1e-9);
	}
}

static void priority__never_practised__is_new(void **state)
{
	(void)state;
	assert_true(choose_priority(NULL, NOW) == CHOOSE_NEW);
}

static void weakest__never_practised_comes_first(void **state)
{
	struct choose_history h;
	struct choose_filter f = { NULL, NULL, NULL, 0 };
	const struct question *q;

	(void)state;
	choose_history_init(&h);
	assert_int_equal(choose_history_add(&h, "a", 10, NOW - 90 * DAY), 0);
	assert_int_equal(choose_history_add(&h, "b", 90, NOW), 0);
	assert_int_equal(choose_history_add(&h, "c", 40, NOW - DAY), 0);
	q = choose_next(&bank, &h, CHOOSE_WEAKEST, &f, 7, NOW);
	assert_string_equal(q->id, "d");
	choose_history_release(&h);
}

static void weakest__low_old_score_before_high_recent(void **state)
{
	struct choose_history h;
	struct choose_filter f = { NULL, NULL, NULL, 0 };
	const struct question *q;

	(void)state;
	choose_history_init(&h);
	choose_history_add(&h, "a", 90, NOW - 2 * DAY);
	choose_history_add(&h, "b", 30, NOW - 2 * DAY);
	choose_history_add(&h, "c", 95, NOW - 60 * DAY);
	choose_history_add(&h, "d", 60, NOW);
	q = choose_next(&bank, &h, CHOOSE_WEAKEST, &f, 0, NOW);
	assert_string_equal(q->id, "c");	/* 60 / 27.2 days */
	f.avoid = "c";
	q = choose_next(&bank, &h, CHOOSE_WEAKEST, &f, 0, NOW);
	assert_string_equal(q->id, "b");	/* 2 / 3.6 days */
	choose_history_release(&h);
}

static void auto__without_history__is_random_in_category(void **state)
{
	struct choose_filter f = { "y", "c", NULL, 0 };
	const struct question *q;
	uint64_t r;

	(void)state;
	for (r = 0; r < 8; r++) {
		q = choose_next(&bank, NULL, CHOOSE_AUTO, &f, r, NOW);
		assert_string_equal(q->id, "d");
	}
	f.avoid = NULL;
	assert_string_equal(choose_next(&bank, NULL, CHOOSE_RANDOM, &f, 0,
					NOW)->id, "c");
	assert_string_equal(choose_next(&bank, NULL, CHOOSE_RANDOM, &f, 1,
					NOW)->id, "d");
}

static void skipped__left_out_until_nothing_else(void **state)
{
	static const char *const skipped[] = { "a", "b", "c" };
	struct choose_filter f = { NULL, NULL, skipped, 3 };
	const struct question *q;

	(void)state;
	q = choose_next(&bank, NULL, CHOOSE_RANDOM, &f, 5, NOW);
	assert_string_equal(q->id, "d");
	f.category = "x";
	q = choose_next(&bank, NULL, CHOOSE_RANDOM, &f, 0, NOW);
	assert_string_equal(q->id, "a");
	f.category = "none";
	assert_null(choose_next(&bank, NULL, CHOOSE_RANDOM, &f, 0, NOW));
}

static void only_question__is_asked_again(void **state)
{
	struct question one[] = { { id_a, text, cat_x, NULL, 0, NULL, 0 } };
	struct question_bank b = { one, 1, 1 };
	struct choose_filter f = { NULL, "a", NULL, 0 };

	(void)state;
	assert_string_equal(choose_next(&b, NULL, CHOOSE_RANDOM, &f, 3,
					NOW)->id, "a");
}

static void history__keeps_latest_attempt(void **state)
{
	struct choose_history h;

	(void)state;
	choose_history_init(&h);
	choose_history_add(&h, "a", 50, NOW);
	choose_history_add(&h, "a", 20, NOW - DAY);
	choose_history_add(&h, "a", 70, NOW + DAY);
	assert_int_equal(h.n, 1);
	assert_true(choose_history_find(&h, "a")->score == 70);
	assert_null(choose_history_find(&h, "b"));
	choose_history_release(&h);
}

static void history__reads_journal_entry(void **state)
{
	const char *json = "{\"time\":\"2025-03-01T10:15:00.123Z\","
			   "\"question\":{\"id\":\"a\"},"
			   "\"score\":{\"overall\":42.5}}";
	cJSON *entry = cJSON_Parse(json);
	cJSON *bad = cJSON_Parse("{\"question\":{\"id\":\"b\"}}");
	struct choose_history h;

	(void)state;
	choose_history_init(&h);
	assert_int_equal(choose_history_add_entry(&h, entry), 0);
	assert_int_equal(choose_history_add_entry(&h, bad), 0);
	assert_int_equal(h.n, 1);
	assert_true(h.items[0].score == 42.5);
	assert_true(h.items[0].when == 1740824100.0);
	choose_history_release(&h);
	cJSON_Delete(entry);
	cJSON_Delete(bad);
}

static void parse_time__table(void **state)
{
	static const struct {
		const char *s;
		double want;
	} cases[] = {
		{ "1970-01-01T00:00:00Z", 0 },
		{ "2000-03-01T00:00:01Z", 951868801 },
		{ "2024-02-29T23:59:59.5Z", 1709251199 },
		{ "2025-13-01T00:00:00Z", -1 },
		{ "yesterday", -1 },
	};
	size_t i;

	(void)state;
	assert_true(choose_parse_time(NULL) == -1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_true(choose_parse_time(cases[i].s) == cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(priority__table),
		cmocka_unit_test(priority__never_practised__is_new),
		cmocka_unit_test(weakest__never_practised_comes_first),
		cmocka_unit_test(weakest__low_old_score_before_high_recent),
		cmocka_unit_test(auto__without_history__is_random_in_category),
		cmocka_unit_test(skipped__left_out_until_nothing_else),
		cmocka_unit_test(only_question__is_asked_again),
		cmocka_unit_test(history__keeps_latest_attempt),
		cmocka_unit_test(history__reads_journal_entry),
		cmocka_unit_test(parse_time__table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
