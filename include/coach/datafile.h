/*
 * Small helpers the JSON data-file loaders (question banks, plans) share:
 * errors that name the file and line, id and list checks.  No I/O.
 */
#ifndef COACH_DATAFILE_H
#define COACH_DATAFILE_H

#include <stddef.h>
#include "coach/err.h"

/* Sets e to ERR_INPUT with "file:line: message"; returns ERR_INPUT. */
int datafile_fail(struct err *e, const char *file, size_t line,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Whether s is one of the NULL-terminated list. */
int datafile_in_list(const char *s, const char *const *list);

/* Whether s is a non-empty id of a-z, 0-9 and '-'. */
int datafile_is_id(const char *s);

/* Frees n strings of v and v itself; v may be NULL. */
void datafile_strv_free(char **v, size_t n);

#endif
