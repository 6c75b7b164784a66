/*
 * What the journal says about a person's practice: attempts per week,
 * averages and bests per category and STAR part, the weakest criteria and
 * the words they lean on.  Pure: no I/O.
 */
#ifndef COACH_JOURNAL_STATS_H
#define COACH_JOURNAL_STATS_H

#include <stddef.h>
#include "coach/journal_query.h"
#include "coach/score.h"

/* Scores of a group of attempts; scores are 0 to 100 (criteria 0 to 1). */
struct journal_group {
	const char *name;	/* points into the view */
	size_t n;		/* attempts with a score in the group */
	size_t present;		/* STAR parts: attempts where it was found */
	double sum, best;
};

/* One calendar week (Monday to Sunday). */
struct journal_week {
	char monday[11];	/* YYYY-MM-DD */
	size_t n;		/* attempts */
	size_t scored;
	double sum;		/* of overall scores */
};

/* A word used more than expected. */
struct journal_lean {
	char word[32];		/* "kind of" for two-word fillers */
	size_t count;		/* uses in all answers */
	size_t answers;		/* answers that use it */
	double per_1000;	/* uses per 1000 words of all answers */
};

#define JOURNAL_STATS_MAX_WEEKS 1040
#define JOURNAL_STATS_LEANS 8
/* Fillers and hedges are expected at most this often each. */
#define JOURNAL_FILLER_ALLOWANCE 1.0	/* per 1000 words */
/* Other words (not stop words) are flagged from this rate on, when
 * they are in at least a third of the answers (and 3 of them). */
#define JOURNAL_LEAN_RATE 4.0		/* per 1000 words */

struct journal_stats {
	size_t attempts;
	size_t scored;		/* attempts with an overall score */
	size_t words;		/* in all answers */
	double sum, best;	/* overall scores */
	struct journal_week *weeks;	/* every week from the first
					   attempt's to the last, at most
					   the last JOURNAL_STATS_MAX_WEEKS */
	size_t nweeks;
	struct journal_group *categories;	/* by name, a-z */
	size_t ncategories;
	struct journal_group parts[SCORE_NPARTS];	/* strength x 100 */
	struct journal_group *criteria;	/* weakest average first */
	size_t ncriteria;
	struct journal_lean leans[JOURNAL_STATS_LEANS];	/* most first */
	size_t nleans;
	struct journal_lean fillers[JOURNAL_STATS_LEANS];	/* over the
								   allowance */
	size_t nfillers;
};

/*
 * Computes the statistics of the attempts in v that f lets through (f
 * may be NULL).  Returns 0, or -1 when out of memory.  Release s with
 * journal_stats_release either way; names point into v, which must
 * outlive s.
 */
int journal_stats_compute(const struct journal_view *v,
			  const struct journal_filter *f,
			  struct journal_stats *s);
void journal_stats_release(struct journal_stats *s);

/*
 * A sparkline of n values into out: one block character (U+2581 to
 * U+2588) per value scaled between lo and hi (with utf8 0, one of
 * "_.-:=+*#"), a space for a negative value (no data).  out needs
 * 3 * n + 1 bytes.
 */
void journal_spark(const double *vals, size_t n, double lo, double hi,
		   int utf8, char *out);

#endif
