/*
 * Default rubrics, question banks and prompt templates, compiled into the
 * program by scripts/embed.c so an installed coach works from anywhere.
 */
#ifndef COACH_EMBEDDED_H
#define COACH_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;	/* path as in the source tree: "rubrics/star.json" */
	const char *data;	/* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

/* Returns the file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
