/*
 * Model feedback for the front ends: "coach feedback" and the REPL's
 * /feedback.  Runs the coach-llm program (which holds the network code,
 * so coach itself never loads libcurl) with the attempt as a job on its
 * standard input; the feedback streams to standard output.
 */
#ifndef COACH_FEEDBACK_H
#define COACH_FEEDBACK_H

#include "coach/attempt.h"
#include "coach/config.h"
#include "coach/llmconfig.h"

struct feedback_opts {
	struct llmconfig_flags flags;	/* command-line overrides */
	int verbose;			/* HTTP trace, keys hidden */
};

/* Sets o to "no overrides, no trace". */
void feedback_opts_init(struct feedback_opts *o);

/*
 * Checks, without sending anything or running api_key_command, that the
 * settings in c->config_dir with o's overrides (o may be NULL) name a
 * usable endpoint.  Returns 0, ERR_USAGE when no endpoint is configured,
 * or ERR_INPUT; e says why and how to fix it.
 */
int feedback_check(const struct config *c, const struct feedback_opts *o,
		   struct err *e);

/*
 * Asks the configured model about attempt a.  attempt_id is the id of
 * a's journal entry (NULL when it was not journaled); the feedback is
 * journaled as an entry that names it, unless c->journal_enabled is 0.
 * o may be NULL.  While the model answers, Ctrl-C stops it and keeps
 * what was shown.  Prints its own messages to stderr.  Returns 0,
 * ERR_USAGE when no endpoint is configured, ERR_INPUT, ERR_NETWORK or
 * ERR_INTERRUPTED.
 */
int feedback_request(const struct config *c, const struct attempt *a,
		     const char *attempt_id, const struct feedback_opts *o);

/*
 * The path of the coach-llm program in out[0..size): next to the
 * running program, else in the install's libexec folder.  Returns 0,
 * or -1 when neither exists.
 */
int feedback_helper_path(char *out, size_t size);

#endif
