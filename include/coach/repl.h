/*
 * The practice REPL: asks a question, takes a multi-line answer, shows
 * its score report and journals the attempt.  Uses readline on a
 * terminal; reads answers without prompts when stdin is not one.
 */
#ifndef COACH_REPL_H
#define COACH_REPL_H

#include "coach/catalog.h"
#include "coach/choose.h"
#include "coach/config.h"

struct repl_opts {
	const char *category;	/* only questions of this category */
	const char *question;	/* start with this question id */
	unsigned long seed;	/* for question choice */
	enum choose_order order;	/* which question comes next */
	int timed;		/* seconds allowed per answer; 0 for none */
	const char *story;	/* story name for the attempts; may be NULL */
};

/* Runs a session until /quit or end of input; returns an exit status. */
int repl_run(const struct repl_opts *o, struct config *c,
	     struct catalog *cat);

#endif
