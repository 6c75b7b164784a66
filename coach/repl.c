/*
 * The practice REPL: a question, a multi-line answer (readline on a
 * terminal, plain lines otherwise), its score report, and the attempt
 * appended to the journal.  Ctrl-C never ends a session or loses text.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "coach/attempt.h"
#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/msg.h"
#include "coach/repl.h"
#include "coach/report.h"

#define PROMPT "> "

struct buf {
	char *s;
	size_t len, cap;
};

/* What one read of a line gave. */
enum input { IN_LINE, IN_EOF, IN_INTR };

/* How the reading of an answer ended. */
enum end { END_ANSWER, END_COMMAND, END_NEXT, END_EOF, END_NOMEM };

/* What the session does after a command. */
enum action { ACT_STAY, ACT_NEXT, ACT_RETRY, ACT_QUIT };

struct repl {
	const struct repl_opts *o;
	struct config *c;
	struct catalog *cat;
	const struct question *q;
	uint64_t rng;
	int tty;
	int attempts;
	double best;
	struct timespec shown;	/* when the question was put */
	struct buf answer;	/* the lines of the answer so far */
	size_t nlines;
	struct buf dropped;	/* lines cleared with Ctrl-C */
	int armed;		/* the next Ctrl-C on an empty line discards */
	char *cur;		/* the line just read */
	size_t cur_cap;
	sigset_t wait_mask;	/* signal mask while waiting for a key */
	sigset_t old_mask;
	struct sigaction old_int, old_winch;
};

struct command {
	const char *name;
	const char *help;
	enum action (*run)(struct repl *r);
};

/*
 * Readline's callback interface passes no context, and a signal handler
 * can only set a flag, so these few variables are file-wide.
 */
static volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t got_sigwinch;
static char *rl_result;
static int rl_finished;

static int buf_add(struct buf *b, const char *s, size_t n)
{
	size_t want = b->cap ? b->cap : 256;
	char *p;

	while (want < b->len + n + 1)
		want *= 2;
	if (want != b->cap) {
		p = realloc(b->s, want);
		if (!p)
			return -1;
		b->s = p;
		b->cap = want;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static int is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			return 0;
	return 1;
}

static int is_dot(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 1 && s[0] == '.';
}

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

static int term_width(void)
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

/* Prints s word by word, breaking lines before they pass width. */
static void print_wrapped(const char *s, int width)
{
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
			col = 0;
		} else if (col > 0) {
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

/*
 * Writes text to a new private file in the state folder, so that an
 * answer that cannot be journaled or is thrown away is still on disk.
 */
static int recovery_write(const struct config *c, const char *text,
			  size_t len, char *path, size_t size, struct err *e)
{
	char id[64];
	ssize_t n;
	int fd;

	if (!c->state_dir)
		return err_set(e, ERR_INPUT, "no state folder to save to");
	if (fileio_mkdirs(c->state_dir, 0700, e) != 0)
		return e->status;

	journal_new_id(id, sizeof(id));
	snprintf(path, size, "%s/recovered-%s.txt", c->state_dir, id);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return err_set(e, ERR_INPUT, "cannot create '%s': %s", path,
			       strerror(errno));

	while (len > 0) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		text += n;
		len -= (size_t)n;
	}
	if (len > 0 || fsync(fd) != 0 || close(fd) != 0) {
		err_set(e, ERR_INPUT, "cannot write '%s': %s", path,
			strerror(errno));
		unlink(path);
		return e->status;
	}
	return 0;
}

/* Keeps text that is not going into the journal; says where it went. */
static void repl_rescue(struct repl *r, const char *text, size_t len,
			const char *why)
{
	char path[4096];
	struct err e;

	err_clear(&e);
	if (recovery_write(r->c, text, len, path, sizeof(path), &e) == 0) {
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

static void on_signal(int sig)
{
	if (sig == SIGINT)
		got_sigint = 1;
	else
		got_sigwinch = 1;
}

static void on_rl_line(char *line)
{
	rl_result = line;
	rl_finished = 1;
	rl_callback_handler_remove();
}

/*
 * Takes SIGINT and SIGWINCH from readline: both stay blocked except
 * while waiting for a key, so a Ctrl-C is seen at one known place.
 */
static void term_start(struct repl *r)
{
	struct sigaction sa;
	sigset_t block;

	rl_readline_name = "coach";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &r->old_int);
	sigaction(SIGWINCH, &sa, &r->old_winch);

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &r->old_mask);
	r->wait_mask = r->old_mask;
	sigdelset(&r->wait_mask, SIGINT);
	sigdelset(&r->wait_mask, SIGWINCH);
}

static void term_stop(struct repl *r)
{
	sigprocmask(SIG_SETMASK, &r->old_mask, NULL);
	sigaction(SIGINT, &r->old_int, NULL);
	sigaction(SIGWINCH, &r->old_winch, NULL);
}

/* Ends the line being edited after Ctrl-C; the cleared text in *line. */
static int term_interrupted(struct repl *r, char **line, size_t *len)
{
	size_t n = rl_end > 0 ? (size_t)rl_end : 0;
	char *copy = malloc(n + 1);

	if (copy) {
		memcpy(copy, rl_line_buffer, n);
		copy[n] = '\0';
	}
	rl_point = rl_end;
	rl_redisplay();
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_callback_handler_remove();
	fputs("^C", stdout);

	free(r->cur);
	r->cur = copy ? copy : strdup("");
	*line = r->cur;
	*len = r->cur ? strlen(r->cur) : 0;
	return r->cur ? IN_INTR : IN_EOF;
}

/* Reads one line with readline, key by key, so Ctrl-C can be handled. */
static int term_read(struct repl *r, char **line, size_t *len)
{
	fd_set fds;

	fflush(stdout);
	rl_finished = 0;
	rl_callback_handler_install(PROMPT, on_rl_line);
	while (!rl_finished) {
		if (got_sigwinch) {
			got_sigwinch = 0;
			rl_resize_terminal();
		}
		if (got_sigint) {
			got_sigint = 0;
			return term_interrupted(r, line, len);
		}
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		if (pselect(STDIN_FILENO + 1, &fds, NULL, NULL, NULL,
			    &r->wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			return IN_EOF;
		}
		rl_callback_read_char();
	}

	if (!rl_result) {
		putchar('\n');
		return IN_EOF;
	}
	free(r->cur);
	r->cur = rl_result;
	r->cur_cap = 0;
	*line = r->cur;
	*len = strlen(r->cur);
	return IN_LINE;
}

/* Reads one line from a pipe or file, without its line ending. */
static int pipe_read(struct repl *r, char **line, size_t *len)
{
	ssize_t n = getline(&r->cur, &r->cur_cap, stdin);

	if (n < 0)
		return IN_EOF;
	if (n > 0 && r->cur[n - 1] == '\n')
		n--;
	if (n > 0 && r->cur[n - 1] == '\r')
		n--;
	r->cur[n] = '\0';
	*line = r->cur;
	*len = (size_t)n;
	return IN_LINE;
}

static int input_line(struct repl *r, char **line, size_t *len)
{
	if (r->tty)
		return term_read(r, line, len);
	return pipe_read(r, line, len);
}

static void answer_reset(struct repl *r)
{
	buf_clear(&r->answer);
	buf_clear(&r->dropped);
	r->nlines = 0;
	r->armed = 0;
}

static int answer_add(struct repl *r, const char *line, size_t len)
{
	if (r->nlines > 0 && buf_add(&r->answer, "\n", 1) != 0)
		return -1;
	if (buf_add(&r->answer, line, len) != 0)
		return -1;
	r->nlines++;
	return 0;
}

/* Everything typed for the answer so far, cleared lines included. */
static void answer_discard(struct repl *r)
{
	struct buf all = { NULL, 0, 0 };
	int bad = 0;

	bad |= buf_add(&all, r->answer.s ? r->answer.s : "", r->answer.len);
	if (r->answer.len > 0 && r->dropped.len > 0)
		bad |= buf_add(&all, "\n\n", 2);
	bad |= buf_add(&all, r->dropped.s ? r->dropped.s : "", r->dropped.len);
	if (bad)
		repl_rescue(r, r->answer.s, r->answer.len,
			    "the answer so far is discarded");
	else
		repl_rescue(r, all.s, all.len,
			    "the answer so far is discarded");
	free(all.s);
	answer_reset(r);
}

/*
 * Ctrl-C: the first clears the line being typed and keeps the lines
 * before it; a second one on an empty line discards the answer, which
 * is first written to a recovery file.
 */
static void repl_interrupt(struct repl *r, const char *cleared, size_t len)
{
	int typed;

	if (len > 0 && (buf_add(&r->dropped, cleared, len) != 0 ||
			buf_add(&r->dropped, "\n", 1) != 0))
		msg_warn("out of memory; the cleared line is lost");
	typed = r->nlines > 0 || r->dropped.len > 0;
	if (!typed) {
		printf(" \xe2\x80\x94 to end the session, type /quit or "
		       "press Ctrl-D.\n");
		return;
	}
	if (r->armed && len == 0) {
		putchar('\n');
		answer_discard(r);
		return;
	}
	r->armed = 1;
	printf(" \xe2\x80\x94 press Ctrl-C again on an empty line to "
	       "discard the answer so far (%zu line%s kept), or keep "
	       "typing.\n", r->nlines, r->nlines == 1 ? "" : "s");
}

static enum action cmd_next(struct repl *r)
{
	(void)r;
	return ACT_NEXT;
}

static enum action cmd_retry(struct repl *r)
{
	(void)r;
	return ACT_RETRY;
}

static enum action cmd_quit(struct repl *r)
{
	(void)r;
	return ACT_QUIT;
}

static enum action cmd_help(struct repl *r);

static const struct command commands[] = {
	{ "/next", "a new question", cmd_next },
	{ "/retry", "answer the same question again", cmd_retry },
	{ "/help", "this list", cmd_help },
	{ "/quit", "end the session (Ctrl-D at an empty prompt too)",
	  cmd_quit },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static enum action cmd_help(struct repl *r)
{
	size_t i;

	(void)r;
	printf("Commands (type one as the first line of an answer):\n");
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].help);
	printf("Finish an answer with an empty line twice or a line with "
	       "only '.'.\n");
	return ACT_STAY;
}

static enum action command_run(struct repl *r, char *line)
{
	size_t n = strlen(line);
	struct err e;
	size_t i;

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	if (r->tty)
		add_history(line);
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(line, commands[i].name) == 0)
			return commands[i].run(r);
	err_set(&e, ERR_USAGE, "unknown command '%s'", line);
	err_hint(&e, "type /help for the commands");
	msg_err(&e);
	return ACT_STAY;
}

/* Whether a line ends the answer; blanks counts empty lines in a row. */
static int answer_ends(const char *line, size_t len, int *blanks)
{
	if (is_dot(line, len))
		return 1;
	if (!is_blank(line, len)) {
		*blanks = 0;
		return 0;
	}
	return ++*blanks == 2;
}

/*
 * Reads an answer into r->answer.  A first line starting with '/' is a
 * command (in *cmd); after a report an empty first line means /next.
 */
static enum end read_answer(struct repl *r, int after_report, char **cmd)
{
	int blanks = 0;
	char *line;
	size_t len;
	int in;

	answer_reset(r);
	for (;;) {
		in = input_line(r, &line, &len);
		if (in == IN_INTR) {
			repl_interrupt(r, line, len);
			if (r->nlines == 0)
				blanks = 0;
			continue;
		}
		if (in == IN_EOF)
			return is_blank(r->answer.s, r->answer.len) ?
			       END_EOF : END_ANSWER;
		r->armed = 0;
		if (r->nlines == 0 && line[0] == '/') {
			*cmd = line;
			return END_COMMAND;
		}
		if (r->nlines == 0 && after_report && is_blank(line, len))
			return END_NEXT;
		if (answer_ends(line, len, &blanks))
			return END_ANSWER;
		if (answer_add(r, line, len) != 0)
			return END_NOMEM;
	}
}

static void answer_trim(struct repl *r)
{
	while (r->answer.len > 0 && r->answer.s[r->answer.len - 1] == '\n')
		r->answer.s[--r->answer.len] = '\0';
}

static void report_show(struct repl *r, const struct attempt *a)
{
	struct report_opts ro;
	char *text;

	memset(&ro, 0, sizeof(ro));
	ro.color = config_use_color(r->c, STDOUT_FILENO);
	ro.width = term_width();
	text = report_text(&a->report, &a->text, &ro);
	if (!text) {
		msg_error("cannot show the report: out of memory");
		return;
	}
	printf("\n%s", text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		putchar('\n');
	free(text);
}

static void repl_journal(struct repl *r, const struct attempt *a,
			 double seconds)
{
	cJSON *entry = attempt_entry(a, seconds);
	const char *id;
	struct err e;

	err_clear(&e);
	if (!entry) {
		err_set(&e, ERR_INPUT, "cannot journal the attempt: "
			"out of memory");
	} else if (journal_append(r->c->journal_path, entry, &e) == 0) {
		id = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "id"));
		printf("Saved to your journal (%s).\n", id ? id : "no id");
		cJSON_Delete(entry);
		return;
	}
	msg_err(&e);
	cJSON_Delete(entry);
	repl_rescue(r, a->answer, a->len,
		    "the answer is not in the journal");
}

/* Scores the answer read; 1 when a report was shown. */
static int repl_attempt(struct repl *r)
{
	double seconds = seconds_since(&r->shown);
	const char *s = r->answer.s ? r->answer.s : "";
	struct attempt a;
	struct err e;

	answer_trim(r);
	err_clear(&e);
	memset(&a, 0, sizeof(a));
	if (attempt_score(&a, r->cat, r->q, s, r->answer.len, &e) != 0) {
		msg_err(&e);
		if (!is_blank(s, r->answer.len))
			repl_rescue(r, s, r->answer.len,
				    "the answer was not saved");
		attempt_release(&a);
		return 0;
	}

	report_show(r, &a);
	if (r->attempts == 0 || a.report.overall > r->best)
		r->best = a.report.overall;
	r->attempts++;
	if (r->c->journal_enabled)
		repl_journal(r, &a, seconds);
	attempt_release(&a);
	return 1;
}

static void question_show(struct repl *r)
{
	int width = term_width();

	printf("\nQuestion [%s] (%s):\n", r->q->id,
	       r->q->category ? r->q->category : "general");
	print_wrapped(r->q->text, width < 80 ? width : 80);
	clock_gettime(CLOCK_MONOTONIC, &r->shown);
}

static const struct question *question_pick(struct repl *r)
{
	const char *avoid = r->q ? r->q->id : NULL;

	return questions_pick(&r->cat->questions, r->o->category, avoid,
			      (unsigned long)rng_next(&r->rng));
}

static void session_summary(const struct repl *r)
{
	if (r->attempts == 0) {
		printf("No attempts this session.\n");
		return;
	}
	printf("%d attempt%s this session; best overall %.0f.\n",
	       r->attempts, r->attempts == 1 ? "" : "s", r->best);
}

/* Puts a new question when act asks for one; resets the answer state. */
static void session_turn(struct repl *r, enum action act, int *after_report)
{
	const struct question *q;

	if (act == ACT_STAY)
		return;
	if (act == ACT_NEXT) {
		q = question_pick(r);
		if (q)
			r->q = q;
	}
	question_show(r);
	*after_report = 0;
}

static int session_loop(struct repl *r)
{
	enum action act = ACT_RETRY;
	int after_report = 0;
	char *cmd = NULL;

	for (;;) {
		session_turn(r, act, &after_report);
		act = ACT_STAY;
		switch (read_answer(r, after_report, &cmd)) {
		case END_EOF:
			return ERR_OK;
		case END_NOMEM:
			msg_error("out of memory while reading the answer");
			return ERR_INPUT;
		case END_NEXT:
			act = ACT_NEXT;
			break;
		case END_COMMAND:
			act = command_run(r, cmd);
			if (act == ACT_QUIT)
				return ERR_OK;
			break;
		case END_ANSWER:
			if (!repl_attempt(r))
				break;
			after_report = 1;
			if (r->tty)
				printf("Next: /next, /retry, /help, /quit\n");
			clock_gettime(CLOCK_MONOTONIC, &r->shown);
			break;
		}
	}
}

static void banner_show(void)
{
	printf("Type your answer. Finish with an empty line twice or a line "
	       "with only '.';\nCtrl-D also finishes. Commands start with "
	       "'/': /help.\n");
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
	r.rng = rng_seed(o->seed);
	r.tty = isatty(STDIN_FILENO);
	r.q = o->question ? questions_find(&cat->questions, o->question)
			  : NULL;
	if (!r.q)
		r.q = question_pick(&r);
	if (!r.q) {
		err_set(&e, ERR_INPUT, "no questions to practise");
		err_hint(&e, "see 'coach questions' for the categories");
		msg_err(&e);
		return ERR_INPUT;
	}

	if (r.tty) {
		term_start(&r);
		banner_show();
	}
	status = session_loop(&r);
	session_summary(&r);
	fflush(stdout);
	if (r.tty)
		term_stop(&r);
	free(r.answer.s);
	free(r.dropped.s);
	free(r.cur);
	return status;
}
