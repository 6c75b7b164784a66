/*
 * One index over the stemmed cue phrases of every rubric: a trie whose
 * edges are stems, kept in one hash table, so matching costs about one
 * lookup per token whatever the number of cues.  Internal to rubric.c.
 */
#ifndef COACH_CUE_INDEX_H
#define COACH_CUE_INDEX_H

#include <stddef.h>
#include "coach/rubric.h"
#include "coach/text.h"

struct cue_index;

/* NULL when out of memory. */
struct cue_index *cue_index_new(void);
void cue_index_free(struct cue_index *ix);

/*
 * Adds a cue of stems[0..n) ("*" matches any one token) that reports hits
 * as (rubric, criterion, cue).  The stems must outlive the index.
 * Returns 0, or -1 when out of memory.
 */
int cue_index_add(struct cue_index *ix, char *const *stems, size_t n,
		  size_t rubric, size_t criterion, size_t cue);

/* Folded words that cancel a cue just after them; not copied. */
void cue_index_negators(struct cue_index *ix, char *const *words,
			size_t n);

/*
 * Every cue occurrence in t, in token order, within one sentence each.
 * *hits is malloc'd for the caller.  Returns the count, or -1 (memory).
 */
long cue_index_match(const struct cue_index *ix, const struct text *t,
		     struct rubric_hit **hits);

#endif
