/*
 * "coach journal stats", "stories" and "export": how practice is going,
 * which stories cover what, and the journal written out for elsewhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coach/catalog.h"
#include "coach/cli_journal.h"
#include "coach/journal_export.h"
#include "coach/journal_stats.h"
#include "coach/msg.h"

#define CJ_SPARK_WEEKS 52
#define CJ_WEAKEST 5
#define CJ_MAX_NAMES 64

static void cj_stats_weeks(const struct journal_stats *s, int utf8)
{
	size_t from = s->nweeks > CJ_SPARK_WEEKS ? s->nweeks - CJ_SPARK_WEEKS
						 : 0, i, most = 0;
	double counts[CJ_SPARK_WEEKS], avgs[CJ_SPARK_WEEKS];
	char line[3 * CJ_SPARK_WEEKS + 1];

	for (i = from; i < s->nweeks; i++) {
		const struct journal_week *w = &s->weeks[i];

		counts[i - from] = w->n ? (double)w->n : -1;
		avgs[i - from] = w->scored ? w->sum / (double)w->scored : -1;
		most = w->n > most ? w->n : most;
	}
	journal_spark(counts, s->nweeks - from, 0, (double)most, utf8, line);
	printf("per week  %s  (from %s, most %zu)\n", line,
	       s->weeks[from].monday, most);
	journal_spark(avgs, s->nweeks - from, 0, 100, utf8, line);
	printf("average   %s  (weekly overall score, 0 to 100)\n", line);
}

static void cj_stats_head(const struct journal_stats *s, int utf8)
{
	printf("attempts  %zu", s->attempts);
	if (s->nweeks)
		printf(" in %zu week%s, from %s", s->nweeks,
		       s->nweeks == 1 ? "" : "s", s->weeks[0].monday);
	if (s->scored)
		printf("; overall average %.0f, best %.0f",
		       s->sum / (double)s->scored, s->best);
	printf("\n");
	if (s->nweeks)
		cj_stats_weeks(s, utf8);
}

static void cj_bar(double score, int utf8)
{
	int n = (int)(score / 5 + 0.5), i;

	for (i = 0; i < n && i < 20; i++)
		fputs(utf8 ? "█" : "#", stdout);
}

static void cj_stats_categories(const struct journal_stats *s, int utf8)
{
	size_t i;

	if (!s->ncategories)
		return;
	printf("\n%-22s %8s %8s %5s\n", "category", "attempts", "average",
	       "best");
	for (i = 0; i < s->ncategories; i++) {
		const struct journal_group *g = &s->categories[i];
		double avg = g->sum / (double)g->n;

		printf("%-22.22s %8zu %8.0f %5.0f  ", g->name, g->n, avg,
		       g->best);
		cj_bar(avg, utf8);
		printf("\n");
	}
}

static void cj_stats_parts(const struct journal_stats *s)
{
	int p;

	if (!s->parts[0].n)
		return;
	printf("\n%-22s %8s %8s %9s\n", "STAR part", "strength", "best",
	       "found in");
	for (p = 0; p < SCORE_NPARTS; p++) {
		const struct journal_group *g = &s->parts[p];

		if (!g->n)
			continue;
		printf("%-22s %8.0f %8.0f %8.0f%%\n", g->name,
		       g->sum / (double)g->n, g->best,
		       100.0 * (double)g->present / (double)g->n);
	}
}

/* Whether criterion id "rubric/criterion" is a penalty, where 0 is best:
 * a negative weight in cat (may be NULL), or one of the growth-mindset
 * penalties older journal entries still record. */
static int cj_penalty(const struct catalog *cat, const char *id)
{
	const char *slash = strchr(id, '/');
	const char *crit = slash ? slash + 1 : id;
	size_t i, k, len = slash ? (size_t)(slash - id) : 0;

	if (!strcmp(crit, "blame") || !strcmp(crit, "fixed-mindset"))
		return 1;
	for (i = 0; cat && slash && i < cat->rubrics.n; i++) {
		const struct rubric *r = &cat->rubrics.items[i];

		if (strlen(r->id) != len || strncmp(r->id, id, len))
			continue;
		for (k = 0; k < r->ncriteria; k++)
			if (!strcmp(r->criteria[k].id, crit))
				return r->criteria[k].weight < 0;
	}
	return 0;
}

static void cj_stats_criteria(const struct journal_stats *s,
			      const struct catalog *cat)
{
	size_t i, shown = 0;

	for (i = 0; i < s->ncriteria && shown < CJ_WEAKEST; i++) {
		const struct journal_group *g = &s->criteria[i];

		if (cj_penalty(cat, g->name))
			continue;
		if (shown++ == 0)
			printf("\n%-48s %8s %9s\n", "weakest criteria",
			       "average", "attempts");
		printf("%-48.48s %8.2f %9zu\n", g->name,
		       g->sum / (double)g->n, g->n);
	}
}

static void cj_stats_words(const struct journal_stats *s)
{
	size_t i;

	if (!s->words)
		return;
	printf("\n%-22s %14s %11s\n", "words you lean on", "per 1000 words",
	       "in answers");
	for (i = 0; i < s->nleans; i++)
		printf("%-22s %14.1f %10.0f%%\n", s->leans[i].word,
		       s->leans[i].per_1000, 100.0 * (double)
		       s->leans[i].answers / (double)s->attempts);
	if (!s->nleans)
		printf("none stands out\n");
	printf("\n%-22s %14s  (%.0f each is usual)\n", "fillers and hedges",
	       "per 1000 words", JOURNAL_FILLER_ALLOWANCE);
	for (i = 0; i < s->nfillers; i++)
		printf("%-22s %14.1f\n", s->fillers[i].word,
		       s->fillers[i].per_1000);
	if (!s->nfillers)
		printf("none over the usual rate\n");
}

int cj_stats(int argc, char **argv, struct config *c)
{
	struct journal_stats s;
	struct journal_view v;
	struct catalog cat;
	struct cj_args a;
	struct err e = { 0 };
	int rc, utf8 = cj_utf8(), have_cat;

	rc = cj_parse(argc, argv, CJ_FILTERS, 0, 0, &a);
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;

	if (journal_stats_compute(&v, &a.filter, &s) != 0) {
		msg_error("cannot work out the statistics: out of memory");
		rc = ERR_INPUT;
	} else if (s.attempts == 0) {
		msg_note("no attempts to count yet");
	} else {
		cj_stats_head(&s, utf8);
		cj_stats_categories(&s, utf8);
		cj_stats_parts(&s);
		have_cat = catalog_load(&cat, c, &e) == 0;
		cj_stats_criteria(&s, have_cat ? &cat : NULL);
		if (have_cat)
			catalog_release(&cat);
		cj_stats_words(&s);
	}
	journal_stats_release(&s);
	journal_view_release(&v);
	return rc;
}

/* A story: its name as first written and the attempts that tell it. */
struct cj_story {
	const char *name;
	const cJSON **tellings;
	size_t n;
	const char *cats[CJ_MAX_NAMES], *comps[CJ_MAX_NAMES];
	size_t ncats, ncomps;
};

static void cj_add_name(const char **names, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return;
	if (*n < CJ_MAX_NAMES)
		names[(*n)++] = name;
}

/* Prints "  LABEL   a, b, c" wrapped to 80 columns. */
static void cj_wrap(const char *label, const char *const *names,
		    size_t n)
{
	size_t i, col = 16;

	printf("  %-13s ", label);
	for (i = 0; i < n; i++) {
		if (i && col + strlen(names[i]) + 2 > 80) {
			printf(",\n%16s", "");
			col = 16;
		} else if (i) {
			printf(", ");
			col += 2;
		}
		printf("%s", names[i]);
		col += strlen(names[i]);
	}
	printf("%s\n", n ? "" : "-");
}

static int cj_story_add(struct cj_story *st, const cJSON *e,
			const struct catalog *cat)
{
	const char *qid = journal_str(e, "question.id");
	const char *category = journal_str(e, "question.category");
	const struct question *q = cat && qid ?
		questions_find(&cat->questions, qid) : NULL;
	const cJSON **p = realloc(st->tellings, (st->n + 1) * sizeof(*p));
	size_t i;

	if (!p)
		return -1;
	st->tellings = p;
	st->tellings[st->n++] = e;
	if (!category && q)
		category = q->category;
	if (category)
		cj_add_name(st->cats, &st->ncats, category);
	for (i = 0; q && i < q->ncompetencies; i++)
		cj_add_name(st->comps, &st->ncomps, q->competencies[i]);
	return 0;
}

/* Groups the attempts by story name (any case); returns how many. */
static size_t cj_stories_group(const struct journal_view *v,
			       const struct catalog *cat,
			       struct cj_story *st, size_t max, int *nomem)
{
	size_t i, k, n = 0;
	const char *name;

	for (i = 0; i < v->nattempts; i++) {
		name = journal_str(v->attempts[i], "story");
		if (!name)
			continue;
		for (k = 0; k < n; k++)
			if (strcasecmp(st[k].name, name) == 0)
				break;
		if (k == n && n == max)
			continue;
		if (k == n)
			st[n++].name = name;
		if (cj_story_add(&st[k], v->attempts[i], cat) != 0)
			*nomem = 1;
	}
	return n;
}

static void cj_story_numbers(const struct cj_story *st)
{
	char da[11], db[11];
	size_t i, changed = 0;

	for (i = 1; i < st->n; i++) {
		journal_date(st->tellings[i - 1], da);
		journal_date(st->tellings[i], db);
		printf("  numbers      %s to %s:\n", da, db);
		changed += 1;
		if (!cj_print_changes(st->tellings[i - 1], st->tellings[i],
				      "                "))
			printf("%16snone changed\n", "");
	}
	if (!changed)
		printf("  numbers      told once\n");
}

/* Prints the bank's categories that no story covers. */
static void cj_stories_gaps(const struct cj_story *st, size_t n,
			    const struct catalog *cat)
{
	const char *gaps[CJ_MAX_NAMES], *all[CJ_MAX_NAMES];
	size_t ngaps = 0, nall = 0, i, k, j;
	int covered;

	for (i = 0; i < cat->questions.n; i++)
		cj_add_name(all, &nall, cat->questions.items[i].category);
	for (i = 0; i < nall; i++) {
		covered = 0;
		for (k = 0; k < n && !covered; k++)
			for (j = 0; j < st[k].ncats; j++)
				covered |= !strcmp(st[k].cats[j], all[i]);
		if (!covered)
			gaps[ngaps++] = all[i];
	}
	printf("\n");
	if (ngaps)
		cj_wrap("no story yet", gaps, ngaps);
	else
		printf("every category of the question bank has a story\n");
}

static void cj_stories_print(const struct cj_story *st, size_t n,
			     const struct catalog *cat, int numbers)
{
	char first[11], last[11];
	size_t i;

	for (i = 0; i < n; i++) {
		journal_date(st[i].tellings[0], first);
		journal_date(st[i].tellings[st[i].n - 1], last);
		printf("%s%s  %zu telling%s, %s to %s\n", i ? "\n" : "",
		       st[i].name, st[i].n, st[i].n == 1 ? "" : "s", first,
		       last);
		cj_wrap("categories", st[i].cats, st[i].ncats);
		cj_wrap("competencies", st[i].comps, st[i].ncomps);
		if (numbers)
			cj_story_numbers(&st[i]);
	}
	if (cat)
		cj_stories_gaps(st, n, cat);
}

int cj_stories(int argc, char **argv, struct config *c)
{
	static struct cj_story st[256];
	struct journal_view v;
	struct catalog cat;
	struct cj_args a;
	struct err e = { 0 };
	size_t n, i;
	int rc, nomem = 0, have_cat;

	rc = cj_parse(argc, argv, CJ_NUMBERS, 0, 0, &a);
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;
	have_cat = catalog_load(&cat, c, &e) == 0;
	if (!have_cat)
		msg_warn("%s (competencies are left out)", e.text);

	memset(st, 0, sizeof(st));
	n = cj_stories_group(&v, have_cat ? &cat : NULL, st, 256, &nomem);
	if (n == 0)
		msg_note("no attempt names a story yet: save one with "
			 "'coach score --save --story NAME'");
	cj_stories_print(st, n, have_cat ? &cat : NULL, a.numbers);
	for (i = 0; i < n; i++)
		free(st[i].tellings);
	if (have_cat)
		catalog_release(&cat);
	journal_view_release(&v);
	if (nomem)
		msg_error("out of memory: some tellings are left out");
	return nomem ? ERR_INPUT : 0;
}

static int cj_fwrite(const char *s, size_t len, void *ctx)
{
	return fwrite(s, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int cj_export(int argc, char **argv, struct config *c)
{
	enum journal_format f = JOURNAL_MARKDOWN;
	struct journal_view v;
	struct cj_args a;
	const cJSON **sel;
	size_t n;
	int rc;

	rc = cj_parse(argc, argv, CJ_FILTERS | CJ_FORMAT, 0, 0, &a);
	if (rc == 0 && a.format && journal_format_parse(a.format, &f) != 0) {
		msg_error("journal export: formats are md, csv and json, not "
			  "'%s'", a.format);
		cj_hint();
		rc = ERR_USAGE;
	}
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;

	sel = cj_select(&v, &a.filter, &n);
	errno = 0;
	if (sel && (journal_export(&v, sel, n, f, cj_fwrite, stdout) != 0 ||
		    fflush(stdout) != 0)) {
		msg_error("cannot write the export: %s",
			  errno ? strerror(errno) : "out of memory");
		rc = ERR_INPUT;
	}
	free(sel);
	journal_view_release(&v);
	return sel ? rc : ERR_INPUT;
}
