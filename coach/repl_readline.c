/*
 * The REPL's terminal side: readline driven key by key so Ctrl-C can
 * clear a line instead of ending the program, tab completion, and the
 * command history kept privately between sessions.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "coach/fileio.h"
#include "coach/repl_session.h"

#define PROMPT "> "
#define HISTORY_MAX 500

/*
 * Readline's callback and completion interfaces pass no context, and a
 * signal handler can only set a flag, so these few variables are
 * file-wide.
 */
static volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t got_sigwinch;
static char *rl_result;
static int rl_finished;
static const struct repl *session;

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

static char **on_complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	return repl_complete(session, text, start);
}

/* Loads the saved commands and makes the file private. */
static void history_open(struct repl *r)
{
	size_t n;
	int fd;

	stifle_history(HISTORY_MAX);
	if (!r->c->state_dir || fileio_mkdirs(r->c->state_dir, 0700, NULL))
		return;
	n = strlen(r->c->state_dir) + sizeof("/history");
	r->history_file = malloc(n);
	if (!r->history_file)
		return;
	snprintf(r->history_file, n, "%s/history", r->c->state_dir);
	fd = open(r->history_file, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd < 0) {
		free(r->history_file);
		r->history_file = NULL;
		return;
	}
	fchmod(fd, 0600);
	close(fd);
	read_history(r->history_file);
	history_truncate_file(r->history_file, HISTORY_MAX);
}

void repl_term_remember(struct repl *r, const char *line)
{
	HIST_ENTRY *prev = history_get(history_base + history_length - 1);

	if (!*line || (prev && strcmp(prev->line, line) == 0))
		return;
	add_history(line);
	if (r->history_file)
		append_history(1, r->history_file);
}

/*
 * Takes SIGINT and SIGWINCH from readline: both stay blocked except
 * while waiting for a key, so a Ctrl-C is seen at one known place.
 */
void repl_term_start(struct repl *r)
{
	struct sigaction sa;
	sigset_t block;

	session = r;
	rl_readline_name = "coach";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = on_complete;
	history_open(r);

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

void repl_term_stop(struct repl *r)
{
	sigprocmask(SIG_SETMASK, &r->old_mask, NULL);
	sigaction(SIGINT, &r->old_int, NULL);
	sigaction(SIGWINCH, &r->old_winch, NULL);
	free(r->history_file);
	r->history_file = NULL;
	clear_history();
	session = NULL;
}

void repl_term_forget_sigint(void)
{
	struct timespec now = { 0, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	while (sigtimedwait(&set, NULL, &now) == SIGINT)
		continue;
	got_sigint = 0;
}

/* Ends the line being edited after Ctrl-C; the cleared text in *line. */
static enum repl_in term_interrupted(struct repl *r, char **line,
				     size_t *len)
{
	static char nothing[1];
	size_t n = rl_end > 0 ? (size_t)rl_end : 0;

	free(r->cur);
	r->cur = malloc(n + 1);
	if (r->cur) {
		memcpy(r->cur, rl_line_buffer, n);
		r->cur[n] = '\0';
	}
	*line = r->cur ? r->cur : nothing;
	*len = r->cur ? n : 0;

	rl_point = rl_end;
	rl_redisplay();
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_callback_handler_remove();
	fputs("^C", stdout);
	return IN_INTR;
}

/* Waits for a key and hands it to readline; -1 when stdin fails. */
static int term_feed(struct repl *r)
{
	fd_set fds;

	FD_ZERO(&fds);
	FD_SET(STDIN_FILENO, &fds);
	if (pselect(STDIN_FILENO + 1, &fds, NULL, NULL, NULL,
		    &r->wait_mask) < 0)
		return errno == EINTR ? 0 : -1;
	rl_callback_read_char();
	return 0;
}

enum repl_in repl_term_read(struct repl *r, char **line, size_t *len)
{
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
		if (term_feed(r) != 0) {
			rl_callback_handler_remove();
			return IN_EOF;
		}
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
