/*
 * The scorer: an analysed answer plus rubrics in, a score report out.
 * Every credit and penalty is tied to a rule id and a byte span of the
 * answer.  Pure: no I/O, no globals.  The method is docs/scoring.md.
 */
#ifndef COACH_SCORE_H
#define COACH_SCORE_H

#include <stddef.h>
#include "coach/rubric.h"
#include "coach/text.h"

enum score_part_id {
	PART_SITUATION,
	PART_TASK,
	PART_ACTION,
	PART_RESULT,
	PART_REFLECTION,
	SCORE_NPARTS
};

enum score_flag {
	FLAG_RESULT_QUANTIFIED = 1 << 0,
	FLAG_GROWTH_MINDSET = 1 << 1,
	FLAG_BLAMES_OTHERS = 1 << 2,
	FLAG_MOSTLY_WE = 1 << 3,
	FLAG_HYPOTHETICAL = 1 << 4,
	FLAG_OFF_TOPIC = 1 << 5,
	FLAG_KEYWORD_STUFFING = 1 << 6,
	FLAG_HABITUAL = 1 << 7,
	FLAG_TOO_SHORT = 1 << 8,
	FLAG_TOO_LONG = 1 << 9,
	FLAG_ALL_BACKGROUND = 1 << 10,
	FLAG_HEDGING = 1 << 11,
	FLAG_NO_EPISODE = 1 << 12,
	FLAG_ABSOLUTES = 1 << 13,
	FLAG_REPETITION = 1 << 14
};
#define SCORE_NFLAGS 15

struct score_evidence {
	const char *rubric;	/* rubric id of a cue, or NULL for a rule */
	const char *rule;	/* "star.action.first-person-past"; static */
	const char *target;	/* "action", "growth-mindset/lesson"; static
				   or owned by the rubric set */
	size_t start, end;	/* byte span in the answer */
	double delta;		/* > 0 credit, < 0 penalty, 0 a note */
};

struct score_part {
	int present;
	double strength;	/* 0..1 */
	double share;		/* share of the answer's words, 0..1 */
	size_t words;
};

struct score_criterion {
	const char *rubric;	/* rubric id; owned by the rubric set */
	const char *rubric_title;
	const char *id;
	const char *name;
	double weight;
	double score;		/* 0..1 */
	int met;
};

/*
 * The user's adjustments from config.json's "scoring" object: rules
 * turned off, words not to count as hedges, and star rubric settings
 * overridden.  Owned by whoever filled it (struct config).
 */
struct score_settings {
	char **disabled;	/* rule ids: "star.hedging", ... */
	size_t ndisabled;
	char **hedges_allow;	/* folded words */
	size_t nhedges_allow;
	char **keys;		/* star rubric settings, parallel arrays */
	double *values;
	size_t nvalues;
};

void score_settings_release(struct score_settings *s);

/* What the scorer knows about the question being answered. */
struct score_question {
	const char *category;		/* "failure", ...; may be NULL */
	const char *const *rubrics;	/* extra rubric ids to apply */
	size_t nrubrics;
	int concepts;			/* a rubric is of kind "concepts" */
	const struct score_settings *settings;	/* may be NULL */
};

struct score_report {
	int concepts;		/* scored on concepts, not STAR */
	double overall;		/* 0..100 */
	double star;		/* 0..100 */
	double growth;		/* 0..100 */
	struct score_part parts[SCORE_NPARTS];
	struct score_criterion *criteria;
	size_t ncriteria;
	unsigned flags;
	struct score_evidence *evidence;
	size_t nevidence, evidence_cap;
	char tips[3][400];	/* most important first */
	size_t ntips;
	size_t words;
	double seconds;		/* estimated speaking time */
	size_t hedges;		/* hedge and filler words counted */
	double hedge_density;	/* per 100 words */
};

/*
 * Scores t against the "star" and "growth-mindset" rubrics of set and
 * those q names.  When q->concepts is set (a technical talk-through) the
 * score is the coverage of the concept rubrics instead of STAR.
 * Returns 0, or -1 when out of memory or when the set lacks the star
 * rubric.  Release the report with score_release.
 */
int score_answer(const struct rubric_set *set, const struct text *t,
		 const struct score_question *q, struct score_report *r);

void score_release(struct score_report *r);

/* Names for output: "situation", ..., and "result_quantified", ... */
const char *score_part_name(enum score_part_id p);
const char *score_flag_name(unsigned flag);

#endif
