/*
 * Answer-wide signals: whether a real episode is told, whose actions they
 * are, whether the result is measured, and the penalties and tips that
 * follow.  The rules are described in docs/scoring.md.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/clause.h"
#include "coach/signals.h"

int signals_note(struct features *f, const char *rubric,
		     const char *rule,
		     const char *target, size_t start, size_t end,
		     double delta)
{
	struct note *n;

	if (f->nnotes == f->notes_cap) {
		size_t cap = f->notes_cap ? f->notes_cap * 2 : 32;

		n = realloc(f->notes, cap * sizeof(*n));
		if (!n)
			return -1;
		f->notes = n;
		f->notes_cap = cap;
	}
	n = &f->notes[f->nnotes++];
	n->rubric = rubric;
	n->rule = rule;
	n->target = target;
	n->start = start;
	n->end = end;
	n->delta = delta;
	return 0;
}

void signals_penalise(struct features *f, const char *rule,
		     const char *target, size_t start, size_t end,
		     double factor, const char *tip)
{
	struct penalty *p;

	if (f->npenalties >= FEATURES_MAX_PENALTIES ||
	    !features_rule_on(f, rule))
		return;
	p = &f->penalties[f->npenalties++];
	p->rule = rule;
	p->target = target;
	p->start = start;
	p->end = end;
	p->factor = factor;
	p->tip = tip;
}

void signals_tip(struct features *f, const char *tip)
{
	if (tip && f->ntips < FEATURES_MAX_TIPS)
		f->tips[f->ntips++] = tip;
}

const char *signals_tip_of(const struct rubric *r, const char *id)
{
	long i = rubric_criterion_index(r, id);

	return i < 0 ? NULL : r->criteria[i].tip;
}

struct episode {
	size_t past, fp_action, we_action, modal, habit, present;
};

static void count_episode(const struct features *f, struct episode *ep)
{
	memset(ep, 0, sizeof(*ep));
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];

		ep->past += s->past && !s->modal && !s->habit;
		ep->fp_action += s->fp_action;
		ep->we_action += s->we_action && !s->fp_action;
		ep->modal += s->modal;
		ep->habit += s->habit;
		ep->present += s->fp_present && !s->modal;
	}
}

/* Counts ep; whether first-person present tense outweighs the story. */
static int ep_mostly_present(const struct features *f, struct episode *ep)
{
	count_episode(f, ep);
	return ep->present >= 3 && ep->present > 2 * ep->fp_action +
	       ep->we_action;
}

/* The span of the first sentence with flag set by pick, for evidence. */
static void first_span(const struct features *f, int which, size_t *a,
		       size_t *b)
{
	*a = *b = 0;
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];
		int hit = which == 0 ? s->modal : which == 1 ? s->habit :
			  s->we_action && !s->fp_action;

		if (hit) {
			*a = s->ev_start;
			*b = s->ev_end;
			return;
		}
	}
}

/* The span of the heaviest cue noted for criterion id. */
static void strongest_note(const struct features *f, const char *id,
			   size_t *a, size_t *b)
{
	double top = 0;

	*a = *b = 0;
	for (size_t i = 0; i < f->nnotes; i++) {
		const struct note *n = &f->notes[i];
		double w = n->delta < 0 ? -n->delta : n->delta;

		if (strcmp(n->target, id) == 0 && w > top) {
			top = w;
			*a = n->start;
			*b = n->end;
		}
	}
}

void signals_clear_parts(struct features *f)
{
	for (int p = 0; p < SCORE_NPARTS; p++) {
		f->part_present[p] = 0;
		f->part_total[p] = 0;
	}
}

/* The ways an answer can fail to tell one specific episode. */
enum no_episode { TELLS_EPISODE, HYPOTHETICAL, HABITUAL, STUFFED, GENERAL };

static enum no_episode episode_kind(const struct features *f,
				    const struct text *t,
				    const unsigned *cls)
{
	struct episode ep;
	size_t n = f->nsentences ? f->nsentences : 1;
	size_t specifics = clause_count(t, cls, TK_NAME | TK_NUMBER |
					TK_TECH);
	int present = ep_mostly_present(f, &ep);

	if (ep.modal >= 1 && ep.modal * 10 >= n * 4 &&
	    ep.fp_action <= (n >= 5 ? 1u : 0u))
		return HYPOTHETICAL;
	if (ep.habit >= 2 && ep.fp_action + ep.we_action <= 1)
		return HABITUAL;
	if (clause_distinct_labels(t, cls) >= 3 && (double)specifics * 100 <
	    (double)f->words * features_setting(f,
				"stuffing_specifics_per_100", 2.0))
		return STUFFED;
	if (present && ep.habit >= 1)
		return HABITUAL;
	if (ep.past < 2 || present)
		return GENERAL;
	return TELLS_EPISODE;
}

/*
 * No specific episode: hypotheticals, habits, labels or values talk.
 * Sets the flags and penalty of the first kind that applies and whose
 * rule is on; returns 1 then, 0 for a told episode.
 */
int signals_episode(struct features *f, const struct text *t,
		    const unsigned *cls)
{
	static const struct {
		const char *rule, *factor, *tip;
		double def;
		unsigned flag;
		int span;	/* which sentences to quote; -1 none */
	} kinds[] = {
		[HYPOTHETICAL] = { "star.hypothetical", "hypothetical_factor",
				   "hypothetical", 0.35, FLAG_HYPOTHETICAL, 0 },
		[HABITUAL] = { "star.habitual", "habitual_factor", "habitual",
			       0.4, FLAG_HABITUAL, 1 },
		[STUFFED] = { "star.keyword-stuffing", "stuffing_factor",
			      "keyword-stuffing", 0.35,
			      FLAG_KEYWORD_STUFFING, -1 },
		[GENERAL] = { "star.no-episode", "no_episode_factor",
			      "no-episode", 0.4, 0, -1 },
	};
	enum no_episode k = episode_kind(f, t, cls);
	size_t a = 0, b = 0;

	if (k == TELLS_EPISODE || !features_rule_on(f, kinds[k].rule))
		return 0;
	f->flags |= kinds[k].flag | FLAG_NO_EPISODE;
	if (kinds[k].span >= 0)
		first_span(f, kinds[k].span, &a, &b);
	signals_penalise(f, kinds[k].rule, "episode", a, b,
			 features_setting(f, kinds[k].factor, kinds[k].def),
			 signals_tip_of(f->star, kinds[k].tip));
	return 1;
}

/* A ramble: most words on background, few on the candidate's steps. */
void signals_background(struct features *f)
{
	double words = f->words ? (double)f->words : 1;
	double bg = (double)f->part_words[PART_SITUATION] / words;
	double act = (double)f->part_words[PART_ACTION] / words;

	if (bg <= features_setting(f, "background_share_max", 0.5) ||
	    act >= 0.2 || !features_rule_on(f, "star.all-background"))
		return;
	f->flags |= FLAG_ALL_BACKGROUND;
	signals_penalise(f, "star.all-background", "situation", 0, 0,
			 features_setting(f, "background_factor", 0.75),
			 signals_tip_of(f->star, "all-background"));
}

void signals_we(struct features *f)
{
	struct episode ep;
	size_t a, b;
	double share = features_setting(f, "we_share_max", 0.6);

	count_episode(f, &ep);
	if (ep.we_action < 2 || !features_rule_on(f, "star.mostly-we"))
		return;
	if ((double)ep.we_action <= share * (double)(ep.we_action +
						      ep.fp_action))
		return;
	f->flags |= FLAG_MOSTLY_WE;
	first_span(f, 2, &a, &b);
	signals_penalise(f, "star.mostly-we", "action", a, b,
		 features_setting(f, "mostly_we_factor", 0.8),
		 signals_tip_of(f->star, "mostly-we"));
}

/*
 * The number that measures the outcome: in a sentence that tells the
 * result, the one nearest after the words that earned the result.
 */
static long result_number(const struct sentence_info *s,
			  const struct text_sentence *ts, const unsigned *cls)
{
	size_t from = s->key[PART_RESULT] >= 0 ?
		(size_t)s->key[PART_RESULT] : ts->first;
	size_t end = ts->first + ts->count;
	long before = -1;

	for (size_t k = ts->first; k < end; k++) {
		if (!(cls[k] & TK_NUMBER))
			continue;
		if (k >= from)
			return (long)k;
		before = (long)k;
	}
	return before;
}

/*
 * Whether sentence i tells an outcome whose numbers measure the result:
 * it serves the result, or it comes after the first action and states a
 * fact that is neither my own step nor the effort it took ("it took me
 * three weeks").
 */
static int tells_outcome(const struct features *f, size_t i)
{
	const struct sentence_info *s = &f->sentences[i];
	int cue = s->key[PART_RESULT] >= 0;

	if (s->effort)
		return 0;
	if (cue && s->part_score[PART_RESULT] >= 1.0)
		return 1;
	return i > f->first_action && !s->fp_action && !s->we_action &&
	       (cue || s->role == PART_RESULT);
}

int signals_quantified(struct features *f, const struct text *t,
			    const unsigned *cls)
{
	if (f->flags & FLAG_NO_EPISODE)
		return 0;
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];
		long k;

		if (!s->numbers || !tells_outcome(f, i))
			continue;
		k = result_number(s, &t->sentences[i], cls);
		if (k < 0)
			continue;
		f->flags |= FLAG_RESULT_QUANTIFIED;
		return signals_note(f, NULL, "star.result.quantified", "result",
				 t->tokens[k].start, t->tokens[k].end, 1.0);
	}
	return 0;
}

void signals_length(struct features *f)
{
	double lo = features_setting(f, "words_min", 120);
	double hi = features_setting(f, "words_max", 450);
	double w = (double)f->words;

	f->length_factor = 1.0;
	if (!features_rule_on(f, "star.length"))
		return;
	if (w < lo) {
		f->length_factor = 0.55 + 0.45 * w / lo;
		if (w < lo * 0.6) {
			f->flags |= FLAG_TOO_SHORT;
			signals_tip(f, signals_tip_of(f->star, "too-short"));
		}
	} else if (w > hi) {
		f->length_factor = w > 2 * hi ? 0.8 : 1.0 - 0.2 * (w - hi) /
				   hi;
		f->flags |= FLAG_TOO_LONG;
		signals_tip(f, signals_tip_of(f->star, "too-long"));
	}
}

void signals_specificity(struct features *f, const struct text *t,
			      const unsigned *cls)
{
	size_t n = clause_count(t, cls, TK_NAME | TK_NUMBER | TK_TECH);
	double per100 = f->words ? 100.0 * (double)n / (double)f->words : 0;

	f->specificity = per100 / features_setting(f,
						 "specifics_per_100", 6.0);
	if (f->specificity > 1)
		f->specificity = 1;
	f->hedges = clause_count(t, cls, TK_HEDGE);
	if (f->words && (double)f->hedges * 100.0 / (double)f->words >
	    features_setting(f, "hedges_per_100_max", 3.0) &&
	    features_rule_on(f, "star.hedging")) {
		f->flags |= FLAG_HEDGING;
		signals_tip(f, signals_tip_of(f->star, "hedging"));
	}
}

static size_t hash_trigram(const struct text *t, size_t i)
{
	size_t h = 1469598103934665603u;

	for (size_t k = i; k < i + 3; k++) {
		for (const char *p = t->tokens[k].stem; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211u;
		h = (h ^ ' ') * 1099511628211u;
	}
	return h;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The share of the answer's word trigrams (by stem, within a sentence)
 * that were said before: 0 for an answer that never repeats itself.
 */
static double repeated_share(const struct text *t)
{
	size_t *h = malloc((t->ntokens + 1) * sizeof(*h));
	size_t n = 0, again = 0;

	if (!h)
		return 0;
	for (size_t i = 0; i + 2 < t->ntokens; i++)
		if (t->tokens[i].sentence == t->tokens[i + 2].sentence &&
		    t->tokens[i].kind == TEXT_WORD &&
		    t->tokens[i + 1].kind == TEXT_WORD &&
		    t->tokens[i + 2].kind == TEXT_WORD)
			h[n++] = hash_trigram(t, i);
	qsort(h, n, sizeof(*h), cmp_size);
	for (size_t i = 1; i < n; i++)
		again += h[i] == h[i - 1];
	free(h);
	return n ? (double)again / (double)n : 0;
}

void signals_style(struct features *f, const struct text *t,
		   const unsigned *cls)
{
	size_t abs = clause_count(t, cls, TK_ABSOLUTE);

	if (abs >= 3 && (double)abs * 100.0 / (double)f->words >
	    features_setting(f, "absolutes_per_100_max", 1.5) &&
	    features_rule_on(f, "star.absolutes")) {
		f->flags |= FLAG_ABSOLUTES;
		signals_tip(f, signals_tip_of(f->star, "absolutes"));
	}
	if (f->words >= 40 && repeated_share(t) >
	    features_setting(f, "repetition_max", 0.12) &&
	    features_rule_on(f, "star.repetition")) {
		f->flags |= FLAG_REPETITION;
		signals_penalise(f, "star.repetition", "answer", 0, 0, 0.9,
				 signals_tip_of(f->star, "repetition"));
	}
}

/* Growth and competency criteria: scores from cue sums, then rules. */
void signals_criteria(struct features *f, const struct rubric_set *set)
{
	const struct rubric *g = rubric_set_find(set, "growth-mindset");
	double blame_min = rubric_setting(g, "blame_min", 1.5);
	const struct criterion_info *lesson = NULL, *applied = NULL;

	for (size_t i = 0; i < f->ncriteria; i++) {
		struct criterion_info *c = &f->criteria[i];
		double need = rubric_setting(c->rubric, "met_at", 1.0);

		if (c->rubric == g && strcmp(c->criterion->id, "blame") == 0)
			need = blame_min;
		c->score = c->raw / need;
		if (c->score > 1)
			c->score = 1;
		c->met = c->raw >= need;
		if (c->rubric != g)
			continue;
		if (strcmp(c->criterion->id, "lesson") == 0)
			lesson = c;
		if (strcmp(c->criterion->id, "applied-later") == 0)
			applied = c;
	}
	if (lesson && applied && lesson->met && applied->met &&
	    !(f->flags & FLAG_NO_EPISODE))
		f->flags |= FLAG_GROWTH_MINDSET;
}

void signals_penalty_criteria(struct features *f)
{
	size_t a, b;

	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight >= 0 || !c->met)
			continue;
		if (strcmp(c->criterion->id, "blame") != 0) {
			signals_penalise(f, "growth.fixed-mindset",
					 "growth-mindset", 0, 0, 0.85,
					 c->criterion->tip);
			continue;
		}
		if (!features_rule_on(f, "growth.blame"))
			continue;
		f->flags |= FLAG_BLAMES_OTHERS;
		strongest_note(f, c->criterion->id, &a, &b);
		signals_penalise(f, "growth.blame", "growth-mindset", a, b,
				 features_setting(f, "blame_factor", 0.6),
				 c->criterion->tip);
	}
}

void signals_topic(struct features *f, const struct rubric_set *set,
		   const struct cue_sums *cs, const char *category)
{
	const struct rubric *topics = rubric_set_find(set, "topics");
	double sum = 0, anti = 0;

	if (!topics || !category || rubric_criterion_index(topics,
							   category) < 0)
		return;
	for (size_t i = 0; i < f->nsentences; i++) {
		sum += cs[i].topic;
		anti += cs[i].anti_topic;
	}
	/* On topic: enough of the topic, and more of it than of the
	 * opposite story (a success told to a failure question). */
	if ((sum >= rubric_setting(topics, "on_topic_min", 1.0) &&
	     anti < sum) || !features_rule_on(f, "topic.off-topic"))
		return;
	f->flags |= FLAG_OFF_TOPIC;
	signals_penalise(f, "topic.off-topic", "question", 0, 0,
			 rubric_setting(topics, "off_topic_factor", 0.45),
			 signals_tip_of(f->star, "off-topic"));
}

/* Missing parts and growth criteria become tips, most important first. */
void signals_missing_tips(struct features *f)
{
	static const int order[SCORE_NPARTS] = {
		PART_ACTION, PART_RESULT, PART_TASK, PART_SITUATION,
		PART_REFLECTION
	};

	if (!f->part_present[PART_ACTION] && !(f->flags & FLAG_NO_EPISODE))
		signals_penalise(f, "star.no-personal-action", "action", 0, 0,
			 features_setting(f, "no_action_factor", 0.6),
			 signals_tip_of(f->star, "action"));
	for (int k = 0; k < SCORE_NPARTS; k++)
		if (!f->part_present[order[k]])
			signals_tip(f, signals_tip_of(f->star, score_part_name(order[k])));
	if (!(f->flags & FLAG_RESULT_QUANTIFIED))
		signals_tip(f, signals_tip_of(f->star, "quantified"));
	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight > 0 && !c->met)
			signals_tip(f, c->criterion->tip);
	}
}
