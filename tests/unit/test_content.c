/*
 * Tests for the shipped content: questions resolve to rubrics, every
 * criterion has an answer that earns it and a near miss, topic cues agree
 * with the labelled answers, plans name known questions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "testutil.h"
#include "coach/catalog.h"
#include "coach/fileio.h"

#define CRITERIA_CASES "tests/data/criteria-cases.json"

static struct catalog cat;

static int setup(void **state)
{
	struct err e;

	(void)state;
	if (catalog_load(&cat, NULL, &e) != 0) {
		fprintf(stderr, "%s\n", e.text);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

static cJSON *read_json(const char *path)
{
	struct err e;
	char *data;
	size_t len;
	cJSON *root;

	if (fileio_read(path, FILEIO_MAX_DATA, &data, &len, &e) != 0)
		fail_msg("%s", e.text);
	root = cJSON_ParseWithLength(data, len);
	free(data);
	assert_non_null(root);
	return root;
}

/* Rubrics scored by criteria a question can name: not star, not growth. */
static int is_named_rubric(const struct rubric *r)
{
	return strcmp(r->id, "star") != 0 &&
	       strcmp(r->id, "growth-mindset") != 0 &&
	       strcmp(r->id, "topics") != 0;
}

/* Whether a non-negated cue of rubric/criterion occurs in text. */
static int earns(const char *rubric, const char *criterion,
		 const char *text)
{
	const struct rubric *r = rubric_set_find(&cat.rubrics, rubric);
	long want = r ? rubric_criterion_index(r, criterion) : -1;
	struct rubric_hit *hits = NULL;
	struct text t;
	long n;
	int found = 0;

	assert_non_null(r);
	assert_true(want >= 0);
	assert_int_equal(text_analyze(&t, cat.rubrics.stemmer, text,
				      strlen(text)), 0);
	n = rubric_set_match(&cat.rubrics, &t, &hits);
	assert_true(n >= 0);
	for (long i = 0; i < n; i++) {
		const struct rubric *hr = &cat.rubrics.items[hits[i].rubric];

		if (hr == r && (long)hits[i].criterion == want &&
		    !hits[i].negated)
			found = 1;
	}
	free(hits);
	text_release(&t);
	return found;
}

static void content__every_question__names_rubrics_that_exist(void **s)
{
	(void)s;
	assert_true(cat.questions.n >= 50);
	for (size_t i = 0; i < cat.questions.n; i++) {
		const struct question *q = &cat.questions.items[i];

		if (q->nrubrics == 0)
			fail_msg("question %s names no rubric", q->id);
		for (size_t k = 0; k < q->nrubrics; k++)
			if (!rubric_set_find(&cat.rubrics, q->rubrics[k]))
				fail_msg("question %s names unknown rubric %s",
					 q->id, q->rubrics[k]);
	}
}

static void content__technical_questions__use_concept_rubrics(void **s)
{
	size_t technical = 0;

	(void)s;
	for (size_t i = 0; i < cat.questions.n; i++) {
		const struct question *q = &cat.questions.items[i];
		const struct rubric *r;

		if (strcmp(q->category, "technical") != 0)
			continue;
		technical++;
		assert_int_equal(q->nrubrics, 1);
		r = rubric_set_find(&cat.rubrics, q->rubrics[0]);
		assert_non_null(r);
		assert_string_equal(r->kind, "concepts");
	}
	assert_int_equal(technical, 9);
}

static void content__named_rubrics__have_hint_example_and_probes(void **s)
{
	(void)s;
	for (size_t i = 0; i < cat.rubrics.n; i++) {
		const struct rubric *r = &cat.rubrics.items[i];

		if (!is_named_rubric(r))
			continue;
		if (!r->hint || r->nexample < 3)
			fail_msg("%s lacks a hint or an example", r->id);
		assert_string_equal(r->example[0], "Example outline:");
		for (size_t c = 0; c < r->ncriteria; c++)
			if (!r->criteria[c].tip || !r->criteria[c].followup)
				fail_msg("%s/%s lacks a tip or a followup",
					 r->id, r->criteria[c].id);
	}
}

static void content__topics__one_criterion_per_category(void **s)
{
	static const char *const categories[] = {
		"failure", "stakeholder", "ambiguity", "conflict", "incident",
		"ownership", "deadline", "decision", "mentoring", "influence",
		"feedback", "prioritization", "customer", "technical"
	};
	const struct rubric *r = rubric_set_find(&cat.rubrics, "topics");
	size_t opposites = 0;

	(void)s;
	assert_non_null(r);
	for (size_t i = 0; i < 14; i++)
		assert_true(rubric_criterion_index(r, categories[i]) >= 0);
	/* The rest name the opposite story of a category. */
	for (size_t i = 0; i < r->ncriteria; i++) {
		const char *id = r->criteria[i].id;
		const char *dash = strstr(id, "-opposite");

		if (!dash)
			continue;
		assert_string_equal(dash, "-opposite");
		for (size_t k = 0; k < 14; k++)
			if (strlen(categories[k]) == (size_t)(dash - id) &&
			    strncmp(id, categories[k], dash - id) == 0)
				opposites++;
	}
	assert_int_equal(r->ncriteria, 14 + opposites);
}

/* Each case: its earns text matches the criterion, its misses does not. */
static void content__criteria_cases__earn_and_near_miss(void **s)
{
	cJSON *root = read_json(CRITERIA_CASES);
	const cJSON *c;

	(void)s;
	cJSON_ArrayForEach(c, root) {
		const char *rb = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "rubric"));
		const char *cr = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "criterion"));
		const char *yes = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "earns"));
		const char *no = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "misses"));

		assert_non_null(rb);
		assert_non_null(cr);
		assert_non_null(yes);
		assert_non_null(no);
		assert_true(strlen(no) > 10);
		if (!earns(rb, cr, yes))
			fail_msg("%s/%s: not earned by: %s", rb, cr, yes);
		if (earns(rb, cr, no))
			fail_msg("%s/%s: earned by the near miss: %s", rb, cr,
				 no);
	}
	cJSON_Delete(root);
}

static int has_case(const cJSON *root, const char *rb, const char *cr)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, root) {
		const char *r = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "rubric"));
		const char *k = cJSON_GetStringValue(
			cJSON_GetObjectItem(c, "criterion"));

		if (r && k && !strcmp(r, rb) && !strcmp(k, cr))
			return 1;
	}
	return 0;
}

static void content__criteria_cases__cover_every_criterion(void **s)
{
	cJSON *root = read_json(CRITERIA_CASES);
	size_t covered = 0;

	(void)s;
	for (size_t i = 0; i < cat.rubrics.n; i++) {
		const struct rubric *r = &cat.rubrics.items[i];

		if (strcmp(r->id, "star") == 0 ||
		    strcmp(r->id, "growth-mindset") == 0)
			continue;
		for (size_t c = 0; c < r->ncriteria; c++) {
			if (!has_case(root, r->id, r->criteria[c].id))
				fail_msg("no case for %s/%s", r->id,
					 r->criteria[c].id);
			covered++;
		}
	}
	assert_int_equal(covered, (size_t)cJSON_GetArraySize(root));
	cJSON_Delete(root);
}

/* The topic cue weight an answer gathers for category. */
static double topic_weight(const char *answer, const char *category)
{
	const struct rubric *r = rubric_set_find(&cat.rubrics, "topics");
	long want = rubric_criterion_index(r, category);
	struct rubric_hit *hits = NULL;
	struct text t;
	double sum = 0;
	long n;

	assert_true(want >= 0);
	assert_int_equal(text_analyze(&t, cat.rubrics.stemmer, answer,
				      strlen(answer)), 0);
	n = rubric_set_match(&cat.rubrics, &t, &hits);
	for (long i = 0; i < n; i++) {
		const struct rubric_hit *h = &hits[i];

		if (&cat.rubrics.items[h->rubric] == r &&
		    (long)h->criterion == want && !h->negated)
			sum += r->criteria[want].cues[h->cue].weight;
	}
	free(hits);
	text_release(&t);
	return sum;
}

static void check_topic_line(const char *line, double min, size_t *n)
{
	cJSON *c = cJSON_Parse(line);
	const char *id, *answer, *category;
	int off;

	assert_non_null(c);
	id = cJSON_GetStringValue(cJSON_GetObjectItem(c, "id"));
	answer = cJSON_GetStringValue(cJSON_GetObjectItem(c, "answer"));
	category = cJSON_GetStringValue(cJSON_GetObjectItem(c, "category"));
	off = cJSON_IsTrue(cJSON_GetObjectItem(c, "off_topic"));
	if ((topic_weight(answer, category) >= min) == off)
		fail_msg("%s: topic cues say %s", id, off ? "on topic" :
			 "off topic");
	(*n)++;
	cJSON_Delete(c);
}

static void content__labelled_answers__topic_cues_match_label(void **s)
{
	const struct rubric *r = rubric_set_find(&cat.rubrics, "topics");
	double min = rubric_setting(r, "on_topic_min", 1.0);
	FILE *f = fopen(CASES_DIR "/answers.jsonl", "r");
	char *line = NULL;
	size_t cap = 0, n = 0;

	(void)s;
	if (!f)
		skip();
	while (getline(&line, &cap, f) > 0)
		check_topic_line(line, min, &n);
	free(line);
	fclose(f);
	assert_int_equal(n, 76);
}

static void ignore_problem(void *ctx, size_t line, const char *msg)
{
	fprintf(stderr, "%s:%zu: %s\n", (const char *)ctx, line, msg);
}

static void content__plans__name_known_questions(void **s)
{
	(void)s;
	assert_true(cat.plans.n >= 1);
	assert_non_null(plan_set_find(&cat.plans, "microsoft-backend"));
	for (size_t i = 0; i < cat.plans.n; i++) {
		const struct plan *p = &cat.plans.items[i];

		assert_int_equal(plan_check(p, &cat.questions,
					    ignore_problem, p->file), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			content__every_question__names_rubrics_that_exist),
		cmocka_unit_test(
			content__technical_questions__use_concept_rubrics),
		cmocka_unit_test(
			content__named_rubrics__have_hint_example_and_probes),
		cmocka_unit_test(
			content__topics__one_criterion_per_category),
		cmocka_unit_test(
			content__criteria_cases__earn_and_near_miss),
		cmocka_unit_test(
			content__criteria_cases__cover_every_criterion),
		cmocka_unit_test(
			content__labelled_answers__topic_cues_match_label),
		cmocka_unit_test(content__plans__name_known_questions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
