/*
 * The stream parser: every recorded reply, fed whole, a byte at a time,
 * split at every offset and in random pieces, yields the same events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "coach/stream.h"

#define RECORDINGS "tests/llm/recordings/"

/* The events seen, as "T[text]R[reasoning]X[error]E[reason]". */
struct transcript {
	char *s;
	size_t len, cap;
	int stop_after;		/* stop after this many; 0 never */
	int seen;
};

static void tr_add(struct transcript *t, const char *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static int on_event(const struct stream_event *ev, void *ctx)
{
	static const char tag[] = "TRXE";
	struct transcript *t = ctx;
	char head[2] = { tag[ev->kind], '[' };

	assert_int_equal(strlen(ev->data), ev->len);
	tr_add(t, head, 2);
	tr_add(t, ev->data, ev->len);
	tr_add(t, "]", 1);
	t->seen++;
	return t->stop_after && t->seen >= t->stop_after;
}

static char *slurp(const char *name, size_t *len)
{
	char path[256];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), RECORDINGS "%s", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* Parses buf cut at the offsets in cuts[0..ncuts) (ascending). */
static char *parse_cut(enum stream_format fmt, const char *buf, size_t len,
		       const size_t *cuts, size_t ncuts, int *ended)
{
	struct transcript t = { NULL, 0, 0, 0, 0 };
	struct stream s;
	size_t at = 0;

	tr_add(&t, "", 0);
	stream_init(&s, fmt, on_event, &t);
	for (size_t i = 0; i <= ncuts; i++) {
		size_t end = i < ncuts ? cuts[i] : len;

		assert_int_equal(stream_feed(&s, buf + at, end - at),
				 STREAM_OK);
		at = end;
	}
	assert_int_equal(stream_finish(&s), STREAM_OK);
	*ended = s.ended;
	stream_release(&s);
	return t.s;
}

static char *parse_bytewise(enum stream_format fmt, const char *buf,
			    size_t len, int *ended)
{
	size_t *cuts = malloc(len * sizeof(*cuts) + 1);
	char *out;

	assert_non_null(cuts);
	for (size_t i = 1; i < len; i++)
		cuts[i - 1] = i;
	out = parse_cut(fmt, buf, len, cuts, len ? len - 1 : 0, ended);
	free(cuts);
	return out;
}

/* Checks that every way of cutting buf gives want. */
static void check_all_splits(enum stream_format fmt, const char *buf,
			     size_t len, const char *want, int want_ended)
{
	size_t cuts[64];
	char *got;
	int ended;

	got = parse_cut(fmt, buf, len, NULL, 0, &ended);
	assert_string_equal(got, want);
	assert_int_equal(ended, want_ended);
	free(got);

	got = parse_bytewise(fmt, buf, len, &ended);
	assert_string_equal(got, want);
	free(got);

	for (size_t i = 1; i < len; i++) {
		cuts[0] = i;
		got = parse_cut(fmt, buf, len, cuts, 1, &ended);
		assert_string_equal(got, want);
		assert_int_equal(ended, want_ended);
		free(got);
	}

	srand(7);
	for (int run = 0; run < 40 && len > 2; run++) {
		size_t n = 0, at = 0;

		while (n < 64 && (at += 1 + (size_t)rand() % 97) < len)
			cuts[n++] = at;
		got = parse_cut(fmt, buf, len, cuts, n, &ended);
		assert_string_equal(got, want);
		free(got);
	}
}

struct recording {
	const char *file;
	enum stream_format fmt;
	const char *want;
	int ended;
	const char *model;
};

#define BASIC_TEXT "T[Your ]T[answer has a clear ]T[Situation and Action. ]" \
	"T[Quantify the Result: ]T[say by how much latency fell.]"

static const struct recording recordings[] = {
	{ "openai-basic.sse", STREAM_OPENAI, BASIC_TEXT "E[stop]", 1,
	  "gpt-4o-mini-2024-07-18" },
	{ "openai-crlf.sse", STREAM_OPENAI, BASIC_TEXT "E[stop]", 1,
	  "gpt-4o-mini-2024-07-18" },
	{ "openai-cr.sse", STREAM_OPENAI, BASIC_TEXT "E[stop]", 1,
	  "gpt-4o-mini-2024-07-18" },
	{ "azure-basic.sse", STREAM_OPENAI, BASIC_TEXT "E[stop]", 1,
	  "gpt-4o-2024-08-06" },
	{ "openai-error-midstream.sse", STREAM_OPENAI,
	  "T[Your answer ]T[names the problem]X[The server had an error "
	  "while processing your request. Sorry about that!]", 0,
	  "gpt-4o-mini-2024-07-18" },
	{ "vllm-reasoning.sse", STREAM_OPENAI,
	  "R[The user wants STAR feedback.]R[ Check the result.]"
	  "T[Add a number]T[ to the result.]E[stop]", 1, "Qwen/Qwen3-8B" },
	{ "llamacpp-nodone.sse", STREAM_OPENAI, "T[Good ]T[start.]E[stop]",
	  1, "qwen3-8b" },
	{ "openai-cut.sse", STREAM_OPENAI, "T[Your answer ]T[names]", 0,
	  "gpt-4o-mini-2024-07-18" },
	{ "openai-utf8.sse", STREAM_OPENAI,
	  "T[Tr\xc3\xa8s bien \xe2\x80\x94 ]"
	  "T[r\xc3\xa9sultat: 40 % plus rapide ]"
	  "T[\xe2\x9c\x85 \xf0\x9f\x9a\x80]E[stop]", 1,
	  "gpt-4o-mini-2024-07-18" },
	{ "openrouter.sse", STREAM_OPENAI,
	  "R[Looking at STAR.]T[Strong ]T[ownership.]E[stop]", 1,
	  "deepseek/deepseek-r1" },
	{ "openrouter-error.sse", STREAM_OPENAI,
	  "T[Strong ]X[Provider returned error]", 0,
	  "deepseek/deepseek-r1" },
	{ "groq.sse", STREAM_OPENAI, "T[Lead with]T[ the result.]E[stop]", 1,
	  "llama-3.3-70b-versatile" },
	{ "anthropic-basic.sse", STREAM_ANTHROPIC,
	  "R[The answer lacks a number.]T[Your answer has a clear ]"
	  "T[Situation; quantify the Result.]E[end_turn]", 1,
	  "claude-sonnet-4-20250514" },
	{ "anthropic-error.sse", STREAM_ANTHROPIC,
	  "T[Your answer has a clear ]X[Overloaded]", 0,
	  "claude-sonnet-4-20250514" },
	{ "ollama-basic.ndjson", STREAM_OLLAMA,
	  "R[Check STAR parts.]" BASIC_TEXT "E[stop]", 1, "llama3.2" },
	{ "ollama-error.ndjson", STREAM_OLLAMA,
	  "T[Your answer ]X[an error was encountered while running the "
	  "model: unexpected EOF]", 0, "llama3.2" },
};

#define NRECORDINGS (sizeof(recordings) / sizeof(recordings[0]))

static void stream__each_recording_split_anywhere__same_events(void **st)
{
	(void)st;
	for (size_t i = 0; i < NRECORDINGS; i++) {
		const struct recording *r = &recordings[i];
		size_t len;
		char *buf = slurp(r->file, &len);

		print_message("%s\n", r->file);
		check_all_splits(r->fmt, buf, len, r->want, r->ended);
		free(buf);
	}
}

static void stream__each_recording__names_the_model(void **st)
{
	(void)st;
	for (size_t i = 0; i < NRECORDINGS; i++) {
		const struct recording *r = &recordings[i];
		struct transcript t = { NULL, 0, 0, 0, 0 };
		struct stream s;
		size_t len;
		char *buf = slurp(r->file, &len);

		stream_init(&s, r->fmt, on_event, &t);
		assert_int_equal(stream_feed(&s, buf, len), STREAM_OK);
		assert_int_equal(stream_finish(&s), STREAM_OK);
		assert_string_equal(s.model, r->model);
		stream_release(&s);
		free(t.s);
		free(buf);
	}
}

static void stream__data_over_two_crlf_lines__joined_in_any_split(void **st)
{
	static const char sse[] =
		"data: {\"choices\":[{\"delta\":\r\n"
		"data: {\"content\":\"joined\"}}]}\r\n\r\n"
		"data:[DONE]\r\n\r\n";

	(void)st;
	check_all_splits(STREAM_OPENAI, sse, sizeof(sse) - 1,
			 "T[joined]E[]", 1);
}

static void stream__comments_and_empty_choices_only__no_events(void **st)
{
	static const char sse[] =
		": keep-alive\n\n"
		"data: {\"choices\":[],\"usage\":{\"total_tokens\":3}}\n\n"
		"data: {\"choices\":[{\"delta\":{\"content\":null},"
		"\"finish_reason\":\"\"}]}\n\n"
		"data: {\"choices\":[{\"delta\":{}}]}\n\n";

	(void)st;
	check_all_splits(STREAM_OPENAI, sse, sizeof(sse) - 1, "", 0);
}

static void stream__bare_json_error_line__is_an_error(void **st)
{
	static const char body[] =
		"{\"error\":{\"message\":\"model is loading\"}}\n";

	(void)st;
	check_all_splits(STREAM_OPENAI, body, sizeof(body) - 1,
			 "X[model is loading]", 0);
}

static void stream__event_error_with_plain_data__is_an_error(void **st)
{
	static const char sse[] = "event: error\ndata: quota exhausted\n\n";

	(void)st;
	check_all_splits(STREAM_ANTHROPIC, sse, sizeof(sse) - 1,
			 "X[quota exhausted]", 0);
}

static char *long_chunk(size_t n, size_t *len)
{
	static const char head[] = "data: {\"choices\":[{\"delta\":"
				   "{\"content\":\"";
	static const char tail[] = "\"}}]}\n\ndata: [DONE]\n\n";
	char *buf = malloc(sizeof(head) + n + sizeof(tail));

	assert_non_null(buf);
	memcpy(buf, head, sizeof(head) - 1);
	memset(buf + sizeof(head) - 1, 'x', n);
	memcpy(buf + sizeof(head) - 1 + n, tail, sizeof(tail));
	*len = sizeof(head) - 1 + n + sizeof(tail) - 1;
	return buf;
}

static void stream__100k_line_whole_or_bytewise__one_text_event(void **st)
{
	size_t len;
	char *buf = long_chunk(100000, &len);
	char *a, *b;
	int ended;

	(void)st;
	a = parse_cut(STREAM_OPENAI, buf, len, NULL, 0, &ended);
	b = parse_bytewise(STREAM_OPENAI, buf, len, &ended);
	assert_int_equal(strlen(a), 100000 + 3 + 3);
	assert_memory_equal(a, "T[xxx", 5);
	assert_string_equal(a + strlen(a) - 5, "x]E[]");
	assert_string_equal(a, b);
	assert_int_equal(ended, 1);
	free(a);
	free(b);
	free(buf);
}

static void stream__line_over_cap__fails_too_long(void **st)
{
	size_t len;
	char *buf = long_chunk(STREAM_MAX_EVENT, &len);
	struct transcript t = { NULL, 0, 0, 0, 0 };
	struct stream s;

	(void)st;
	stream_init(&s, STREAM_OPENAI, on_event, &t);
	assert_int_equal(stream_feed(&s, buf, len), STREAM_ETOOLONG);
	assert_int_equal(stream_feed(&s, "\n", 1), STREAM_ETOOLONG);
	assert_null(t.s);
	stream_release(&s);
	free(buf);
}

static void stream__callback_asks_to_stop__feed_fails_stopped(void **st)
{
	size_t len;
	char *buf = slurp("openai-basic.sse", &len);
	struct transcript t = { NULL, 0, 0, 2, 0 };
	struct stream s;

	(void)st;
	stream_init(&s, STREAM_OPENAI, on_event, &t);
	assert_int_equal(stream_feed(&s, buf, len), STREAM_ESTOPPED);
	assert_string_equal(t.s, "T[Your ]T[answer has a clear ]");
	stream_release(&s);
	free(t.s);
	free(buf);
}

struct error_case {
	const char *file;
	const char *want;
	int html;
};

static void stream__error_bodies__one_readable_line(void **st)
{
	static const struct error_case cases[] = {
		{ "openai-404.json", "The model `gpt-9` does not exist or "
		  "you do not have access to it.", 0 },
		{ "azure-404.json", "The API deployment for this resource "
		  "does not exist. If you created the deployment within "
		  "the last 5 minutes, please wait a moment and try again.",
		  0 },
		{ "anthropic-401.json", "invalid x-api-key", 0 },
		{ "ollama-404.json", "model \"llama9\" not found, try pulling "
		  "it first", 0 },
		{ "bare-string.json", "Internal Server Error", 0 },
		{ "fastapi-422.json", "Field required", 0 },
		{ "proxy-502.html", "502 Bad Gateway", 1 },
		{ "plain-503.txt", "upstream connect error or disconnect/"
		  "reset before headers. reset reason: connection failure",
		  0 },
	};
	char out[256];

	(void)st;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *body = slurp(cases[i].file, &len);

		assert_int_equal(stream_error_text(body, len, out,
						   sizeof(out)),
				 cases[i].html);
		assert_string_equal(out, cases[i].want);
		free(body);
	}
}

static void stream__long_error_message__cut_with_dots(void **st)
{
	static const char body[] =
		"{\"error\":{\"message\":\"abcdefghij\\nklmnopqrst\"}}";
	char out[12];

	(void)st;
	stream_error_text(body, sizeof(body) - 1, out, sizeof(out));
	assert_string_equal(out, "abcdefgh...");
}

static void stream__json_without_message__gives_empty_text(void **st)
{
	static const char body[] = "{\"status\":500,\"trace\":[1,2]}";
	char out[64];

	(void)st;
	assert_int_equal(stream_error_text(body, sizeof(body) - 1, out,
					   sizeof(out)), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			stream__each_recording_split_anywhere__same_events),
		cmocka_unit_test(stream__each_recording__names_the_model),
		cmocka_unit_test(
			stream__data_over_two_crlf_lines__joined_in_any_split),
		cmocka_unit_test(
			stream__comments_and_empty_choices_only__no_events),
		cmocka_unit_test(stream__bare_json_error_line__is_an_error),
		cmocka_unit_test(
			stream__event_error_with_plain_data__is_an_error),
		cmocka_unit_test(
			stream__100k_line_whole_or_bytewise__one_text_event),
		cmocka_unit_test(stream__line_over_cap__fails_too_long),
		cmocka_unit_test(
			stream__callback_asks_to_stop__feed_fails_stopped),
		cmocka_unit_test(stream__error_bodies__one_readable_line),
		cmocka_unit_test(stream__long_error_message__cut_with_dots),
		cmocka_unit_test(
			stream__json_without_message__gives_empty_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
