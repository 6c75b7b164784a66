/*
 * One attempt: checks the answer text, scores it against the question's
 * rubrics and builds the journal entry that records it.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coach/attempt.h"
#include "coach/fileio.h"
#include "coach/report.h"

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

static int check_answer(const char *answer, size_t len, struct err *e)
{
	size_t line, bad;
	char limit[48];

	if (len > FILEIO_MAX_ANSWER) {
		fileio_limit_text(FILEIO_MAX_ANSWER, limit, sizeof(limit));
		return err_set(e, ERR_INPUT, "the answer is over the %s",
			       limit);
	}
	bad = text_check_utf8(answer, len, &line);
	if (bad && answer[bad - 1] == '\0')
		return err_set(e, ERR_INPUT, "line %zu: the answer contains a "
			       "NUL byte (is it a binary file?)", line);
	if (bad)
		return err_set(e, ERR_INPUT, "line %zu: the answer is not "
			       "valid UTF-8 (byte %zu)", line, bad);
	if (blank(answer, len))
		return err_set(e, ERR_INPUT, "the answer is empty");
	return 0;
}

static int names_concepts(const struct rubric_set *set,
			  const struct question *q)
{
	for (size_t i = 0; i < q->nrubrics; i++) {
		const struct rubric *r = rubric_set_find(set, q->rubrics[i]);

		if (r && strcmp(r->kind, "concepts") == 0)
			return 1;
	}
	return 0;
}

int attempt_score(struct attempt *a, const struct catalog *cat,
		  const struct question *q, const char *answer, size_t len,
		  struct err *e)
{
	struct score_question sq = { NULL, NULL, 0, 0, NULL };

	memset(a, 0, sizeof(*a));
	a->question = q;
	sq.settings = cat->settings;
	if (check_answer(answer, len, e))
		return e ? e->status : ERR_INPUT;
	a->answer = malloc(len + 1);
	if (!a->answer)
		return err_set(e, ERR_INPUT, "out of memory");
	memcpy(a->answer, answer, len);
	a->answer[len] = '\0';
	a->len = len;
	if (q) {
		sq.category = q->category;
		sq.rubrics = (const char *const *)q->rubrics;
		sq.nrubrics = q->nrubrics;
		sq.concepts = names_concepts(&cat->rubrics, q);
	}
	if (text_analyze(&a->text, cat->rubrics.stemmer, a->answer, len))
		return err_set(e, ERR_INPUT, "out of memory while scoring");
	if (a->text.nwords == 0)
		return err_set(e, ERR_INPUT, "the answer has no words");
	if (score_answer(&cat->rubrics, &a->text, &sq, &a->report))
		return err_set(e, ERR_INPUT, "out of memory while scoring");
	return 0;
}

static double round2(double x)
{
	return round(x * 100.0) / 100.0;
}

static cJSON *score_summary(const struct score_report *r)
{
	cJSON *s = cJSON_CreateObject();
	cJSON *parts = cJSON_AddObjectToObject(s, "parts");
	cJSON *crit = cJSON_AddObjectToObject(s, "criteria");
	char key[160];

	cJSON_AddNumberToObject(s, "overall", round2(r->overall));
	cJSON_AddNumberToObject(s, "star", round2(r->star));
	cJSON_AddNumberToObject(s, "growth", round2(r->growth));
	for (int p = 0; p < SCORE_NPARTS; p++) {
		cJSON *o = cJSON_AddObjectToObject(parts,
						   score_part_name(p));

		cJSON_AddBoolToObject(o, "present", r->parts[p].present);
		cJSON_AddNumberToObject(o, "strength",
					round2(r->parts[p].strength));
		cJSON_AddNumberToObject(o, "share", round2(r->parts[p].share));
	}
	for (size_t i = 0; i < r->ncriteria; i++) {
		snprintf(key, sizeof(key), "%s/%s", r->criteria[i].rubric,
			 r->criteria[i].id);
		cJSON_AddNumberToObject(crit, key,
					round2(r->criteria[i].score));
	}
	return s;
}

cJSON *attempt_entry(const struct attempt *a, double seconds_spent)
{
	cJSON *e = cJSON_CreateObject();
	cJSON *flags;

	if (!e)
		return NULL;
	if (a->question) {
		cJSON *q = cJSON_AddObjectToObject(e, "question");

		if (a->question->id)
			cJSON_AddStringToObject(q, "id", a->question->id);
		if (a->question->text)
			cJSON_AddStringToObject(q, "text", a->question->text);
		if (a->question->category)
			cJSON_AddStringToObject(q, "category",
						a->question->category);
	}
	cJSON_AddStringToObject(e, "answer", a->answer ? a->answer : "");
	cJSON_AddItemToObject(e, "score", score_summary(&a->report));
	flags = cJSON_AddArrayToObject(e, "flags");
	for (unsigned f = 0; f < SCORE_NFLAGS; f++)
		if (a->report.flags & (1u << f))
			cJSON_AddItemToArray(flags, cJSON_CreateString(
				score_flag_name(1u << f)));
	cJSON_AddNumberToObject(e, "words", (double)a->report.words);
	if (seconds_spent >= 0)
		cJSON_AddNumberToObject(e, "seconds_spent",
					round(seconds_spent));
	return e;
}

void attempt_release(struct attempt *a)
{
	score_release(&a->report);
	text_release(&a->text);
	free(a->answer);
	memset(a, 0, sizeof(*a));
}
