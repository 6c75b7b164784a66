/*
 * Finds the line of a value in JSON text by walking its path with a small
 * scanner that only skips: the text was already accepted by a parser.
 */
#include <string.h>

#include "coach/jsonloc.h"

struct scan {
	const char *s;
	size_t len;
	size_t pos;
};

static int scan_more(const struct scan *sc)
{
	return sc->pos < sc->len;
}

static char scan_peek(const struct scan *sc)
{
	return scan_more(sc) ? sc->s[sc->pos] : '\0';
}

/* Whether c is in set; strchr alone would also match the NUL byte. */
static int in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static void scan_ws(struct scan *sc)
{
	while (scan_more(sc) && in_set(sc->s[sc->pos], " \t\r\n"))
		sc->pos++;
}

/* Skips a string starting at its opening quote. */
static int scan_string(struct scan *sc)
{
	if (scan_peek(sc) != '"')
		return -1;
	sc->pos++;
	while (scan_more(sc)) {
		char c = sc->s[sc->pos++];

		if (c == '"')
			return 0;
		if (c == '\\')
			sc->pos++;
	}
	return -1;
}

/* Skips a number or a literal (true, false, null): a run of such bytes. */
static int scan_atom(struct scan *sc)
{
	size_t start = sc->pos;
	static const char atom[] = "+-.0123456789Eaeflnrstu";

	while (scan_more(sc) && in_set(sc->s[sc->pos], atom))
		sc->pos++;
	return sc->pos > start ? 0 : -1;
}

static int scan_value(struct scan *sc);

/* Skips an object or array starting at its opening bracket. */
static int scan_container(struct scan *sc, char close)
{
	sc->pos++;
	scan_ws(sc);
	if (scan_peek(sc) == close) {
		sc->pos++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (scan_string(sc) < 0)
				return -1;
			scan_ws(sc);
			if (scan_peek(sc) != ':')
				return -1;
			sc->pos++;
			scan_ws(sc);
		}
		if (scan_value(sc) < 0)
			return -1;
		scan_ws(sc);
		if (scan_peek(sc) == close) {
			sc->pos++;
			return 0;
		}
		if (scan_peek(sc) != ',')
			return -1;
		sc->pos++;
		scan_ws(sc);
	}
}

static int scan_value(struct scan *sc)
{
	switch (scan_peek(sc)) {
	case '{':
		return scan_container(sc, '}');
	case '[':
		return scan_container(sc, ']');
	case '"':
		return scan_string(sc);
	default:
		return scan_atom(sc);
	}
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0xFFFFFFFFu;
	}
	return v;
}

static size_t utf8_put(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Decodes the \u escape at p (pointing at the 'u'), joining a surrogate
 * pair; returns the bytes of JSON text used, or 0 when malformed.
 */
static size_t unescape_u(const char *p, size_t avail, unsigned *cp)
{
	unsigned lo;

	if (avail < 5 || (*cp = hex4(p + 1)) > 0xFFFF)
		return 0;
	if (*cp < 0xD800 || *cp > 0xDBFF)
		return 5;
	if (avail < 11 || p[5] != '\\' || p[6] != 'u')
		return 0;
	lo = hex4(p + 7);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return 0;
	*cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
	return 11;
}

/*
 * Decodes one character of string content at the scanner into out
 * (at least 4 bytes) and returns its length, or 0 when malformed.
 */
static size_t scan_char(struct scan *sc, char *out)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	unsigned cp;
	size_t used;

	if (sc->s[sc->pos] != '\\') {
		out[0] = sc->s[sc->pos++];
		return 1;
	}
	if (sc->pos + 1 >= sc->len)
		return 0;
	hit = strchr(from, sc->s[sc->pos + 1]);
	if (in_set(sc->s[sc->pos + 1], from)) {
		out[0] = to[hit - from];
		sc->pos += 2;
		return 1;
	}
	used = unescape_u(sc->s + sc->pos + 1, sc->len - sc->pos - 1, &cp);
	if (!used)
		return 0;
	sc->pos += 1 + used;
	return utf8_put(cp, out);
}

/* Reads the string at the scanner and says whether it equals key. */
static int scan_key_is(struct scan *sc, const char *key, int *equal)
{
	size_t klen = strlen(key), k = 0;
	char buf[4];

	*equal = 1;
	if (scan_peek(sc) != '"')
		return -1;
	sc->pos++;
	while (scan_more(sc) && sc->s[sc->pos] != '"') {
		size_t n = scan_char(sc, buf);

		if (n == 0)
			return -1;
		if (k + n > klen || memcmp(key + k, buf, n) != 0)
			*equal = 0;
		k += n;
	}
	if (!scan_more(sc))
		return -1;
	sc->pos++;
	if (k != klen)
		*equal = 0;
	return 0;
}

/* At '{': moves to the value of the first member named key. */
static int scan_member(struct scan *sc, const char *key)
{
	int equal;

	sc->pos++;
	scan_ws(sc);
	while (scan_peek(sc) == '"') {
		if (scan_key_is(sc, key, &equal) < 0)
			return -1;
		scan_ws(sc);
		if (scan_peek(sc) != ':')
			return -1;
		sc->pos++;
		scan_ws(sc);
		if (equal)
			return 0;
		if (scan_value(sc) < 0)
			return -1;
		scan_ws(sc);
		if (scan_peek(sc) != ',')
			return -1;
		sc->pos++;
		scan_ws(sc);
	}
	return -1;
}

/* At '[': moves to the element at index. */
static int scan_element(struct scan *sc, size_t index)
{
	size_t i;

	sc->pos++;
	scan_ws(sc);
	if (scan_peek(sc) == ']')
		return -1;
	for (i = 0; i < index; i++) {
		if (scan_value(sc) < 0)
			return -1;
		scan_ws(sc);
		if (scan_peek(sc) != ',')
			return -1;
		sc->pos++;
		scan_ws(sc);
	}
	return 0;
}

static int scan_step(struct scan *sc, const struct jsonloc_step *step)
{
	char want = step->key ? '{' : '[';

	if (scan_peek(sc) != want)
		return -1;
	if (step->key)
		return scan_member(sc, step->key);
	return scan_element(sc, step->index);
}

size_t jsonloc_line(const char *json, size_t len,
		    const struct jsonloc_step *path, size_t depth)
{
	struct scan sc = { json, len, 0 };
	size_t best, i;

	scan_ws(&sc);
	if (!scan_more(&sc))
		return 1;
	best = sc.pos;
	for (i = 0; i < depth; i++) {
		if (scan_step(&sc, &path[i]) < 0)
			break;
		best = sc.pos;
	}
	return jsonloc_line_of(json, best);
}

size_t jsonloc_line_of(const char *s, size_t off)
{
	size_t line = 1, i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}
