/* Fuzz target: a question bank of arbitrary bytes, added twice. */
#include "coach/questions.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct question_bank b;
	struct err e;

	questions_init(&b);

	/* The second add replaces every question by id (user overrides). */
	if (questions_add(&b, "fuzz.json", (const char *)data, size, &e) == 0)
		questions_add(&b, "again.json", (const char *)data, size, &e);
	if (b.n)
		questions_pick(&b, NULL, b.items[0].id, 7);
	questions_release(&b);
	return 0;
}
