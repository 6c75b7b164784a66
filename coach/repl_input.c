/*
 * Reading an answer in the REPL: lines typed, piped or pasted, the ways
 * an answer ends, and Ctrl-C, which clears a line or discards the
 * answer but always keeps a copy of what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/msg.h"
#include "coach/repl_session.h"

int repl_buf_add(struct repl_buf *b, const char *s, size_t n)
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
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

void repl_buf_clear(struct repl_buf *b)
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

/* Whether s[0..n), without surrounding blanks, is word. */
static int is_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == w && memcmp(s, word, w) == 0;
}

/* Reads one line from a pipe or file, without its line ending. */
static enum repl_in pipe_read(struct repl *r, char **line, size_t *len)
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

static enum repl_in input_line(struct repl *r, char **line, size_t *len)
{
	if (r->tty)
		return repl_term_read(r, line, len);
	return pipe_read(r, line, len);
}

void repl_answer_reset(struct repl *r)
{
	repl_buf_clear(&r->answer);
	repl_buf_clear(&r->dropped);
	r->nlines = 0;
	r->armed = 0;
}

static int answer_add(struct repl *r, const char *line, size_t len)
{
	if (r->nlines > 0 && repl_buf_add(&r->answer, "\n", 1) != 0)
		return -1;
	if (repl_buf_add(&r->answer, line, len) != 0)
		return -1;
	r->nlines++;
	return 0;
}

int repl_answer_set(struct repl *r, const char *text, size_t len)
{
	size_t i;

	repl_answer_reset(r);
	if (repl_buf_add(&r->answer, text, len) != 0)
		return -1;
	r->nlines = len > 0;
	for (i = 0; i < len; i++)
		r->nlines += text[i] == '\n';
	return 0;
}

/*
 * A paste arrives whole, newlines inside (bracketed paste).  Every line
 * of it is answer text: blank lines and a lone '.' inside it end
 * nothing, and blank lines at its edges are left out.
 */
static int answer_paste(struct repl *r, const char *s, size_t len)
{
	size_t n, keep;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	while (len > 0) {
		n = 0;
		while (n < len && s[n] != '\n')
			n++;
		keep = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
		if ((r->nlines > 0 || !is_blank(s, keep)) &&
		    answer_add(r, s, keep) != 0)
			return -1;
		s += n < len ? n + 1 : n;
		len -= n < len ? n + 1 : n;
	}
	return 0;
}

/* Puts everything typed for the answer, cleared lines too, in a file. */
static void answer_discard(struct repl *r)
{
	struct repl_buf *all = &r->answer;

	/* Short of memory, the answer without the cleared lines is kept. */
	if (r->dropped.len > 0 &&
	    (all->len == 0 || repl_buf_add(all, "\n\n", 2) == 0))
		(void)repl_buf_add(all, r->dropped.s, r->dropped.len);
	repl_rescue(r, all->s ? all->s : "", all->len,
		    "the answer so far is discarded");
	repl_answer_reset(r);
}

/*
 * Ctrl-C: the first clears the line being typed and keeps the lines
 * before it; a second one on an empty line discards the answer, which
 * is first written to a recovery file.
 */
static void answer_interrupt(struct repl *r, const char *cleared,
			     size_t len)
{
	int typed;

	if (len > 0 && (repl_buf_add(&r->dropped, cleared, len) != 0 ||
			repl_buf_add(&r->dropped, "\n", 1) != 0))
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

/* Whether a line ends the answer; blanks counts empty lines in a row. */
static int answer_ends(const char *line, size_t len, int *blanks)
{
	if (is_word(line, len, "."))
		return 1;
	if (!is_blank(line, len)) {
		*blanks = 0;
		return 0;
	}
	return ++*blanks == 2;
}

static int is_command(const struct repl *r, const char *line, size_t len)
{
	if (r->nlines == 0)
		return line[0] == '/';
	return is_word(line, len, "/edit");
}

enum repl_end repl_read_answer(struct repl *r, int resume, char **cmd)
{
	int blanks = 0;
	char *line;
	size_t len;
	enum repl_in in;

	if (!resume)
		repl_answer_reset(r);
	for (;;) {
		in = input_line(r, &line, &len);
		if (in == IN_INTR) {
			answer_interrupt(r, line, len);
			if (r->nlines == 0)
				blanks = 0;
			continue;
		}
		if (in == IN_EOF)
			return is_blank(r->answer.s, r->answer.len) ?
			       END_EOF : END_ANSWER;
		r->armed = 0;
		if (memchr(line, '\n', len)) {
			if (answer_paste(r, line, len) != 0)
				return END_NOMEM;
			blanks = 0;
			continue;
		}
		if (is_command(r, line, len)) {
			*cmd = line;
			return END_COMMAND;
		}
		if (r->nlines == 0 && r->after_report && is_blank(line, len))
			return END_NEXT;
		if (answer_ends(line, len, &blanks))
			return END_ANSWER;
		if (answer_add(r, line, len) != 0)
			return END_NOMEM;
	}
}
