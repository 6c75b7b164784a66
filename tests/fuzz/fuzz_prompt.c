/*
 * Fuzz target: prompt templates.  The input, split at NUL bytes, is a
 * template and the values of its three placeholders; the template is
 * also redacted with the values as names.
 */
#include <stdlib.h>
#include <string.h>
#include "coach/prompt.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "question", "answer", "report" };
	const char *parts[4] = { "", "", "", "" };
	char *text = malloc(size + 1);
	char *out;
	size_t n = 0, count = 0;

	if (!text)
		abort();
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';

	/* Each NUL starts the next part. */
	parts[n++] = text;
	for (size_t i = 0; i < size && n < 4; i++)
		if (text[i] == '\0')
			parts[n++] = text + i + 1;

	out = prompt_expand(parts[0], keys, parts + 1, 3);
	free(out);
	out = prompt_redact(parts[0], parts + 1, 3, &count);
	free(out);
	free(text);
	return 0;
}
