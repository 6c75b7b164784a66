/*
 * Reads a model's streamed reply a line at a time, whatever the read
 * sizes: SSE fields and events or NDJSON lines, then the provider's JSON
 * chunk shapes, turned into text, reasoning, error and end events.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "coach/stream.h"

void stream_init(struct stream *s, enum stream_format f, stream_fn fn,
		 void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->format = f;
	s->fn = fn;
	s->ctx = ctx;
}

void stream_release(struct stream *s)
{
	free(s->line);
	free(s->data);
	s->line = s->data = NULL;
	s->line_len = s->line_cap = s->data_len = s->data_cap = 0;
}

/* Appends p[0..n) to *buf, keeping it NUL terminated. */
static int grow_add(char **buf, size_t *len, size_t *cap, const char *p,
		    size_t n)
{
	size_t want = *cap ? *cap : 256;
	char *b;

	if (*len + n >= STREAM_MAX_EVENT)
		return STREAM_ETOOLONG;
	while (want < *len + n + 1)
		want *= 2;
	if (want != *cap) {
		b = realloc(*buf, want);
		if (!b)
			return STREAM_ENOMEM;
		*buf = b;
		*cap = want;
	}
	memcpy(*buf + *len, p, n);
	*len += n;
	(*buf)[*len] = '\0';
	return STREAM_OK;
}

static void emit(struct stream *s, enum stream_kind k, const char *d)
{
	struct stream_event ev;

	if (s->status || s->failed || (s->ended && k != STREAM_ERROR))
		return;
	ev.kind = k;
	ev.data = d ? d : "";
	ev.len = strlen(ev.data);
	if ((k == STREAM_TEXT || k == STREAM_REASONING) && ev.len == 0)
		return;
	if (k == STREAM_END)
		s->ended = 1;
	if (k == STREAM_ERROR)
		s->failed = 1;
	if (s->fn && s->fn(&ev, s->ctx))
		s->status = STREAM_ESTOPPED;
}

static const char *jstr(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o,
								      key));
}

static void keep(char *dst, size_t size, const char *src)
{
	if (src && !dst[0])
		snprintf(dst, size, "%s", src);
}

/* The message of an error value of any common shape, or NULL. */
static const char *error_message(const cJSON *v, int depth)
{
	static const char *const keys[] = {
		"message", "error", "detail", "msg", "error_description",
		"title", NULL
	};
	const char *m;

	if (!v || depth > 4)
		return NULL;
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsArray(v))
		return error_message(v->child, depth + 1);
	if (!cJSON_IsObject(v))
		return NULL;
	for (int i = 0; keys[i]; i++) {
		m = error_message(cJSON_GetObjectItemCaseSensitive(v,
				  keys[i]), depth + 1);
		if (m && *m)
			return m;
	}
	return NULL;
}

/* An "error" member that is not null: the server failed mid-stream. */
static int chunk_error(struct stream *s, const cJSON *j)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	const char *m;

	if (!e || cJSON_IsNull(e))
		return 0;
	m = error_message(e, 0);
	emit(s, STREAM_ERROR, m && *m ? m : "the server reported an error");
	return 1;
}

static void openai_chunk(struct stream *s, const cJSON *j)
{
	static const char *const why[] = {
		"reasoning_content", "reasoning", "thinking", NULL
	};
	const cJSON *c, *d;
	const char *fin;

	if (chunk_error(s, j))
		return;
	keep(s->model, sizeof(s->model), jstr(j, "model"));
	c = cJSON_GetObjectItemCaseSensitive(j, "choices");
	c = cJSON_IsArray(c) ? c->child : NULL;
	if (!c)
		return;
	d = cJSON_GetObjectItemCaseSensitive(c, "delta");
	if (!d)
		d = cJSON_GetObjectItemCaseSensitive(c, "message");
	for (int i = 0; d && why[i]; i++)
		emit(s, STREAM_REASONING, jstr(d, why[i]));
	emit(s, STREAM_TEXT, d ? jstr(d, "content") : jstr(c, "text"));
	fin = jstr(c, "finish_reason");
	if (fin && *fin)
		snprintf(s->finish, sizeof(s->finish), "%s", fin);
}

static void anthropic_block(struct stream *s, const cJSON *b)
{
	const char *type = jstr(b, "type");

	if (!type)
		return;
	if (!strcmp(type, "text") || !strcmp(type, "text_delta"))
		emit(s, STREAM_TEXT, jstr(b, "text"));
	else if (!strcmp(type, "thinking") || !strcmp(type, "thinking_delta"))
		emit(s, STREAM_REASONING, jstr(b, "thinking"));
}

static void anthropic_event(struct stream *s, const cJSON *j)
{
	const char *type = jstr(j, "type");
	const char *stop;

	if (!type)
		type = s->event;
	if (!strcmp(type, "error")) {
		if (!chunk_error(s, j))
			emit(s, STREAM_ERROR, "the server reported an error");
	} else if (!strcmp(type, "message_start")) {
		keep(s->model, sizeof(s->model),
		     jstr(cJSON_GetObjectItemCaseSensitive(j, "message"),
			  "model"));
	} else if (!strcmp(type, "content_block_start")) {
		anthropic_block(s, cJSON_GetObjectItemCaseSensitive(j,
				"content_block"));
	} else if (!strcmp(type, "content_block_delta")) {
		anthropic_block(s, cJSON_GetObjectItemCaseSensitive(j,
				"delta"));
	} else if (!strcmp(type, "message_delta")) {
		stop = jstr(cJSON_GetObjectItemCaseSensitive(j, "delta"),
			    "stop_reason");
		if (stop && *stop)
			snprintf(s->finish, sizeof(s->finish), "%s", stop);
	} else if (!strcmp(type, "message_stop")) {
		emit(s, STREAM_END, s->finish);
	}
}

static void ollama_line(struct stream *s, const cJSON *j)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "message");
	const char *why;

	if (chunk_error(s, j))
		return;
	keep(s->model, sizeof(s->model), jstr(j, "model"));
	emit(s, STREAM_REASONING, jstr(m, "thinking"));
	emit(s, STREAM_TEXT, m ? jstr(m, "content") : jstr(j, "response"));
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "done"))) {
		why = jstr(j, "done_reason");
		emit(s, STREAM_END, why ? why : "stop");
	}
}

/* One JSON payload: an SSE event's data or an NDJSON line. */
static void payload(struct stream *s, const char *p, size_t n)
{
	cJSON *j;

	if (s->format == STREAM_OPENAI && n == 6 && !memcmp(p, "[DONE]", 6)) {
		emit(s, STREAM_END, s->finish);
		return;
	}
	j = cJSON_ParseWithLength(p, n);
	if (!j) {
		if (!strcmp(s->event, "error") && n > 0)
			emit(s, STREAM_ERROR, p);
		return;
	}
	if (cJSON_IsObject(j) && s->format == STREAM_OPENAI)
		openai_chunk(s, j);
	else if (cJSON_IsObject(j) && s->format == STREAM_ANTHROPIC)
		anthropic_event(s, j);
	else if (cJSON_IsObject(j))
		ollama_line(s, j);
	else if (cJSON_IsString(j) && !strcmp(s->event, "error"))
		emit(s, STREAM_ERROR, j->valuestring);
	cJSON_Delete(j);
}

static void sse_dispatch(struct stream *s)
{
	if (s->has_data)
		payload(s, s->data, s->data_len);
	s->has_data = 0;
	s->data_len = 0;
	s->event[0] = '\0';
}

static int sse_line(struct stream *s, const char *l, size_t n)
{
	const char *colon = memchr(l, ':', n);
	size_t flen = colon ? (size_t)(colon - l) : n;
	const char *v = colon ? colon + 1 : l + n;
	size_t vlen = n - (size_t)(v - l);
	int rc = STREAM_OK;

	if (n == 0) {
		sse_dispatch(s);
	} else if (l[0] == '{') {
		/* A bare JSON object, as some servers send for errors. */
		sse_dispatch(s);
		payload(s, l, n);
	} else if (flen == 4 && !memcmp(l, "data", 4)) {
		if (vlen && *v == ' ')
			v++, vlen--;
		if (s->has_data)
			rc = grow_add(&s->data, &s->data_len, &s->data_cap,
				      "\n", 1);
		if (rc == STREAM_OK)
			rc = grow_add(&s->data, &s->data_len, &s->data_cap,
				      v, vlen);
		s->has_data = 1;
	} else if (flen == 5 && !memcmp(l, "event", 5)) {
		if (vlen && *v == ' ')
			v++, vlen--;
		if (vlen >= sizeof(s->event))
			vlen = sizeof(s->event) - 1;
		memcpy(s->event, v, vlen);
		s->event[vlen] = '\0';
	}
	return rc;
}

static int line_done(struct stream *s)
{
	const char *l = s->line ? s->line : "";
	size_t n = s->line_len;
	int rc = STREAM_OK;

	if (s->format == STREAM_OLLAMA) {
		if (n > 0)
			payload(s, l, n);
	} else {
		rc = sse_line(s, l, n);
	}
	s->line_len = 0;
	if (rc == STREAM_OK)
		rc = s->status;
	return rc;
}

int stream_feed(struct stream *s, const char *buf, size_t len)
{
	size_t i = 0, j;

	while (s->status == STREAM_OK && i < len) {
		if (s->after_cr && buf[i] == '\n') {
			s->after_cr = 0;
			i++;
			continue;
		}
		s->after_cr = 0;
		for (j = i; j < len && buf[j] != '\n' && buf[j] != '\r'; j++)
			;
		if (j > i)
			s->status = grow_add(&s->line, &s->line_len,
					     &s->line_cap, buf + i, j - i);
		if (j < len && s->status == STREAM_OK) {
			s->after_cr = buf[j] == '\r';
			s->status = line_done(s);
			j++;
		}
		i = j;
	}
	return s->status;
}

int stream_finish(struct stream *s)
{
	if (s->status == STREAM_OK && s->line_len > 0)
		s->status = line_done(s);
	if (s->status == STREAM_OK && s->format != STREAM_OLLAMA)
		sse_dispatch(s);
	if (s->status == STREAM_OK && !s->ended && s->finish[0])
		emit(s, STREAM_END, s->finish);
	return s->status;
}

/* Backs o off so that out[0..o) does not end inside a UTF-8 sequence. */
static size_t utf8_cut(const char *out, size_t o)
{
	size_t k = o;

	while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)out[k - 1] >= 0xc0) {
		unsigned char c = (unsigned char)out[k - 1];
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (o - (k - 1) < need)
			return k - 1;
	}
	return o;
}

/* Copies m to out as one printable line, cut with "..." to fit. */
static void one_line(const char *m, size_t n, char *out, size_t size)
{
	size_t o = 0, i;
	int space = 1;

	for (i = 0; i < n && o + 1 < size; i++) {
		unsigned char c = (unsigned char)m[i];

		if (c <= ' ' || c == 0x7f) {
			if (!space)
				out[o++] = ' ';
			space = 1;
		} else {
			out[o++] = (char)c;
			space = 0;
		}
	}
	if (i < n && size > 4) {
		o = utf8_cut(out, o + 4 > size ? size - 4 : o);
		memcpy(out + o, "...", 3);
		o += 3;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[utf8_cut(out, o)] = '\0';
}

static int prefix_nocase(const char *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != p[i])
			return 0;
	return 1;
}

static int html_like(const char *b, size_t n)
{
	size_t i = 0;

	while (i < n && isspace((unsigned char)b[i]))
		i++;
	if (i < n && b[i] == '<')
		return 1;
	for (; i + 5 <= n; i++)
		if (prefix_nocase(b + i, "<html", 5))
			return 1;
	return 0;
}

/* The text of an HTML page's <title>, if any. */
static void html_title(const char *b, size_t n, char *out, size_t size)
{
	const char *t = NULL, *end;

	for (size_t i = 0; i + 7 <= n && !t; i++)
		if (prefix_nocase(b + i, "<title>", 7))
			t = b + i + 7;
	out[0] = '\0';
	if (!t)
		return;
	end = t;
	while (end < b + n && *end != '<')
		end++;
	one_line(t, (size_t)(end - t), out, size);
}

int stream_error_text(const char *body, size_t len, char *out,
		      size_t size)
{
	const char *m;
	cJSON *j;

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (!body || len == 0)
		return 0;
	if (html_like(body, len)) {
		html_title(body, len, out, size);
		return 1;
	}
	j = cJSON_ParseWithLength(body, len);
	if (j) {
		m = error_message(j, 0);
		if (m)
			one_line(m, strlen(m), out, size);
		cJSON_Delete(j);
		return 0;
	}
	m = memchr(body, '\n', len);
	one_line(body, m ? (size_t)(m - body) : len, out, size);
	return 0;
}
