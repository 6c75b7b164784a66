/*
 * The numbers a story quotes ("40%", "3 weeks", "$2m") and the ones that
 * changed between two tellings of it.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coach/journal_query.h"

/* Words after a number that are not its unit: "in 3 of them", "2 and". */
static const char *const jn_not_units[] = {
	"a", "an", "and", "are", "as", "at", "but", "by", "for", "from",
	"he", "i", "in", "into", "is", "it", "of", "on", "or", "our",
	"she", "so", "than", "that", "the", "then", "they", "to", "was",
	"we", "were", "when", "which", "who", "with", "you",
};

static int jn_stopword(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(jn_not_units) / sizeof(*jn_not_units); i++)
		if (strcmp(w, jn_not_units[i]) == 0)
			return 1;
	return 0;
}

static int jn_push(struct journal_numbers *ns, const struct journal_number *n)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 8;
		struct journal_number *p = realloc(ns->items,
						   cap * sizeof(*p));

		if (!p)
			return -1;
		ns->items = p;
		ns->cap = cap;
	}
	ns->items[ns->n++] = *n;
	return 0;
}

/* The unit word at s (after spaces or one hyphen), folded; its end. */
static const char *jn_unit_word(const char *s, char *unit, size_t size)
{
	size_t n = 0;

	if (*s == '-')
		s++;
	else
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
	while (isalpha((unsigned char)*s) && n + 1 < size)
		unit[n++] = (char)tolower((unsigned char)*s++);
	while (isalpha((unsigned char)*s))
		s++;
	unit[n] = '\0';
	if (n > 3 && unit[n - 1] == 's' && unit[n - 2] != 's')
		unit[n - 1] = '\0';
	if (jn_stopword(unit)) {
		unit[0] = '\0';
		return NULL;
	}
	return n ? s : NULL;
}

/* Whether the digits at s open a numbered list item ("1. ", "2) "). */
static int jn_list_marker(const char *text, const char *s, const char *end)
{
	const char *p = s;

	while (p > text && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p != text && p[-1] != '\n')
		return 0;
	return (*end == '.' || *end == ')') &&
	       (end[1] == ' ' || end[1] == '\0');
}

/* The digits with inner , and . from s; sets the value. */
static const char *jn_digits(const char *s, double *value)
{
	char buf[48];
	size_t n = 0;

	while (isdigit((unsigned char)*s) ||
	       ((*s == ',' || *s == '.') && isdigit((unsigned char)s[1]))) {
		if (*s != ',' && n + 1 < sizeof(buf))
			buf[n++] = *s;
		s++;
	}
	buf[n] = '\0';
	*value = strtod(buf, NULL);
	return s;
}

/* Reads one number at s (a digit or currency sign); returns its end. */
static const char *jn_one(const char *text, const char *s,
			  struct journal_number *num, int *keep)
{
	const char *start = s, *end, *tail;
	char suffix[16];
	size_t n = 0, cur = 0;

	if (*s == '$')
		cur = 1;
	end = jn_digits(s + cur, &num->value);
	while ((isalpha((unsigned char)*end) || *end == '%') &&
	       n + 1 < sizeof(suffix))
		suffix[n++] = (char)tolower((unsigned char)*end++);
	suffix[n] = '\0';
	tail = end;
	if (n == 0 && !cur)
		tail = jn_unit_word(end, num->unit, sizeof(num->unit));
	else
		snprintf(num->unit, sizeof(num->unit), "%s%s",
			 cur ? "$" : "", suffix);
	if (!tail)
		tail = end;
	*keep = !(n == 0 && !cur && end - start == 4 && num->value >= 1900 &&
		  num->value <= 2099) && !jn_list_marker(text, start, end);
	snprintf(num->text, sizeof(num->text), "%.*s", (int)(tail - start),
		 start);
	return end;
}

int journal_numbers_find(const char *text, struct journal_numbers *out)
{
	const char *s = text;
	struct journal_number num;
	int keep;

	memset(out, 0, sizeof(*out));
	while (s && *s) {
		int starts = isdigit((unsigned char)*s) ||
			     (*s == '$' && isdigit((unsigned char)s[1]));

		if (!starts || (s > text && (isalnum((unsigned char)s[-1]) ||
					      s[-1] == '.'))) {
			s++;
			continue;
		}
		memset(&num, 0, sizeof(num));
		s = jn_one(text, s, &num, &keep);
		if (keep && num.unit[0] && jn_push(out, &num) != 0) {
			journal_numbers_release(out);
			return -1;
		}
	}
	return 0;
}

void journal_numbers_release(struct journal_numbers *ns)
{
	free(ns->items);
	memset(ns, 0, sizeof(*ns));
}

static int jn_same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b) + 1);
}

/* Marks the pairs with the same unit and value, which did not change. */
static void jn_match_same(const struct journal_numbers *a,
			  const struct journal_numbers *b,
			  char *used_a, char *used_b)
{
	size_t i, j;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n && !used_a[i]; j++)
			if (!used_b[j] && jn_same_value(a->items[i].value,
							b->items[j].value) &&
			    strcmp(a->items[i].unit, b->items[j].unit) == 0)
				used_a[i] = used_b[j] = 1;
}

size_t journal_numbers_changed(const struct journal_numbers *a,
			       const struct journal_numbers *b,
			       struct journal_number_change *out,
			       size_t max)
{
	char *used_a = calloc(a->n + 1, 1), *used_b = calloc(b->n + 1, 1);
	size_t i, j, n = 0;

	if (!used_a || !used_b) {
		free(used_a);
		free(used_b);
		return 0;
	}
	jn_match_same(a, b, used_a, used_b);
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n && !used_a[i]; j++) {
			if (used_b[j] || strcmp(a->items[i].unit,
						b->items[j].unit) != 0)
				continue;
			used_a[i] = used_b[j] = 1;
			if (n < max) {
				out[n].from = &a->items[i];
				out[n].to = &b->items[j];
			}
			n++;
		}
	}
	free(used_a);
	free(used_b);
	return n;
}
