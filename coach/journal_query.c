/*
 * The journal's entries sorted out for reading: attempts and the feedback
 * on them, field access by path, dates and filters.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coach/journal_query.h"

static const cJSON *jq_get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* The member at a dotted path, e.g. "score.parts.action". */
static const cJSON *jq_path(const cJSON *entry, const char *path)
{
	char key[64];
	const char *dot;
	size_t n;

	while (entry && (dot = strchr(path, '.'))) {
		n = (size_t)(dot - path);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		entry = jq_get(entry, key);
		path = dot + 1;
	}
	return entry ? jq_get(entry, path) : NULL;
}

const char *journal_str(const cJSON *entry, const char *path)
{
	const cJSON *v = jq_path(entry, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double journal_num(const cJSON *entry, const char *path)
{
	const cJSON *v = jq_path(entry, path);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int jq_is_attempt(const cJSON *entry)
{
	const char *type = journal_str(entry, "type");

	return !type || strcmp(type, "attempt") == 0;
}

static int jq_is_feedback(const cJSON *entry)
{
	const char *type = journal_str(entry, "type");

	return type && strcmp(type, "feedback") == 0 &&
	       journal_str(entry, "attempt");
}

/* Feedback by the attempt it is on, then by its own id (its time). */
static int jq_feedback_cmp(const void *pa, const void *pb)
{
	const cJSON *a = *(const cJSON *const *)pa;
	const cJSON *b = *(const cJSON *const *)pb;
	int c = strcmp(journal_str(a, "attempt"), journal_str(b, "attempt"));

	if (c != 0)
		return c;
	return strcmp(journal_str(a, "id"), journal_str(b, "id"));
}

int journal_view_init(struct journal_view *v, struct journal_list *l)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->list = *l;
	memset(l, 0, sizeof(*l));
	v->attempts = malloc((v->list.len + 1) * sizeof(*v->attempts));
	v->feedback = malloc((v->list.len + 1) * sizeof(*v->feedback));
	if (!v->attempts || !v->feedback) {
		journal_view_release(v);
		return -1;
	}
	for (i = 0; i < v->list.len; i++) {
		const cJSON *e = v->list.items[i];

		if (jq_is_feedback(e))
			v->feedback[v->nfeedback++] = e;
		else if (jq_is_attempt(e))
			v->attempts[v->nattempts++] = e;
	}
	if (v->nfeedback > 1)
		qsort(v->feedback, v->nfeedback, sizeof(*v->feedback),
		      jq_feedback_cmp);
	return 0;
}

void journal_view_release(struct journal_view *v)
{
	journal_list_release(&v->list);
	free(v->attempts);
	free(v->feedback);
	memset(v, 0, sizeof(*v));
}

static int jq_digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

void journal_date(const cJSON *entry, char buf[11])
{
	const char *t = journal_str(entry, "time");
	const char *id = journal_str(entry, "id");

	buf[0] = '\0';
	if (t && strlen(t) >= 10 && t[4] == '-' && t[7] == '-' &&
	    jq_digits(t, 4)) {
		memcpy(buf, t, 10);
		buf[10] = '\0';
	} else if (id && strlen(id) >= 9 && id[8] == 'T' &&
		   jq_digits(id, 8)) {
		memcpy(buf, id, 4);
		buf[4] = '-';
		memcpy(buf + 5, id + 4, 2);
		buf[7] = '-';
		memcpy(buf + 8, id + 6, 2);
		buf[10] = '\0';
	}
}

int journal_date_valid(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !jq_digits(s, 4) || !jq_digits(s + 5, 2) || !jq_digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 &&
		 (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

int journal_has_tag(const cJSON *entry, const char *tag)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, jq_get(entry, "tags"))
		if (cJSON_IsString(t) && strcasecmp(t->valuestring, tag) == 0)
			return 1;
	return 0;
}

/* Adds one embedded feedback item (a string or {"text","model"}). */
static size_t jq_feedback_item(const cJSON *f, struct journal_feedback *out,
			       size_t n, size_t max)
{
	struct journal_feedback fb = { NULL, NULL, NULL };

	if (cJSON_IsString(f)) {
		fb.text = f->valuestring;
	} else {
		fb.text = journal_str(f, "text");
		fb.model = journal_str(f, "model");
		fb.time = journal_str(f, "time");
	}
	if (!fb.text)
		return n;
	if (n < max)
		out[n] = fb;
	return n + 1;
}

/* The index of the first feedback entry on id. */
static size_t jq_feedback_first(const struct journal_view *v, const char *id)
{
	size_t lo = 0, hi = v->nfeedback;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(journal_str(v->feedback[mid], "attempt"), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t journal_feedback_of(const struct journal_view *v,
			   const cJSON *attempt,
			   struct journal_feedback *out, size_t max)
{
	const cJSON *own = jq_get(attempt, "feedback"), *f;
	const char *id = journal_str(attempt, "id");
	size_t n = 0, i;

	if (cJSON_IsArray(own))
		cJSON_ArrayForEach(f, own)
			n = jq_feedback_item(f, out, n, max);
	else if (own)
		n = jq_feedback_item(own, out, n, max);
	if (!id)
		return n;
	for (i = jq_feedback_first(v, id); i < v->nfeedback; i++) {
		f = v->feedback[i];
		if (strcmp(journal_str(f, "attempt"), id) != 0)
			break;
		n = jq_feedback_item(f, out, n, max);
	}
	return n;
}

static int jq_same(const char *want, const char *have)
{
	return !want || (have && strcasecmp(want, have) == 0);
}

static int jq_dates_match(const struct journal_filter *f, const cJSON *e)
{
	char date[11];

	if (!f->since && !f->until)
		return 1;
	journal_date(e, date);
	if (!date[0])
		return 0;
	if (f->since && strcmp(date, f->since) < 0)
		return 0;
	return !f->until || strcmp(date, f->until) <= 0;
}

static int jq_score_match(const struct journal_filter *f, const cJSON *e)
{
	double s;

	if (!f->has_min && !f->has_max)
		return 1;
	s = journal_num(e, "score.overall");
	if (s < 0)
		return 0;
	if (f->has_min && s < f->min_score)
		return 0;
	return !f->has_max || s <= f->max_score;
}

int journal_filter_match(const struct journal_filter *f,
			 const cJSON *entry)
{
	const char *qid = journal_str(entry, "question.id");

	if (f->question && (!qid || strcmp(f->question, qid) != 0))
		return 0;
	if (!jq_same(f->category, journal_str(entry, "question.category")))
		return 0;
	if (!jq_same(f->story, journal_str(entry, "story")))
		return 0;
	if (f->tag && !journal_has_tag(entry, f->tag))
		return 0;
	return jq_dates_match(f, entry) && jq_score_match(f, entry);
}
