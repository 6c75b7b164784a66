/*
 * Fuzz target: the stream parser.  The first byte picks the format; the
 * next four pick where the rest is split into pieces; then the body is
 * fed piece by piece, and also read as an error body.
 */
#include <stdlib.h>
#include <string.h>
#include "coach/stream.h"
#include "fuzz.h"

/* Checks what the contract promises about each event. */
static int fuzz_event(const struct stream_event *ev, void *ctx)
{
	size_t *count = ctx;

	if (!ev->data || strlen(ev->data) != ev->len)
		abort();
	(*count)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum stream_format formats[] = {
		STREAM_OPENAI, STREAM_ANTHROPIC, STREAM_OLLAMA
	};
	const char *body;
	struct stream s;
	size_t len, at = 0, count = 0, k = 0;
	uint8_t cuts[4] = { 0 };
	char msg[256];

	if (size < 1)
		return 0;
	memcpy(cuts, data + 1, size > 5 ? 4 : size - 1);
	body = (const char *)data + (size > 5 ? 5 : size);
	len = size - (size_t)(body - (const char *)data);

	stream_init(&s, formats[data[0] % 3], fuzz_event, &count);
	while (at < len) {
		size_t piece = (size_t)cuts[k++ % 4] + 1;

		if (piece > len - at)
			piece = len - at;
		if (stream_feed(&s, body + at, piece) != STREAM_OK)
			break;
		at += piece;
	}
	stream_finish(&s);
	stream_release(&s);

	stream_error_text(body, len, msg, sizeof(msg));
	if (strlen(msg) >= sizeof(msg))
		abort();
	return 0;
}
