/*
 * Answer text as the scorer sees it: validated UTF-8 split into sentences
 * and tokens.  Every token keeps byte offsets into the original answer, so
 * evidence can be quoted exactly; its folded form and Snowball stem are
 * what rubrics match.  No I/O.
 */
#ifndef COACH_TEXT_H
#define COACH_TEXT_H

#include <stddef.h>

/*
 * A word starts with a letter and goes on through letters, marks and
 * digits, with inner apostrophes (' and U+2019), hyphens, underscores,
 * and dots between digits: "didn't", "add-nullable-column", "p99",
 * "ledger_entries", "v1.2.3".  A number is digits with inner , . : and
 * then a % or a run of letters: "4,200", "10:30", "40%", "2.5x", "200ms".
 * Currency signs are punctuation ("$" then "1.2m"), and so are list
 * markers, the numbers of numbered items included ("1." at a line start).
 */
enum text_kind {
	TEXT_WORD,	/* letters, with inner apostrophes or hyphens */
	TEXT_NUMBER,	/* digits, with inner , . : and a trailing % or x */
	TEXT_PUNCT	/* any other character that is not space */
};

struct text_token {
	size_t start, end;	/* byte offsets into the original text */
	enum text_kind kind;
	const char *fold;	/* NFKC case-folded, apostrophes as "'" */
	const char *stem;	/* Snowball English stem of fold */
	size_t sentence;	/* index into text.sentences (below) */
};

/*
 * A sentence holds at least one word or number.  The tokens of a wordless
 * fragment (a lone list marker) lie outside every sentence's range, and
 * their sentence field names the sentence before them, or 0.
 */
struct text_sentence {
	size_t start, end;	/* byte offsets into the original text */
	size_t first, count;	/* its tokens: tokens[first .. first+count) */
	size_t line;		/* 1-based line of start in the original */
};

struct text {
	const char *src;	/* not owned; must outlive the struct */
	size_t len;
	struct text_token *tokens;
	size_t ntokens;
	size_t nwords;		/* WORD and NUMBER tokens */
	struct text_sentence *sentences;
	size_t nsentences;
	char *pool;		/* owns the fold and stem strings */
	size_t pool_len, pool_cap;
};

/* A Snowball stemmer; one per thread.  NULL when out of memory. */
struct text_stemmer *text_stemmer_new(void);
void text_stemmer_free(struct text_stemmer *st);

/* Stems one folded word; the result lives until the next call. */
const char *text_stem(struct text_stemmer *st, const char *word, size_t len);

/*
 * Returns 0 when s[0..len) is valid UTF-8 with no NUL byte; otherwise
 * the 1-based byte offset of the first bad byte, and its line in *line.
 */
size_t text_check_utf8(const char *s, size_t len, size_t *line);

/*
 * Splits src[0..len) into sentences and tokens.  src must be valid UTF-8
 * (see text_check_utf8).  Returns 0, or -1 when out of memory.  t is
 * filled even on failure so text_release is always safe.
 */
int text_analyze(struct text *t, struct text_stemmer *st,
		 const char *src, size_t len);

/* Folds and stems a phrase the same way as text_analyze, for rubrics. */
int text_analyze_phrase(struct text *t, struct text_stemmer *st,
			const char *phrase);

void text_release(struct text *t);

/* 1-based line and column (in characters) of byte offset off. */
void text_line_col(const char *src, size_t off, size_t *line, size_t *col);

/* The same for an analysed text, reading only off's own line. */
void text_locate(const struct text *t, size_t off, size_t *line,
		 size_t *col);

#endif
