/*
 * Reading a typed or piped answer line by line, with the practice rules
 * (docs/practice.md): readline on a terminal, plain lines otherwise; an
 * answer ends at a line with only ".", two empty lines in a row, or the
 * end of input.
 */
#ifndef COACH_ANSWER_INPUT_H
#define COACH_ANSWER_INPUT_H

#include <stddef.h>

enum answer_end {
	ANSWER_DONE,		/* an answer was read (it may be blank) */
	ANSWER_COMMAND,		/* the first line started with '/' */
	ANSWER_EOF,		/* end of input with nothing typed */
	ANSWER_NOMEM
};

struct answer_input {
	int tty;		/* use readline with a prompt */
	char *text;		/* the answer, or the command line */
	size_t len;
	size_t cap;
	char *line;		/* the line being read; internal */
	size_t line_cap;
};

/* tty: whether standard input is a terminal. */
void answer_input_init(struct answer_input *in, int tty);
void answer_input_release(struct answer_input *in);

/*
 * Reads one answer into in->text (NUL-terminated, lines joined by "\n",
 * trailing empty lines dropped).  A first line starting with '/' is
 * returned alone as ANSWER_COMMAND, without trailing blanks.
 */
enum answer_end answer_input_read(struct answer_input *in);

#endif
