/* Fuzz target: a rubric file of arbitrary bytes, added and compiled. */
#include <stdlib.h>
#include "coach/rubric.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rubric_set set;
	struct err e;

	if (rubric_set_init(&set))
		abort();
	if (rubric_set_add(&set, "fuzz.json", (const char *)data, size,
			   &e) == 0)
		rubric_set_compile(&set);
	rubric_set_release(&set);
	return 0;
}
