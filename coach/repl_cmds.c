/*
 * The REPL's slash commands: one table of name, arguments, help,
 * handler and completer, the handlers that move through questions and
 * edit the answer, and tab completion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "coach/editor.h"
#include "coach/msg.h"
#include "coach/repl_session.h"

typedef enum repl_action (*cmd_fn)(struct repl *r, const char *arg);
typedef char *(*completer_fn)(const char *text, int state);

struct command {
	const char *name;
	const char *args;	/* "" when it takes none */
	const char *help;
	cmd_fn run;
	completer_fn complete;
};

/* Readline's generators take no context: the session being completed. */
static const struct repl *completing;

static enum repl_action cmd_next(struct repl *r, const char *arg)
{
	(void)r;
	(void)arg;
	return ACT_NEXT;
}

static enum repl_action cmd_retry(struct repl *r, const char *arg)
{
	(void)r;
	(void)arg;
	return ACT_ASK;
}

static enum repl_action cmd_skip(struct repl *r, const char *arg)
{
	const char **p = realloc(r->skipped,
				 (r->nskipped + 1) * sizeof(*p));

	(void)arg;
	if (p) {
		r->skipped = p;
		p[r->nskipped++] = r->q->id;
	}
	printf("Skipped %s; it will not come up again this session.\n",
	       r->q->id);
	return ACT_NEXT;
}

static enum repl_action cmd_quit(struct repl *r, const char *arg)
{
	(void)r;
	(void)arg;
	return ACT_QUIT;
}

/* What /edit starts from: the answer being typed, else the last one. */
static void edit_source(const struct repl *r, const char **text,
			size_t *len)
{
	*text = "";
	*len = 0;
	if (r->nlines > 0) {
		*text = r->answer.s;
		*len = r->answer.len;
	} else if (r->has_last && r->last.question == r->q) {
		*text = r->last.answer;
		*len = r->last.len;
	}
}

static enum repl_action cmd_edit(struct repl *r, const char *arg)
{
	enum repl_action keep = r->nlines > 0 ? ACT_RESUME : ACT_STAY;
	const char *text;
	char *out;
	size_t len;
	struct err e;

	(void)arg;
	if (!r->tty) {
		msg_error("/edit needs a terminal");
		return keep;
	}
	edit_source(r, &text, &len);
	err_clear(&e);
	if (editor_edit(r->c->state_dir, text, len, &out, &len, &e) != 0) {
		repl_term_forget_sigint();
		msg_err(&e);
		msg_note("your answer is as it was");
		return keep;
	}
	repl_term_forget_sigint();
	if (strspn(out, " \t\r\n") == len) {
		msg_note("the edited answer is empty; nothing to score");
		free(out);
		return keep;
	}
	if (repl_answer_set(r, out, len) != 0) {
		msg_error("out of memory; your answer is as it was");
		free(out);
		return keep;
	}
	free(out);
	return ACT_SCORE;
}

/* /story NAME: the story the next attempts tell; "-" forgets it. */
static enum repl_action cmd_story(struct repl *r, const char *arg)
{
	const char *why;

	if (!arg || !*arg) {
		if (r->story[0])
			printf("Attempts are saved as the story \"%s\".\n",
			       r->story);
		else
			printf("No story is named; /story NAME names one.\n");
		return ACT_STAY;
	}
	if (strcmp(arg, "-") == 0) {
		r->story[0] = '\0';
		printf("Attempts are no longer saved with a story.\n");
		return ACT_STAY;
	}
	why = journal_label_problem(arg);
	if (why) {
		msg_error("the story name %s", why);
		fprintf(stderr, "hint: /story NAME names it in up to %d "
			"bytes; /story - forgets it\n", JOURNAL_LABEL_MAX);
		return ACT_STAY;
	}
	snprintf(r->story, sizeof(r->story), "%s", arg);
	printf("Your next attempts are saved as the story \"%s\"; "
	       "'coach journal stories' lists them.\n", r->story);
	return ACT_STAY;
}

static enum repl_action cmd_help(struct repl *r, const char *arg);
static char *complete_category(const char *text, int state);
static char *complete_question(const char *text, int state);
static char *complete_history(const char *text, int state);

static const struct command commands[] = {
	{ "/next", "", "a new question", cmd_next, NULL },
	{ "/retry", "", "answer the same question again", cmd_retry, NULL },
	{ "/skip", "", "a new question; this one is not asked again",
	  cmd_skip, NULL },
	{ "/edit", "", "edit the answer in $VISUAL or $EDITOR and score it",
	  cmd_edit, NULL },
	{ "/hint", "", "what a strong answer to this question covers",
	  repl_cmd_hint, NULL },
	{ "/example", "", "an example outline (not your answer)",
	  repl_cmd_example, NULL },
	{ "/followup", "", "an interviewer's follow-up to your answer",
	  repl_cmd_followup, NULL },
	{ "/category", "[NAME]", "switch category; alone, list them",
	  repl_cmd_category, complete_category },
	{ "/questions", "", "list the questions with their ids",
	  repl_cmd_questions, NULL },
	{ "/question", "ID", "put question ID", repl_cmd_question,
	  complete_question },
	{ "/story", "[NAME|-]", "name the story your attempts tell",
	  cmd_story, NULL },
	{ "/history", "[all]", "this session's scores; all: the journal's",
	  repl_cmd_history, complete_history },
	{ "/journal", "", "the last 5 journal entries", repl_cmd_journal,
	  NULL },
	{ "/feedback", "", "a model's feedback on the last answer",
	  repl_cmd_feedback, NULL },
	{ "/help", "", "this list", cmd_help, NULL },
	{ "/quit", "", "end the session (Ctrl-D at an empty prompt too)",
	  cmd_quit, NULL },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static enum repl_action cmd_help(struct repl *r, const char *arg)
{
	char left[32];
	size_t i;

	(void)r;
	(void)arg;
	printf("Commands (type one as the first line of an answer):\n");
	for (i = 0; i < NCOMMANDS; i++) {
		snprintf(left, sizeof(left), "%s %s", commands[i].name,
			 commands[i].args);
		printf("  %-17s %s\n", left, commands[i].help);
	}
	printf("Finish an answer with an empty line twice or a line with "
	       "only '.'.\nTab completes commands, categories and question "
	       "ids.\n");
	return ACT_STAY;
}

static const struct command *command_find(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strlen(commands[i].name) == n &&
		    strncmp(commands[i].name, name, n) == 0)
			return &commands[i];
	return NULL;
}

enum repl_action repl_command(struct repl *r, char *line)
{
	const struct command *c;
	size_t n = strlen(line);
	char *arg;

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	line += strspn(line, " \t");
	if (r->tty)
		repl_term_remember(r, line);
	n = strcspn(line, " \t");
	arg = line + n + strspn(line + n, " \t");
	c = command_find(line, n);
	line[n] = '\0';
	if (!c) {
		msg_error("unknown command '%s'", line);
		fputs("hint: type /help for the commands\n", stderr);
		return r->nlines > 0 ? ACT_RESUME : ACT_STAY;
	}
	if (*arg && !c->args[0]) {
		msg_error("%s takes no argument", c->name);
		return ACT_STAY;
	}
	return c->run(r, *arg ? arg : NULL);
}

/* Yields the names of next(i) for i = 0, 1, ... that start with text. */
static char *complete_from(const char *text, int state,
			   const char *(*next)(size_t i))
{
	static size_t i;
	size_t n = strlen(text);
	const char *name;

	if (state == 0)
		i = 0;
	while ((name = next(i++)) != NULL)
		if (strncmp(name, text, n) == 0)
			return strdup(name);
	return NULL;
}

static const char *command_nth(size_t i)
{
	return i < NCOMMANDS ? commands[i].name : NULL;
}

static const char *category_or_all(size_t i)
{
	const char *name = questions_category(&completing->cat->questions, i);

	if (name)
		return name;
	return questions_category(&completing->cat->questions, i - 1) ? "all"
								 : NULL;
}

static const char *question_nth(size_t i)
{
	const struct question_bank *b = &completing->cat->questions;

	return i < b->n ? b->items[i].id : NULL;
}

static const char *history_word(size_t i)
{
	return i == 0 ? "all" : NULL;
}

static char *complete_command(const char *text, int state)
{
	return complete_from(text, state, command_nth);
}

static char *complete_category(const char *text, int state)
{
	return complete_from(text, state, category_or_all);
}

static char *complete_question(const char *text, int state)
{
	return complete_from(text, state, question_nth);
}

static char *complete_history(const char *text, int state)
{
	return complete_from(text, state, history_word);
}

char **repl_complete(const struct repl *r, const char *text, int start)
{
	const char *line = rl_line_buffer;
	const struct command *c;
	size_t n;

	completing = r;
	if (!r || line[0] != '/')
		return NULL;
	if (start == 0)
		return rl_completion_matches(text, complete_command);
	n = strcspn(line, " \t");
	c = command_find(line, n);
	if (!c || !c->complete || (size_t)start <= n)
		return NULL;
	return rl_completion_matches(text, c->complete);
}
