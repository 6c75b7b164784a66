/*
 * Everything coach says about itself goes through here, to stderr, as
 * "coach: ...".  Reports and answers go to stdout elsewhere.
 */
#ifndef COACH_MSG_H
#define COACH_MSG_H

#include "coach/err.h"

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints e as "coach: text" and its hint, if any, on a second line. */
void msg_err(const struct err *e);

#endif
