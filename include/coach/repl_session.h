/*
 * The state of one practice session, shared by the REPL's modules:
 * repl.c (the loop and scoring), repl_input.c (reading answers),
 * repl_readline.c (terminal, completion, history), repl_cmds.c,
 * repl_browse.c and repl_coach.c (the slash commands).  Nothing
 * outside them uses it.
 */
#ifndef COACH_REPL_SESSION_H
#define COACH_REPL_SESSION_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "coach/attempt.h"
#include "coach/choose.h"
#include "coach/journal.h"
#include "coach/repl.h"

struct repl_buf {
	char *s;
	size_t len, cap;
};

/* Appends s[0..n) and keeps the buffer NUL-terminated; 0 or -1. */
int repl_buf_add(struct repl_buf *b, const char *s, size_t n);
void repl_buf_clear(struct repl_buf *b);

/* What the session does after a command. */
enum repl_action {
	ACT_STAY,	/* the prompt again, same question */
	ACT_NEXT,	/* a new question */
	ACT_ASK,	/* put r->q (again) */
	ACT_SCORE,	/* score r->answer now */
	ACT_RESUME,	/* go on reading the answer in r->answer */
	ACT_QUIT
};

/* One scored attempt of this session, for /history. */
struct repl_record {
	const char *question;	/* id; owned by the catalog */
	double overall;
	size_t words;
	double seconds;
};

struct repl {
	const struct repl_opts *o;
	struct config *c;
	struct catalog *cat;
	const struct question *q;
	const char *category;	/* the category asked from; NULL for any */
	uint64_t rng;
	int tty;
	int after_report;	/* the last thing shown was a report */
	int refused;		/* an answer was refused as bad input */

	struct choose_history hist;	/* last score of each question */
	const char **skipped;		/* /skip'd ids, not asked again */
	size_t nskipped;

	struct repl_record *done;	/* this session's attempts */
	size_t ndone;
	double best;
	struct attempt last;		/* the last scored attempt */
	int has_last;
	char last_id[64];		/* its journal id, or "" */
	char story[JOURNAL_LABEL_MAX + 1];	/* /story: for new attempts */
	size_t next_followup;		/* /followup asked so far */

	struct timespec shown;	/* when the question was put */
	struct repl_buf answer;	/* the lines of the answer so far */
	size_t nlines;
	struct repl_buf dropped;	/* lines cleared with Ctrl-C */
	int armed;		/* the next Ctrl-C on an empty line discards */
	char *cur;		/* the line just read */
	size_t cur_cap;

	char *history_file;	/* commands kept between sessions */
	sigset_t wait_mask;	/* signal mask while waiting for a key */
	sigset_t old_mask;
	struct sigaction old_int, old_winch;
};

/* repl.c */

/* The terminal width to wrap to, 40 to 120 (80 when not a terminal). */
int repl_width(void);

/* Prints s word by word, wrapped to the terminal, after indent. */
void repl_wrap(const char *s, const char *indent);

/* The same, with hang before the lines after the first. */
void repl_wrap_hang(const char *s, const char *indent, const char *hang);

/* Keeps text that is not going into the journal; says where it went. */
void repl_rescue(struct repl *r, const char *text, size_t len,
		 const char *why);

/* Checks the category against the bank; 1 when some question has it. */
int repl_category_known(const struct repl *r, const char *name);

/* repl_input.c */

/* How the reading of an answer ended. */
enum repl_end { END_ANSWER, END_COMMAND, END_NEXT, END_EOF, END_NOMEM };

/*
 * Reads an answer into r->answer (kept when resume is set).  A first
 * line starting with '/' is a command, and so is "/edit" further down
 * (in *cmd); after a report an empty first line means /next.
 */
enum repl_end repl_read_answer(struct repl *r, int resume, char **cmd);
void repl_answer_reset(struct repl *r);

/* Sets r->answer to text[0..len); 0, or -1 when out of memory. */
int repl_answer_set(struct repl *r, const char *text, size_t len);

/* repl_readline.c */

/* Readline set up for coach: signals, completion, saved history. */
void repl_term_start(struct repl *r);
void repl_term_stop(struct repl *r);

/* What one read of a line gave. */
enum repl_in { IN_LINE, IN_EOF, IN_INTR };

/*
 * Reads one line with readline.  IN_LINE: *line is the line, which may
 * hold newlines when text was pasted.  IN_INTR: Ctrl-C, *line is the
 * text it cleared.  Both stay valid until the next read.
 */
enum repl_in repl_term_read(struct repl *r, char **line, size_t *len);

/* Adds a command line to the history, in memory and on disk. */
void repl_term_remember(struct repl *r, const char *line);

/* Drops a Ctrl-C that arrived while another program had the terminal. */
void repl_term_forget_sigint(void);

/* repl_cmds.c */

/* Runs the command line (modified in place); never fails the session. */
enum repl_action repl_command(struct repl *r, char *line);

/*
 * Readline's completions for text, which starts at byte start of the
 * line: command names, then each command's arguments.
 */
char **repl_complete(const struct repl *r, const char *text, int start);

/* repl_browse.c */

enum repl_action repl_cmd_category(struct repl *r, const char *arg);
enum repl_action repl_cmd_questions(struct repl *r, const char *arg);
enum repl_action repl_cmd_question(struct repl *r, const char *arg);
enum repl_action repl_cmd_history(struct repl *r, const char *arg);
enum repl_action repl_cmd_journal(struct repl *r, const char *arg);
enum repl_action repl_cmd_feedback(struct repl *r, const char *arg);

/* repl_coach.c */

enum repl_action repl_cmd_hint(struct repl *r, const char *arg);
enum repl_action repl_cmd_example(struct repl *r, const char *arg);
enum repl_action repl_cmd_followup(struct repl *r, const char *arg);

/* Prints how a's scores differ from prev's, part by part. */
void repl_show_change(const struct attempt *prev, const struct attempt *a);

#endif
