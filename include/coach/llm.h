/*
 * Asks a model for feedback over HTTP (libcurl) and streams the reply
 * through the stream parser: request bodies per provider, timeouts,
 * retries before the first byte, cancellation and readable errors.
 * Linked only into the coach-llm program, never into coach itself.
 */
#ifndef COACH_LLM_H
#define COACH_LLM_H

#include <signal.h>
#include <stdio.h>
#include "coach/err.h"
#include "coach/llmconfig.h"
#include "coach/stream.h"

/* Caps on what is sent and received (docs/limits.md). */
#define LLM_MAX_REQUEST (2 * 1024 * 1024)
#define LLM_MAX_REPLY (256 * 1024)
#define LLM_MAX_ERROR_BODY (64 * 1024)

/*
 * Called for each piece of text (STREAM_TEXT) or reasoning
 * (STREAM_REASONING) as it arrives.  Returns 0, or non-zero when it
 * cannot write (the transfer then stops).
 */
typedef int (*llm_out_fn)(enum stream_kind kind, const char *data,
			  size_t len, void *ctx);

/* Called with a one-line note for people, e.g. before a retry. */
typedef void (*llm_note_fn)(const char *note, void *ctx);

struct llm_request {
	const struct llmconfig *cfg;	/* checked, with its key resolved */
	const char *system;		/* the system prompt */
	const char *user;		/* the user prompt */
	llm_out_fn out;
	llm_note_fn note;		/* may be NULL */
	void *ctx;
	FILE *trace;			/* --verbose trace, or NULL */
	volatile sig_atomic_t *stop;	/* set (by a signal) to cancel */
};

struct llm_result {
	char model[128];	/* the model that answered, when named */
	char finish[32];	/* why it stopped: "stop", "length", ... */
	size_t text_len;	/* bytes of answer text passed to out */
	int complete;		/* the reply ended normally */
};

/* Sets up libcurl; call once before any thread starts.  0 or -1. */
int llm_global_init(void);
void llm_global_release(void);

/*
 * Sends the request and streams the reply to rq->out.  Returns 0 when
 * the reply ended normally; ERR_INTERRUPTED when *rq->stop was set;
 * ERR_NETWORK for endpoint and network failures, with one sentence in e
 * that says what to check (the server's message, if any, in the hint);
 * ERR_INPUT when the request is over its cap or output fails.  Text
 * already passed to out stays valid: res tells how much there was.  The
 * API key never appears in e or the trace.
 */
int llm_run(const struct llm_request *rq, struct llm_result *res,
	    struct err *e);

/* The request body for c as compact JSON; malloc'd, NULL on no memory. */
char *llm_body(const struct llmconfig *c, const char *system,
	       const char *user);

#endif
