/*
 * Fuzz target: an answer of arbitrary bytes through the UTF-8 check, the
 * scorer with the built-in catalog, the reports and the journal entry.
 */
#include <stdlib.h>
#include <cjson/cJSON.h>
#include "coach/attempt.h"
#include "coach/catalog.h"
#include "coach/report.h"
#include "coach/text.h"
#include "fuzz.h"

static struct catalog fuzz_cat;

/* The built-in catalog, loaded on the first call and kept. */
static const struct catalog *fuzz_catalog(void)
{
	static int ready;
	struct err e;

	if (!ready) {
		if (catalog_load(&fuzz_cat, NULL, &e))
			abort();
		ready = 1;
	}
	return &fuzz_cat;
}

/* Renders a as text and JSON, as "coach score" does. */
static void fuzz_render(const struct attempt *a)
{
	struct report_opts o = { 1, 60, "answer.txt" };
	char *s = report_text(&a->report, &a->text, &o);
	cJSON *j = report_json(&a->report, &a->text, &o, 1);
	cJSON *entry = attempt_entry(a, 12.5);

	free(s);
	cJSON_Delete(j);
	cJSON_Delete(entry);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	const char *answer = (const char *)data;
	const struct question *q = NULL;
	struct attempt a;
	struct err e;
	size_t line = 0;

	/* The size picks a question, or none, so both paths are covered. */
	if (size % (cat->questions.n + 1) < cat->questions.n)
		q = &cat->questions.items[size % (cat->questions.n + 1)];

	if (text_check_utf8(answer, size, &line) != 0 && line == 0)
		abort();
	if (attempt_score(&a, cat, q, answer, size, &e) == 0)
		fuzz_render(&a);
	attempt_release(&a);
	return 0;
}
