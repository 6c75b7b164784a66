/*
 * Fuzz target: a plan file of arbitrary bytes, checked against the
 * built-in question banks and asked round by round.
 */
#include <stdlib.h>
#include "coach/catalog.h"
#include "coach/plan.h"
#include "fuzz.h"

static struct catalog fuzz_cat;

static const struct question_bank *fuzz_bank(void)
{
	static int ready;
	struct err e;

	if (!ready) {
		if (catalog_load(&fuzz_cat, NULL, &e))
			abort();
		ready = 1;
	}
	return &fuzz_cat.questions;
}

static void fuzz_problem(void *ctx, size_t line, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)msg;
}

static unsigned long fuzz_rand(void *ctx)
{
	unsigned long *state = ctx;

	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 17;
}

/* Asks every round of p in turn, as a practice loop does. */
static void fuzz_rounds(const struct plan *p, const struct question_bank *b)
{
	const struct question **asked = NULL;
	size_t nasked = 0;
	unsigned long state = 1;

	for (size_t i = 0; i < p->nrounds; i++) {
		const struct plan_round *r = &p->rounds[i];
		size_t room = nasked + r->nquestions + r->count + 1;
		const struct question **grown;

		grown = realloc(asked, room * sizeof(*asked));
		if (!grown)
			break;
		asked = grown;
		nasked += plan_round_questions(r, b, asked, nasked, fuzz_rand,
					       &state, asked + nasked);
	}
	free(asked);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct question_bank *b = fuzz_bank();
	struct plan_set set;
	struct err e;

	plan_set_init(&set);
	if (plan_set_add(&set, "fuzz.json", (const char *)data, size,
			 &e) == 0) {
		plan_check(&set.items[0], b, fuzz_problem, NULL);
		fuzz_rounds(&set.items[0], b);
	}
	plan_set_release(&set);
	return 0;
}
