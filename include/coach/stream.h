/*
 * Incremental parser for model replies: server-sent events (OpenAI,
 * Azure OpenAI and every OpenAI-compatible server, Anthropic) and
 * newline-delimited JSON (Ollama).  Fed bytes in any split, it yields
 * the same events.  Pure: no sockets, no I/O.
 */
#ifndef COACH_STREAM_H
#define COACH_STREAM_H

#include <stddef.h>

/* The longest line or event the parser buffers (docs/limits.md). */
#define STREAM_MAX_EVENT (1024 * 1024)

enum stream_format {
	STREAM_OPENAI,		/* SSE "data:" chunks, then "[DONE]" */
	STREAM_ANTHROPIC,	/* SSE typed events, "message_stop" */
	STREAM_OLLAMA		/* one JSON object a line, "done": true */
};

enum stream_kind {
	STREAM_TEXT,		/* a piece of the answer */
	STREAM_REASONING,	/* a piece of the model's reasoning */
	STREAM_ERROR,		/* the server sent an error */
	STREAM_END		/* the server said the answer is complete */
};

/*
 * One event.  data is valid only during the callback; it is NUL
 * terminated and, for TEXT and REASONING, whole UTF-8 characters.
 * For ERROR it is the server's message, for END the finish reason
 * ("stop", "length", ...; may be empty).
 */
struct stream_event {
	enum stream_kind kind;
	const char *data;
	size_t len;
};

/* Returns 0 to go on, non-zero to stop the parser (stream_feed fails). */
typedef int (*stream_fn)(const struct stream_event *ev, void *ctx);

enum stream_status {
	STREAM_OK = 0,
	STREAM_ENOMEM = -1,	/* out of memory */
	STREAM_ETOOLONG = -2,	/* a line over STREAM_MAX_EVENT */
	STREAM_ESTOPPED = -3	/* the callback asked to stop */
};

struct stream {
	enum stream_format format;
	stream_fn fn;
	void *ctx;
	char *line;		/* the line being read */
	size_t line_len, line_cap;
	char *data;		/* SSE: the data lines of the event so far */
	size_t data_len, data_cap;
	int has_data;
	char event[64];		/* SSE: the "event:" name */
	int after_cr;		/* the last byte was CR: skip a next LF */
	int ended;		/* END was emitted */
	int failed;		/* ERROR was emitted */
	int status;		/* sticky enum stream_status */
	char model[128];	/* the model the server named, if any */
	char finish[32];	/* the finish reason seen so far */
};

/* Prepares s; fn is called for each event with ctx. */
void stream_init(struct stream *s, enum stream_format f, stream_fn fn,
		 void *ctx);

/*
 * Parses buf[0..len).  Returns STREAM_OK or a negative stream_status;
 * after a failure every later call returns the same status.
 */
int stream_feed(struct stream *s, const char *buf, size_t len);

/*
 * The input is over: parses a last line or event that lacks its
 * terminator.  Returns like stream_feed.  Afterwards s->ended tells
 * whether the server marked the end.
 */
int stream_finish(struct stream *s);

void stream_release(struct stream *s);

/*
 * The message in an error body (JSON of any common shape, a bare JSON
 * string, plain text or an HTML page) as one printable line in
 * out[0..size).  Returns 1 when the body was an HTML page, else 0.
 */
int stream_error_text(const char *body, size_t len, char *out,
		      size_t size);

#endif
