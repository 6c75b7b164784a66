/*
 * What the scorer reads off an answer before it scores it: per sentence,
 * who acts and in which tense, which cues matched, and which STAR part the
 * sentence serves; per answer, signals such as hypotheticals or blame.
 * Internal to the scoring core (score.c); no I/O.
 */
#ifndef COACH_FEATURES_H
#define COACH_FEATURES_H

#include <stddef.h>
#include "coach/rubric.h"
#include "coach/score.h"
#include "coach/text.h"

#define FEATURES_MAX_PENALTIES 12
#define FEATURES_MAX_TIPS 12
#define FEATURES_MAX_STAR 64	/* star criteria beyond it add no part */

struct sentence_info {
	size_t words;
	size_t ev_start, ev_end;	/* the sentence's role, quoted */
	size_t span[SCORE_NPARTS][2];	/* per part: bytes quoted as evidence */
	int fp_action;		/* "I" + a past-tense action verb */
	int we_action;		/* "we" + a past-tense action verb */
	int past;		/* any past-tense verb */
	int modal;		/* "I would", "I'll": a hypothetical */
	int habit;		/* "I always", "I usually" with no past verb */
	int progressive;	/* "I was building": a responsibility */
	int owns;		/* "I owned", "I led": a responsibility */
	int fp_perfect;		/* "I've applied": experience since */
	int fp_present;		/* "I think", "I go": present tense */
	int fp_habit;		/* "I always", "I usually" */
	int numbers;		/* numbers and number words */
	int names;		/* capitalised words inside the sentence */
	int opener;		/* opens with "At", "During", "In": a scene */
	int effort;		/* "took", "spent": numbers measure effort */
	double part_score[SCORE_NPARTS];
	long key[SCORE_NPARTS];	/* token where each part's evidence starts */
	int role;		/* the part it serves most, or -1 */
};

struct criterion_info {
	const struct rubric *rubric;
	const struct rubric_criterion *criterion;
	double raw;		/* summed weights of matched cues */
	size_t end;		/* token after its last counted cue */
	double score;		/* 0..1 */
	int met;
	int extra;		/* from a rubric the question named */
};

struct penalty {
	const char *rule;	/* static */
	const char *target;	/* static */
	size_t start, end;
	double factor;		/* the overall score is multiplied by it */
	const char *tip;	/* owned by the rubric set; may be NULL */
};

struct note {
	const char *rubric;	/* rubric id of a matched cue, or NULL */
	const char *rule;	/* static, or a cue phrase of the rubric set */
	const char *target;	/* static, or a criterion id of the set */
	size_t start, end;
	double delta;
};

struct features {
	const struct rubric *star;
	const struct score_settings *settings;	/* may be NULL */
	int concepts;		/* a technical talk-through, not a story */
	int star_part[FEATURES_MAX_STAR];	/* criterion -> part, or -1 */
	struct sentence_info *sentences;
	size_t nsentences;
	size_t first_action;	/* first sentence with an action */
	size_t words;
	double wpm;
	size_t part_words[SCORE_NPARTS];
	double part_total[SCORE_NPARTS];
	double part_target[SCORE_NPARTS];
	double part_weight[SCORE_NPARTS];
	int part_present[SCORE_NPARTS];
	struct criterion_info *criteria;
	size_t ncriteria;
	unsigned flags;
	size_t hedges;
	double specificity;	/* 0..1: names, numbers, technical terms */
	double length_factor;	/* 0..1 */
	struct penalty penalties[FEATURES_MAX_PENALTIES];
	size_t npenalties;
	struct note *notes;
	size_t nnotes, notes_cap;
	const char *tips[FEATURES_MAX_TIPS];
	size_t ntips;
};

/* Cue weights matched in one sentence. */
struct cue_sums {
	double part[SCORE_NPARTS];
	double topic, anti_topic;
};

/*
 * Reads t against the rubrics of set for question q (may be NULL).
 * Returns 0, or -1 when out of memory or when set has no "star" rubric.
 * f is always safe to release afterwards.
 */
int features_extract(struct features *f, const struct rubric_set *set,
		     const struct text *t, const struct score_question *q);

void features_release(struct features *f);

/* A star rubric setting, as the user's config.json overrides it. */
double features_setting(const struct features *f, const char *key,
			double def);

/* Whether rule (an id of docs/scoring.md) is on: not turned off. */
int features_rule_on(const struct features *f, const char *rule);

#endif
