/*
 * The answer journal: one JSON object per line (docs/journal.md), only
 * ever appended to.  Each append is one write(2) of a whole line under an
 * advisory lock, then fsync, so concurrent writers never interleave and a
 * crash tears at most the line being written.
 */
#ifndef COACH_JOURNAL_H
#define COACH_JOURNAL_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "coach/err.h"

#define JOURNAL_SCHEMA 1

/*
 * Appends entry to the journal at path, creating the file (0600) and its
 * folder (0700) as needed.  Sets "v" (schema) and, when absent, "id" (a
 * unique id that sorts by time) and "time" (RFC 3339 UTC) in entry.  If
 * the file does not end in a newline (a torn last line), one is written
 * first.  Returns 0, or ERR_INPUT with a message that says what failed.
 */
int journal_append(const char *path, cJSON *entry, struct err *e);

/* A new id: "YYYYMMDDTHHMMSS.uuuuuuZ-xxxx", sortable by time. */
void journal_new_id(char *buf, size_t size);

/*
 * Called for each good entry, in file order; return non-zero to stop.
 * The entry is freed after the call: a callback that keeps it takes a
 * copy (cJSON_Duplicate) or detaches the members it needs.  Tombstones
 * ({"deleted": ID}) are passed on like any other entry.
 */
typedef int (*journal_visit_fn)(cJSON *entry, size_t line, void *ctx);

/* Called for each line that is skipped, with why. */
typedef void (*journal_bad_fn)(size_t line, const char *why, void *ctx);

/*
 * Reads the journal at path.  A missing file is an empty journal.
 * Malformed lines are reported through bad (may be NULL) and skipped.
 * Returns 0, or ERR_INPUT when the file cannot be read.
 */
int journal_read(const char *path, journal_visit_fn visit,
		 journal_bad_fn bad, void *ctx, struct err *e);

/* The live entries of a journal, oldest first. */
struct journal_list {
	cJSON **items;		/* owned */
	size_t len, cap;
};

/*
 * Reads the journal at path like journal_read and keeps its live
 * entries in out: a tombstone {"deleted": ID} removes the earlier
 * entries with that id and is not itself kept.  Release out with
 * journal_list_release, even on error (it is left empty then).
 */
int journal_load(const char *path, struct journal_list *out,
		 journal_bad_fn bad, void *ctx, struct err *e);

void journal_list_release(struct journal_list *l);

#endif
