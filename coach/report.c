/*
 * Score reports for people and for scripts.  The text form quotes the
 * answer's own words for every part and finding; the JSON form carries the
 * same facts under a versioned schema (docs/score-json.md).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/report.h"

/* Quotes are cut to fit the line: indent, quotes, "..." and the line
 * number take this many columns. */
#define QUOTE_FRAME 24
#define QUOTE_MIN 16

struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void buf_grow(struct buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 1024;
	char *p;

	while (cap < b->len + need + 1)
		cap *= 2;
	if (cap == b->cap)
		return;
	p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	buf_grow(b, n);
	if (b->oom)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_add(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
			sizeof(tmp) - 1);
}

struct style {
	const char *bold, *good, *bad, *dim, *off;
	size_t width;
};

static void set_style(struct style *s, int color)
{
	s->bold = color ? "\033[1m" : "";
	s->good = color ? "\033[32m" : "";
	s->bad = color ? "\033[31m" : "";
	s->dim = color ? "\033[2m" : "";
	s->off = color ? "\033[0m" : "";
}

/* Length of a UTF-8 prefix of s[0..n) of at most max characters. */
static size_t utf8_prefix(const char *s, size_t n, size_t max, int *cut)
{
	size_t i = 0, chars = 0;

	while (i < n && chars < max) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	*cut = i < n;
	return i;
}

/* Appends src[a..b) on one line, shortened to max characters. */
static void add_quote(struct buf *b, const char *src, size_t a, size_t e,
		      size_t max)
{
	int cut;
	size_t n = utf8_prefix(src + a, e - a, max, &cut);

	buf_add(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[a + i];

		/* Control characters from the answer never reach the
		 * terminal: C0, DEL, and C1 (U+0080-U+009F). */
		if (c == 0xC2 && i + 1 < n &&
		    (unsigned char)src[a + i + 1] < 0xA0) {
			i++;
			c = ' ';
		} else if (c < 0x20 || c == 0x7F) {
			c = ' ';
		}
		buf_add(b, (const char *)&c, 1);
	}
	buf_add(b, cut ? "...\"" : "\"", cut ? 4 : 1);
}

/* Appends text wrapped at width, each line after the first indented. */
static void add_wrapped(struct buf *b, const char *text, size_t col,
			size_t indent, size_t width)
{
	const char *p = text;

	while (*p) {
		size_t word = strcspn(p, " ");

		if (col > indent && col + 1 + word > width) {
			buf_add(b, "\n", 1);
			for (col = 0; col < indent; col++)
				buf_add(b, " ", 1);
		} else if (col > indent) {
			buf_add(b, " ", 1);
			col++;
		}
		buf_add(b, p, word);
		col += word;
		p += word;
		while (*p == ' ')
			p++;
	}
	buf_add(b, "\n", 1);
}

/*
 * The evidence to quote for target: the first in reading order, or with
 * strongest 1 the heaviest (the worst blame, not the first hedge), or
 * with 2 the heaviest and latest (a story's outcome comes at its end).
 */
static const struct score_evidence *first_evidence(
	const struct score_report *r, const char *target, double sign,
	int strongest)
{
	const struct score_evidence *best = NULL;

	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];

		if (strcmp(ev->target, target) || ev->end <= ev->start ||
		    ev->delta * sign <= 0)
			continue;
		if (!strongest)
			return ev;
		if (!best || ev->delta * sign > best->delta * sign ||
		    (strongest > 1 && ev->delta * sign >= best->delta * sign))
			best = ev;
	}
	return best;
}

static void add_evidence_line(struct buf *b, const struct text *t,
			      const struct score_evidence *ev,
			      const struct style *st, int good)
{
	size_t line, col;

	text_locate(t, ev->start, &line, &col);
	buf_printf(b, "      %s", good ? st->good : st->bad);
	add_quote(b, t->src, ev->start, ev->end,
		  st->width > QUOTE_FRAME + QUOTE_MIN ?
		  st->width - QUOTE_FRAME : QUOTE_MIN);
	buf_printf(b, "%s %s(line %zu)%s\n", st->off, st->dim, line,
		   st->off);
}

static const char *strength_word(double s)
{
	return s >= 0.8 ? "strong" : s >= 0.45 ? "clear" : "thin";
}

static void add_parts(struct buf *b, const struct score_report *r,
		      const struct text *t, const struct style *st)
{
	static const char *const titles[SCORE_NPARTS] = {
		"Situation", "Task", "Action", "Result", "Reflection"
	};

	buf_printf(b, "%sSTAR%s\n", st->bold, st->off);
	for (int p = 0; p < SCORE_NPARTS; p++) {
		const struct score_part *sp = &r->parts[p];
		const struct score_evidence *ev =
			first_evidence(r, score_part_name(p), 1,
				       p == PART_RESULT ? 2 : 0);

		if (!sp->present) {
			buf_printf(b, "  %s-%s %-11s missing\n", st->bad,
				   st->off, titles[p]);
			continue;
		}
		buf_printf(b, "  %s+%s %-11s %-6s %3.0f%% of answer\n",
			   st->good, st->off, titles[p],
			   strength_word(sp->strength), 100 * sp->share);
		if (ev)
			add_evidence_line(b, t, ev, st, 1);
	}
}

static void add_criteria(struct buf *b, const struct score_report *r,
			 const struct text *t, const struct style *st)
{
	const char *rubric = NULL;

	for (size_t i = 0; i < r->ncriteria; i++) {
		const struct score_criterion *c = &r->criteria[i];
		const struct score_evidence *ev =
			first_evidence(r, c->id, c->weight < 0 ? -1 : 1, 1);

		if (c->weight < 0 && !c->met)
			continue;
		if (!rubric || strcmp(rubric, c->rubric)) {
			rubric = c->rubric;
			buf_printf(b, "%s%s%s\n", st->bold, c->rubric_title,
				   st->off);
		}
		if (c->weight < 0)
			buf_printf(b, "  %s!%s ", st->bad, st->off);
		else
			buf_printf(b, "  %s%s%s ", c->met ? st->good :
				   st->bad, c->met ? "+" : "-", st->off);
		add_wrapped(b, c->name, 4, 4, st->width);
		if (ev && c->met)
			add_evidence_line(b, t, ev, st, c->weight >= 0);
	}
}

static void add_signals(struct buf *b, const struct score_report *r,
			const struct text *t, const struct style *st)
{
	buf_printf(b, "%sSignals%s\n", st->bold, st->off);
	buf_printf(b, "  %s%s%s result quantified\n",
		   r->flags & FLAG_RESULT_QUANTIFIED ? st->good : st->bad,
		   r->flags & FLAG_RESULT_QUANTIFIED ? "+" : "-", st->off);
	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];

		if (strcmp(ev->rule, "star.result.quantified") == 0)
			add_evidence_line(b, t, ev, st, 1);
	}
	for (unsigned f = 0; f < SCORE_NFLAGS; f++) {
		unsigned bit = 1u << f;

		if (bit == FLAG_RESULT_QUANTIFIED ||
		    bit == FLAG_GROWTH_MINDSET || !(r->flags & bit))
			continue;
		buf_printf(b, "  %s!%s %s\n", st->bad, st->off,
			   score_flag_name(bit));
	}
	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];

		if (!ev->rubric && ev->delta < 0 && ev->end > ev->start)
			add_evidence_line(b, t, ev, st, 0);
	}
}

static void add_tips(struct buf *b, const struct score_report *r,
		     const struct style *st, size_t width)
{
	if (!r->ntips)
		return;
	buf_printf(b, "%sTips%s\n", st->bold, st->off);
	for (size_t i = 0; i < r->ntips; i++) {
		buf_printf(b, "  %zu. ", i + 1);
		add_wrapped(b, r->tips[i], 5, 5, width);
	}
}

/* Concepts covered, and concepts there are: misconceptions not counted. */
static size_t concepts_met(const struct score_report *r, size_t *total)
{
	size_t n = 0;

	*total = 0;
	for (size_t i = 0; i < r->ncriteria; i++) {
		if (r->criteria[i].weight <= 0)
			continue;
		(*total)++;
		n += r->criteria[i].met;
	}
	return n;
}

char *report_text(const struct score_report *r, const struct text *t,
		  const struct report_opts *o)
{
	struct buf b = { NULL, 0, 0, 0 };
	struct style st;
	size_t width = o && o->width >= 40 ? (size_t)o->width : 80;
	double secs = r->seconds;

	set_style(&st, o && o->color);
	st.width = width;
	if (o && o->file)
		buf_printf(&b, "%s%s%s\n", st.bold, o->file, st.off);
	if (r->concepts) {
		size_t total, met = concepts_met(r, &total);

		buf_printf(&b, "%sOverall %.0f/100%s  concepts %zu of %zu\n",
			   st.bold, r->overall, st.off, met, total);
	}
	if (!r->concepts)
		buf_printf(&b, "%sOverall %.0f/100%s  STAR %.0f  growth "
			   "%.0f\n", st.bold, r->overall, st.off, r->star,
			   r->growth);
	buf_printf(&b, "%zu word%s, about %d min %02d s spoken\n\n",
		   r->words, r->words == 1 ? "" : "s", (int)secs / 60,
		   (int)secs % 60);
	if (!r->concepts) {
		add_parts(&b, r, t, &st);
		buf_add(&b, "\n", 1);
	}
	add_criteria(&b, r, t, &st);
	buf_add(&b, "\n", 1);
	if (!r->concepts) {
		add_signals(&b, r, t, &st);
		buf_add(&b, "\n", 1);
	}
	add_tips(&b, r, &st, width);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static double round2(double x)
{
	return round(x * 100.0) / 100.0;
}

static cJSON *parts_json(const struct score_report *r)
{
	cJSON *parts = cJSON_CreateObject();

	for (int p = 0; parts && p < SCORE_NPARTS; p++) {
		const struct score_part *sp = &r->parts[p];
		cJSON *o = cJSON_AddObjectToObject(parts, score_part_name(p));

		cJSON_AddBoolToObject(o, "present", sp->present);
		cJSON_AddNumberToObject(o, "strength", round2(sp->strength));
		cJSON_AddNumberToObject(o, "share", round2(sp->share));
		cJSON_AddNumberToObject(o, "words", (double)sp->words);
	}
	return parts;
}

static cJSON *criteria_json(const struct score_report *r)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < r->ncriteria; i++) {
		const struct score_criterion *c = &r->criteria[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "rubric", c->rubric);
		cJSON_AddStringToObject(o, "id", c->id);
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddNumberToObject(o, "weight", c->weight);
		cJSON_AddNumberToObject(o, "score", round2(c->score));
		cJSON_AddBoolToObject(o, "met", c->met);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *flags_json(const struct score_report *r)
{
	cJSON *o = cJSON_CreateObject();

	for (unsigned f = 0; o && f < SCORE_NFLAGS; f++)
		cJSON_AddBoolToObject(o, score_flag_name(1u << f),
				      (r->flags & (1u << f)) != 0);
	return o;
}

/* A matched cue's rule is "rubric/criterion", with the phrase beside. */
static void add_rule(cJSON *o, const struct score_evidence *ev)
{
	char rule[256];

	if (!ev->rubric) {
		cJSON_AddStringToObject(o, "rule", ev->rule);
		return;
	}
	snprintf(rule, sizeof(rule), "%s/%s", ev->rubric, ev->target);
	cJSON_AddStringToObject(o, "rule", rule);
	cJSON_AddStringToObject(o, "rubric", ev->rubric);
	cJSON_AddStringToObject(o, "cue", ev->rule);
}

static cJSON *evidence_json(const struct score_report *r,
			    const struct text *t)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];
		cJSON *o = cJSON_CreateObject();
		size_t line, col;
		char *quote;

		add_rule(o, ev);
		cJSON_AddStringToObject(o, "target", ev->target);
		cJSON_AddNumberToObject(o, "delta", round2(ev->delta));
		cJSON_AddItemToArray(arr, o);
		if (ev->end <= ev->start)
			continue;
		text_locate(t, ev->start, &line, &col);
		cJSON_AddNumberToObject(o, "start", (double)ev->start);
		cJSON_AddNumberToObject(o, "end", (double)ev->end);
		cJSON_AddNumberToObject(o, "line", (double)line);
		cJSON_AddNumberToObject(o, "column", (double)col);
		quote = malloc(ev->end - ev->start + 1);
		if (!quote)
			continue;
		memcpy(quote, t->src + ev->start, ev->end - ev->start);
		quote[ev->end - ev->start] = '\0';
		cJSON_AddStringToObject(o, "text", quote);
		free(quote);
	}
	return arr;
}

cJSON *report_json(const struct score_report *r, const struct text *t,
		   const struct report_opts *o, int with_evidence)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *tips;

	if (!root)
		return NULL;
	cJSON_AddNumberToObject(root, "schema", REPORT_SCHEMA);
	cJSON_AddStringToObject(root, "kind", r->concepts ? "concepts" :
				"story");
	if (o && o->file)
		cJSON_AddStringToObject(root, "file", o->file);
	cJSON_AddNumberToObject(root, "overall", round2(r->overall));
	cJSON_AddNumberToObject(root, "star", round2(r->star));
	cJSON_AddNumberToObject(root, "growth", round2(r->growth));
	cJSON_AddNumberToObject(root, "words", (double)r->words);
	cJSON_AddNumberToObject(root, "speaking_seconds", round(r->seconds));
	cJSON_AddNumberToObject(root, "hedges", (double)r->hedges);
	cJSON_AddItemToObject(root, "parts", parts_json(r));
	cJSON_AddItemToObject(root, "criteria", criteria_json(r));
	cJSON_AddItemToObject(root, "flags", flags_json(r));
	tips = cJSON_AddArrayToObject(root, "tips");
	for (size_t i = 0; tips && i < r->ntips; i++)
		cJSON_AddItemToArray(tips, cJSON_CreateString(r->tips[i]));
	if (with_evidence)
		cJSON_AddItemToObject(root, "evidence", evidence_json(r, t));
	return root;
}
