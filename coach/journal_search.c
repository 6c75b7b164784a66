/*
 * Case-insensitive search over the text of journal attempts, and the
 * one-line snippet that shows a match in context.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "coach/journal_query.h"

#define JS_MAX_NEEDLE 256

/* A needle decoded and lowered, code point by code point. */
struct js_needle {
	utf8proc_int32_t cp[JS_MAX_NEEDLE];
	size_t n;
	int ascii;
	char lower[JS_MAX_NEEDLE + 1];	/* when ascii */
};

static int js_needle_init(struct js_needle *nd, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t k;
	utf8proc_int32_t cp;

	nd->n = 0;
	nd->ascii = 1;
	while (*p && nd->n < JS_MAX_NEEDLE) {
		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0)
			return -1;
		if (cp >= 0x80)
			nd->ascii = 0;
		else
			nd->lower[nd->n] = (char)tolower(cp);
		nd->cp[nd->n++] = utf8proc_tolower(cp);
		p += k;
	}
	nd->lower[nd->n] = '\0';
	return nd->n ? 0 : -1;
}

/* ASCII needle: a byte scan; non-ASCII bytes never match. */
static const char *js_find_ascii(const char *hay, const struct js_needle *nd)
{
	const char *p;
	size_t i;

	for (p = hay; *p; p++) {
		if (tolower((unsigned char)*p) != nd->lower[0])
			continue;
		for (i = 1; i < nd->n; i++)
			if (tolower((unsigned char)p[i]) != nd->lower[i])
				break;
		if (i == nd->n)
			return p;
	}
	return NULL;
}

/* Whether the needle matches at p; sets *len to the match's bytes. */
static int js_match_at(const utf8proc_uint8_t *p,
		       const struct js_needle *nd, size_t *len)
{
	const utf8proc_uint8_t *q = p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i;

	for (i = 0; i < nd->n; i++) {
		if (!*q)
			return 0;
		k = utf8proc_iterate(q, -1, &cp);
		if (k <= 0 || utf8proc_tolower(cp) != nd->cp[i])
			return 0;
		q += k;
	}
	*len = (size_t)(q - p);
	return 1;
}

static const char *js_find_utf8(const char *hay, const struct js_needle *nd,
				size_t *len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)hay;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	for (; *p; p += k) {
		if (js_match_at(p, nd, len))
			return (const char *)p;
		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0)
			k = 1;
	}
	return NULL;
}

/* Looks in one text; fills hit and returns 1 on a match. */
static int js_try(const char *text, const char *field,
		  const struct js_needle *nd, struct journal_hit *hit)
{
	const char *at;
	size_t len = nd->n;

	if (!text)
		return 0;
	at = nd->ascii ? js_find_ascii(text, nd) : js_find_utf8(text, nd,
								   &len);
	if (!at)
		return 0;
	hit->field = field;
	hit->text = text;
	hit->start = (size_t)(at - text);
	hit->end = hit->start + len;
	return 1;
}

static int js_try_tags(const cJSON *attempt, const struct js_needle *nd,
		       struct journal_hit *hit)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(attempt,
							       "tags"))
		if (cJSON_IsString(t) && js_try(t->valuestring, "tag", nd,
						hit))
			return 1;
	return 0;
}

static int js_try_feedback(const struct journal_view *v,
			   const cJSON *attempt, const struct js_needle *nd,
			   struct journal_hit *hit)
{
	struct journal_feedback fb[16];
	size_t n = journal_feedback_of(v, attempt, fb, 16), i;

	for (i = 0; i < n && i < 16; i++)
		if (js_try(fb[i].text, "feedback", nd, hit))
			return 1;
	return 0;
}

int journal_search(const struct journal_view *v, const cJSON *attempt,
		   const char *needle, struct journal_hit *hit)
{
	struct js_needle nd;

	if (!needle || js_needle_init(&nd, needle) != 0)
		return 0;
	return js_try(journal_str(attempt, "answer"), "answer", &nd, hit) ||
	       js_try(journal_str(attempt, "question.text"), "question",
		      &nd, hit) ||
	       js_try(journal_str(attempt, "question.id"), "question", &nd,
		      hit) ||
	       js_try(journal_str(attempt, "story"), "story", &nd, hit) ||
	       js_try_tags(attempt, &nd, hit) ||
	       js_try_feedback(v, attempt, &nd, hit);
}

static int js_space(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* Where a snippet that should show `back` columns before at starts:
 * a word start, or 0. */
static size_t js_window_start(const char *text, size_t at, int back)
{
	size_t p = at, word = at;

	while (p > 0 && back > 0) {
		p--;
		while (p > 0 && ((unsigned char)text[p] & 0xc0) == 0x80)
			p--;
		back--;
		if (p == 0 || js_space((unsigned char)text[p - 1]))
			word = p;
	}
	return p == 0 ? 0 : word;
}

void journal_snippet(const char *text, size_t start, size_t end,
		     int width, char *out)
{
	const utf8proc_uint8_t *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n = 0, from, word_end = 0;
	int cols = 0, space = 0, cw, room, bad;

	(void)end;
	from = js_window_start(text, start, width / 3);
	if (from > 0) {
		memcpy(out, "...", 3);
		n = cols = 3;
	}
	room = width - 3;
	for (p = (const utf8proc_uint8_t *)text + from; *p; p += k) {
		k = utf8proc_iterate(p, -1, &cp);
		bad = k <= 0;
		if (bad) {
			k = 1;
			cp = '?';
		}
		if (js_space(cp)) {
			space = n > 0;
			continue;
		}
		cw = utf8proc_charwidth(cp);
		if (cp < 0x20 || cp == 0x7f || cw < 0)
			continue;
		if (cols + space + cw > room)
			break;
		if (space)
			word_end = n;
		if (space)
			out[n++] = ' ';
		cols += space + cw;
		space = 0;
		if (bad) {
			out[n++] = '?';
		} else {
			memcpy(out + n, p, (size_t)k);
			n += (size_t)k;
		}
	}
	if (*p) {
		/* Cut at the end of a word when the cut is not at one. */
		if (word_end > 0 && !space)
			n = word_end;
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}
