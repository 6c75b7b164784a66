/*
 * Recovery files: an answer that cannot go into the journal, or that is
 * thrown away, is written to a new private file in the state folder.
 */
#ifndef COACH_RECOVERY_H
#define COACH_RECOVERY_H

#include <stddef.h>
#include "coach/err.h"

/*
 * Writes text[0..len) to state_dir/recovered-<time>.txt (folder 0700,
 * file 0600, synced) and puts its name in path.  Returns 0, or ERR_INPUT
 * with e set; no partial file is left behind.
 */
int recovery_write(const char *state_dir, const char *text, size_t len,
		   char *path, size_t size, struct err *e);

/*
 * Writes all of text[0..len) to fd, going on after EINTR.  Returns 0,
 * or -1 with errno set.
 */
int recovery_write_all(int fd, const char *text, size_t len);

#endif
