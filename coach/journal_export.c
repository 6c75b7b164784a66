/*
 * Exporting journal attempts as Markdown for study, CSV for spreadsheets
 * and a JSON array for programs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/journal_export.h"
#include "coach/score.h"

#define JX_MAX_FEEDBACK 32

/* Output gathered into blocks before it goes to the write callback. */
struct jx_out {
	journal_write_fn write;
	void *ctx;
	int failed;
	size_t n;
	char buf[1 << 16];
};

static void jx_flush(struct jx_out *o)
{
	if (o->n && !o->failed && o->write(o->buf, o->n, o->ctx) != 0)
		o->failed = 1;
	o->n = 0;
}

static void jx_put(struct jx_out *o, const char *s, size_t len)
{
	if (o->failed)
		return;
	if (o->n + len > sizeof(o->buf))
		jx_flush(o);
	if (len > sizeof(o->buf)) {
		if (!o->failed && o->write(s, len, o->ctx) != 0)
			o->failed = 1;
		return;
	}
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

static void jx_puts(struct jx_out *o, const char *s)
{
	jx_put(o, s, strlen(s));
}

static void jx_printf(struct jx_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void jx_printf(struct jx_out *o, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		jx_put(o, buf, (size_t)n < sizeof(buf) ? (size_t)n
						       : sizeof(buf) - 1);
}

int journal_format_parse(const char *s, enum journal_format *f)
{
	if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		*f = JOURNAL_MARKDOWN;
	else if (!strcmp(s, "csv"))
		*f = JOURNAL_CSV;
	else if (!strcmp(s, "json"))
		*f = JOURNAL_JSON;
	else
		return -1;
	return 0;
}

/* One CSV field: quoted when it holds a comma, quote or line break. */
static void jx_csv_field(struct jx_out *o, const char *s, int last)
{
	const char *q;

	s = s ? s : "";
	if (!strpbrk(s, ",\"\r\n")) {
		jx_puts(o, s);
	} else {
		jx_put(o, "\"", 1);
		while ((q = strchr(s, '"'))) {
			jx_put(o, s, (size_t)(q - s) + 1);
			jx_put(o, "\"", 1);
			s = q + 1;
		}
		jx_puts(o, s);
		jx_put(o, "\"", 1);
	}
	jx_puts(o, last ? "\r\n" : ",");
}

static void jx_csv_num(struct jx_out *o, double v, double scale)
{
	if (v >= 0)
		jx_printf(o, "%g,", v * scale);
	else
		jx_put(o, ",", 1);
}

/* The strings of an array member joined with sep, into a new string. */
static char *jx_join(const cJSON *arr, const char *sep)
{
	size_t len = 1, k = 0;
	const cJSON *t;
	char *s;

	cJSON_ArrayForEach(t, arr)
		if (cJSON_IsString(t))
			len += strlen(t->valuestring) + strlen(sep);
	s = malloc(len);
	if (!s)
		return NULL;
	cJSON_ArrayForEach(t, arr) {
		if (!cJSON_IsString(t))
			continue;
		k += (size_t)snprintf(s + k, len - k, "%s%s", k ? sep : "",
				      t->valuestring);
	}
	s[k] = '\0';
	return s;
}

/* The feedback on a as one text: "model: text" pieces, blank-line apart. */
static char *jx_feedback_text(const struct journal_view *v, const cJSON *a)
{
	struct journal_feedback fb[JX_MAX_FEEDBACK];
	size_t n = journal_feedback_of(v, a, fb, JX_MAX_FEEDBACK), i;
	size_t len = 1, k = 0;
	char *s;

	n = n < JX_MAX_FEEDBACK ? n : JX_MAX_FEEDBACK;
	for (i = 0; i < n; i++)
		len += strlen(fb[i].text) + (fb[i].model ?
					     strlen(fb[i].model) : 0) + 8;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, len - k, "%s%s%s%s",
				      i ? "\n\n" : "",
				      fb[i].model ? fb[i].model : "",
				      fb[i].model ? ": " : "", fb[i].text);
	return s;
}

static const char jx_csv_header[] =
	"id,time,question_id,question,category,story,tags,overall,star,"
	"growth,situation,task,action,result,reflection,words,"
	"seconds_spent,flags,answer,feedback\r\n";

static int jx_csv_row(struct jx_out *o, const struct journal_view *v,
		      const cJSON *a)
{
	char *tags = jx_join(cJSON_GetObjectItemCaseSensitive(a, "tags"), ";");
	char *flags = jx_join(cJSON_GetObjectItemCaseSensitive(a, "flags"),
			      ";");
	char *fb = jx_feedback_text(v, a), path[64];
	int p, rc = tags && flags && fb ? 0 : -1;

	jx_csv_field(o, journal_str(a, "id"), 0);
	jx_csv_field(o, journal_str(a, "time"), 0);
	jx_csv_field(o, journal_str(a, "question.id"), 0);
	jx_csv_field(o, journal_str(a, "question.text"), 0);
	jx_csv_field(o, journal_str(a, "question.category"), 0);
	jx_csv_field(o, journal_str(a, "story"), 0);
	jx_csv_field(o, tags, 0);
	jx_csv_num(o, journal_num(a, "score.overall"), 1);
	jx_csv_num(o, journal_num(a, "score.star"), 1);
	jx_csv_num(o, journal_num(a, "score.growth"), 1);
	for (p = 0; p < SCORE_NPARTS; p++) {
		snprintf(path, sizeof(path), "score.parts.%s.strength",
			 score_part_name((enum score_part_id)p));
		jx_csv_num(o, journal_num(a, path), 100);
	}
	jx_csv_num(o, journal_num(a, "words"), 1);
	jx_csv_num(o, journal_num(a, "seconds_spent"), 1);
	jx_csv_field(o, flags, 0);
	jx_csv_field(o, journal_str(a, "answer"), 0);
	jx_csv_field(o, fb, 1);
	free(tags);
	free(flags);
	free(fb);
	return rc;
}

/* The entry with all its feedback in one "feedback" array; caller
 * deletes.  NULL when out of memory. */
static cJSON *jx_with_feedback(const cJSON *a, size_t n,
			       const struct journal_feedback *fb)
{
	cJSON *copy = cJSON_Duplicate(a, 1), *arr, *item;
	size_t i;

	if (!copy)
		return NULL;
	cJSON_DeleteItemFromObjectCaseSensitive(copy, "feedback");
	arr = cJSON_AddArrayToObject(copy, "feedback");
	for (i = 0; arr && i < n; i++) {
		item = cJSON_CreateObject();
		if (!item)
			break;
		if (fb[i].model)
			cJSON_AddStringToObject(item, "model", fb[i].model);
		if (fb[i].time)
			cJSON_AddStringToObject(item, "time", fb[i].time);
		cJSON_AddStringToObject(item, "text", fb[i].text);
		cJSON_AddItemToArray(arr, item);
	}
	return copy;
}

static int jx_json_entry(struct jx_out *o, const struct journal_view *v,
			 const cJSON *a, int first)
{
	struct journal_feedback fb[JX_MAX_FEEDBACK];
	size_t n = journal_feedback_of(v, a, fb, JX_MAX_FEEDBACK);
	const cJSON *own = cJSON_GetObjectItemCaseSensitive(a, "feedback");
	size_t own_n = cJSON_IsArray(own) ? (size_t)cJSON_GetArraySize(own)
					  : own ? 1 : 0;
	cJSON *copy = NULL;
	char *s;

	/* Feedback saved as entries of its own joins the attempt's. */
	n = n < JX_MAX_FEEDBACK ? n : JX_MAX_FEEDBACK;
	if (n > own_n) {
		copy = jx_with_feedback(a, n, fb);
		if (!copy)
			return -1;
	}
	s = cJSON_PrintUnformatted(copy ? copy : a);
	cJSON_Delete(copy);
	if (!s)
		return -1;
	jx_puts(o, first ? "[\n" : ",\n");
	jx_puts(o, s);
	free(s);
	return 0;
}

/* Writes s on one line: line breaks become spaces. */
static void jx_md_line(struct jx_out *o, const char *s)
{
	for (; *s; s++)
		jx_put(o, *s == '\n' || *s == '\r' ? " " : s, 1);
}

/* Writes text as a Markdown block quote, line by line. */
static void jx_md_quote(struct jx_out *o, const char *text)
{
	const char *nl;

	while (*text) {
		nl = strchr(text, '\n');
		if (!nl)
			nl = text + strlen(text);
		jx_put(o, nl > text ? "> " : ">", nl > text ? 2 : 1);
		jx_put(o, text, (size_t)(nl - text));
		jx_put(o, "\n", 1);
		text = *nl ? nl + 1 : nl;
	}
}

static void jx_md_meta(struct jx_out *o, const cJSON *a)
{
	const char *story = journal_str(a, "story");
	double words = journal_num(a, "words");
	double secs = journal_num(a, "seconds_spent");
	const char *sep = "";
	const cJSON *t;
	int tags = 0;

	if (story) {
		jx_puts(o, "Story: ");
		jx_md_line(o, story);
		sep = " · ";
	}
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(a, "tags")) {
		if (!cJSON_IsString(t))
			continue;
		jx_puts(o, tags++ ? ", " : sep);
		if (tags == 1)
			jx_puts(o, "Tags: ");
		jx_md_line(o, t->valuestring);
		sep = " · ";
	}
	if (words >= 0) {
		jx_printf(o, "%s%.0f words", sep, words);
		sep = " · ";
	}
	if (secs >= 0) {
		jx_printf(o, "%s%.0f s", sep, secs);
		sep = " · ";
	}
	jx_printf(o, "%s`%s`\n\n", sep, journal_str(a, "id"));
}

static void jx_md_score(struct jx_out *o, const cJSON *a)
{
	char path[64];
	double v;
	int p;

	if (journal_num(a, "score.overall") < 0)
		return;
	jx_puts(o, "| STAR | growth");
	for (p = 0; p < SCORE_NPARTS; p++)
		jx_printf(o, " | %s", score_part_name((enum score_part_id)p));
	jx_puts(o, " |\n|---:|---:");
	for (p = 0; p < SCORE_NPARTS; p++)
		jx_puts(o, "|---:");
	jx_printf(o, "|\n| %.0f | %.0f", journal_num(a, "score.star"),
		  journal_num(a, "score.growth"));
	for (p = 0; p < SCORE_NPARTS; p++) {
		snprintf(path, sizeof(path), "score.parts.%s.strength",
			 score_part_name((enum score_part_id)p));
		v = journal_num(a, path);
		if (v >= 0)
			jx_printf(o, " | %.0f", 100 * v);
		else
			jx_puts(o, " | -");
	}
	jx_puts(o, " |\n\n");
}

static int jx_md_attempt(struct jx_out *o, const struct journal_view *v,
			 const cJSON *a)
{
	char date[11], *flags, *fb;
	double overall = journal_num(a, "score.overall");

	journal_date(a, date);
	jx_printf(o, "### %s", date[0] ? date : "undated");
	if (overall >= 0)
		jx_printf(o, " · %.0f/100", overall);
	jx_puts(o, "\n\n");
	jx_md_meta(o, a);
	jx_md_score(o, a);
	flags = jx_join(cJSON_GetObjectItemCaseSensitive(a, "flags"), ", ");
	if (flags && flags[0])
		jx_printf(o, "Flags: %s\n\n", flags);
	jx_md_quote(o, journal_str(a, "answer") ? journal_str(a, "answer")
						: "");
	jx_puts(o, "\n");
	fb = jx_feedback_text(v, a);
	if (fb && fb[0]) {
		jx_puts(o, "**Feedback**\n\n");
		jx_md_quote(o, fb);
		jx_puts(o, "\n");
	}
	free(flags);
	free(fb);
	return flags && fb ? 0 : -1;
}

/* What groups attempts in Markdown: the question id, else its text. */
static const char *jx_md_key(const cJSON *a)
{
	const char *k = journal_str(a, "question.id");

	if (!k || !k[0])
		k = journal_str(a, "question.text");
	return k ? k : "";
}

static void jx_md_heading(struct jx_out *o, const cJSON *a)
{
	const char *text = journal_str(a, "question.text");
	const char *id = journal_str(a, "question.id");
	const char *cat = journal_str(a, "question.category");

	jx_puts(o, "## ");
	jx_md_line(o, text ? text : id ? id : "Answers without a question");
	jx_puts(o, "\n\n");
	if (id && text)
		jx_printf(o, "`%s`", id);
	if (cat)
		jx_printf(o, "%s%s", id && text ? " · " : "", cat);
	if ((id && text) || cat)
		jx_puts(o, "\n\n");
}

/* The group of each attempt, groups numbered by first appearance. */
static size_t jx_md_groups(const cJSON **a, size_t n, size_t *group,
			   size_t *first)
{
	size_t i, g, ngroups = 0, guess = 0;

	for (i = 0; i < n; i++) {
		const char *k = jx_md_key(a[i]);

		if (guess < ngroups && !strcmp(jx_md_key(a[first[guess]]), k))
			g = guess;
		else
			for (g = 0; g < ngroups; g++)
				if (!strcmp(jx_md_key(a[first[g]]), k))
					break;
		if (g == ngroups)
			first[ngroups++] = i;
		group[i] = guess = g;
	}
	return ngroups;
}

static int jx_markdown(struct jx_out *o, const struct journal_view *v,
		       const cJSON **a, size_t n)
{
	size_t *group = malloc((n + 1) * sizeof(*group));
	size_t *first = malloc((n + 1) * sizeof(*first));
	size_t ngroups, g, i;
	int rc = group && first ? 0 : -1;

	jx_puts(o, "# Interview practice journal\n\n");
	ngroups = rc == 0 ? jx_md_groups(a, n, group, first) : 0;
	jx_printf(o, "%zu attempt%s at %zu question%s.\n\n", n,
		  n == 1 ? "" : "s", ngroups, ngroups == 1 ? "" : "s");
	for (g = 0; g < ngroups && rc == 0; g++) {
		jx_md_heading(o, a[first[g]]);
		for (i = first[g]; i < n && rc == 0; i++)
			if (group[i] == g)
				rc = jx_md_attempt(o, v, a[i]);
	}
	free(group);
	free(first);
	return rc;
}

int journal_export(const struct journal_view *v, const cJSON **attempts,
		   size_t n, enum journal_format f, journal_write_fn write,
		   void *ctx)
{
	struct jx_out *o = malloc(sizeof(*o));
	size_t i;
	int rc = 0;

	if (!o)
		return -1;
	o->write = write;
	o->ctx = ctx;
	o->failed = 0;
	o->n = 0;
	if (f == JOURNAL_CSV)
		jx_puts(o, jx_csv_header);
	for (i = 0; f == JOURNAL_CSV && i < n && rc == 0 && !o->failed; i++)
		rc = jx_csv_row(o, v, attempts[i]);
	for (i = 0; f == JOURNAL_JSON && i < n && rc == 0 && !o->failed; i++)
		rc = jx_json_entry(o, v, attempts[i], i == 0);
	if (f == JOURNAL_JSON)
		jx_puts(o, n ? "\n]\n" : "[]\n");
	if (f == JOURNAL_MARKDOWN)
		rc = jx_markdown(o, v, attempts, n);
	jx_flush(o);
	rc = rc != 0 || o->failed ? -1 : 0;
	free(o);
	return rc;
}
