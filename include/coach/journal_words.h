/*
 * The words an answerer leans on across all their journal answers:
 * content words used far more than expected, and fillers and hedges
 * over their allowance.  Part of the journal statistics.
 */
#ifndef COACH_JOURNAL_WORDS_H
#define COACH_JOURNAL_WORDS_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "coach/journal_stats.h"

/*
 * Counts the words of the answers of attempts[0..n) and fills s->words,
 * s->leans and s->fillers (JOURNAL_LEAN_RATE and
 * JOURNAL_FILLER_ALLOWANCE say what counts as too often).  Returns 0,
 * or -1 when out of memory.
 */
int journal_words_lean(const cJSON **attempts, size_t n,
		       struct journal_stats *s);

#endif
