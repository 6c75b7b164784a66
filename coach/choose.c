/*
 * Question choice: random, or weakest first, where a question is due
 * again after an interval that grows with its last score.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/choose.h"
#include "coach/journal_query.h"

#define DAY 86400.0

void choose_history_init(struct choose_history *h)
{
	memset(h, 0, sizeof(*h));
}

void choose_history_release(struct choose_history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->items[i].id);
	free(h->items);
	memset(h, 0, sizeof(*h));
}

const struct choose_stat *choose_history_find(const struct choose_history *h,
					      const char *id)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->items[i].id, id) == 0)
			return &h->items[i];
	return NULL;
}

static int history_grow(struct choose_history *h)
{
	size_t cap = h->cap ? h->cap * 2 : 16;
	struct choose_stat *p;

	if (h->n < h->cap)
		return 0;
	p = realloc(h->items, cap * sizeof(*p));
	if (!p)
		return -1;
	h->items = p;
	h->cap = cap;
	return 0;
}

int choose_history_add(struct choose_history *h, const char *id,
		       double score, double when)
{
	struct choose_stat *s = (struct choose_stat *)
		choose_history_find(h, id);

	if (s) {
		if (when >= s->when) {
			s->score = score;
			s->when = when;
		}
		return 0;
	}
	if (history_grow(h) != 0)
		return -1;
	s = &h->items[h->n];
	s->id = strdup(id);
	if (!s->id)
		return -1;
	s->score = score;
	s->when = when;
	h->n++;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

double choose_parse_time(const char *s)
{
	int y, mo, d, h, mi, sec;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi,
			 &sec) != 6)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	return (double)days_from_civil(y, mo, d) * DAY + h * 3600.0 +
	       mi * 60.0 + sec;
}

int choose_history_add_entry(struct choose_history *h, const cJSON *entry)
{
	const char *id = journal_str(entry, "question.id");
	double score = journal_num(entry, "score.overall");
	double when = choose_parse_time(journal_str(entry, "time"));

	if (!id || score < 0 || when < 0)
		return 0;
	return choose_history_add(h, id, score, when);
}

double choose_priority(const struct choose_stat *s, double now)
{
	double score, days, interval;

	if (!s)
		return CHOOSE_NEW;
	score = s->score < 0 ? 0 : s->score > 100 ? 100 : s->score;
	days = (now - s->when) / DAY;
	if (days < 0)
		days = 0;
	interval = 1.0 + 29.0 * (score / 100.0) * (score / 100.0);
	return days / interval;
}

static int is_skipped(const struct choose_filter *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nskipped; i++)
		if (strcmp(f->skipped[i], id) == 0)
			return 1;
	return 0;
}

/* Whether q may be picked; level 0 is strict, 2 allows anything. */
static int allowed(const struct question *q, const struct choose_filter *f,
		   int level)
{
	if (f->category && (!q->category ||
			    strcmp(q->category, f->category) != 0))
		return 0;
	if (level < 2 && f->avoid && strcmp(q->id, f->avoid) == 0)
		return 0;
	return level >= 1 || !is_skipped(f, q->id);
}

/* The n-th allowed question of the highest priority (all when random). */
static const struct question *pick(const struct question_bank *b,
				   const double *prio, double top,
				   const struct choose_filter *f, int level,
				   uint64_t r)
{
	size_t i, count = 0, want;

	for (i = 0; i < b->n; i++)
		count += allowed(&b->items[i], f, level) && prio[i] >= top;
	if (count == 0)
		return NULL;
	want = (size_t)(r % count);
	for (i = 0; i < b->n; i++)
		if (allowed(&b->items[i], f, level) && prio[i] >= top &&
		    want-- == 0)
			return &b->items[i];
	return NULL;
}

static const struct question *pick_level(const struct question_bank *b,
					 const struct choose_history *h,
					 int weakest,
					 const struct choose_filter *f,
					 int level, uint64_t r, double now,
					 double *prio)
{
	double top = weakest ? -1 : 0;
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct question *q = &b->items[i];

		prio[i] = weakest ? choose_priority(
			choose_history_find(h, q->id), now) : 0;
		if (allowed(q, f, level) && prio[i] > top)
			top = prio[i];
	}
	return pick(b, prio, top, f, level, r);
}

const struct question *choose_next(const struct question_bank *b,
				   const struct choose_history *h,
				   enum choose_order order,
				   const struct choose_filter *f,
				   uint64_t r, double now)
{
	const struct question *q = NULL;
	int weakest = order == CHOOSE_WEAKEST ||
		      (order == CHOOSE_AUTO && h && h->n > 0);
	double *prio;
	int level;

	if (b->n == 0)
		return NULL;
	prio = calloc(b->n, sizeof(*prio));
	if (!prio)
		return NULL;
	for (level = 0; level <= 2 && !q; level++)
		q = pick_level(b, h, weakest && h, f, level, r, now, prio);
	free(prio);
	return q;
}
