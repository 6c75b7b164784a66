/*
 * Rubrics are data: criteria with weighted cue phrases, loaded from JSON
 * (docs/rubrics.md) and compiled into one matcher over stemmed tokens so
 * an answer is read once however many rubrics apply.  No I/O: callers
 * hand in the file text.
 */
#ifndef COACH_RUBRIC_H
#define COACH_RUBRIC_H

#include <stddef.h>
#include <stdint.h>
#include "coach/err.h"
#include "coach/text.h"

#define RUBRIC_SCHEMA 1

struct rubric_cue {
	char *phrase;		/* as written in the file */
	char **stems;		/* stemmed words; "*" matches any one token */
	size_t nstems;
	double weight;
};

struct rubric_criterion {
	char *id;
	char *name;
	char *tip;		/* what to add or change when it is missing */
	char *followup;		/* interviewer's probe when it is missing */
	double weight;		/* negative for a penalty */
	struct rubric_cue *cues;
	size_t ncues;
};

struct rubric_lexicon {
	char *id;		/* "past_irregular", "hedges", ... */
	char **words;		/* folded forms, sorted */
	size_t nwords;
};

struct rubric {
	char *file;		/* name used in messages */
	char *id;
	char *title;
	char *kind;		/* "star", "criteria" or "concepts" */
	char *hint;		/* what a strong answer covers; may be NULL */
	char **example;		/* an example outline, one line each */
	size_t nexample;
	struct rubric_criterion *criteria;
	size_t ncriteria;
	struct rubric_lexicon *lexicons;
	size_t nlexicons;
	struct word_bits *bits;	/* word -> lexicons holding it; compiled */
	char **setting_keys;	/* numeric settings, parallel arrays */
	double *setting_values;
	size_t nsettings;
};

/* One match of a cue in an answer. */
struct rubric_hit {
	size_t rubric, criterion, cue;	/* indexes into the set */
	size_t first, count;		/* tokens matched */
	int negated;			/* "not", "never", "n't" just before */
};

struct rubric_set {
	struct rubric *items;
	size_t n;
	struct text_stemmer *stemmer;	/* owned */
	struct cue_index *index;	/* built by rubric_set_compile */
};

/* Returns 0, or -1 when out of memory. */
int rubric_set_init(struct rubric_set *set);
void rubric_set_release(struct rubric_set *set);

/*
 * Parses and validates one rubric file and adds it to the set; a rubric
 * with the id of one already in the set replaces it (user overrides).
 * On error returns ERR_INPUT with e->text as "file:line: what is wrong".
 */
int rubric_set_add(struct rubric_set *set, const char *file,
		   const char *json, size_t len, struct err *e);

/*
 * Parses and validates one rubric file into r (rubric_parse.c).  Returns
 * 0, or ERR_INPUT with e->text as "file:line: what is wrong"; r holds
 * nothing then.
 */
int rubric_parse(struct rubric *r, struct text_stemmer *st, const char *file,
		 const char *json, size_t len, struct err *e);

/* Frees what r holds. */
void rubric_release(struct rubric *r);

/* The settings a rubric of kind "star" may have; NULL-terminated. */
extern const char *const rubric_star_settings[];

/* Builds the matcher over every cue of every rubric.  0 or -1 (memory). */
int rubric_set_compile(struct rubric_set *set);

/*
 * Finds every cue in t.  *hits is a malloc'd array the caller frees.
 * Returns the number of hits, or -1 when out of memory.
 */
long rubric_set_match(const struct rubric_set *set, const struct text *t,
		      struct rubric_hit **hits);

const struct rubric *rubric_set_find(const struct rubric_set *set,
				     const char *id);
/* Index of criterion id in r, or -1. */
long rubric_criterion_index(const struct rubric *r, const char *id);

/* The numeric setting key of r, or def when it is not set. */
double rubric_setting(const struct rubric *r, const char *key, double def);

/* The lexicon id of r, or NULL. */
const struct rubric_lexicon *rubric_lexicon(const struct rubric *r,
					    const char *id);
int rubric_lexicon_has(const struct rubric_lexicon *lx, const char *word);

/*
 * The lexicons of r that hold word, as bits (bit i for r->lexicons[i];
 * only the first 64 lexicons), in one lookup.  Needs rubric_set_compile.
 */
uint64_t rubric_word_bits(const struct rubric *r, const char *word);

/* The bit of lexicon id in rubric_word_bits, or 0 when r has none. */
uint64_t rubric_lexicon_bit(const struct rubric *r, const char *id);

#endif
