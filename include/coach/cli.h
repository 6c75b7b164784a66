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

#endif
