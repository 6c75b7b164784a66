/*
 * Word classes and clause shapes: who acts in a sentence, in which tense,
 * and whether it tells a habit, a hypothetical or an ongoing task.  Part
 * of the scoring core (features.c, signals.c); no I/O.
 */
#ifndef COACH_CLAUSE_H
#define COACH_CLAUSE_H

#include <stddef.h>
#include <stdint.h>
#include "coach/features.h"
#include "coach/rubric.h"
#include "coach/text.h"

/* Token classes, from the star rubric's lexicons. */
enum clause_class {
	TK_I = 1 << 0,		/* "i", "i've", "i'd" as a subject */
	TK_WE = 1 << 1,		/* "we", "we've" */
	TK_PAST = 1 << 2,	/* a past-tense verb */
	TK_STATIVE = 1 << 3,	/* "was", "had", "felt": not an action */
	TK_NUMBER = 1 << 4,
	TK_HEDGE = 1 << 5,
	TK_MODAL = 1 << 6,	/* "would", "will", "'ll" */
	TK_HABIT = 1 << 7,	/* "always", "usually" */
	TK_LABEL = 1 << 8,	/* "situation", "task", ... */
	TK_NAME = 1 << 9,	/* a capitalised word inside a sentence */
	TK_TECH = 1 << 10,	/* "ledger_entries", "p99", "pg_stat" */
	TK_ADVERB = 1 << 11,	/* "also", "then": may stand between I and verb */
	TK_OPENER = 1 << 12,	/* "at", "during": a sentence that sets a scene */
	TK_EFFORT = 1 << 13,	/* "took", "spent": numbers measure effort */
	TK_ABSOLUTE = 1 << 14,	/* "always", "nobody": sweeping words */
	TK_OWN = 1 << 15	/* "owned", "led": a responsibility, not a step */
};

/* The star rubric's lexicons as bits of rubric_word_bits. */
struct clause_lexicons {
	const struct rubric *star;
	uint64_t past, not_past;
	uint64_t to_class[64];	/* lexicon bit -> TK_ class */
	char *const *hedges_allow;	/* the user's: not hedges */
	size_t nhedges_allow;
};

/* Reads the star rubric's lexicons (compiled) into lx. */
void clause_lexicons_load(struct clause_lexicons *lx, const struct rubric *r);

/* The class bits of every token of t; malloc'd, NULL when out of memory. */
unsigned *clause_classify(const struct clause_lexicons *lx,
			  const struct text *t);

/* Fills si with the shape of sentence s of t; si starts zeroed. */
void clause_read(struct sentence_info *si, const struct text *t,
		 const unsigned *cls, const struct text_sentence *s);

/* The bytes of the clause that starts at token k, for quoting. */
void clause_span(const struct text *t, size_t k, size_t *a, size_t *b);

/* How many tokens have any class of mask. */
size_t clause_count(const struct text *t, const unsigned *cls,
		    unsigned mask);

/* How many different STAR label words the answer uses. */
size_t clause_distinct_labels(const struct text *t, const unsigned *cls);

#endif
