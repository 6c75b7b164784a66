/*
 * What the "coach journal" command files share: loading the journal,
 * finding an entry by id, the common options, and terminal helpers.
 * Used only by coach/cli_journal*.c.
 */
#ifndef COACH_CLI_JOURNAL_H
#define COACH_CLI_JOURNAL_H

#include <stddef.h>
#include "coach/config.h"
#include "coach/journal_query.h"

/* Which options a journal command accepts. */
enum {
	CJ_FILTERS = 1 << 0,	/* --question --category --tag --story
				   --since --until --min-score --max-score */
	CJ_LIMIT = 1 << 1,	/* --limit N, -n N */
	CJ_FORMAT = 1 << 2,	/* --format md|csv|json */
	CJ_NUMBERS = 1 << 3	/* --numbers */
};

#define CJ_MAX_WORDS 16

/* A journal command's parsed arguments. */
struct cj_args {
	struct journal_filter filter;
	long limit;		/* LONG_MAX when unset */
	const char *format;	/* NULL when unset */
	int numbers;
	const char *words[CJ_MAX_WORDS];	/* the other arguments */
	int nwords;
};

/*
 * Parses argv[1..argc) (argv[0] is the command name) allowing the
 * options in allowed and between min and max other arguments.  Prints a
 * one-line message and a hint and returns ERR_USAGE on a mistake, else 0.
 */
int cj_parse(int argc, char **argv, unsigned allowed, int min, int max,
	     struct cj_args *a);

/* Prints the hint line that follows a usage error of a journal command. */
void cj_hint(void);

/*
 * Loads the journal into v, warning on stderr about each skipped line.
 * Returns 0, or an exit status after printing the error.  Release v
 * with journal_view_release when 0 was returned.
 */
int cj_load(const struct config *c, struct journal_view *v);

/*
 * The index in v->attempts of the attempt whose id is want or the only
 * one that starts with want; -1 after printing why there is none.
 */
long cj_find(const struct journal_view *v, const char *want);

/*
 * For commands that take one id: parses argv, loads the journal into v
 * and finds the id (*at, -1 when absent, having said so).  Returns 0 or
 * an exit status; release v when 0.
 */
int cj_load_one(int argc, char **argv, struct config *c,
		struct journal_view *v, long *at);

/* The attempts of v that f lets through, oldest first; NULL when out of
 * memory (after saying so).  Caller frees the array only. */
const cJSON **cj_select(const struct journal_view *v,
			const struct journal_filter *f, size_t *n);

/* Whether the terminal takes UTF-8: a UTF-8 locale in LC_ALL, LC_CTYPE
 * or LANG, and TERM is not "dumb". */
int cj_utf8(void);

/* "72" for a score, "-" for none. */
void cj_score_text(double score, char *buf, size_t size);

/* The list line of an attempt: id, date, score, question, first words. */
void cj_list_line(const cJSON *entry);

/* The first words of s in at most avail columns ("..." where cut); out
 * holds 4 * avail + 4 bytes. */
void cj_first_words(const char *s, int avail, char *out);

/*
 * Prints, one a line after indent, the numbers of a's answer that b's
 * answer gives another value ("40% -> 25%"); returns how many.
 */
size_t cj_print_changes(const cJSON *a, const cJSON *b, const char *indent);

/* Commands in the other files. */
int cj_show(int argc, char **argv, struct config *c);
int cj_search(int argc, char **argv, struct config *c);
int cj_compare(int argc, char **argv, struct config *c);
int cj_stats(int argc, char **argv, struct config *c);
int cj_stories(int argc, char **argv, struct config *c);
int cj_export(int argc, char **argv, struct config *c);

#endif
