/*
 * The answer-wide signals the scorer turns into points, penalties and
 * tips: episode or not, "we", background, quantified result, length,
 * specificity, growth criteria, blame and topic.  Part of the scoring
 * core (features.c); no I/O.
 */
#ifndef COACH_SIGNALS_H
#define COACH_SIGNALS_H

#include <stddef.h>
#include "coach/features.h"
#include "coach/rubric.h"
#include "coach/text.h"

/* Records a finding as evidence; 0, or -1 when out of memory. */
int signals_note(struct features *f, const char *rubric, const char *rule,
		 const char *target, size_t start, size_t end, double delta);

/* Records a penalty that multiplies the overall score by factor. */
void signals_penalise(struct features *f, const char *rule,
		      const char *target, size_t start, size_t end,
		      double factor, const char *tip);

/* Queues a tip (owned by the rubric set); NULL is ignored. */
void signals_tip(struct features *f, const char *tip);

/* The tip of criterion id of r, or NULL. */
const char *signals_tip_of(const struct rubric *r, const char *id);

/*
 * No specific episode (hypothetical, habits, labels, values talk): sets
 * the flags and penalty and returns 1; 0 for a told episode.
 */
int signals_episode(struct features *f, const struct text *t,
		    const unsigned *cls);

void signals_clear_parts(struct features *f);
void signals_we(struct features *f);
void signals_background(struct features *f);

/* The quantified result; 0, or -1 when out of memory. */
int signals_quantified(struct features *f, const struct text *t,
		       const unsigned *cls);

void signals_length(struct features *f);
void signals_specificity(struct features *f, const struct text *t,
			 const unsigned *cls);
void signals_criteria(struct features *f, const struct rubric_set *set);

/* Sweeping absolutes and repeated phrases, judged by density. */
void signals_style(struct features *f, const struct text *t,
		   const unsigned *cls);
void signals_penalty_criteria(struct features *f);
void signals_topic(struct features *f, const struct rubric_set *set,
		   const struct cue_sums *cs, const char *category);

/* Missing parts and criteria become tips, most important first. */
void signals_missing_tips(struct features *f);

#endif
