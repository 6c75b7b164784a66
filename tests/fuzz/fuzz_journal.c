/*
 * Fuzz target: a journal file of arbitrary bytes, read entry by entry
 * and loaded with its tombstones applied.
 */
#include <stdio.h>
#include <stdlib.h>
#include "coach/journal.h"
#include "fuzz.h"

static int fuzz_visit(cJSON *entry, size_t line, void *ctx)
{
	size_t *count = ctx;

	(void)line;
	if (!entry)
		abort();
	(*count)++;
	return 0;
}

static void fuzz_bad(size_t line, const char *why, void *ctx)
{
	(void)ctx;
	if (line == 0 || !why)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_write_file("journal.jsonl", data, size);
	struct journal_list list = { 0 };
	char path[4200];
	size_t count = 0;
	struct err e;

	if (!dir)
		abort();
	snprintf(path, sizeof(path), "%s/journal.jsonl", dir);
	journal_read(path, fuzz_visit, fuzz_bad, &count, &e);
	journal_load(path, &list, NULL, NULL, &e);
	journal_list_release(&list);
	return 0;
}
