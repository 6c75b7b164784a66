/*
 * Reading a story sentence by sentence: cue matches and clause shapes
 * become per-sentence STAR part scores and roles, then the answer-wide
 * signals (signals.c) are judged.  The method is docs/scoring.md.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/clause.h"
#include "coach/features.h"
#include "coach/signals.h"

/* The positive STAR criteria, by id, in score_part_id order. */
static const char *const part_ids[SCORE_NPARTS] = {
	"situation", "task", "action", "result", "reflection"
};

/* Whether q names the rubric of its i-th entry earlier too. */
static int named_before(const struct rubric_set *set,
			const struct score_question *q, size_t i)
{
	const struct rubric *rb = rubric_set_find(set, q->rubrics[i]);

	for (size_t k = 0; k < i; k++)
		if (rubric_set_find(set, q->rubrics[k]) == rb)
			return 1;
	return 0;
}

static void add_criteria(struct features *f, const struct rubric *rb,
			 int extra)
{
	for (size_t c = 0; c < rb->ncriteria; c++) {
		struct criterion_info *ci = &f->criteria[f->ncriteria++];

		ci->rubric = rb;
		ci->criterion = &rb->criteria[c];
		ci->extra = extra;
	}
}

/*
 * The criteria the report lists, in the order it lists them: the
 * question's own rubrics as it names them (the main competency first),
 * then growth mindset, which a technical talk-through leaves out.
 */
static int init_criteria(struct features *f, const struct rubric_set *set,
			 const struct score_question *q)
{
	const struct rubric *growth = rubric_set_find(set, "growth-mindset");
	const struct rubric *rb;
	size_t n = growth ? growth->ncriteria : 0;

	for (size_t i = 0; q && i < q->nrubrics; i++)
		if ((rb = rubric_set_find(set, q->rubrics[i])) != NULL)
			n += rb->ncriteria;
	f->criteria = calloc(n ? n : 1, sizeof(*f->criteria));
	if (!f->criteria)
		return -1;
	for (size_t i = 0; q && i < q->nrubrics; i++) {
		rb = rubric_set_find(set, q->rubrics[i]);
		if (rb && rb != growth && !named_before(set, q, i))
			add_criteria(f, rb, 1);
	}
	if (growth && !(q && q->concepts))
		add_criteria(f, growth, 0);
	return 0;
}

static struct criterion_info *find_info(struct features *f,
					const struct rubric_criterion *c)
{
	for (size_t i = 0; i < f->ncriteria; i++)
		if (f->criteria[i].criterion == c)
			return &f->criteria[i];
	return NULL;
}

/* Token span of a hit, as bytes of the answer. */
static void hit_span(const struct text *t, const struct rubric_hit *h,
		     size_t *start, size_t *end)
{
	*start = t->tokens[h->first].start;
	*end = t->tokens[h->first + h->count - 1].end;
}

/*
 * A lesson "applied later" counts only with a concrete step told in the
 * past tense in the same or the next sentence; "I try to be more careful
 * now" is an intention, not an application.
 */
static int applied_is_concrete(const struct features *f,
			       const struct rubric *rb,
			       const struct rubric_criterion *c, size_t s)
{
	const struct sentence_info *si = f->sentences;

	if (strcmp(rb->id, "growth-mindset") ||
	    strcmp(c->id, "applied-later"))
		return 1;
	if (si[s].fp_action || si[s].fp_perfect)
		return 1;
	return s + 1 < f->nsentences && (si[s + 1].fp_action ||
					 si[s + 1].fp_perfect);
}

/*
 * Topic cues: "failure" counts toward an answer to a failure question,
 * "failure-opposite" (a success, a mentor helping me) against it.
 */
static void add_topic(struct cue_sums *cs, const char *id,
		      const char *category, double w)
{
	size_t n = strlen(category);

	if (strcmp(id, category) == 0)
		cs->topic += w;
	else if (strncmp(id, category, n) == 0 &&
		 strcmp(id + n, "-opposite") == 0)
		cs->anti_topic += w;
}

static int apply_hits(struct features *f, const struct rubric_set *set,
		      const struct text *t, const struct rubric_hit *hits,
		      size_t nhits, const char *category,
		      struct cue_sums *per_sentence)
{
	const struct rubric *topics = rubric_set_find(set, "topics");

	for (size_t i = 0; i < nhits; i++) {
		const struct rubric_hit *h = &hits[i];
		const struct rubric *rb = &set->items[h->rubric];
		const struct rubric_criterion *c = &rb->criteria[h->criterion];
		double w = rb->criteria[h->criterion].cues[h->cue].weight;
		size_t s = t->tokens[h->first].sentence;
		struct cue_sums *cs = &per_sentence[s];
		struct criterion_info *ci;
		size_t a, b;

		if (h->negated)
			continue;
		if (rb == f->star) {
			int p = h->criterion < FEATURES_MAX_STAR ?
				f->star_part[h->criterion] : -1;
			long *key = &f->sentences[s].key[p < 0 ? 0 : p];

			if (p < 0)
				continue;
			cs->part[p] += w;
			if (*key < 0)
				*key = (long)h->first;
			continue;
		}
		if (rb == topics && category)
			add_topic(cs, c->id, category, w);
		ci = find_info(f, c);
		if (!ci || !applied_is_concrete(f, rb, c, s))
			continue;
		/* Overlapping cues ("was a mess", "a mess") count once. */
		if (h->first < ci->end)
			continue;
		ci->end = h->first + h->count;
		ci->raw += w;
		hit_span(t, h, &a, &b);
		if (signals_note(f, rb->id, c->cues[h->cue].phrase, c->id, a, b,
			      c->weight < 0 ? -w : w))
			return -1;
	}
	return 0;
}

static int argmax_role(const double *score)
{
	static const int order[SCORE_NPARTS] = {
		PART_ACTION, PART_RESULT, PART_REFLECTION, PART_TASK,
		PART_SITUATION
	};
	int best = -1;
	double top = 0.999;

	for (int k = 0; k < SCORE_NPARTS; k++) {
		int p = order[k];

		if (score[p] > top) {
			top = score[p];
			best = p;
		}
	}
	return best;
}

/* Per sentence: the part scores from shape plus cues. */
static void score_sentences(struct features *f, const struct cue_sums *cs)
{
	size_t first_action = f->first_action = f->nsentences;

	for (size_t i = 0; i < f->nsentences; i++)
		if (f->sentences[i].fp_action || f->sentences[i].we_action) {
			first_action = f->first_action = i;
			break;
		}
	for (size_t i = 0; i < f->nsentences; i++) {
		struct sentence_info *s = &f->sentences[i];
		double *ps = s->part_score;

		for (int p = 0; p < SCORE_NPARTS; p++)
			ps[p] = cs[i].part[p];
		if (s->fp_action)
			ps[PART_ACTION] += 1.5;
		else if (s->we_action)
			ps[PART_ACTION] += 1.0;
		/* Facts told before my first step set the scene; after
		 * it they are more often what came of it. */
		if (s->past && !s->fp_action && !s->we_action &&
		    i <= first_action)
			ps[PART_SITUATION] += 1.0;
		else if (s->past && !s->fp_action && !s->we_action) {
			ps[PART_SITUATION] += 0.3;
			ps[PART_RESULT] += 0.5;
		}
		if (s->numbers && i > first_action)
			ps[PART_RESULT] += s->fp_action ? 0.4 : 0.6;
		if (s->progressive)
			ps[PART_TASK] += 0.8;
		if (s->owns)
			ps[PART_TASK] += 1.0;
		if (i == 0 && s->past && !s->fp_action)
			ps[PART_SITUATION] += 0.3;
		if (i < 2 && s->opener && (s->past || s->names))
			ps[PART_SITUATION] += 1.0;
		if (s->modal || s->habit)
			for (int p = 0; p < SCORE_NPARTS; p++)
				ps[p] *= 0.3;
		s->role = argmax_role(ps);
	}
}

/* Evidence for each part a sentence serves: the clause that earned it. */
static void role_spans(struct features *f, const struct text *t)
{
	for (size_t i = 0; i < f->nsentences; i++) {
		struct sentence_info *s = &f->sentences[i];
		const struct text_sentence *ts = &t->sentences[i];

		for (int p = 0; p < SCORE_NPARTS; p++) {
			long k = s->key[p] >= 0 ? s->key[p] : (long)ts->first;

			clause_span(t, (size_t)k, &s->span[p][0],
				    &s->span[p][1]);
		}
		if (s->role >= 0) {
			s->ev_start = s->span[s->role][0];
			s->ev_end = s->span[s->role][1];
		}
	}
}

/* A sentence's words go to the parts it serves, in proportion. */
static void share_words(struct features *f, const struct sentence_info *s)
{
	double sum = 0, given = 0;
	int last = -1;

	for (int p = 0; p < SCORE_NPARTS; p++)
		if (s->part_score[p] >= 1.0 || s->role == p)
			sum += s->part_score[p];
	for (int p = 0; p < SCORE_NPARTS && sum > 0; p++) {
		double w;

		if (s->part_score[p] < 1.0 && s->role != p)
			continue;
		w = (double)s->words * s->part_score[p] / sum;
		f->part_words[p] += (size_t)(w + 0.5);
		given += (double)(size_t)(w + 0.5);
		last = p;
	}
	if (last >= 0 && given > (double)s->words)
		f->part_words[last] -= (size_t)(given - (double)s->words);
}

static void sum_parts(struct features *f)
{
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];

		share_words(f, s);
		for (int p = 0; p < SCORE_NPARTS; p++)
			if (s->part_score[p] >= 1.0 || s->role == p)
				f->part_total[p] += s->part_score[p];
	}
	for (int p = 0; p < SCORE_NPARTS; p++)
		f->part_present[p] = f->part_total[p] >= 1.0;
}

static void set_part_settings(struct features *f)
{
	for (size_t c = 0; c < FEATURES_MAX_STAR; c++) {
		f->star_part[c] = -1;
		for (int p = 0; p < SCORE_NPARTS && c < f->star->ncriteria;
		     p++)
			if (strcmp(f->star->criteria[c].id, part_ids[p]) == 0)
				f->star_part[c] = p;
	}
	static const char *const target_keys[SCORE_NPARTS] = {
		"situation_target", "task_target", "action_target",
		"result_target", "reflection_target"
	};

	for (int p = 0; p < SCORE_NPARTS; p++) {
		long c = rubric_criterion_index(f->star, part_ids[p]);

		f->part_weight[p] = c >= 0 ? f->star->criteria[c].weight : 1.0;
		f->part_target[p] = features_setting(f, target_keys[p],
						   2.0);
	}
	f->wpm = features_setting(f, "words_per_minute", 145);
}

/*
 * A technical explanation is judged on the concepts it covers, not on
 * STAR: no episode is expected, and "I would use a B-tree" is fine.
 */
/*
 * With no episode told, the criteria's cues are claims, not evidence: an
 * answer that says what it "would" own earns no ownership.
 */
static void unearn_criteria(struct features *f)
{
	for (size_t i = 0; i < f->ncriteria; i++) {
		struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight > 0) {
			c->score = 0;
			c->met = 0;
		}
	}
}

static int read_explanation(struct features *f, const struct rubric_set *set,
			    const struct text *t, const unsigned *cls)
{
	signals_criteria(f, set);
	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight > 0 && !c->met)
			signals_tip(f, c->criterion->tip);
	}
	signals_length(f);
	signals_specificity(f, t, cls);
	return 0;
}

static int read_answer(struct features *f, const struct rubric_set *set,
		       const struct text *t, const struct score_question *q,
		       const unsigned *cls, struct cue_sums *cs)
{
	struct rubric_hit *hits = NULL;
	long nhits = rubric_set_match(set, t, &hits);
	const char *category = q ? q->category : NULL;
	int rc;

	if (nhits < 0)
		return -1;
	for (size_t i = 0; i < f->nsentences; i++)
		clause_read(&f->sentences[i], t, cls, &t->sentences[i]);
	rc = apply_hits(f, set, t, hits, (size_t)nhits, category, cs);
	free(hits);
	if (rc)
		return -1;
	if (f->concepts)
		return read_explanation(f, set, t, cls);
	score_sentences(f, cs);
	role_spans(f, t);
	sum_parts(f);
	if (signals_episode(f, t, cls)) {
		signals_clear_parts(f);
	} else {
		signals_we(f);
		signals_background(f);
	}
	signals_criteria(f, set);
	signals_penalty_criteria(f);
	if (f->flags & FLAG_NO_EPISODE)
		unearn_criteria(f);
	else
		signals_topic(f, set, cs, category);
	signals_length(f);
	signals_specificity(f, t, cls);
	signals_style(f, t, cls);
	if (signals_quantified(f, t, cls))
		return -1;
	signals_missing_tips(f);
	return 0;
}

int features_extract(struct features *f, const struct rubric_set *set,
		     const struct text *t, const struct score_question *q)
{
	struct clause_lexicons lx;
	unsigned *cls = NULL;
	struct cue_sums *cs = NULL;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	f->star = rubric_set_find(set, "star");
	if (!f->star)
		return -1;
	f->settings = q ? q->settings : NULL;
	clause_lexicons_load(&lx, f->star);
	if (f->settings) {
		lx.hedges_allow = f->settings->hedges_allow;
		lx.nhedges_allow = f->settings->nhedges_allow;
	}
	set_part_settings(f);
	f->concepts = q && q->concepts;
	f->words = t->nwords;
	f->nsentences = t->nsentences;
	f->sentences = calloc(t->nsentences + 1, sizeof(*f->sentences));
	cs = calloc(t->nsentences + 1, sizeof(*cs));
	cls = clause_classify(&lx, t);
	if (f->sentences && cs && cls && init_criteria(f, set, q) == 0)
		rc = read_answer(f, set, t, q, cls, cs);
	free(cls);
	free(cs);
	return rc;
}

double features_setting(const struct features *f, const char *key,
			double def)
{
	const struct score_settings *u = f->settings;

	for (size_t i = 0; u && i < u->nvalues; i++)
		if (strcmp(u->keys[i], key) == 0)
			return u->values[i];
	return rubric_setting(f->star, key, def);
}

int features_rule_on(const struct features *f, const char *rule)
{
	const struct score_settings *u = f->settings;

	for (size_t i = 0; u && i < u->ndisabled; i++)
		if (strcmp(u->disabled[i], rule) == 0)
			return 0;
	return 1;
}

void features_release(struct features *f)
{
	free(f->sentences);
	free(f->criteria);
	free(f->notes);
	memset(f, 0, sizeof(*f));
}

