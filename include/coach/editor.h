/*
 * Editing text in the user's editor ($VISUAL, $EDITOR or vi) through a
 * private temporary file.  The editor is run directly, not by a shell.
 */
#ifndef COACH_EDITOR_H
#define COACH_EDITOR_H

#include <stddef.h>
#include "coach/err.h"

/* The editor command: $VISUAL, else $EDITOR, else "vi". */
const char *editor_command(void);

/*
 * Splits cmd on spaces into at most max - 2 words in argv (pointing into
 * buf, a copy of cmd of size bsize), leaving room for a file name and
 * the NULL.  Returns the number of words, 0 when there are none.
 */
size_t editor_split(const char *cmd, char *buf, size_t bsize, char **argv,
		    size_t max);

/*
 * Writes text[0..len) to a new 0600 file in dir (or $TMPDIR, or /tmp,
 * when dir is NULL or cannot be made), runs the editor on it and reads
 * it back into *out (malloc'd, NUL-terminated, *outlen bytes).
 * Returns 0, or ERR_INPUT with e set and *out NULL: when the editor
 * cannot be started or exits with a failure, the file is removed; when
 * it cannot be read back, it is kept and e names it.
 */
int editor_edit(const char *dir, const char *text, size_t len, char **out,
		size_t *outlen, struct err *e);

#endif
