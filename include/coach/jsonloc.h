/*
 * Line numbers for JSON files: cJSON tells where a syntax error is but
 * not where a parsed value came from, so validators find the line of a
 * value by its path.  No I/O.
 */
#ifndef COACH_JSONLOC_H
#define COACH_JSONLOC_H

#include <stddef.h>

/* One step of a path: an object key, or an array index when key is NULL. */
struct jsonloc_step {
	const char *key;
	size_t index;
};

/*
 * The 1-based line where the value at path starts in json (valid JSON),
 * or the line of the deepest step found.  Returns 1 when none is found.
 */
size_t jsonloc_line(const char *json, size_t len,
		    const struct jsonloc_step *path, size_t depth);

/* The 1-based line of byte offset off in s. */
size_t jsonloc_line_of(const char *s, size_t off);

#endif
