/*
 * The REPL's coaching commands: /hint and /example from the question's
 * rubrics, /followup from what the last answer lacks, and the change in
 * scores between two attempts at one question.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "coach/repl_session.h"

#define MAX_PROBES 24

/* Defaults for the STAR parts, in the order an interviewer probes. */
static const struct {
	enum score_part_id part;
	const char *probe;
} part_probes[] = {
	{ PART_RESULT, "What was the result, and how did you measure it?" },
	{ PART_ACTION, "What did you do yourself, step by step?" },
	{ PART_TASK, "What exactly were you responsible for?" },
	{ PART_SITUATION, "Where and when was this, and what was at "
	  "stake?" },
	{ PART_REFLECTION, "What did you learn from it, and what have you "
	  "done differently since?" },
};

/* Flags an interviewer would press on, with the star criterion. */
static const struct {
	unsigned flag;
	const char *criterion;
	const char *probe;
} flag_probes[] = {
	{ FLAG_HYPOTHETICAL, "hypothetical", "That is what you would do. "
	  "Tell me about a time it actually happened." },
	{ FLAG_NO_EPISODE, "no-episode", "Can you walk me through one "
	  "specific time this happened?" },
	{ FLAG_HABITUAL, "habitual", "Pick one occasion: what happened "
	  "that time?" },
	{ FLAG_MOSTLY_WE, "mostly-we", "You said \"we\" a lot. What was "
	  "your own part?" },
};

static const struct rubric *star_rubric(const struct repl *r)
{
	return rubric_set_find(&r->cat->rubrics, "star");
}

/* The followup of criterion id of rubric rb, or def. */
static const char *probe_of(const struct rubric *rb, const char *id,
			    const char *def)
{
	long i = rb ? rubric_criterion_index(rb, id) : -1;

	if (i >= 0 && rb->criteria[i].followup)
		return rb->criteria[i].followup;
	return def;
}

static int question_has_rubric(const struct question *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->nrubrics; i++)
		if (strcmp(q->rubrics[i], id) == 0)
			return 1;
	return 0;
}

enum repl_action repl_cmd_hint(struct repl *r, const char *arg)
{
	const struct rubric *star = star_rubric(r);
	int shown = 0;
	size_t i;
	int p;

	(void)arg;
	for (i = 0; i < r->q->nrubrics; i++) {
		const struct rubric *rb = rubric_set_find(&r->cat->rubrics,
							  r->q->rubrics[i]);

		if (!rb || !rb->hint)
			continue;
		printf("%s:\n", rb->title);
		repl_wrap(rb->hint, "  ");
		shown++;
	}
	if (shown)
		return ACT_STAY;
	printf("A strong answer tells one real episode, in STAR order:\n");
	if (star && star->hint)
		repl_wrap(star->hint, "  ");
	for (p = 0; p < SCORE_NPARTS; p++) {
		const char *tip = NULL;
		long k = star ? rubric_criterion_index(star,
						       score_part_name(p)) : -1;

		if (k >= 0)
			tip = star->criteria[k].tip;
		if (tip)
			repl_wrap_hang(tip, "  - ", "    ");
	}
	return ACT_STAY;
}

/* Whether an example line is only a label such as "Example outline:",
 * which the heading above the example already says. */
static int example_label(const char *line)
{
	size_t n = strlen(line);

	return strncmp(line, "Example", 7) == 0 && n > 0 &&
	       line[n - 1] == ':';
}

static int example_show(const struct rubric *rb)
{
	size_t i;

	if (!rb || rb->nexample == 0)
		return 0;
	printf("Example outline (an example, not your answer):\n");
	for (i = 0; i < rb->nexample; i++) {
		if (example_label(rb->example[i]))
			continue;
		repl_wrap_hang(rb->example[i], "  ", strncmp(rb->example[i],
			       "- ", 2) == 0 ? "    " : "  ");
	}
	return 1;
}

enum repl_action repl_cmd_example(struct repl *r, const char *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < r->q->nrubrics; i++)
		if (example_show(rubric_set_find(&r->cat->rubrics,
						 r->q->rubrics[i])))
			return ACT_STAY;
	if (!example_show(star_rubric(r)))
		printf("There is no example outline for this question; "
		       "/hint says what to cover.\n");
	return ACT_STAY;
}

struct probes {
	const char *items[MAX_PROBES];
	size_t n;
};

static void probe_add(struct probes *p, const char *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->items[i], s) == 0)
			return;
	if (p->n < MAX_PROBES)
		p->items[p->n++] = s;
}

/* The star rubric's probes: missing parts, no numbers, weak signals. */
static void probes_star(const struct repl *r, const struct score_report *s,
			struct probes *p)
{
	const struct rubric *star = star_rubric(r);
	size_t i;

	for (i = 0; i < sizeof(part_probes) / sizeof(part_probes[0]); i++)
		if (!s->parts[part_probes[i].part].present)
			probe_add(p, probe_of(star, score_part_name(
				part_probes[i].part), part_probes[i].probe));
	if (s->parts[PART_RESULT].present &&
	    !(s->flags & FLAG_RESULT_QUANTIFIED))
		probe_add(p, probe_of(star, "quantified",
				      "What was the result, in numbers?"));
	for (i = 0; i < sizeof(flag_probes) / sizeof(flag_probes[0]); i++)
		if (s->flags & flag_probes[i].flag)
			probe_add(p, probe_of(star, flag_probes[i].criterion,
					      flag_probes[i].probe));
}

/* Unmet criteria with a followup: the question's rubrics first. */
static void probes_criteria(const struct repl *r,
			    const struct score_report *s, int own,
			    struct probes *p)
{
	size_t i;

	for (i = 0; i < s->ncriteria; i++) {
		const struct score_criterion *c = &s->criteria[i];
		const struct rubric *rb;

		if (c->met || c->weight <= 0 || !strcmp(c->rubric, "star") ||
		    question_has_rubric(r->q, c->rubric) != own)
			continue;
		rb = rubric_set_find(&r->cat->rubrics, c->rubric);
		probe_add(p, probe_of(rb, c->id, NULL));
	}
}

enum repl_action repl_cmd_followup(struct repl *r, const char *arg)
{
	struct probes p;

	(void)arg;
	if (!r->has_last || r->last.question != r->q) {
		printf("Answer this question first; /followup asks about "
		       "your answer.\n");
		return ACT_STAY;
	}
	p.n = 0;
	probes_star(r, &r->last.report, &p);
	probes_criteria(r, &r->last.report, 1, &p);
	probes_criteria(r, &r->last.report, 0, &p);
	probe_add(&p, "What would you do differently if it happened "
		  "again?");
	printf("Interviewer: ");
	fflush(stdout);
	repl_wrap(p.items[r->next_followup % p.n], "");
	if (p.n > 1)
		printf("(/followup again for another of %zu.)\n", p.n);
	r->next_followup++;
	return ACT_STAY;
}

/* A change worth telling, appended to out as "Name what". */
static void change_add(char *out, size_t size, const char *name,
		       const char *what)
{
	size_t n = strlen(out);

	snprintf(out + n, size - n, "%s%s %s", n ? ", " : "", name, what);
}

static void change_parts(const struct score_report *a,
			 const struct score_report *b, char *out, size_t size)
{
	char name[32], what[32];
	int p;

	for (p = 0; p < SCORE_NPARTS; p++) {
		const struct score_part *x = &a->parts[p], *y = &b->parts[p];
		double d = y->strength - x->strength;

		snprintf(name, sizeof(name), "%s", score_part_name(p));
		name[0] = (char)toupper((unsigned char)name[0]);
		if (x->present != y->present)
			snprintf(what, sizeof(what), "%s", y->present ?
				 "missing -> present" : "present -> missing");
		else if (y->present && fabs(d) >= 0.05)
			snprintf(what, sizeof(what), "%+.1f", d);
		else
			continue;
		change_add(out, size, name, what);
	}
}

static const struct score_criterion *criterion_in(
	const struct score_report *s, const struct score_criterion *c)
{
	size_t i;

	for (i = 0; i < s->ncriteria; i++)
		if (!strcmp(s->criteria[i].rubric, c->rubric) &&
		    !strcmp(s->criteria[i].id, c->id))
			return &s->criteria[i];
	return NULL;
}

static int is_part(const struct score_criterion *c)
{
	int p;

	for (p = 0; p < SCORE_NPARTS; p++)
		if (!strcmp(c->rubric, "star") &&
		    !strcmp(c->id, score_part_name(p)))
			return 1;
	return 0;
}

static void change_criteria(const struct score_report *a,
			    const struct score_report *b, char *out,
			    size_t size)
{
	char what[32];
	size_t i;

	for (i = 0; i < b->ncriteria; i++) {
		const struct score_criterion *y = &b->criteria[i];
		const struct score_criterion *x = criterion_in(a, y);

		if (!x || is_part(y))
			continue;
		if (x->met != y->met && y->weight < 0)
			snprintf(what, sizeof(what), "%s", y->met ?
				 "now counts against you" : "no longer "
				 "counts against you");
		else if (x->met != y->met)
			snprintf(what, sizeof(what), "%s", y->met ?
				 "not met -> met" : "met -> not met");
		else if (y->weight > 0 && fabs(y->score - x->score) >= 0.05)
			snprintf(what, sizeof(what), "%+.1f",
				 y->score - x->score);
		else
			continue;
		change_add(out, size, y->name, what);
	}
}

void repl_show_change(const struct attempt *prev, const struct attempt *a)
{
	char parts[1024] = "", criteria[2048] = "";

	change_parts(&prev->report, &a->report, parts, sizeof(parts));
	change_criteria(&prev->report, &a->report, criteria,
			sizeof(criteria));
	printf("Since your last attempt: overall %.0f -> %.0f\n",
	       prev->report.overall, a->report.overall);
	if (parts[0])
		repl_wrap(parts, "  ");
	if (criteria[0])
		repl_wrap(criteria, "  ");
}
