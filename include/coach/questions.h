/*
 * Question banks: JSON files of behavioral questions with a category and
 * the competencies each probes (docs/questions.md).  Parsing, lookup and
 * choice; no I/O.
 */
#ifndef COACH_QUESTIONS_H
#define COACH_QUESTIONS_H

#include <stddef.h>
#include "coach/err.h"

#define QUESTIONS_SCHEMA 1

struct question {
	char *id;		/* "failure-learned"; unique across banks */
	char *text;
	char *category;		/* "failure", "stakeholder", ... */
	char **competencies;	/* what it probes, e.g. "learning-from-failure" */
	size_t ncompetencies;
	char **rubrics;		/* extra rubric ids to score with; may be 0 */
	size_t nrubrics;
};

struct question_bank {
	struct question *items;
	size_t n, cap;
};

void questions_init(struct question_bank *b);
void questions_release(struct question_bank *b);

/*
 * Parses one bank file and adds its questions; a question whose id is
 * already in b replaces it (user overrides).  On error returns ERR_INPUT
 * with e->text as "file:line: what is wrong" and leaves b unchanged.
 */
int questions_add(struct question_bank *b, const char *file,
		  const char *json, size_t len, struct err *e);

const struct question *questions_find(const struct question_bank *b,
				      const char *id);

/* The n-th distinct category of b, in bank order; NULL past the last. */
const char *questions_category(const struct question_bank *b, size_t n);

/* Whether some question of b has category name. */
int questions_has_category(const struct question_bank *b, const char *name);

/* The distinct categories of b as "a, b, c" in out, cut to size. */
void questions_category_list(const struct question_bank *b, char *out,
			     size_t size);

/*
 * Picks a question at random from category (NULL for any), avoiding the
 * question avoid_id where another exists.  r is a random number.  NULL
 * when no question matches.
 */
const struct question *questions_pick(const struct question_bank *b,
				      const char *category,
				      const char *avoid_id, unsigned long r);

#endif
