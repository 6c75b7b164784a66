/*
 * Errors as values: a status from the documented exit set and one line of
 * text.  Lower layers fill a struct err; only main turns it into an exit.
 */
#ifndef COACH_ERR_H
#define COACH_ERR_H

#include <stddef.h>

/* The exit statuses documented in docs/exit-status.md. */
enum err_status {
	ERR_OK = 0,
	ERR_BELOW_MIN = 1,	/* a score was below --min */
	ERR_USAGE = 2,		/* bad command line */
	ERR_INPUT = 3,		/* bad answer text or data file */
	ERR_NETWORK = 4,	/* endpoint or network failure */
	ERR_INTERRUPTED = 130	/* stopped by Ctrl-C */
};

struct err {
	int status;
	char text[512];
	char hint[256];
};

/* Sets e (which may be NULL) and returns status, so callers can write
 * "return err_set(e, ERR_INPUT, ...)". */
int err_set(struct err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds a hint line to an error that is already set. */
void err_hint(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefixes the error text with "prefix: ". */
void err_prefix(struct err *e, const char *prefix);

void err_clear(struct err *e);

#endif
