/*
 * coach: practise behavioral interview answers.  Parses the global
 * options, finds the command in a table and runs it; the only exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/cli.h"
#include "coach/msg.h"

#ifndef COACH_VERSION
#define COACH_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct config *c);
	const char *summary;
};

static const struct command commands[] = {
	{ "practice", cli_practice, "practise answering questions (default)" },
	{ "score", cli_score, "score answer files offline" },
	{ "journal", cli_journal, "review the journal of your attempts" },
	{ "questions", cli_questions_tools,
	  "list, check or import questions" },
	{ "loop", cli_loop, "run a mock interview from a plan" },
	{ "rubric", cli_rubric, "check a rubric file" },
	{ "plan", cli_plan, "check an interview plan file" },
	{ "feedback", cli_feedback, "ask your configured model for feedback" },
	{ "config", cli_config, "show the model feedback settings" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *to)
{
	fputs("usage: coach [--color=WHEN] [--no-journal] [COMMAND [ARGS]]\n"
	      "\nCommands:\n", to);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(to, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\nWith no command, coach starts a practice session.\n"
	      "Run 'coach COMMAND --help' for a command's options; "
	      "see man coach.\n", to);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int parse_color(const char *when, struct config *c)
{
	if (strcmp(when, "auto") == 0)
		c->color = -1;
	else if (strcmp(when, "always") == 0)
		c->color = 1;
	else if (strcmp(when, "never") == 0)
		c->color = 0;
	else
		return -1;
	return 0;
}

/* Global options before the command; returns the index of the command. */
static int global_options(int argc, char **argv, struct config *c, int *rc)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			*rc = 0;
			return -1;
		} else if (strcmp(a, "--version") == 0) {
			printf("coach %s\n", COACH_VERSION);
			*rc = 0;
			return -1;
		} else if (strcmp(a, "--no-journal") == 0) {
			c->journal_enabled = 0;
		} else if (strncmp(a, "--color=", 8) == 0) {
			if (parse_color(a + 8, c) == 0)
				continue;
			msg_error("--color takes always, never or auto, not "
				  "'%s'", a + 8);
			fputs("hint: try 'coach --help'\n", stderr);
			*rc = ERR_USAGE;
			return -1;
		} else {
			msg_error("unknown option '%s'", a);
			fputs("hint: try 'coach --help'\n", stderr);
			*rc = ERR_USAGE;
			return -1;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	static char practice[] = "practice";
	static char *no_args[] = { practice, NULL };
	struct config config;
	const struct command *cmd;
	struct err e;
	int rc = 0, at;

	if (config_init(&config, &e) != 0) {
		msg_err(&e);
		return e.status;
	}
	at = global_options(argc, argv, &config, &rc);
	if (at < 0) {
		config_release(&config);
		return rc;
	}
	if (at == argc) {
		rc = cli_practice(1, no_args, &config);
	} else if ((cmd = find_command(argv[at])) != NULL) {
		rc = cmd->run(argc - at, argv + at, &config);
	} else {
		msg_error("'%s' is not a coach command", argv[at]);
		fputs("hint: try 'coach --help'\n", stderr);
		rc = ERR_USAGE;
	}
	config_release(&config);
	fflush(stdout);
	if (ferror(stdout) && rc == 0)
		rc = ERR_INPUT;
	return rc;
}
