/*
 * Which question comes next: at random, or weakest first by spaced
 * repetition over the journal (docs/practice.md has the formula).
 * Pure: the caller reads the journal and passes the clock.
 */
#ifndef COACH_CHOOSE_H
#define COACH_CHOOSE_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "coach/questions.h"

enum choose_order {
	CHOOSE_AUTO,		/* weakest when there is history, else random */
	CHOOSE_RANDOM,
	CHOOSE_WEAKEST
};

/* The latest attempt at one question. */
struct choose_stat {
	char *id;		/* question id; owned */
	double score;		/* last overall score, 0..100 */
	double when;		/* seconds since the epoch */
};

struct choose_history {
	struct choose_stat *items;
	size_t n, cap;
};

/* What choose_next may pick from. */
struct choose_filter {
	const char *category;		/* NULL for any */
	const char *avoid;		/* the current question; may be NULL */
	const char *const *skipped;	/* ids left out; may be NULL */
	size_t nskipped;
};

void choose_history_init(struct choose_history *h);
void choose_history_release(struct choose_history *h);

/*
 * Records an attempt at question id; an older attempt at the same id
 * is replaced, a newer one is kept.  0, or -1 when out of memory.
 */
int choose_history_add(struct choose_history *h, const char *id,
		       double score, double when);

/*
 * Records a journal entry ("question.id", "score.overall", "time");
 * entries lacking any of them are ignored.  0, or -1 (memory).
 */
int choose_history_add_entry(struct choose_history *h, const cJSON *entry);

/* The stat of question id, or NULL when it was never practised. */
const struct choose_stat *choose_history_find(const struct choose_history *h,
					      const char *id);

/* "2025-03-01T10:15:00.123Z" as seconds since the epoch, or -1. */
double choose_parse_time(const char *s);

/*
 * How due a question is: days since its last attempt over the interval
 * 1 + 29 * (score / 100)^2 days.  Never practised (s NULL): CHOOSE_NEW.
 */
#define CHOOSE_NEW 1e9
double choose_priority(const struct choose_stat *s, double now);

/*
 * The next question under order, among those f lets through (skipped
 * ones only when nothing else is left, the avoided one only when it is
 * the only one).  Ties, and the random order, use r.  NULL when no
 * question has the category.
 */
const struct question *choose_next(const struct question_bank *b,
				   const struct choose_history *h,
				   enum choose_order order,
				   const struct choose_filter *f,
				   uint64_t r, double now);

#endif
