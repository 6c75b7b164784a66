/*
 * "coach practice" (and "coach" alone): reads the practice options,
 * checks them against the question banks and starts the REPL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "coach/catalog.h"
#include "coach/journal.h"
#include "coach/cli.h"
#include "coach/msg.h"
#include "coach/repl.h"

enum practice_opt { OPT_CATEGORY, OPT_QUESTION, OPT_SEED, OPT_ORDER,
		    OPT_TIMED, OPT_STORY, OPT_NO_JOURNAL, OPT_HELP };

struct practice_args {
	struct repl_opts repl;
	const char *seed;
	const char *order;
	const char *timed;
	int help;
};

static const struct {
	const char *name;
	int takes_value;
	enum practice_opt id;
} practice_options[] = {
	{ "--category", 1, OPT_CATEGORY },
	{ "--question", 1, OPT_QUESTION },
	{ "--seed", 1, OPT_SEED },
	{ "--order", 1, OPT_ORDER },
	{ "--timed", 1, OPT_TIMED },
	{ "--story", 1, OPT_STORY },
	{ "--no-journal", 0, OPT_NO_JOURNAL },
	{ "--help", 0, OPT_HELP },
	{ "-h", 0, OPT_HELP },
};

#define NOPTIONS (sizeof(practice_options) / sizeof(practice_options[0]))

static const char usage_text[] =
	"usage: coach practice [--category NAME] [--question ID] "
	"[--order ORDER]\n"
	"                      [--timed SECONDS] [--story NAME] [--seed N]\n"
	"                      [--no-journal]\n"
	"\n"
	"Asks behavioral interview questions one at a time, scores each\n"
	"answer for STAR structure and growth mindset, and keeps it in your\n"
	"journal.  Finish an answer with an empty line twice or a line with\n"
	"only '.'; in a session, /help lists the commands.  Answers can be\n"
	"piped in as well (see docs/practice.md).\n"
	"\n"
	"  --category NAME  only questions of this category\n"
	"  --question ID    start with this question\n"
	"  --order ORDER    random, or weakest: low scores and questions\n"
	"                   not practised for long come first (the default\n"
	"                   once the journal has attempts)\n"
	"  --timed SECONDS  time each answer and warn past SECONDS\n"
	"  --story NAME     save the attempts as telling story NAME\n"
	"  --seed N         the same choice of questions every time\n"
	"  --no-journal     do not save attempts to the journal\n"
	"  --help           show this text\n";

static int usage_error(struct err *e)
{
	err_hint(e, "try 'coach practice --help'");
	msg_err(e);
	return ERR_USAGE;
}

/* Splits "--name=value" and finds the option; -1 when unknown. */
static int option_find(const char *arg, const char **value)
{
	size_t n = strcspn(arg, "=");
	size_t i;

	*value = arg[n] == '=' ? arg + n + 1 : NULL;
	for (i = 0; i < NOPTIONS; i++)
		if (strlen(practice_options[i].name) == n &&
		    strncmp(arg, practice_options[i].name, n) == 0)
			return (int)i;
	return -1;
}

static void option_apply(struct practice_args *a, struct config *c,
			 enum practice_opt id, const char *value)
{
	switch (id) {
	case OPT_CATEGORY:
		a->repl.category = value;
		break;
	case OPT_QUESTION:
		a->repl.question = value;
		break;
	case OPT_SEED:
		a->seed = value;
		break;
	case OPT_ORDER:
		a->order = value;
		break;
	case OPT_TIMED:
		a->timed = value;
		break;
	case OPT_STORY:
		a->repl.story = value;
		break;
	case OPT_NO_JOURNAL:
		c->journal_enabled = 0;
		break;
	case OPT_HELP:
		a->help = 1;
		break;
	}
}

/* One option at argv[*i], taking its value from the next word if needed. */
static int option_parse(int argc, char **argv, int *i,
			struct practice_args *a, struct config *c,
			struct err *e)
{
	const char *arg = argv[*i];
	const char *value;
	int k = option_find(arg, &value);

	if (k < 0 && arg[0] == '-')
		return err_set(e, ERR_USAGE, "unknown option '%s'", arg);
	if (k < 0)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", arg);
	if (!practice_options[k].takes_value && value)
		return err_set(e, ERR_USAGE, "option '%s' takes no value",
			       practice_options[k].name);
	if (practice_options[k].takes_value && !value) {
		if (*i + 1 >= argc)
			return err_set(e, ERR_USAGE, "option '%s' needs a value",
				       arg);
		value = argv[++*i];
	}
	option_apply(a, c, practice_options[k].id, value);
	return 0;
}

static int seed_parse(const char *s, unsigned long *seed, struct err *e)
{
	char *end;

	errno = 0;
	*seed = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno)
		return err_set(e, ERR_USAGE, "--seed wants a whole number "
			       "from 0 up, not '%s'", s);
	return 0;
}

static int order_parse(const char *s, enum choose_order *order,
		       struct err *e)
{
	if (strcmp(s, "random") == 0)
		*order = CHOOSE_RANDOM;
	else if (strcmp(s, "weakest") == 0)
		*order = CHOOSE_WEAKEST;
	else
		return err_set(e, ERR_USAGE, "--order wants 'random' or "
			       "'weakest', not '%s'", s);
	return 0;
}

/* Seconds from 10 to 3600, as "120" or "2:00". */
static int timed_parse(const char *s, int *seconds, struct err *e)
{
	unsigned m, sec;
	char tail;

	if (sscanf(s, "%u:%2u%c", &m, &sec, &tail) == 2 && sec < 60 &&
	    m <= 60)
		*seconds = (int)(m * 60 + sec);
	else if (sscanf(s, "%u%c", &sec, &tail) == 1 && sec <= 3600)
		*seconds = (int)sec;
	else
		*seconds = -1;
	if (*seconds < 10 || *seconds > 3600)
		return err_set(e, ERR_USAGE, "--timed wants seconds from 10 "
			       "to 3600 (or M:SS), not '%s'", s);
	return 0;
}

static unsigned long seed_from_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long)ts.tv_sec * 1000003ul ^
	       (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
}

static int args_parse(int argc, char **argv, struct practice_args *a,
		      struct config *c, struct err *e)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++)
		if (option_parse(argc, argv, &i, a, c, e) != 0)
			return e->status;
	if (a->order && order_parse(a->order, &a->repl.order, e) != 0)
		return e->status;
	if (a->timed && timed_parse(a->timed, &a->repl.timed, e) != 0)
		return e->status;
	if (a->seed)
		return seed_parse(a->seed, &a->repl.seed, e);
	a->repl.seed = seed_from_clock();
	return 0;
}

static int args_check(const struct practice_args *a,
		      const struct catalog *cat, struct err *e)
{
	char list[400];

	if (a->repl.category &&
	    !questions_has_category(&cat->questions, a->repl.category)) {
		questions_category_list(&cat->questions, list, sizeof(list));
		err_set(e, ERR_USAGE, "unknown category '%s'",
			a->repl.category);
		err_hint(e, "the categories are: %s", list);
		return ERR_USAGE;
	}
	if (a->repl.story && journal_label_problem(a->repl.story)) {
		err_set(e, ERR_USAGE, "the story name %s",
			journal_label_problem(a->repl.story));
		err_hint(e, "name the story in up to %d bytes, such as "
			 "--story \"billing outage\"", JOURNAL_LABEL_MAX);
		return ERR_USAGE;
	}
	if (a->repl.question &&
	    !questions_find(&cat->questions, a->repl.question)) {
		err_set(e, ERR_USAGE, "unknown question '%s'",
			a->repl.question);
		err_hint(e, "'coach questions' lists them with their ids");
		return ERR_USAGE;
	}
	return 0;
}

int cli_practice(int argc, char **argv, struct config *c)
{
	struct practice_args a;
	struct catalog cat;
	struct err e;
	int status;

	err_clear(&e);
	if (args_parse(argc, argv, &a, c, &e) != 0)
		return usage_error(&e);
	if (a.help) {
		fputs(usage_text, stdout);
		return ERR_OK;
	}

	if (catalog_load(&cat, c, &e) != 0) {
		msg_err(&e);
		return e.status;
	}
	if (args_check(&a, &cat, &e) != 0) {
		msg_err(&e);
		catalog_release(&cat);
		return ERR_USAGE;
	}
	status = repl_run(&a.repl, c, &cat);
	catalog_release(&cat);
	return status;
}
