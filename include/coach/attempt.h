/*
 * One attempt at a question: the answer, its analysis and its score, and
 * the journal entry that records it.  The glue shared by the REPL and
 * "coach score".
 */
#ifndef COACH_ATTEMPT_H
#define COACH_ATTEMPT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "coach/catalog.h"
#include "coach/err.h"
#include "coach/questions.h"
#include "coach/score.h"
#include "coach/text.h"

struct attempt {
	const struct question *question;	/* may be NULL */
	char *answer;				/* owned copy */
	size_t len;
	struct text text;
	struct score_report report;
};

/*
 * Checks and scores answer[0..len) for question q (NULL: no question).
 * Empty or whitespace-only answers are ERR_INPUT; so are invalid UTF-8
 * and NUL bytes, with a message naming the line.  Release with
 * attempt_release even on error.
 */
int attempt_score(struct attempt *a, const struct catalog *cat,
		  const struct question *q, const char *answer, size_t len,
		  struct err *e);

/*
 * The journal entry for a: question, answer, score summary, flags and
 * seconds_spent (negative when unknown).  Caller owns the result.
 */
cJSON *attempt_entry(const struct attempt *a, double seconds_spent);

void attempt_release(struct attempt *a);

#endif
