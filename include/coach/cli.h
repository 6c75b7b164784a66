/*
 * The subcommands behind "coach COMMAND".  Each takes the arguments after
 * the command name and returns an exit status from err.h; only main exits.
 */
#ifndef COACH_CLI_H
#define COACH_CLI_H

#include "coach/config.h"

int cli_score(int argc, char **argv, struct config *c);
int cli_journal(int argc, char **argv, struct config *c);
int cli_questions(int argc, char **argv, struct config *c);
int cli_practice(int argc, char **argv, struct config *c);
int cli_feedback(int argc, char **argv, struct config *c);
int cli_config(int argc, char **argv, struct config *c);
int cli_loop(int argc, char **argv, struct config *c);
int cli_rubric(int argc, char **argv, struct config *c);
int cli_plan(int argc, char **argv, struct config *c);

/* "coach questions check|import ...", else cli_questions. */
int cli_questions_tools(int argc, char **argv, struct config *c);
int cli_questions_import(int argc, char **argv, struct config *c);

#endif
