/*
 * The practice REPL: a question, a multi-line answer, its score report
 * and the attempt appended to the journal, until /quit or end of input.
 * Ctrl-C never ends a session or loses text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/journal_query.h"
#include "coach/msg.h"
#include "coach/show.h"
#include "coach/recovery.h"
#include "coach/report.h"
#include "coach/repl_session.h"

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* One splitmix64 step, so that nearby seeds start far apart. */
static uint64_t rng_seed(unsigned long seed)
{
	uint64_t z = (uint64_t)seed + 0x9E3779B97F4A7C15u;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	z ^= z >> 31;
	return z ? z : 0x9E3779B97F4A7C15u;
}

int repl_width(void)
{
	struct winsize ws;
	int w = 80;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	if (w < 40)
		w = 40;
	if (w > 120)
		w = 120;
	return w;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Characters, not bytes, in s[0..n) of UTF-8. */
static int utf8_width(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

void repl_wrap(const char *s, const char *indent)
{
	repl_wrap_hang(s, indent, indent);
}

void repl_wrap_hang(const char *s, const char *indent, const char *hang)
{
	int width = repl_width() - 1;
	int col = 0;
	size_t n;
	int w;

	for (;;) {
		s += strspn(s, " \t\r\n");
		if (!*s)
			break;
		n = strcspn(s, " \t\r\n");
		w = utf8_width(s, n);
		if (col > 0 && col + 1 + w > width) {
			putchar('\n');
			fputs(hang, stdout);
			col = (int)strlen(hang);
		} else if (col == 0) {
			fputs(indent, stdout);
			col = (int)strlen(indent);
		} else {
			putchar(' ');
			col++;
		}
		fwrite(s, 1, n, stdout);
		col += w;
		s += n;
	}
	if (col > 0)
		putchar('\n');
}

void repl_rescue(struct repl *r, const char *text, size_t len,
		 const char *why)
{
	char path[4096];
	struct err e;

	err_clear(&e);
	if (recovery_write(r->c->state_dir, text, len, path, sizeof(path),
			   &e) == 0) {
		msg_note("%s; it is kept in %s", why, path);
		return;
	}
	msg_err(&e);
	msg_note("%s", why);
	printf("Your answer (not saved):\n");
	fwrite(text, 1, len, stdout);
	printf("\n");
	fflush(stdout);
}

int repl_category_known(const struct repl *r, const char *name)
{
	return questions_has_category(&r->cat->questions, name);
}

static void answer_trim(struct repl *r)
{
	while (r->answer.len > 0 && r->answer.s[r->answer.len - 1] == '\n')
		r->answer.s[--r->answer.len] = '\0';
}

static void timer_show(const struct repl *r, double seconds)
{
	long s = (long)(seconds + 0.5);
	long limit = r->o->timed;

	if (limit <= 0)
		return;
	printf("Time: %ld:%02ld ", s / 60, s % 60);
	if (s > limit)
		printf("(over your %ld:%02ld limit by %ld s)\n", limit / 60,
		       limit % 60, s - limit);
	else
		printf("(within your %ld:%02ld limit)\n", limit / 60,
		       limit % 60);
}

/* Appends the attempt to the journal; its id goes in id, or "". */
static void repl_journal(struct repl *r, const struct attempt *a,
			 double seconds, char *id_out, size_t size)
{
	cJSON *entry = attempt_entry(a, seconds);
	const char *id;
	struct err e;

	err_clear(&e);
	if (entry && r->story[0] &&
	    journal_entry_set_story(entry, r->story) != 0) {
		cJSON_Delete(entry);
		entry = NULL;
	}
	if (!entry) {
		err_set(&e, ERR_INPUT, "cannot journal the attempt: "
			"out of memory");
	} else if (journal_append(r->c->journal_path, entry, &e) == 0) {
		id = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "id"));
		printf("Saved to your journal (%s).\n", id ? id : "no id");
		snprintf(id_out, size, "%s", id ? id : "");
		cJSON_Delete(entry);
		return;
	}
	msg_err(&e);
	cJSON_Delete(entry);
	repl_rescue(r, a->answer, a->len,
		    "the answer is not in the journal");
	r->refused = 1;
}

/* Remembers the attempt for /history, /retry, /followup and choice. */
static void attempt_keep(struct repl *r, struct attempt *a, double secs,
			 const char *id)
{
	struct repl_record *p;

	if (r->ndone == 0 || a->report.overall > r->best)
		r->best = a->report.overall;
	p = realloc(r->done, (r->ndone + 1) * sizeof(*p));
	if (p) {
		r->done = p;
		p[r->ndone].question = r->q->id;
		p[r->ndone].overall = a->report.overall;
		p[r->ndone].words = a->report.words;
		p[r->ndone].seconds = secs;
		r->ndone++;
	}
	(void)choose_history_add(&r->hist, r->q->id, a->report.overall,
				 (double)time(NULL));
	if (r->has_last)
		attempt_release(&r->last);
	r->last = *a;
	r->has_last = 1;
	r->next_followup = 0;
	snprintf(r->last_id, sizeof(r->last_id), "%s", id);
}

/* Scores the answer read; 1 when a report was shown. */
static int repl_attempt(struct repl *r)
{
	double seconds = seconds_since(&r->shown);
	const char *s = r->answer.s ? r->answer.s : "";
	char id[64] = "";
	struct attempt a;
	struct err e;

	answer_trim(r);
	err_clear(&e);
	memset(&a, 0, sizeof(a));
	if (attempt_score(&a, r->cat, r->q, s, r->answer.len, &e) != 0) {
		msg_err(&e);
		if (r->answer.len > 0 && strspn(s, " \t\r\n") < r->answer.len) {
			repl_rescue(r, s, r->answer.len,
				    "the answer was not saved");
			r->refused |= e.status == ERR_INPUT;
		}
		attempt_release(&a);
		return 0;
	}

	show_report(&a, r->c, repl_width());
	timer_show(r, seconds);
	if (r->has_last && r->last.question == r->q)
		repl_show_change(&r->last, &a);
	if (r->c->journal_enabled)
		repl_journal(r, &a, seconds, id, sizeof(id));
	attempt_keep(r, &a, seconds, id);
	return 1;
}

static void question_show(struct repl *r)
{
	printf("\nQuestion [%s] (%s):\n", r->q->id,
	       r->q->category ? r->q->category : "general");
	repl_wrap(r->q->text, "");
	if (r->o->timed > 0 && r->tty)
		printf("You have %d:%02d.\n", r->o->timed / 60,
		       r->o->timed % 60);
	clock_gettime(CLOCK_MONOTONIC, &r->shown);
}

static const struct question *question_pick(struct repl *r)
{
	struct choose_filter f;

	f.category = r->category;
	f.avoid = r->q ? r->q->id : NULL;
	f.skipped = r->skipped;
	f.nskipped = r->nskipped;
	return choose_next(&r->cat->questions, &r->hist, r->o->order, &f,
			   rng_next(&r->rng), (double)time(NULL));
}

static void session_summary(const struct repl *r)
{
	if (r->ndone == 0) {
		printf("No attempts this session.\n");
		return;
	}
	printf("%zu attempt%s this session; best overall %.0f.\n",
	       r->ndone, r->ndone == 1 ? "" : "s", r->best);
}

/* Puts a new question when act asks for one. */
static void session_turn(struct repl *r, enum repl_action act)
{
	const struct question *q;

	if (act != ACT_NEXT && act != ACT_ASK)
		return;
	if (act == ACT_NEXT) {
		q = question_pick(r);
		if (q)
			r->q = q;
	}
	question_show(r);
	r->after_report = 0;
}

static void session_scored(struct repl *r)
{
	if (!repl_attempt(r))
		return;
	r->after_report = 1;
	if (r->tty)
		repl_wrap("Next: /next, /retry, /followup, /help, /quit", "");
	clock_gettime(CLOCK_MONOTONIC, &r->shown);
}

static int session_loop(struct repl *r)
{
	enum repl_action act = ACT_ASK;
	char *cmd = NULL;

	for (;;) {
		session_turn(r, act);
		switch (repl_read_answer(r, act == ACT_RESUME, &cmd)) {
		case END_EOF:
			return ERR_OK;
		case END_NOMEM:
			msg_error("out of memory while reading the answer");
			return ERR_INPUT;
		case END_NEXT:
			act = ACT_NEXT;
			break;
		case END_COMMAND:
			act = repl_command(r, cmd);
			if (act == ACT_QUIT)
				return ERR_OK;
			if (act == ACT_SCORE)
				session_scored(r);
			break;
		case END_ANSWER:
			act = ACT_STAY;
			session_scored(r);
			break;
		}
	}
}

static int history_visit(cJSON *entry, size_t line, void *ctx)
{
	(void)line;
	(void)choose_history_add_entry(ctx, entry);
	return 0;
}

/*
 * The latest score of each question, from the journal.  A deleted
 * attempt may still count here: it only moves a question in the order.
 */
static void history_load(struct repl *r)
{
	struct err e;

	err_clear(&e);
	(void)journal_read(r->c->journal_path, history_visit, NULL, &r->hist,
			   &e);
}

static void banner_show(void)
{
	repl_wrap("Type your answer. Finish with an empty line twice or a "
		  "line with only '.'; Ctrl-D also finishes. Commands start "
		  "with '/': /help.", "");
}

static void session_free(struct repl *r)
{
	if (r->has_last)
		attempt_release(&r->last);
	choose_history_release(&r->hist);
	free(r->skipped);
	free(r->done);
	free(r->answer.s);
	free(r->dropped.s);
	free(r->cur);
}

int repl_run(const struct repl_opts *o, struct config *c,
	     struct catalog *cat)
{
	struct repl r;
	struct err e;
	int status;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.c = c;
	r.cat = cat;
	r.category = o->category;
	if (o->story)
		snprintf(r.story, sizeof(r.story), "%s", o->story);
	r.rng = rng_seed(o->seed);
	r.tty = isatty(STDIN_FILENO);
	choose_history_init(&r.hist);
	history_load(&r);
	r.q = o->question ? questions_find(&cat->questions, o->question)
			  : NULL;
	if (!r.q)
		r.q = question_pick(&r);
	if (!r.q) {
		err_set(&e, ERR_INPUT, "no questions to practise");
		err_hint(&e, "see 'coach questions' for the categories");
		msg_err(&e);
		session_free(&r);
		return ERR_INPUT;
	}

	if (r.tty) {
		repl_term_start(&r);
		banner_show();
	}
	status = session_loop(&r);
	session_summary(&r);
	/* A script feeding answers learns that one was refused; a person
	 * at the terminal saw it said. */
	if (status == ERR_OK && r.refused && !r.tty)
		status = ERR_INPUT;
	fflush(stdout);
	if (r.tty)
		repl_term_stop(&r);
	session_free(&r);
	return status;
}
