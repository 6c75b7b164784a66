/*
 * Reads one answer from the terminal (readline) or a pipe (getline),
 * ending it the way the practice session does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "coach/answer_input.h"

#define PROMPT "> "

void answer_input_init(struct answer_input *in, int tty)
{
	memset(in, 0, sizeof(*in));
	in->tty = tty;
}

void answer_input_release(struct answer_input *in)
{
	free(in->text);
	free(in->line);
	answer_input_init(in, 0);
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
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

/* One line without its ending into in->line; -1 at end of input. */
static long read_line(struct answer_input *in)
{
	ssize_t n;

	if (in->tty) {
		char *l = readline(PROMPT);

		if (!l)
			return -1;
		free(in->line);
		in->line = l;
		return (long)strlen(l);
	}
	n = getline(&in->line, &in->line_cap, stdin);
	if (n < 0)
		return -1;
	if (n > 0 && in->line[n - 1] == '\n')
		n--;
	if (n > 0 && in->line[n - 1] == '\r')
		n--;
	in->line[n] = '\0';
	return (long)n;
}

static int text_add(struct answer_input *in, const char *s, size_t n)
{
	size_t want = in->cap ? in->cap : 256;
	char *p;

	while (want < in->len + n + 1)
		want *= 2;
	if (want != in->cap) {
		p = realloc(in->text, want);
		if (!p)
			return -1;
		in->text = p;
		in->cap = want;
	}
	memcpy(in->text + in->len, s, n);
	in->len += n;
	in->text[in->len] = '\0';
	return 0;
}

static void text_trim(struct answer_input *in)
{
	while (in->len > 0 && is_blank(in->text + in->len - 1, 1))
		in->text[--in->len] = '\0';
}

enum answer_end answer_input_read(struct answer_input *in)
{
	size_t nlines = 0;
	int blanks = 0;
	long n;

	in->len = 0;
	if (text_add(in, "", 0) != 0)
		return ANSWER_NOMEM;
	while ((n = read_line(in)) >= 0) {
		if (nlines == 0 && in->line[0] == '/') {
			if (text_add(in, in->line, (size_t)n) != 0)
				return ANSWER_NOMEM;
			text_trim(in);
			return ANSWER_COMMAND;
		}
		if (is_dot(in->line, (size_t)n))
			break;
		blanks = is_blank(in->line, (size_t)n) ? blanks + 1 : 0;
		if (blanks == 2)
			break;
		if ((nlines > 0 && text_add(in, "\n", 1) != 0) ||
		    text_add(in, in->line, (size_t)n) != 0)
			return ANSWER_NOMEM;
		nlines++;
	}
	if (n < 0 && is_blank(in->text, in->len))
		return ANSWER_EOF;
	text_trim(in);
	return ANSWER_DONE;
}
