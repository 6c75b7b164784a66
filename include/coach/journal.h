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

/* The longest story name or tag, in bytes. */
#define JOURNAL_LABEL_MAX 80

/*
 * Why s cannot be a story name or tag ("is empty", "is too long", ...),
 * or NULL when it can.
 */
const char *journal_label_problem(const char *s);

/*
 * Sets the entry's "story" (the name of the experience the answer
 * tells, so retellings can be compared).  Call between attempt_entry
 * and journal_append.  Returns 0, or -1 when story is not a valid label
 * (journal_label_problem) or memory runs out.
 */
int journal_entry_set_story(cJSON *entry, const char *story);

/*
 * Adds tag to the entry's "tags" array unless it is there already.
 * Returns 0, or -1 like journal_entry_set_story.
 */
int journal_entry_add_tag(cJSON *entry, const char *tag);

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

/*
 * Parses one line of a journal (n bytes, no newline).  Returns the
 * entry, or NULL with why set to the reason it is unusable ("not valid
 * JSON", "contains a NUL byte", "unsupported schema version 2", ...);
 * why is "" for a blank line.  The caller owns the entry.
 */
cJSON *journal_parse_line(const char *s, size_t n, char *why,
			 size_t size);

/* What journal_compact did. */
struct journal_compact_result {
	size_t kept;		/* lines written to the new file */
	size_t dropped;		/* deleted entries, their tombstones and
				   feedback on them */
	size_t tombstones;	/* of dropped: the tombstones */
	size_t feedback;	/* of dropped: feedback on deleted entries */
	size_t bad;		/* torn or malformed lines dropped */
	long long before, after;	/* file sizes in bytes */
};

/*
 * Rewrites the journal without deleted entries, tombstones, feedback on
 * deleted entries, blank lines and unreadable lines (each reported
 * through bad).  Lines with another schema version are kept as they
 * are.  The new file gets the old one's mode and is renamed into place
 * under the journal's lock, then the folder is synced.  A missing
 * journal is left missing.  Returns 0, or ERR_INPUT with e set; the old
 * file is untouched on error.
 */
int journal_compact(const char *path, struct journal_compact_result *r,
		    journal_bad_fn bad, void *ctx, struct err *e);

#endif
