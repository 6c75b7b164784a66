/*
 * The REPL's commands that look around: categories and questions to
 * choose from, the attempts of the session and of the journal, and
 * model feedback on the last answer.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/cli.h"
#include "coach/feedback.h"
#include "coach/journal_query.h"
#include "coach/msg.h"
#include "coach/repl_session.h"

#define HISTORY_ALL 20

static size_t category_count(const struct question_bank *b,
			     const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->items[i].category &&
		     strcmp(b->items[i].category, name) == 0;
	return n;
}

static void categories_list(const struct repl *r)
{
	const struct question_bank *b = &r->cat->questions;
	const char *name;
	size_t i;

	printf("Categories (/category NAME to switch, /category all for "
	       "any):\n");
	for (i = 0; (name = questions_category(b, i)) != NULL; i++)
		printf("%c %-16s %zu question%s\n",
		       r->category && !strcmp(r->category, name) ? '*' : ' ',
		       name, category_count(b, name),
		       category_count(b, name) == 1 ? "" : "s");
}

enum repl_action repl_cmd_category(struct repl *r, const char *arg)
{
	const struct question_bank *b = &r->cat->questions;
	const char *name;
	size_t i;

	if (!arg) {
		categories_list(r);
		return ACT_STAY;
	}
	if (strcmp(arg, "all") == 0) {
		r->category = NULL;
		printf("Questions of every category from now on.\n");
		return ACT_NEXT;
	}
	for (i = 0; (name = questions_category(b, i)) != NULL; i++)
		if (strcmp(name, arg) == 0)
			break;
	if (!name) {
		msg_error("unknown category '%s'", arg);
		fputs("hint: /category alone lists them\n", stderr);
		return ACT_STAY;
	}
	r->category = name;
	return ACT_NEXT;
}

/* The widest id and category of the bank, for aligned columns. */
static void questions_widths(const struct question_bank *b, int *id,
			     int *category)
{
	size_t i;

	*id = 2;
	*category = 8;
	for (i = 0; i < b->n; i++) {
		const struct question *q = &b->items[i];
		int n = (int)strlen(q->id);

		*id = n > *id ? n : *id;
		n = q->category ? (int)strlen(q->category) : 0;
		*category = n > *category ? n : *category;
	}
}

enum repl_action repl_cmd_questions(struct repl *r, const char *arg)
{
	const struct question_bank *b = &r->cat->questions;
	int wid, wcat, room;
	size_t i;

	(void)arg;
	questions_widths(b, &wid, &wcat);
	room = repl_width() - 1 - (2 + wid + 1 + wcat + 1);
	for (i = 0; i < b->n; i++) {
		const struct question *q = &b->items[i];
		int n = (int)strlen(q->text);

		printf("%c %-*s %-*s", q == r->q ? '*' : ' ', wid, q->id,
		       wcat, q->category ? q->category : "");
		if (room >= 12)
			printf(" %.*s%s", n > room ? room - 3 : n, q->text,
			       n > room ? "..." : "");
		putchar('\n');
	}
	printf("/question ID puts one of them.\n");
	return ACT_STAY;
}

enum repl_action repl_cmd_question(struct repl *r, const char *arg)
{
	const struct question *q;

	if (!arg) {
		msg_error("/question needs a question id");
		fputs("hint: /questions lists them\n", stderr);
		return ACT_STAY;
	}
	q = questions_find(&r->cat->questions, arg);
	if (!q) {
		msg_error("unknown question '%s'", arg);
		fputs("hint: /questions lists them; Tab completes ids\n",
		      stderr);
		return ACT_STAY;
	}
	r->q = q;
	return ACT_ASK;
}

static void history_session(const struct repl *r)
{
	size_t i;

	if (r->ndone == 0) {
		printf("No attempts this session; /history all shows the "
		       "journal.\n");
		return;
	}
	for (i = 0; i < r->ndone; i++)
		printf("%3zu. %-26s overall %3.0f  %zu words, %ld:%02ld\n",
		       i + 1, r->done[i].question, r->done[i].overall,
		       r->done[i].words, (long)r->done[i].seconds / 60,
		       (long)r->done[i].seconds % 60);
}

static void history_journal(const struct repl *r)
{
	struct journal_list l = { NULL, 0, 0 };
	struct journal_view v;
	struct err e;
	char date[11];
	size_t i;

	err_clear(&e);
	if (journal_load(r->c->journal_path, &l, NULL, NULL, &e) != 0) {
		msg_err(&e);
		journal_list_release(&l);
		return;
	}
	if (journal_view_init(&v, &l) != 0) {
		msg_error("cannot read the journal: out of memory");
		journal_view_release(&v);
		return;
	}
	if (v.nattempts == 0)
		printf("The journal has no attempts yet.\n");
	i = v.nattempts > HISTORY_ALL ? v.nattempts - HISTORY_ALL : 0;
	for (; i < v.nattempts; i++) {
		const char *q = journal_str(v.attempts[i], "question.id");

		journal_date(v.attempts[i], date);
		printf("%-10s %-26s overall %3.0f\n", date, q ? q : "-",
		       journal_num(v.attempts[i], "score.overall"));
	}
	journal_view_release(&v);
}

enum repl_action repl_cmd_history(struct repl *r, const char *arg)
{
	if (arg && strcmp(arg, "all") == 0)
		history_journal(r);
	else if (arg)
		msg_error("/history takes 'all' or nothing, not '%s'", arg);
	else
		history_session(r);
	return ACT_STAY;
}

enum repl_action repl_cmd_journal(struct repl *r, const char *arg)
{
	static char n0[] = "journal", n1[] = "list", n2[] = "--limit";
	static char n3[] = "5";
	char *argv[] = { n0, n1, n2, n3, NULL };

	(void)arg;
	fflush(stdout);
	cli_journal(4, argv, r->c);
	fflush(stdout);
	return ACT_STAY;
}

/*
 * Ctrl-C must reach the program that asks the model, so SIGINT is let
 * through while it runs; a stray one is dropped afterwards.
 */
enum repl_action repl_cmd_feedback(struct repl *r, const char *arg)
{
	sigset_t saved;

	(void)arg;
	if (!r->has_last) {
		printf("Answer a question first; /feedback asks a model "
		       "about your last answer.\n");
		return ACT_STAY;
	}
	fflush(stdout);
	if (r->tty)
		sigprocmask(SIG_SETMASK, &r->wait_mask, &saved);
	(void)feedback_request(r->c, &r->last, r->last_id[0] ?
			       r->last_id : NULL, NULL);
	if (r->tty) {
		sigprocmask(SIG_SETMASK, &saved, NULL);
		repl_term_forget_sigint();
	}
	fflush(stdout);
	return ACT_STAY;
}
