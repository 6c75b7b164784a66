/*
 * Answer text: tokens with folded forms and Snowball stems, and sentence
 * boundaries, from one pass over the bytes and one over the tokens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "coach/text.h"

/* What the scanner needs to know about one code point. */
enum cls { C_SPACE, C_LETTER, C_DIGIT, C_MARK, C_OTHER };

/* Token flags found while scanning, used when splitting sentences. */
enum {
	F_LINE_START = 1,	/* first token on its line */
	F_PARA = 2,		/* a blank line lies before it */
	F_LIST = 4		/* starts a list item */
};

/* Per-token facts needed only while building. */
struct aux {
	size_t fold, stem;	/* offsets into the pool, which may move */
	size_t line;
	unsigned flags;
};

/*
 * Words seen so far, so a repeated word reuses its fold and stem instead
 * of being stemmed and stored again.  Open addressing; a slot's tok is a
 * token index plus one, 0 when empty.
 */
struct memo_slot {
	size_t hash, tok;
};

struct memo {
	struct memo_slot *slots;
	size_t cap, used;	/* cap is a power of two */
};

struct build {
	struct text *t;
	struct text_stemmer *st;
	struct aux *aux;
	size_t cap;		/* of t->tokens and aux */
	size_t sent_cap;
	struct memo memo;
};

#define FOLD_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT \
		   | UTF8PROC_CASEFOLD)

/* Abbreviations whose full stop never ends a sentence (folded). */
static const char *const abbrevs[] = {
	"al", "approx", "ca", "cf", "dept", "dr", "eg", "est", "fig", "ie",
	"incl", "mr", "mrs", "ms", "mt", "prof", "st", "viz", "vs"
};

/* Abbreviations that often close a sentence too: they end one only
 * before a capital ("logs, traces, etc. Then I ..."). */
static const char *const closing_abbrevs[] = {
	"co", "corp", "etc", "inc", "jr", "ltd", "sr"
};

/* Line-start markers that open a list item when a space follows. */
static const char *const bullets[] = {
	"-", "*", "+", "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x80\xa3",
	"\xe2\x96\xaa", "\xe2\x97\x8f", "\xe2\x80\x93"
};

static enum cls ascii_class(unsigned char c)
{
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return C_LETTER;
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	if (c <= ' ' || c == 0x7f)
		return C_SPACE;
	return C_OTHER;
}

/* Control and format characters (such as U+200B) are skipped as space. */
static enum cls unicode_class(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
		return C_SPACE;
	default:
		return C_OTHER;
	}
}

/* Decodes the code point at s[i]; bytes that do not decode count as one
 * U+FFFD each, so a bad input cannot stall the scanner. */
static size_t decode(const char *s, size_t len, size_t i, int32_t *cp)
{
	utf8proc_ssize_t n;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			     (utf8proc_ssize_t)(len - i), cp);
	if (n <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	return (size_t)n;
}

static enum cls class_of(int32_t cp)
{
	return cp < 0x80 ? ascii_class((unsigned char)cp) : unicode_class(cp);
}

/* The class of the code point at s[i], or C_SPACE past the end. */
static enum cls class_at(const char *s, size_t len, size_t i)
{
	int32_t cp;

	if (i >= len)
		return C_SPACE;
	decode(s, len, i, &cp);
	return class_of(cp);
}

static int is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int is_hyphen(int32_t cp)
{
	return cp == '-' || cp == '_' || cp == 0x2010 || cp == 0x2011;
}

/* Whether cp, between prev and next, keeps a word going. */
static int joins_word(int32_t cp, enum cls prev, enum cls next)
{
	if (is_apostrophe(cp))
		return next == C_LETTER;
	if (is_hyphen(cp))
		return next == C_LETTER || next == C_DIGIT;
	if (cp == '.')
		return prev == C_DIGIT && next == C_DIGIT;
	return 0;
}

/* End of the word that starts at s[i] with a letter. */
static size_t word_end(const char *s, size_t len, size_t i)
{
	enum cls prev = C_LETTER;

	while (i < len) {
		int32_t cp;
		size_t n = decode(s, len, i, &cp);
		enum cls k = class_of(cp);

		if (k == C_LETTER || k == C_DIGIT || k == C_MARK) {
			prev = k;
			i += n;
			continue;
		}
		if (!joins_word(cp, prev, class_at(s, len, i + n)))
			break;
		prev = C_OTHER;
		i += n;
	}
	return i;
}

/* Skips characters of class k (or marks) from s[i]. */
static size_t skip_class(const char *s, size_t len, size_t i, enum cls k)
{
	while (i < len) {
		int32_t cp;
		size_t n = decode(s, len, i, &cp);
		enum cls c = class_of(cp);

		if (c != k && c != C_MARK)
			break;
		i += n;
	}
	return i;
}

/* End of the number that starts at s[i] with a digit: digits with inner
 * , . : and then a % or a unit of letters ("2.5x", "200ms", "1990s"). */
static size_t number_end(const char *s, size_t len, size_t i)
{
	for (;;) {
		i = skip_class(s, len, i, C_DIGIT);
		if (i + 1 < len && (s[i] == ',' || s[i] == '.' || s[i] == ':')
		    && class_at(s, len, i + 1) == C_DIGIT)
			i++;
		else
			break;
	}
	if (i < len && s[i] == '%')
		return i + 1;
	return skip_class(s, len, i, C_LETTER);
}

static int pool_reserve(struct text *t, size_t n)
{
	size_t cap = t->pool_cap ? t->pool_cap : 64;
	char *p;

	if (t->pool_len + n <= t->pool_cap)
		return 0;
	while (cap < t->pool_len + n)
		cap *= 2;
	p = realloc(t->pool, cap);
	if (!p)
		return -1;
	t->pool = p;
	t->pool_cap = cap;
	return 0;
}

/* Appends s[0..n) and a NUL; returns its offset, or SIZE_MAX. */
static size_t pool_put(struct text *t, const char *s, size_t n)
{
	size_t off = t->pool_len;

	if (pool_reserve(t, n + 1))
		return SIZE_MAX;
	memcpy(t->pool + off, s, n);
	t->pool[off + n] = '\0';
	t->pool_len += n + 1;
	return off;
}

/* Folds plain ASCII by hand; returns 1 if a non-ASCII byte is met. */
static int fold_ascii(char *dst, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return 1;
		dst[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	dst[n] = '\0';
	return 0;
}

/* Writes the NFKC case fold of buf[0..m) code points to the pool. */
static int put_code_points(struct text *t, utf8proc_int32_t *buf,
			   utf8proc_ssize_t m)
{
	m = utf8proc_normalize_utf32(buf, m, FOLD_OPTS);
	if (m < 0 || pool_reserve(t, 4 * (size_t)m + 1))
		return -1;
	for (utf8proc_ssize_t i = 0; i < m; i++) {
		utf8proc_int32_t cp = buf[i] == 0x2019 ? '\'' : buf[i];
		char *dst = t->pool + t->pool_len;

		t->pool_len += (size_t)utf8proc_encode_char(cp,
				(utf8proc_uint8_t *)dst);
	}
	t->pool[t->pool_len++] = '\0';
	return 0;
}

/* NFKC case fold of non-ASCII s[0..n) into the pool; curly apostrophes
 * become "'".  Most tokens fit the stack buffer. */
static int fold_unicode(struct text *t, const char *s, size_t n)
{
	utf8proc_int32_t small[64], *buf = small;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t m;
	int rc;

	m = utf8proc_decompose(u, (utf8proc_ssize_t)n, buf, 64, FOLD_OPTS);
	if (m < 0)
		return pool_put(t, "\xef\xbf\xbd", 3) == SIZE_MAX ? -1 : 0;
	if (m > 64) {
		buf = malloc((size_t)m * sizeof(*buf));
		if (!buf)
			return -1;
		m = utf8proc_decompose(u, (utf8proc_ssize_t)n, buf, m,
				       FOLD_OPTS);
	}
	rc = put_code_points(t, buf, m);
	if (buf != small)
		free(buf);
	return rc;
}

/* Folds src[start..end) into the pool; returns its offset or SIZE_MAX. */
static size_t fold_token(struct text *t, size_t start, size_t end)
{
	size_t off = t->pool_len, n = end - start;

	if (pool_reserve(t, n + 1))
		return SIZE_MAX;
	if (!fold_ascii(t->pool + off, t->src + start, n)) {
		t->pool_len += n + 1;
		return off;
	}
	if (fold_unicode(t, t->src + start, n))
		return SIZE_MAX;
	return off;
}

/* Stems the word folded at pool offset fold; shares it when unchanged. */
static size_t stem_token(struct build *b, size_t fold)
{
	struct text *t = b->t;
	size_t n = t->pool_len - 1 - fold;
	const char *stem;
	size_t sn;

	if (!b->st)
		return fold;
	stem = text_stem(b->st, t->pool + fold, n);
	if (!stem)
		return SIZE_MAX;
	sn = strlen(stem);
	if (sn == n && memcmp(stem, t->pool + fold, n) == 0)
		return fold;
	return pool_put(t, stem, sn);
}

static int grow_tokens(struct build *b, size_t cap)
{
	struct text_token *tk;
	struct aux *ax;

	tk = realloc(b->t->tokens, cap * sizeof(*tk));
	if (!tk)
		return -1;
	b->t->tokens = tk;
	ax = realloc(b->aux, cap * sizeof(*ax));
	if (!ax)
		return -1;
	b->aux = ax;
	b->cap = cap;
	return 0;
}

static size_t hash_bytes(const char *s)
{
	size_t h = 14695981039346656037u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* The slot for fold f with hash h: the one holding a token with that
 * fold, or the empty one where it belongs. */
static struct memo_slot *memo_find(const struct build *b, const char *f,
				   size_t h)
{
	const struct memo *m = &b->memo;
	size_t i = h & (m->cap - 1);

	for (;;) {
		struct memo_slot *sl = &m->slots[i];

		if (!sl->tok || (sl->hash == h && strcmp(f, b->t->pool
				+ b->aux[sl->tok - 1].fold) == 0))
			return sl;
		i = (i + 1) & (m->cap - 1);
	}
}

/* Keeps the memo at most half full. */
static int memo_reserve(struct build *b)
{
	struct memo old = b->memo;

	if (2 * (old.used + 1) <= old.cap)
		return 0;
	b->memo.cap = old.cap ? 2 * old.cap : 256;
	b->memo.slots = calloc(b->memo.cap, sizeof(*b->memo.slots));
	if (!b->memo.slots) {
		b->memo = old;
		return -1;
	}
	for (size_t i = 0; i < old.cap; i++) {
		size_t h = old.slots[i].hash, j = h & (b->memo.cap - 1);

		if (!old.slots[i].tok)
			continue;
		while (b->memo.slots[j].tok)
			j = (j + 1) & (b->memo.cap - 1);
		b->memo.slots[j] = old.slots[i];
	}
	free(old.slots);
	return 0;
}

/* Fills in the stem of word token i, reusing an earlier equal word. */
static int stem_word(struct build *b, size_t i)
{
	struct aux *a = &b->aux[i];
	const char *f = b->t->pool + a->fold;
	size_t h = hash_bytes(f);
	struct memo_slot *sl;

	if (memo_reserve(b))
		return -1;
	sl = memo_find(b, f, h);
	if (sl->tok) {
		b->t->pool_len = a->fold;
		a->fold = b->aux[sl->tok - 1].fold;
		a->stem = b->aux[sl->tok - 1].stem;
		return 0;
	}
	a->stem = stem_token(b, a->fold);
	if (a->stem == SIZE_MAX)
		return -1;
	*sl = (struct memo_slot){ .hash = h, .tok = i + 1 };
	b->memo.used++;
	return 0;
}

static int emit(struct build *b, size_t start, size_t end,
		enum text_kind kind, size_t line, unsigned flags)
{
	struct text *t = b->t;
	struct aux *a;
	size_t i = t->ntokens;

	if (i == b->cap && grow_tokens(b, 2 * b->cap + 16))
		return -1;
	a = &b->aux[i];
	a->fold = fold_token(t, start, end);
	if (a->fold == SIZE_MAX)
		return -1;
	a->stem = a->fold;
	if (kind == TEXT_WORD && stem_word(b, i))
		return -1;
	a->line = line;
	a->flags = flags;
	t->tokens[i] = (struct text_token){ .start = start, .end = end,
					    .kind = kind };
	t->ntokens++;
	return 0;
}

/* End of the token starting at s[i] with a code point of class k. */
static size_t token_end(const char *s, size_t len, size_t i, size_t n,
			enum cls k, enum text_kind *kind)
{
	if (k == C_LETTER) {
		*kind = TEXT_WORD;
		return word_end(s, len, i + n);
	}
	if (k == C_DIGIT) {
		*kind = TEXT_NUMBER;
		return number_end(s, len, i + n);
	}
	*kind = TEXT_PUNCT;
	return skip_class(s, len, i + n, C_MARK);
}

/* Whether s[i] is a line break; *n is its length (CRLF is one break). */
static int line_break(const char *s, size_t len, size_t i, size_t *n)
{
	*n = s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	return s[i] == '\n' || s[i] == '\r';
}

/* Cuts the whole source into tokens, noting line starts and blank lines. */
static int scan_all(struct build *b)
{
	const char *s = b->t->src;
	size_t len = b->t->len, i = 0, line = 1, breaks = 0;
	unsigned flags = F_LINE_START;

	while (i < len) {
		int32_t cp;
		size_t n, end;
		enum text_kind kind;
		enum cls k;

		if (line_break(s, len, i, &n)) {
			line++;
			breaks++;
			flags |= breaks >= 2 ? F_LINE_START | F_PARA
					     : F_LINE_START;
			i += n;
			continue;
		}
		n = decode(s, len, i, &cp);
		k = class_of(cp);
		if (k == C_SPACE) {
			i += n;
			continue;
		}
		end = token_end(s, len, i, n, k, &kind);
		if (emit(b, i, end, kind, line, flags))
			return -1;
		flags = 0;
		breaks = 0;
		i = end;
	}
	return 0;
}

static const char *fold_at(const struct build *b, size_t i)
{
	return b->t->pool + b->aux[i].fold;
}

/* Whether tokens i and i+1 touch, with no space between them. */
static int touching(const struct build *b, size_t i)
{
	return b->t->tokens[i].end == b->t->tokens[i + 1].start;
}

/* Whether the token after i is separated by space, or i is the last. */
static int space_after(const struct build *b, size_t i)
{
	return i + 1 >= b->t->ntokens || !touching(b, i);
}

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* "1." or "2)" at a line start, with space after. */
static int numbered_marker(const struct build *b, size_t i)
{
	const char *f = fold_at(b, i);
	size_t n = strspn(f, "0123456789");

	if (b->t->tokens[i].kind != TEXT_NUMBER || n == 0 || n > 3
	    || f[n] != '\0' || i + 1 >= b->t->ntokens || !touching(b, i))
		return 0;
	f = fold_at(b, i + 1);
	return (strcmp(f, ".") == 0 || strcmp(f, ")") == 0)
	       && space_after(b, i + 1);
}

/* Flags tokens that open list items; numbers of numbered items become
 * punctuation, as they count nothing. */
static void mark_lists(struct build *b)
{
	size_t nb = sizeof(bullets) / sizeof(bullets[0]);

	for (size_t i = 0; i < b->t->ntokens; i++) {
		if (!(b->aux[i].flags & F_LINE_START))
			continue;
		if (b->t->tokens[i].kind == TEXT_PUNCT
		    && in_list(fold_at(b, i), bullets, nb)
		    && space_after(b, i)) {
			b->aux[i].flags |= F_LIST;
		} else if (numbered_marker(b, i)) {
			b->aux[i].flags |= F_LIST;
			b->t->tokens[i].kind = TEXT_PUNCT;
		}
	}
}

static int all_of(const char *s, const char *set)
{
	return *s && s[strspn(s, set)] == '\0';
}

static int is_closer(const char *f)
{
	return strcmp(f, "\"") == 0 || strcmp(f, "'") == 0
	       || strcmp(f, ")") == 0 || strcmp(f, "]") == 0
	       || strcmp(f, "\xe2\x80\x9d") == 0
	       || strcmp(f, "\xc2\xbb") == 0;
}

/* Whether the word at i is one code point long. */
static int one_char(const struct build *b, size_t i)
{
	const struct text_token *tk = &b->t->tokens[i];
	int32_t cp;

	return decode(b->t->src, tk->end, tk->start, &cp)
	       == tk->end - tk->start;
}

/* Whether token i starts with a letter of category cat. */
static int starts_with(const struct build *b, size_t i,
		       utf8proc_category_t cat)
{
	int32_t cp;

	decode(b->t->src, b->t->len, b->t->tokens[i].start, &cp);
	return utf8proc_category(cp) == cat;
}

/* Whether the lone full stop at i, before token i + 1, ends an
 * abbreviation or list marker: "Dr.", "etc.", "e.g.", "U.S.", "1.". */
static int dot_is_abbrev(const struct build *b, size_t i)
{
	size_t n1 = sizeof(abbrevs) / sizeof(abbrevs[0]);
	size_t n2 = sizeof(closing_abbrevs) / sizeof(closing_abbrevs[0]);
	size_t w;

	if (i == 0 || !touching(b, i - 1))
		return 0;
	w = i - 1;
	if (b->aux[w].flags & F_LIST)
		return 1;
	if (b->t->tokens[w].kind != TEXT_WORD)
		return 0;
	if (one_char(b, w) && w > 0 && touching(b, w - 1)
	    && strcmp(fold_at(b, w - 1), ".") == 0)
		return 1;
	if (in_list(fold_at(b, w), closing_abbrevs, n2))
		return !starts_with(b, i + 1, UTF8PROC_CATEGORY_LU);
	return in_list(fold_at(b, w), abbrevs, n1);
}

/*
 * Whether a sentence ends before token i: the tokens before it end in a
 * run of . ! ? (or "...") and any closing quotes or brackets touching it.
 * After a closing quote, a lower-case word goes on with the sentence
 * ("Done." she said).
 */
static int ends_sentence(const struct build *b, size_t i)
{
	size_t j = i - 1, k;

	while (j > 0 && is_closer(fold_at(b, j)) && touching(b, j - 1))
		j--;
	if (!all_of(fold_at(b, j), ".!?"))
		return 0;
	if (j != i - 1 && starts_with(b, i, UTF8PROC_CATEGORY_LL))
		return 0;
	k = j;
	while (k > 0 && touching(b, k - 1) && all_of(fold_at(b, k - 1), ".!?"))
		k--;
	if (k == j && strcmp(fold_at(b, j), ".") == 0)
		return !dot_is_abbrev(b, j);
	return 1;
}

static int breaks_before(const struct build *b, size_t i)
{
	if (b->aux[i].flags & (F_PARA | F_LIST))
		return 1;
	return b->t->tokens[i - 1].kind == TEXT_PUNCT && !touching(b, i - 1)
	       && ends_sentence(b, i);
}

static int push_sentence(struct build *b, size_t first, size_t end)
{
	struct text *t = b->t;
	struct text_sentence *s;

	if (t->nsentences == b->sent_cap) {
		size_t cap = b->sent_cap * 2 + 8;

		s = realloc(t->sentences, cap * sizeof(*s));
		if (!s)
			return -1;
		t->sentences = s;
		b->sent_cap = cap;
	}
	t->sentences[t->nsentences++] = (struct text_sentence){
		.start = t->tokens[first].start,
		.end = t->tokens[end - 1].end,
		.first = first, .count = end - first,
		.line = b->aux[first].line };
	return 0;
}

/* Makes tokens[first..end) a sentence if it holds a word.  Tokens of a
 * wordless fragment stay outside every sentence's range; their sentence
 * is the one before them, or 0. */
static int close_sentence(struct build *b, size_t first, size_t end)
{
	struct text *t = b->t;
	size_t words = 0;

	for (size_t i = first; i < end; i++)
		words += t->tokens[i].kind != TEXT_PUNCT;
	if (words && push_sentence(b, first, end))
		return -1;
	t->nwords += words;
	for (size_t i = first; i < end; i++)
		t->tokens[i].sentence = t->nsentences ? t->nsentences - 1 : 0;
	return 0;
}

static int segment(struct build *b, int one_sentence)
{
	size_t n = b->t->ntokens, first = 0;

	if (!one_sentence)
		mark_lists(b);
	for (size_t i = 1; i <= n; i++) {
		if (i < n && (one_sentence || !breaks_before(b, i)))
			continue;
		if (close_sentence(b, first, i))
			return -1;
		first = i;
	}
	return 0;
}

/* Turns pool offsets into pointers now that the pool no longer moves. */
static void fix_pointers(struct build *b)
{
	for (size_t i = 0; i < b->t->ntokens; i++) {
		b->t->tokens[i].fold = b->t->pool + b->aux[i].fold;
		b->t->tokens[i].stem = b->t->pool + b->aux[i].stem;
	}
}

static int analyze(struct text *t, struct text_stemmer *st,
		   const char *src, size_t len, int one_sentence)
{
	struct build b = { .t = t, .st = st };
	int rc;

	memset(t, 0, sizeof(*t));
	t->src = src;
	t->len = len;
	rc = pool_reserve(t, 2 * len + 64);
	if (rc == 0)
		rc = grow_tokens(&b, len / 4 + 16);
	if (rc == 0)
		rc = scan_all(&b);
	if (rc == 0)
		rc = segment(&b, one_sentence);
	if (rc == 0)
		fix_pointers(&b);
	free(b.aux);
	free(b.memo.slots);
	if (rc != 0) {
		text_release(t);
		t->src = src;
		t->len = len;
	}
	return rc;
}

int text_analyze(struct text *t, struct text_stemmer *st,
		 const char *src, size_t len)
{
	return analyze(t, st, src, len, 0);
}

int text_analyze_phrase(struct text *t, struct text_stemmer *st,
			const char *phrase)
{
	return analyze(t, st, phrase, strlen(phrase), 1);
}

void text_release(struct text *t)
{
	if (!t)
		return;
	free(t->tokens);
	free(t->sentences);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}
