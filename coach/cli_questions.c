/* "coach questions": lists the question bank, optionally by category. */
#include <stdio.h>
#include <string.h>

#include "coach/catalog.h"
#include "coach/cli.h"
#include "coach/msg.h"

static const char usage_text[] =
	"usage: coach questions [--category NAME]\n"
	"\nLists the questions coach can ask, with their ids and categories.\n";

int cli_questions(int argc, char **argv, struct config *c)
{
	const char *category = NULL;
	struct catalog cat;
	struct err e;
	size_t shown = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		} else if (strcmp(argv[i], "--category") == 0 && i + 1 < argc) {
			category = argv[++i];
		} else {
			msg_error("unknown option '%s'", argv[i]);
			fputs("hint: try 'coach questions --help'\n", stderr);
			return ERR_USAGE;
		}
	}
	if (catalog_load(&cat, c, &e)) {
		msg_err(&e);
		return e.status;
	}
	for (size_t i = 0; i < cat.questions.n; i++) {
		const struct question *q = &cat.questions.items[i];

		if (category && strcmp(q->category, category))
			continue;
		printf("%-28s %-15s %s\n", q->id, q->category, q->text);
		shown++;
	}
	catalog_release(&cat);
	if (category && !shown) {
		msg_error("no questions in category '%s'", category);
		return ERR_USAGE;
	}
	return 0;
}
