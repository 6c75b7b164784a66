/* Checking answer bytes for UTF-8, and finding line and column of a byte. */
#include <stddef.h>
#include <stdint.h>

#include "coach/text.h"

/*
 * Length of the valid UTF-8 sequence at p (at most avail bytes), or 0.
 * Overlong forms, surrogates and code points past U+10FFFF are invalid.
 */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (avail < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

size_t text_check_utf8(const char *s, size_t len, size_t *line)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ln = 1;

	while (i < len) {
		size_t n = u[i] >= 0x80 ? utf8_seq_len(u + i, len - i)
					: u[i] != 0;

		if (n == 0) {
			if (line)
				*line = ln;
			return i + 1;
		}
		if (u[i] == '\n' && !(i > 0 && u[i - 1] == '\r'))
			ln++;
		else if (u[i] == '\r')
			ln++;
		i += n;
	}
	return 0;
}

void text_line_col(const char *src, size_t off, size_t *line, size_t *col)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t ln = 1, cl = 1;

	for (size_t i = 0; i < off; i++) {
		if (u[i] == '\n' && i > 0 && u[i - 1] == '\r')
			continue;
		if (u[i] == '\n' || u[i] == '\r') {
			ln++;
			cl = 1;
		} else if ((u[i] & 0xc0) != 0x80) {
			cl++;
		}
	}
	if (line)
		*line = ln;
	if (col)
		*col = cl;
}

void text_locate(const struct text *t, size_t off, size_t *line,
		 size_t *col)
{
	const unsigned char *u = (const unsigned char *)t->src;
	size_t lo = 0, hi = t->nsentences, from = 0, ln = 1, cl = 1, i;

	/* The last sentence that starts at or before off. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->sentences[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		from = t->sentences[lo - 1].start;
		ln = t->sentences[lo - 1].line;
	}
	for (i = from; i < off; i++) {
		if (u[i] == '\n' && i > 0 && u[i - 1] == '\r')
			continue;
		if (u[i] == '\n' || u[i] == '\r')
			ln++;
	}
	for (i = off; i > 0 && u[i - 1] != '\n' && u[i - 1] != '\r'; i--)
		cl += (u[i - 1] & 0xc0) != 0x80;
	if (line)
		*line = ln;
	if (col)
		*col = cl;
}

