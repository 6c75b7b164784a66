/*
 * The scorer.  Reads the shape of the story sentence by sentence (who acts,
 * in which tense, with what cues) and turns it into STAR parts, rubric
 * criteria, flags and tips.  docs/scoring.md explains the method.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coach/features.h"
#include "coach/score.h"

static const char *const part_names[SCORE_NPARTS] = {
	"situation", "task", "action", "result", "reflection"
};

static const char *const flag_names[SCORE_NFLAGS] = {
	"result_quantified", "growth_mindset", "blames_others", "mostly_we",
	"hypothetical", "off_topic", "keyword_stuffing", "habitual",
	"too_short", "too_long", "all_background", "hedging", "no_episode",
	"absolutes", "repetition"
};

const char *score_part_name(enum score_part_id p)
{
	return (unsigned)p < SCORE_NPARTS ? part_names[p] : "unknown";
}

const char *score_flag_name(unsigned flag)
{
	for (unsigned i = 0; i < SCORE_NFLAGS; i++)
		if (flag == 1u << i)
			return flag_names[i];
	return "unknown";
}

static int add_evidence(struct score_report *r, const char *rubric,
			const char *rule,
			const char *target, size_t start, size_t end,
			double delta)
{
	struct score_evidence *ev;

	if (r->nevidence == r->evidence_cap) {
		size_t cap = r->evidence_cap ? r->evidence_cap * 2 : 32;

		ev = realloc(r->evidence, cap * sizeof(*ev));
		if (!ev)
			return -1;
		r->evidence = ev;
		r->evidence_cap = cap;
	}
	ev = &r->evidence[r->nevidence++];
	ev->rubric = rubric;
	ev->rule = rule;
	ev->target = target;
	ev->start = start;
	ev->end = end;
	ev->delta = delta;
	return 0;
}

static void add_tip(struct score_report *r, const char *tip)
{
	size_t n;

	if (r->ntips >= 3 || !tip || !*tip)
		return;
	for (size_t i = 0; i < r->ntips; i++)
		if (strcmp(r->tips[i], tip) == 0)
			return;
	n = strlen(tip);
	if (n >= sizeof(r->tips[0])) {
		/* Cut a long tip on a character boundary. */
		n = sizeof(r->tips[0]) - 1;
		while (n > 0 && ((unsigned char)tip[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(r->tips[r->ntips], tip, n);
	r->tips[r->ntips++][n] = '\0';
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Evidence for each STAR part: the spans of sentences and cues. */
static int part_evidence(struct score_report *r, const struct features *f)
{
	static const char *const rules[SCORE_NPARTS] = {
		"star.situation.context", "star.task.responsibility",
		"star.action.first-person-step", "star.result.outcome",
		"star.reflection.lesson"
	};

	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];

		for (int p = 0; p < SCORE_NPARTS; p++) {
			if (!f->part_present[p] || (s->role != p &&
			    s->part_score[p] < 1.0))
				continue;
			if (add_evidence(r, NULL, rules[p], part_names[p],
					 s->span[p][0], s->span[p][1],
					 s->part_score[p]))
				return -1;
		}
	}
	return 0;
}

static void score_parts(struct score_report *r, const struct features *f)
{
	size_t words = f->words ? f->words : 1;

	for (int p = 0; p < SCORE_NPARTS; p++) {
		struct score_part *sp = &r->parts[p];

		sp->words = f->part_words[p];
		sp->share = (double)sp->words / (double)words;
		sp->strength = clamp01(f->part_total[p] / f->part_target[p]);
		sp->present = f->part_present[p];
		if (!sp->present)
			sp->strength = 0;
	}
}

static double star_score(const struct score_report *r,
			 const struct features *f)
{
	double sum = 0, wsum = 0;

	for (int p = 0; p < SCORE_NPARTS; p++) {
		sum += f->part_weight[p] * r->parts[p].strength;
		wsum += f->part_weight[p];
	}
	return wsum > 0 ? 100.0 * sum / wsum : 0;
}

static int copy_criteria(struct score_report *r, const struct features *f)
{
	r->criteria = calloc(f->ncriteria ? f->ncriteria : 1,
			     sizeof(*r->criteria));
	if (!r->criteria)
		return -1;
	r->ncriteria = f->ncriteria;
	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];
		struct score_criterion *sc = &r->criteria[i];

		sc->rubric = c->rubric->id;
		sc->rubric_title = c->rubric->title;
		sc->id = c->criterion->id;
		sc->name = c->criterion->name;
		sc->weight = c->criterion->weight;
		sc->score = c->score;
		sc->met = c->met;
	}
	return 0;
}

/* Growth score: met positive criteria of the growth-mindset rubric. */
static double growth_score(const struct features *f)
{
	double got = 0, total = 0;

	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];
		double w = c->criterion->weight;

		if (strcmp(c->rubric->id, "growth-mindset") != 0)
			continue;
		if (w > 0) {
			total += w;
			got += w * c->score;
		} else if (c->met) {
			got += w;
		}
	}
	return total > 0 ? 100.0 * clamp01(got / total) : 0;
}

/* Competency criteria of the question's own rubrics. */
static double competency_score(const struct features *f)
{
	double got = 0, total = 0;

	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];
		double w = c->criterion->weight;

		if (!c->extra || w <= 0)
			continue;
		total += w;
		got += w * c->score;
	}
	return total > 0 ? got / total : -1;
}

static void set_flags(struct score_report *r, const struct features *f)
{
	r->flags = f->flags;
	r->words = f->words;
	r->seconds = 60.0 * (double)f->words / f->wpm;
	r->hedges = f->hedges;
	r->hedge_density = f->words ? 100.0 * (double)f->hedges /
		(double)f->words : 0;
}

/* The overall score: structure, growth and specifics, then penalties. */
static double overall_score(const struct score_report *r,
			    const struct features *f)
{
	double comp = competency_score(f);
	double spec = f->specificity;
	double base, x;

	if (r->flags & FLAG_RESULT_QUANTIFIED)
		spec = clamp01(spec + 0.3);
	base = 0.5 * r->star / 100 + 0.2 * r->growth / 100 + 0.2 * spec;
	/* A lesson shown in later use is what interviewers listen for. */
	if (r->flags & FLAG_GROWTH_MINDSET)
		base += 0.08;
	base += comp >= 0 ? 0.1 * comp : 0.1 * r->star / 100;
	x = base * f->length_factor;
	for (size_t i = 0; i < f->npenalties; i++)
		x *= f->penalties[i].factor;
	return 100.0 * clamp01(x);
}

/* A talk-through: the concepts covered, then clarity and length. */
/*
 * A talk-through: the concepts covered, less the misconceptions stated
 * (criteria with a negative weight), then clarity and length.
 */
static double concept_score(const struct features *f)
{
	double cover = competency_score(f), total = 0, wrong = 0;

	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];
		double w = c->criterion->weight;

		if (!c->extra)
			continue;
		if (w > 0)
			total += w;
		else if (c->met)
			wrong -= w;
	}
	if (total > 0)
		cover -= wrong / total;
	if (cover < 0)
		cover = 0;
	return 100.0 * clamp01((0.85 * cover + 0.15 * f->specificity) *
			       f->length_factor);
}

static int add_penalty_evidence(struct score_report *r,
				const struct features *f)
{
	for (size_t i = 0; i < f->npenalties; i++) {
		const struct penalty *p = &f->penalties[i];

		if (add_evidence(r, NULL, p->rule, p->target, p->start, p->end,
				 -(1.0 - p->factor)))
			return -1;
	}
	for (size_t i = 0; i < f->nnotes; i++) {
		const struct note *n = &f->notes[i];

		if (add_evidence(r, n->rubric, n->rule, n->target, n->start, n->end,
				 n->delta))
			return -1;
	}
	return 0;
}

static void choose_tips(struct score_report *r, const struct features *f)
{
	for (size_t i = 0; i < f->npenalties; i++)
		add_tip(r, f->penalties[i].tip);
	for (size_t i = 0; i < f->ntips; i++)
		add_tip(r, f->tips[i]);
}

/* Evidence in reading order; spanless findings (0, 0) come first. */
static int by_position(const void *a, const void *b)
{
	const struct score_evidence *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

int score_answer(const struct rubric_set *set, const struct text *t,
		 const struct score_question *q, struct score_report *r)
{
	struct features f;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (features_extract(&f, set, t, q) != 0)
		goto out;
	score_parts(r, &f);
	set_flags(r, &f);
	r->star = star_score(r, &f);
	r->growth = growth_score(&f);
	if (copy_criteria(r, &f) || part_evidence(r, &f) ||
	    add_penalty_evidence(r, &f))
		goto out;
	if (r->nevidence > 1)
		qsort(r->evidence, r->nevidence, sizeof(*r->evidence),
		      by_position);
	r->concepts = f.concepts;
	r->overall = f.concepts ? concept_score(&f) : overall_score(r, &f);
	choose_tips(r, &f);
	rc = 0;
out:
	features_release(&f);
	return rc;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void score_settings_release(struct score_settings *s)
{
	if (!s)
		return;
	free_strings(s->disabled, s->ndisabled);
	free_strings(s->hedges_allow, s->nhedges_allow);
	free_strings(s->keys, s->nvalues);
	free(s->values);
	memset(s, 0, sizeof(*s));
}

void score_release(struct score_report *r)
{
	free(r->evidence);
	free(r->criteria);
	memset(r, 0, sizeof(*r));
}
