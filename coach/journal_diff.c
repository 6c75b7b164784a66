/*
 * What changed between two answers: words added and removed (counted as
 * multisets) and the sentences only one of them has.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "coach/journal_query.h"

#define JD_WORD 64

/* The bytes of the character at s that is part of a word (a letter,
 * mark or digit), or 0. */
static inline size_t jd_word_char(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	utf8proc_category_t cat;

	if (*p < 0x80)
		return (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9');
	k = utf8proc_iterate(p, 4, &cp);
	if (k <= 0)
		return 0;
	cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
	       ? (size_t)k : 0;
}

/* Whether s is an apostrophe or hyphen inside a word. */
static size_t jd_inner(const char *s)
{
	size_t k = 0;

	if (s[0] == '\'' || s[0] == '-')
		k = 1;
	else if (!strncmp(s, "\xe2\x80\x99", 3))	/* U+2019 */
		k = 3;
	return k && jd_word_char(s + k) ? k : 0;
}

/* Whether s is a separator inside a number: the , or . of "8,100" or
 * "2.5", between two ASCII digits. */
static size_t jd_number_mark(const char *s, const char *word)
{
	return (*s == ',' || *s == '.') && s > word &&
	       s[-1] >= '0' && s[-1] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/* Copies one character of a word, lowered, with ’ as '; its length. */
static inline size_t jd_copy(char *out, const char *s, size_t k)
{
	if (k == 1) {
		*out = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		return 1;
	}
	if (k == 3 && !strncmp(s, "\xe2\x80\x99", 3)) {
		*out = '\'';
		return 1;
	}
	memcpy(out, s, k);
	return k;
}

size_t journal_word_next(const char **p, char *buf, size_t size)
{
	const char *s = *p, *word;
	size_t n = 0, k;
	int full = 0;

	while (*s && !jd_word_char(s))
		s++;
	word = s;
	while (*s && ((k = jd_word_char(s)) || (k = jd_inner(s)) ||
		      (k = jd_number_mark(s, word)))) {
		if (!full && n + k < size)
			n += jd_copy(buf + n, s, k);
		else
			full = 1;
		s += k;
	}
	buf[n] = '\0';
	*p = s;
	return n;
}

/* The words of a text, sorted. */
struct jd_bag {
	char **w;
	size_t n, cap;
};

static int jd_bag_add(struct jd_bag *b, const char *word)
{
	char *copy;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char **p = realloc(b->w, cap * sizeof(*p));

		if (!p)
			return -1;
		b->w = p;
		b->cap = cap;
	}
	copy = strdup(word);
	if (!copy)
		return -1;
	b->w[b->n++] = copy;
	return 0;
}

static void jd_bag_release(struct jd_bag *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->w[i]);
	free(b->w);
	memset(b, 0, sizeof(*b));
}

static int jd_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int jd_bag_fill(struct jd_bag *b, const char *text)
{
	char word[JD_WORD];

	while (journal_word_next(&text, word, sizeof(word)))
		if (jd_bag_add(b, word) != 0)
			return -1;
	if (b->n)
		qsort(b->w, b->n, sizeof(*b->w), jd_strcmp);
	return 0;
}

static int jd_delta_add(struct journal_word_delta **list, size_t *n,
			const char *word, size_t count)
{
	struct journal_word_delta *p = realloc(*list, (*n + 1) * sizeof(*p));

	if (!p)
		return -1;
	*list = p;
	p[*n].word = strdup(word);
	if (!p[*n].word)
		return -1;
	p[*n].count = count;
	(*n)++;
	return 0;
}

/* How many times w[i] repeats from i on. */
static size_t jd_run(char **w, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && strcmp(w[j], w[i]) == 0)
		j++;
	return j - i;
}

/* Walks the two sorted bags together, recording the differences. */
static int jd_merge(const struct jd_bag *a, const struct jd_bag *b,
		    struct journal_diff *d)
{
	size_t i = 0, j = 0, ra, rb;
	int c, rc = 0;

	while (rc == 0 && (i < a->n || j < b->n)) {
		c = i >= a->n ? 1 : j >= b->n ? -1 : strcmp(a->w[i], b->w[j]);
		ra = c <= 0 ? jd_run(a->w, a->n, i) : 0;
		rb = c >= 0 ? jd_run(b->w, b->n, j) : 0;
		if (ra > rb) {
			d->removed_total += ra - rb;
			if (!journal_stopword(a->w[i]))
				rc = jd_delta_add(&d->removed, &d->nremoved,
						  a->w[i], ra - rb);
		} else if (rb > ra) {
			d->added_total += rb - ra;
			if (!journal_stopword(b->w[j]))
				rc = jd_delta_add(&d->added, &d->nadded,
						  b->w[j], rb - ra);
		}
		i += ra;
		j += rb;
	}
	return rc;
}

static int jd_delta_cmp(const void *pa, const void *pb)
{
	const struct journal_word_delta *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->word, b->word);
}

/* A sentence: its text (white space collapsed) and its words. */
struct jd_sentence {
	char *text;
	char *key;
};

struct jd_sentences {
	struct jd_sentence *s;
	size_t n;
};

static int jd_sentence_end(const char *p)
{
	if (*p == '\n')
		return 1;
	if (*p != '.' && *p != '!' && *p != '?')
		return 0;
	return p[1] == '\0' || isspace((unsigned char)p[1]);
}

/* Copies [s, e) with white space runs as one space; NULL when empty. */
static char *jd_collapse(const char *s, const char *e)
{
	char *out = malloc((size_t)(e - s) + 1);
	size_t n = 0;
	int space = 0;

	if (!out)
		return NULL;
	for (; s < e; s++) {
		if (isspace((unsigned char)*s)) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

/* The words of text as one string: "we cut the build time". */
static char *jd_key(const char *text)
{
	char *key = malloc(strlen(text) + 1), word[JD_WORD];
	size_t n = 0, k;

	if (!key)
		return NULL;
	while ((k = journal_word_next(&text, word, sizeof(word)))) {
		if (n)
			key[n++] = ' ';
		memcpy(key + n, word, k);
		n += k;
	}
	key[n] = '\0';
	return key;
}

static int jd_sentence_add(struct jd_sentences *ss, const char *s,
			   const char *e)
{
	char *text = jd_collapse(s, e), *key = text ? jd_key(text) : NULL;
	struct jd_sentence *p;

	if (!key || !key[0]) {
		free(text);
		free(key);
		return text && key ? 0 : -1;
	}
	p = realloc(ss->s, (ss->n + 1) * sizeof(*p));
	if (!p) {
		free(text);
		free(key);
		return -1;
	}
	ss->s = p;
	p[ss->n].text = text;
	p[ss->n++].key = key;
	return 0;
}

static int jd_split(const char *text, struct jd_sentences *ss)
{
	const char *start = text, *p;

	for (p = text; *p; p++) {
		if (!jd_sentence_end(p))
			continue;
		if (jd_sentence_add(ss, start, p + 1) != 0)
			return -1;
		start = p + 1;
	}
	return jd_sentence_add(ss, start, p);
}

static void jd_sentences_release(struct jd_sentences *ss)
{
	size_t i;

	for (i = 0; i < ss->n; i++) {
		free(ss->s[i].text);
		free(ss->s[i].key);
	}
	free(ss->s);
}

static int jd_has_key(const struct jd_sentences *ss, const char *key)
{
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (strcmp(ss->s[i].key, key) == 0)
			return 1;
	return 0;
}

/* Moves the sentences of mine that other lacks into *out. */
static int jd_only(struct jd_sentences *mine,
		   const struct jd_sentences *other, char ***out, size_t *n)
{
	size_t i;

	*out = calloc(mine->n + 1, sizeof(**out));
	if (!*out)
		return -1;
	for (i = 0; i < mine->n; i++) {
		if (jd_has_key(other, mine->s[i].key))
			continue;
		(*out)[(*n)++] = mine->s[i].text;
		mine->s[i].text = NULL;
	}
	return 0;
}

static int jd_sentences_diff(const char *a, const char *b,
			     struct journal_diff *d)
{
	struct jd_sentences sa = { NULL, 0 }, sb = { NULL, 0 };
	int rc;

	rc = jd_split(a, &sa);
	if (rc == 0)
		rc = jd_split(b, &sb);
	if (rc == 0)
		rc = jd_only(&sa, &sb, &d->only_a, &d->nonly_a);
	if (rc == 0)
		rc = jd_only(&sb, &sa, &d->only_b, &d->nonly_b);
	jd_sentences_release(&sa);
	jd_sentences_release(&sb);
	return rc;
}

int journal_diff_texts(const char *a, const char *b, struct journal_diff *d)
{
	struct jd_bag ba = { NULL, 0, 0 }, bb = { NULL, 0, 0 };
	int rc;

	memset(d, 0, sizeof(*d));
	rc = jd_bag_fill(&ba, a ? a : "");
	if (rc == 0)
		rc = jd_bag_fill(&bb, b ? b : "");
	d->words_a = ba.n;
	d->words_b = bb.n;
	if (rc == 0)
		rc = jd_merge(&ba, &bb, d);
	jd_bag_release(&ba);
	jd_bag_release(&bb);
	if (rc == 0)
		rc = jd_sentences_diff(a ? a : "", b ? b : "", d);
	if (rc != 0)
		return -1;
	if (d->nadded)
		qsort(d->added, d->nadded, sizeof(*d->added), jd_delta_cmp);
	if (d->nremoved)
		qsort(d->removed, d->nremoved, sizeof(*d->removed),
		      jd_delta_cmp);
	return 0;
}

static void jd_deltas_free(struct journal_word_delta *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].word);
	free(list);
}

static void jd_strings_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void journal_diff_release(struct journal_diff *d)
{
	jd_deltas_free(d->added, d->nadded);
	jd_deltas_free(d->removed, d->nremoved);
	jd_strings_free(d->only_a, d->nonly_a);
	jd_strings_free(d->only_b, d->nonly_b);
	memset(d, 0, sizeof(*d));
}
