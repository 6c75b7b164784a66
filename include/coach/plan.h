/*
 * Interview plans: an ordered list of rounds, each with the questions or
 * categories it asks and a time limit (docs/plans.md).  Parsing,
 * reference checks and question choice; no I/O.
 */
#ifndef COACH_PLAN_H
#define COACH_PLAN_H

#include <stddef.h>
#include "coach/err.h"
#include "coach/questions.h"

#define PLAN_SCHEMA 1

struct plan_round {
	char *name;
	char **questions;	/* question ids asked first, in order */
	size_t *question_lines;	/* the line of each id in the file */
	size_t nquestions;
	char **categories;	/* then count questions drawn from these */
	size_t *category_lines;
	size_t ncategories;
	size_t count;		/* 0 when there are no categories */
	double time_limit;	/* seconds, > 0 */
	size_t line;		/* where the round starts in the file */
};

struct plan {
	char *file;		/* name used in messages */
	char *id;
	char *title;
	struct plan_round *rounds;
	size_t nrounds;
};

struct plan_set {
	struct plan *items;
	size_t n;
};

void plan_set_init(struct plan_set *set);
void plan_set_release(struct plan_set *set);

/*
 * Parses and validates one plan file and adds it to set; a plan with the
 * id of one already in set replaces it (user overrides).  On error
 * returns ERR_INPUT with e->text as "file:line: what is wrong" and
 * leaves set unchanged.
 */
int plan_set_add(struct plan_set *set, const char *file, const char *json,
		 size_t len, struct err *e);

const struct plan *plan_set_find(const struct plan_set *set, const char *id);

/* Called once per problem with its line and message; see plan_check. */
typedef void (*plan_problem_fn)(void *ctx, size_t line, const char *msg);

/*
 * Reports every question id of p that b lacks and every category with
 * no question in b.  Returns the number of problems found.
 */
size_t plan_check(const struct plan *p, const struct question_bank *b,
		  plan_problem_fn report, void *ctx);

/*
 * The questions of round r in the order to ask them: its listed ids
 * that b has, then r->count picks from its categories, never a question
 * already in asked[0..nasked) or earlier in out.  rnd is called for a
 * random number.  Fills out (room for nquestions + count entries) and
 * returns how many were chosen.
 */
size_t plan_round_questions(const struct plan_round *r,
			    const struct question_bank *b,
			    const struct question **asked, size_t nasked,
			    unsigned long (*rnd)(void *ctx), void *ctx,
			    const struct question **out);

#endif
