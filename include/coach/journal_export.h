/*
 * The journal's attempts written out for other programs and for reading:
 * Markdown (a study document grouped by question), CSV (RFC 4180) and a
 * JSON array.  The text goes to a write callback; no I/O here.
 */
#ifndef COACH_JOURNAL_EXPORT_H
#define COACH_JOURNAL_EXPORT_H

#include <stddef.h>
#include "coach/journal_query.h"

enum journal_format {
	JOURNAL_MARKDOWN,
	JOURNAL_CSV,
	JOURNAL_JSON
};

/* "md", "markdown", "csv" or "json" to a format; -1 for anything else. */
int journal_format_parse(const char *s, enum journal_format *f);

/* Takes len bytes of output; returns 0, or -1 to stop (a write error). */
typedef int (*journal_write_fn)(const char *s, size_t len, void *ctx);

/*
 * Writes attempts[0..n) (entries of v, oldest first) in format f, with
 * the feedback on each.  Markdown groups them by question, questions in
 * the order they were first answered.  CSV has a header row and CRLF
 * line ends, quoting fields with commas, quotes or line breaks.  JSON
 * is an array of the entries as stored plus "feedback" where there is
 * some.  Returns 0, or -1 when write failed or memory ran out.
 */
int journal_export(const struct journal_view *v, const cJSON **attempts,
		   size_t n, enum journal_format f, journal_write_fn write,
		   void *ctx);

#endif
