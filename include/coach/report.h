/*
 * Renders a score report for people (terminal text, with evidence quoted
 * from the answer and optional colour) and for scripts (JSON with a
 * versioned schema, docs/score-json.md).  Returns strings; prints nothing.
 */
#ifndef COACH_REPORT_H
#define COACH_REPORT_H

#include <cjson/cJSON.h>
#include "coach/score.h"
#include "coach/text.h"

#define REPORT_SCHEMA 1

struct report_opts {
	int color;		/* ANSI colour and highlighting */
	int width;		/* wrap column; 0 means 80 */
	const char *file;	/* answer file name, or NULL */
};

/* The report as terminal text; malloc'd, NULL when out of memory. */
char *report_text(const struct score_report *r, const struct text *t,
		  const struct report_opts *o);

/*
 * The report as a JSON object ("schema": REPORT_SCHEMA); the caller owns
 * it.  With with_evidence the evidence spans and their quotes are kept.
 */
cJSON *report_json(const struct score_report *r, const struct text *t,
		   const struct report_opts *o, int with_evidence);

#endif
