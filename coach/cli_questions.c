/* "coach questions": lists the question bank, optionally by category. */
#include <stdio.h>
#include <string.h>

#include "coach/catalog.h"
#include "coach/cli.h"
#include "coach/msg.h"

static const char usage_text[] =
	"usage: coach questions [--category NAME]\n"
	"       coach questions check FILE...\n"
	"       coach questions import FILE [--category NAME] "
	"[--id-prefix P] [--save]\n"
	"\nLists the questions coach can ask, with their ids and categories.\n"
	"'check' checks question bank files; 'import' turns a list of\n"
	"questions into one (see 'coach questions check --help' and\n"
	"'coach questions import --help').\n";

static int usage_error(const char *what, const char *arg)
{
	msg_error("%s '%s'", what, arg);
	fputs("hint: try 'coach questions --help'\n", stderr);
	return ERR_USAGE;
}

static int shown(const struct question *q, const char *category)
{
	return !category || (q->category && !strcmp(q->category, category));
}

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* Lists the questions of category (NULL for all) in columns as wide as
 * their longest id and category; returns how many. */
static size_t questions_print(const struct question_bank *b,
			      const char *category)
{
	size_t i, n = 0;
	int wid = 0, wcat = 0, k;

	for (i = 0; i < b->n; i++) {
		if (!shown(&b->items[i], category))
			continue;
		k = (int)strlen(b->items[i].id);
		wid = k > wid ? k : wid;
		k = (int)strlen(or_dash(b->items[i].category));
		wcat = k > wcat ? k : wcat;
	}
	for (i = 0; i < b->n; i++) {
		const struct question *q = &b->items[i];

		if (!shown(q, category))
			continue;
		printf("%-*s  %-*s  %s\n", wid, q->id, wcat,
		       or_dash(q->category), q->text);
		n++;
	}
	return n;
}

static int parse(int argc, char **argv, const char **category, int *help)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			*help = 1;
		else if (strcmp(argv[i], "--category") == 0 && i + 1 < argc)
			*category = argv[++i];
		else if (strcmp(argv[i], "--category") == 0)
			return usage_error("a value is needed after",
					   argv[i]);
		else
			return usage_error("unknown option", argv[i]);
	}
	return 0;
}

int cli_questions(int argc, char **argv, struct config *c)
{
	const char *category = NULL;
	struct catalog cat;
	struct err e;
	char list[1024];
	int help = 0;

	if (parse(argc, argv, &category, &help))
		return ERR_USAGE;
	if (help) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (catalog_load(&cat, c, &e)) {
		msg_err(&e);
		return e.status;
	}
	if (questions_print(&cat.questions, category) == 0 && category) {
		questions_category_list(&cat.questions, list, sizeof(list));
		msg_error("no questions in category '%s'", category);
		fprintf(stderr, "hint: the categories are: %s\n", list);
		catalog_release(&cat);
		return ERR_USAGE;
	}
	catalog_release(&cat);
	return 0;
}
