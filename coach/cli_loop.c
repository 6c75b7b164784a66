/*
 * "coach loop PLAN": a mock interview run from a plan, round by round,
 * each answer scored, shown and journaled, then a summary per round and
 * per competency.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "coach/answer_input.h"
#include "coach/attempt.h"
#include "coach/catalog.h"
#include "coach/cli.h"
#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/msg.h"
#include "coach/show.h"
#include "coach/report.h"

static const char usage_text[] =
	"usage: coach loop [--seed N] PLAN\n"
	"       coach loop --list\n"
	"\nRuns the interview plan PLAN (a plan id or a plan file) as one\n"
	"mock session: each round's questions in turn, each answer scored\n"
	"and journaled, then a summary.  Finish an answer with an empty\n"
	"line twice or a line with only '.'; /skip moves on, /quit ends.\n";

/* What a summary adds up: a sum, how many, and time. */
struct tally {
	const char *id;		/* rubric id, owned by the catalog */
	double sum;
	size_t n;
};

struct round_stat {
	double overall, seconds;
	size_t answered;
};

struct loop {
	struct config *c;
	struct catalog *cat;
	const struct plan *plan;
	struct answer_input in;
	uint64_t rng;
	const struct question **asked;
	size_t nasked;
	struct round_stat *rounds;
	struct tally *comp;
	size_t ncomp;
	int quit;
};

static unsigned long loop_rand(void *ctx)
{
	uint64_t *s = ctx;

	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (unsigned long)(*s >> 1);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* "m:ss" for a number of seconds. */
static const char *clock_text(double s, char *buf, size_t size)
{
	long t = s < 0 ? 0 : (long)(s + 0.5);

	snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
	return buf;
}

static void loop_list(const struct catalog *cat)
{
	for (size_t i = 0; i < cat->plans.n; i++) {
		const struct plan *p = &cat->plans.items[i];

		printf("%-24s %2zu rounds  %s\n", p->id, p->nrounds,
		       p->title ? p->title : "");
	}
}

/* Adds score to the tally of rubric id, making one when needed. */
static int tally_add(struct loop *l, const char *id, double score)
{
	struct tally *t;

	for (size_t i = 0; i < l->ncomp; i++)
		if (strcmp(l->comp[i].id, id) == 0) {
			l->comp[i].sum += score;
			l->comp[i].n++;
			return 0;
		}
	t = realloc(l->comp, (l->ncomp + 1) * sizeof(*t));
	if (!t)
		return -1;
	l->comp = t;
	l->comp[l->ncomp++] = (struct tally){ id, score, 1 };
	return 0;
}

static void tally_report(struct loop *l, const struct score_report *r)
{
	for (size_t i = 0; i < r->ncriteria; i++) {
		const struct score_criterion *sc = &r->criteria[i];

		if (sc->weight <= 0 || !sc->rubric)
			continue;
		if (tally_add(l, sc->rubric, sc->score) != 0)
			msg_warn("out of memory; the summary is incomplete");
	}
}

static void loop_journal(struct loop *l, const struct attempt *a,
			 double seconds)
{
	cJSON *entry = attempt_entry(a, seconds);
	struct err e;

	err_clear(&e);
	if (!entry)
		err_set(&e, ERR_INPUT, "cannot journal the attempt: "
			"out of memory");
	else if (journal_append(l->c->journal_path, entry, &e) == 0) {
		cJSON_Delete(entry);
		return;
	}
	cJSON_Delete(entry);
	msg_err(&e);
	printf("Your answer (not saved):\n%s\n", a->answer);
}

/* Scores one answer; 1 when it was scored. */
static int loop_attempt(struct loop *l, const struct question *q,
			double seconds, struct round_stat *rs)
{
	struct attempt a;
	struct err e;
	int ok;

	err_clear(&e);
	memset(&a, 0, sizeof(a));
	ok = attempt_score(&a, l->cat, q, l->in.text, l->in.len, &e) == 0;
	if (!ok) {
		msg_err(&e);
	} else {
		show_report(&a, l->c, 0);
		rs->overall += a.report.overall;
		rs->answered++;
		tally_report(l, &a.report);
		if (l->c->journal_enabled)
			loop_journal(l, &a, seconds);
	}
	attempt_release(&a);
	return ok;
}

/* 1 to move on, 0 to read the answer again. */
static int loop_command(struct loop *l)
{
	if (strcmp(l->in.text, "/quit") == 0) {
		l->quit = 1;
		return 1;
	}
	if (strcmp(l->in.text, "/skip") == 0)
		return 1;
	msg_error("unknown command '%s'", l->in.text);
	fputs("hint: /skip moves to the next question, /quit ends\n",
	      stderr);
	return 0;
}

static void loop_ask(struct loop *l, const struct question *q,
		     const struct plan_round *r, struct round_stat *rs)
{
	char t1[32], t2[32], t3[32];
	struct timespec shown;
	double s;

	printf("\nQuestion [%s] (%s):\n%s\n", q->id, q->category, q->text);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &shown);
	for (;;) {
		enum answer_end end = answer_input_read(&l->in);

		if (end == ANSWER_EOF || end == ANSWER_NOMEM) {
			l->quit = 1;
			return;
		}
		if (end == ANSWER_COMMAND && loop_command(l))
			return;
		if (end == ANSWER_DONE && loop_attempt(l, q,
					seconds_since(&shown), rs))
			break;
	}
	s = seconds_since(&shown);
	rs->seconds += s;
	printf("Time: %s (round so far %s of %s)%s\n",
	       clock_text(s, t1, sizeof(t1)),
	       clock_text(rs->seconds, t2, sizeof(t2)),
	       clock_text(r->time_limit, t3, sizeof(t3)),
	       rs->seconds > r->time_limit ? " - over the limit" : "");
}

static int loop_round(struct loop *l, size_t i)
{
	const struct plan_round *r = &l->plan->rounds[i];
	const struct question **qs;
	char tl[32];
	size_t n;

	qs = calloc(r->nquestions + r->count + 1, sizeof(*qs));
	if (!qs)
		return -1;
	n = plan_round_questions(r, &l->cat->questions, l->asked, l->nasked,
				 loop_rand, &l->rng, qs);
	printf("\n== Round %zu of %zu: %s (%zu question%s, %s) ==\n", i + 1,
	       l->plan->nrounds, r->name, n, n == 1 ? "" : "s",
	       clock_text(r->time_limit, tl, sizeof(tl)));
	for (size_t k = 0; k < n && !l->quit; k++) {
		l->asked[l->nasked++] = qs[k];
		loop_ask(l, qs[k], r, &l->rounds[i]);
	}
	free(qs);
	return 0;
}

static const char *rubric_title(const struct catalog *cat, const char *id)
{
	const struct rubric *r = rubric_set_find(&cat->rubrics, id);

	return r && r->title ? r->title : id;
}

static void loop_summary(const struct loop *l)
{
	char t1[32], t2[32];

	printf("\n== Summary: %s ==\nRounds:\n", l->plan->title ?
	       l->plan->title : l->plan->id);
	for (size_t i = 0; i < l->plan->nrounds; i++) {
		const struct round_stat *rs = &l->rounds[i];
		const struct plan_round *r = &l->plan->rounds[i];

		printf("  %-40s ", r->name);
		if (rs->answered)
			printf("overall %3.0f", rs->overall /
			       (double)rs->answered);
		else
			printf("no answers ");
		printf("  time %s of %s\n",
		       clock_text(rs->seconds, t1, sizeof(t1)),
		       clock_text(r->time_limit, t2, sizeof(t2)));
	}
	if (l->ncomp)
		printf("Competencies (average criterion score):\n");
	for (size_t i = 0; i < l->ncomp; i++)
		printf("  %-40s %3.0f\n", rubric_title(l->cat, l->comp[i].id),
		       100.0 * l->comp[i].sum / (double)l->comp[i].n);
}

static size_t plan_size(const struct plan *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nrounds; i++)
		n += p->rounds[i].nquestions + p->rounds[i].count;
	return n;
}

static int loop_run(struct loop *l)
{
	int rc = 0;

	l->asked = calloc(plan_size(l->plan) + 1, sizeof(*l->asked));
	l->rounds = calloc(l->plan->nrounds, sizeof(*l->rounds));
	if (!l->asked || !l->rounds)
		rc = -1;
	answer_input_init(&l->in, isatty(STDIN_FILENO));
	if (l->in.tty)
		printf("Finish each answer with an empty line twice or a "
		       "line with only '.'.\n/skip moves on, /quit ends "
		       "the session.\n");
	for (size_t i = 0; rc == 0 && i < l->plan->nrounds && !l->quit; i++)
		rc = loop_round(l, i);
	if (rc == 0)
		loop_summary(l);
	answer_input_release(&l->in);
	free(l->asked);
	free(l->rounds);
	free(l->comp);
	if (rc != 0) {
		msg_error("cannot run the plan: out of memory");
		return ERR_INPUT;
	}
	return 0;
}

/* Reports one reference problem of a plan file named by ctx. */
static void loop_problem(void *ctx, size_t line, const char *msg)
{
	msg_error("%s:%zu: %s", (const char *)ctx, line, msg);
}

/* Finds PLAN as an id, or loads it as a file into own. */
static const struct plan *plan_resolve(const char *arg,
				       const struct catalog *cat,
				       struct plan_set *own, struct err *e)
{
	const struct plan *p = plan_set_find(&cat->plans, arg);
	char *data = NULL;
	size_t len = 0;

	if (p)
		return p;
	if (!strchr(arg, '/') && !strstr(arg, ".json")) {
		err_set(e, ERR_USAGE, "unknown plan '%s'", arg);
		err_hint(e, "'coach loop --list' lists the plans");
		return NULL;
	}
	if (fileio_read(arg, FILEIO_MAX_DATA, &data, &len, e) == 0 &&
	    plan_set_add(own, arg, data, len, e) == 0)
		p = &own->items[own->n - 1];
	free(data);
	if (p && plan_check(p, &cat->questions, loop_problem, (void *)arg)) {
		err_set(e, ERR_INPUT, "%s: the plan names questions coach "
			"does not have", arg);
		return NULL;
	}
	return p;
}

static int loop_args(int argc, char **argv, int *list,
		     const char **plan, unsigned long *seed, int *seeded)
{
	for (int i = 1; i < argc; i++) {
		char *end;

		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			return -1;
		} else if (strcmp(argv[i], "--list") == 0) {
			*list = 1;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			*seed = strtoul(argv[++i], &end, 10);
			if (*end || !*argv[i])
				return ERR_USAGE;
			*seeded = 1;
		} else if (argv[i][0] != '-' && !*plan) {
			*plan = argv[i];
		} else {
			return ERR_USAGE;
		}
	}
	return *list || *plan ? 0 : ERR_USAGE;
}

static int loop_start(const char *arg, unsigned long seed,
		      struct config *c, struct catalog *cat)
{
	struct plan_set own;
	struct loop l;
	struct err e;
	int rc;

	plan_set_init(&own);
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.cat = cat;
	l.rng = seed * 2654435761u + 0x9E3779B97F4A7C15u;
	l.plan = plan_resolve(arg, cat, &own, &e);
	if (!l.plan) {
		msg_err(&e);
		plan_set_release(&own);
		return e.status;
	}
	rc = loop_run(&l);
	plan_set_release(&own);
	return rc;
}

int cli_loop(int argc, char **argv, struct config *c)
{
	const char *plan = NULL;
	unsigned long seed = 0;
	int list = 0, seeded = 0, rc;
	struct catalog cat;
	struct err e;

	rc = loop_args(argc, argv, &list, &plan, &seed, &seeded);
	if (rc < 0)
		return 0;
	if (rc != 0) {
		msg_error("usage: coach loop [--seed N] PLAN | --list");
		fputs("hint: try 'coach loop --help'\n", stderr);
		return ERR_USAGE;
	}
	if (catalog_load(&cat, c, &e) != 0) {
		msg_err(&e);
		return e.status;
	}
	if (!seeded)
		seed = (unsigned long)time(NULL) ^ (unsigned long)getpid();
	if (list)
		loop_list(&cat);
	else
		rc = loop_start(plan, seed, c, &cat);
	catalog_release(&cat);
	return rc;
}
