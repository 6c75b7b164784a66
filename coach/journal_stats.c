/*
 * Practice statistics over the journal's attempts: weeks, categories,
 * STAR parts, criteria, and the words an answerer leans on.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/journal_stats.h"
#include "coach/journal_words.h"

static int jst_grow(struct journal_group **list, size_t *cap, size_t n)
{
	struct journal_group *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	q = realloc(*list, c * sizeof(*q));
	if (!q)
		return -1;
	*list = q;
	*cap = c;
	return 0;
}

/* The group called name in list, added when new; NULL when out of
 * memory.  *guess is where the last lookup landed: entries list their
 * criteria in the same order, so it is usually right. */
static struct journal_group *jst_group(struct journal_group **list,
				       size_t *n, size_t *cap,
				       const char *name, size_t *guess)
{
	size_t i;

	if (*guess < *n && strcmp((*list)[*guess].name, name) == 0)
		return &(*list)[(*guess)++];
	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i].name, name) == 0) {
			*guess = i + 1;
			return &(*list)[i];
		}
	if (jst_grow(list, cap, *n) != 0)
		return NULL;
	memset(&(*list)[*n], 0, sizeof(**list));
	(*list)[*n].name = name;
	*guess = *n + 1;
	return &(*list)[(*n)++];
}

static void jst_add(struct journal_group *g, double score)
{
	if (g->n == 0 || score > g->best)
		g->best = score;
	g->n++;
	g->sum += score;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian). */
static long jst_days(const char *date)
{
	long y = atol(date), m = atol(date + 5), d = atol(date + 8);
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void jst_civil(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	y = y < 0 ? 0 : y;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000),
		 (unsigned)(m % 100), (unsigned)(d % 100));
}

/* The week of a date, counted in Mondays since 1969-12-29. */
static long jst_week(const char *date)
{
	long days = jst_days(date) + 3;

	return days >= 0 ? days / 7 : -((-days + 6) / 7);
}

/* Fills s->weeks from the first dated attempt's week to the last's. */
static int jst_weeks(struct journal_stats *s, const cJSON **a, size_t n)
{
	long first = 0, last = 0, w;
	char date[11];
	size_t i, seen = 0;

	for (i = 0; i < n; i++) {
		journal_date(a[i], date);
		if (!date[0])
			continue;
		w = jst_week(date);
		first = seen++ == 0 || w < first ? w : first;
		last = w > last || seen == 1 ? w : last;
	}
	if (!seen)
		return 0;
	if (last - first >= JOURNAL_STATS_MAX_WEEKS)
		first = last - JOURNAL_STATS_MAX_WEEKS + 1;
	s->nweeks = (size_t)(last - first + 1);
	s->weeks = calloc(s->nweeks, sizeof(*s->weeks));
	if (!s->weeks)
		return -1;
	for (i = 0; i < s->nweeks; i++)
		jst_civil((first + (long)i) * 7 - 3, s->weeks[i].monday);
	for (i = 0; i < n; i++) {
		double o = journal_num(a[i], "score.overall");

		journal_date(a[i], date);
		if (!date[0] || (w = jst_week(date)) < first)
			continue;
		s->weeks[w - first].n++;
		if (o >= 0) {
			s->weeks[w - first].scored++;
			s->weeks[w - first].sum += o;
		}
	}
	return 0;
}

/* Scores of one attempt's STAR parts and criteria. */
static int jst_scores(struct journal_stats *s, const cJSON *e,
		      size_t *crit_cap, size_t *guess)
{
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(e, "score"), "parts");
	const cJSON *crit = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(e, "score"), "criteria");
	const cJSON *c;
	struct journal_group *g;
	int p;

	for (p = 0; p < SCORE_NPARTS; p++) {
		c = cJSON_GetObjectItemCaseSensitive(parts,
						     score_part_name(p));
		if (!cJSON_IsObject(c))
			continue;
		s->parts[p].present += cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(c, "present"));
		jst_add(&s->parts[p], 100 * journal_num(c, "strength"));
	}
	cJSON_ArrayForEach(c, crit) {
		if (!cJSON_IsNumber(c) || !c->string)
			continue;
		g = jst_group(&s->criteria, &s->ncriteria, crit_cap,
			      c->string, guess);
		if (!g)
			return -1;
		jst_add(g, c->valuedouble);
	}
	return 0;
}

/* Overall and per-category scores of one attempt. */
static int jst_overall(struct journal_stats *s, const cJSON *e,
		       size_t *cat_cap, size_t *guess)
{
	const char *cat = journal_str(e, "question.category");
	double o = journal_num(e, "score.overall");
	struct journal_group *g;

	if (o < 0)
		return 0;
	if (s->scored++ == 0 || o > s->best)
		s->best = o;
	s->sum += o;
	if (!cat)
		return 0;
	g = jst_group(&s->categories, &s->ncategories, cat_cap, cat, guess);
	if (!g)
		return -1;
	jst_add(g, o);
	return 0;
}

static int jst_name_cmp(const void *pa, const void *pb)
{
	const struct journal_group *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

static int jst_weak_cmp(const void *pa, const void *pb)
{
	const struct journal_group *a = pa, *b = pb;
	double x = a->sum / (double)a->n, y = b->sum / (double)b->n;

	if (x != y)
		return x < y ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The attempts f lets through, oldest first; caller frees. */
static const cJSON **jst_select(const struct journal_view *v,
				const struct journal_filter *f, size_t *n)
{
	const cJSON **a = malloc((v->nattempts + 1) * sizeof(*a));
	size_t i;

	*n = 0;
	if (!a)
		return NULL;
	for (i = 0; i < v->nattempts; i++)
		if (!f || journal_filter_match(f, v->attempts[i]))
			a[(*n)++] = v->attempts[i];
	return a;
}

int journal_stats_compute(const struct journal_view *v,
			  const struct journal_filter *f,
			  struct journal_stats *s)
{
	size_t n, i, cat_cap = 0, crit_cap = 0, cg = 0, kg = 0;
	const cJSON **a;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < SCORE_NPARTS; i++)
		s->parts[i].name = score_part_name((enum score_part_id)i);
	a = jst_select(v, f, &n);
	if (!a)
		return -1;
	s->attempts = n;
	for (i = 0; i < n && rc == 0; i++) {
		rc = jst_overall(s, a[i], &cat_cap, &cg);
		if (rc == 0)
			rc = jst_scores(s, a[i], &crit_cap, &kg);
	}
	if (rc == 0)
		rc = jst_weeks(s, a, n);
	if (rc == 0)
		rc = journal_words_lean(a, n, s);
	free(a);
	if (s->ncategories)
		qsort(s->categories, s->ncategories, sizeof(*s->categories),
		      jst_name_cmp);
	if (s->ncriteria)
		qsort(s->criteria, s->ncriteria, sizeof(*s->criteria),
		      jst_weak_cmp);
	return rc;
}

void journal_stats_release(struct journal_stats *s)
{
	free(s->weeks);
	free(s->categories);
	free(s->criteria);
	memset(s, 0, sizeof(*s));
}

void journal_spark(const double *vals, size_t n, double lo, double hi,
		   int utf8, char *out)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆",
					    "▇", "█" };
	static const char ascii[] = "_.-:=+*#";
	size_t i, k = 0;
	int level;

	for (i = 0; i < n; i++) {
		if (vals[i] < 0) {
			out[k++] = ' ';
			continue;
		}
		level = hi > lo ? (int)lround((vals[i] - lo) / (hi - lo) * 7)
				: 7;
		level = level < 0 ? 0 : level > 7 ? 7 : level;
		if (utf8) {
			memcpy(out + k, bars[level], 3);
			k += 3;
		} else {
			out[k++] = ascii[level];
		}
	}
	out[k] = '\0';
}
