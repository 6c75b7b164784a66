/*
 * Reading whole files and standard input with a size cap, and writing
 * files atomically.  Errors name the file and say what to check.
 */
#ifndef COACH_FILEIO_H
#define COACH_FILEIO_H

#include <stddef.h>
#include "coach/err.h"

/* The largest answer or data file coach reads (docs/limits.md). */
#define FILEIO_MAX_ANSWER (1024 * 1024)
#define FILEIO_MAX_DATA (4 * 1024 * 1024)

/*
 * Reads path ("-" for stdin) into a malloc'd, NUL-terminated buffer.
 * Refuses directories, unreadable files and files over max bytes with
 * ERR_INPUT.  *out is NULL on error.
 */
int fileio_read(const char *path, size_t max, char **out, size_t *len,
		struct err *e);

/*
 * A size limit as people read it, into out[0..size): "1 MiB limit" and
 * "2 KiB limit" for exact multiples, else "10-byte limit".  Messages say
 * "... is over the " followed by it.
 */
void fileio_limit_text(size_t max, char *out, size_t size);

/* Creates dir and its parents with mode (0700 for private folders). */
int fileio_mkdirs(const char *dir, unsigned mode, struct err *e);

#endif
