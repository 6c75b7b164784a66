/*
 * Reading the shape of a story: tense, who acts, cues per sentence, and
 * the answer-wide signals (hypothetical, habits, stuffing, blame, "we",
 * off-topic, length) that the scorer turns into points and penalties.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach/features.h"

#define ACTION_WINDOW 3

/* Token classes, from the star rubric's lexicons. */
enum {
	TK_I = 1 << 0,		/* "i", "i've", "i'd" as a subject */
	TK_WE = 1 << 1,		/* "we", "we've" */
	TK_PAST = 1 << 2,	/* a past-tense verb */
	TK_STATIVE = 1 << 3,	/* "was", "had", "felt": not an action */
	TK_NUMBER = 1 << 4,
	TK_HEDGE = 1 << 5,
	TK_MODAL = 1 << 6,	/* "would", "will", "'ll" */
	TK_HABIT = 1 << 7,	/* "always", "usually" */
	TK_LABEL = 1 << 8,	/* "situation", "task", ... */
	TK_NAME = 1 << 9,	/* a capitalised word inside a sentence */
	TK_TECH = 1 << 10,	/* "ledger_entries", "p99", "pg_stat" */
	TK_ADVERB = 1 << 11,	/* "also", "then": may stand between I and verb */
	TK_OPENER = 1 << 12,	/* "at", "during": a sentence that sets a scene */
	TK_EFFORT = 1 << 13	/* "took", "spent": numbers measure effort */
};

/* The positive STAR criteria, by id, in score_part_id order. */
static const char *const part_ids[SCORE_NPARTS] = {
	"situation", "task", "action", "result", "reflection"
};

/* The star rubric's lexicons as bits of rubric_word_bits. */
struct lexicons {
	const struct rubric *star;
	uint64_t past, not_past;
	uint64_t to_class[64];	/* lexicon bit -> TK_ class */
};

static const struct rubric_criterion *star_criterion(const struct rubric *r,
						     const char *id)
{
	long i = rubric_criterion_index(r, id);

	return i < 0 ? NULL : &r->criteria[i];
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_tech(const char *src, const struct text_token *tk)
{
	int digit = 0, alpha = 0;

	for (size_t i = tk->start; i < tk->end; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c == '_')
			return 1;
		digit |= isdigit(c) != 0;
		alpha |= isalpha(c) != 0;
	}
	return digit && alpha;
}

static unsigned word_class(const struct lexicons *lx, const struct text *t,
			   size_t i)
{
	const struct text_token *tk = &t->tokens[i];
	const char *w = tk->fold;
	uint64_t bits = rubric_word_bits(lx->star, w);
	unsigned c = 0;

	for (uint64_t b = bits; b; b &= b - 1)
		c |= (unsigned)lx->to_class[__builtin_ctzll(b)];
	if ((bits & lx->past) || (!(bits & lx->not_past) &&
				  strlen(w) >= 4 && ends_with(w, "ed")))
		c |= TK_PAST;
	if (is_tech(t->src, tk))
		c |= TK_TECH;
	return c;
}

/* A capitalised word that does not open its sentence or follow ':'. */
static int is_name(const struct text *t, size_t i, unsigned cls)
{
	const struct text_token *tk = &t->tokens[i];
	const struct text_sentence *s = &t->sentences[tk->sentence];
	const struct text_token *prev = i ? &t->tokens[i - 1] : NULL;

	if (cls & (TK_I | TK_LABEL) || i == s->first)
		return 0;
	if (prev && prev->kind == TEXT_PUNCT && t->src[prev->start] != ','
	    && t->src[prev->start] != '(')
		return 0;
	return isupper((unsigned char)t->src[tk->start]) != 0;
}

static unsigned *classify(const struct lexicons *lx, const struct text *t)
{
	unsigned *cls = calloc(t->ntokens + 1, sizeof(*cls));

	if (!cls)
		return NULL;
	for (size_t i = 0; i < t->ntokens; i++) {
		const struct text_token *tk = &t->tokens[i];

		if (tk->kind == TEXT_NUMBER) {
			cls[i] = TK_NUMBER;
			continue;
		}
		if (tk->kind != TEXT_WORD)
			continue;
		cls[i] = word_class(lx, t, i);
		if (is_name(t, i, cls[i]))
			cls[i] |= TK_NAME;
	}
	return cls;
}

/* "I've done", "we have seen": experience, not a told episode. */
static int is_perfect(const char *w)
{
	return strcmp(w, "have") == 0 || strcmp(w, "has") == 0 ||
	       ends_with(w, "'ve");
}

/*
 * Whether a subject token at i is followed, within a few words and before
 * any punctuation, by a past-tense verb that is an action.
 */
static int subject_acts(const struct text *t, const unsigned *cls,
			size_t i, size_t end, int *stative)
{
	if (is_perfect(t->tokens[i].fold))
		return 0;
	for (size_t k = i + 1; k < end && k <= i + ACTION_WINDOW; k++) {
		if (t->tokens[k].kind != TEXT_WORD)
			return 0;
		if (is_perfect(t->tokens[k].fold))
			return 0;
		if (cls[k] & (TK_I | TK_WE | TK_MODAL))
			return 0;
		if (cls[k] & TK_STATIVE) {
			*stative = 1;
			return 0;
		}
		if (cls[k] & TK_PAST)
			return 1;
	}
	return 0;
}

/*
 * A first-person modal at subject i: "I would", "I will", "I'll", "I'd"
 * before a plain verb ("I'd had" is past), with at most one adverb
 * between ("I would first").
 */
static int modal_at(const struct text *t, const unsigned *cls, size_t i,
		    size_t end)
{
	const char *w = t->tokens[i].fold;

	if (strcmp(w, "i'd") == 0 || strcmp(w, "i'll") == 0)
		return i + 1 >= end || !(cls[i + 1] & TK_PAST);
	if (strcmp(w, "i") != 0)
		return 0;
	for (size_t k = i + 1; k < end && k <= i + 2; k++) {
		if (t->tokens[k].kind != TEXT_WORD)
			return 0;
		if (cls[k] & TK_MODAL)
			return 1;
	}
	return 0;
}

/*
 * "I was building", "I was at Acme, testing...": an ongoing activity of
 * mine, which tells what I was responsible for at the time.
 */
static int progressive_at(const struct text *t, size_t i, size_t end)
{
	if (i + 2 >= end || strcmp(t->tokens[i].fold, "i") != 0 ||
	    strcmp(t->tokens[i + 1].fold, "was") != 0)
		return 0;
	for (size_t k = i + 2; k < end && k <= i + 9; k++) {
		const char *w = t->tokens[k].fold;

		if (t->tokens[k].kind == TEXT_WORD && strlen(w) > 4 &&
		    ends_with(w, "ing"))
			return 1;
	}
	return 0;
}

/* "I've applied", "I have used": a first-person present perfect. */
static int perfect_at(const struct text *t, const unsigned *cls, size_t i,
		      size_t end)
{
	size_t k = i + 1;

	if (!ends_with(t->tokens[i].fold, "'ve")) {
		if (k >= end || strcmp(t->tokens[k].fold, "have"))
			return 0;
		k++;
	}
	for (; k < end && k <= i + ACTION_WINDOW; k++)
		if (cls[k] & TK_PAST)
			return 1;
	return 0;
}

/*
 * "I think", "I go", "I'm": the first person in the present tense, which
 * tells habits and beliefs rather than an episode.
 */
static int present_at(const struct text *t, const unsigned *cls, size_t i,
		      size_t end)
{
	size_t k = i + 1;

	if (strcmp(t->tokens[i].fold, "i'm") == 0)
		return 1;
	if (strcmp(t->tokens[i].fold, "i") != 0)
		return 0;
	while (k < end && (cls[k] & TK_ADVERB) && k < i + 3)
		k++;
	if (k >= end || t->tokens[k].kind != TEXT_WORD)
		return 0;
	if (cls[k] & (TK_PAST | TK_STATIVE | TK_MODAL | TK_I | TK_WE))
		return 0;
	return !is_perfect(t->tokens[k].fold);
}

static void read_sentence(struct sentence_info *si, const struct text *t,
			  const unsigned *cls, const struct text_sentence *s)
{
	size_t end = s->first + s->count;
	int stative = 0;

	si->opener = s->count > 0 && t->tokens[s->first].kind == TEXT_WORD &&
		     (cls[s->first] & TK_OPENER);
	si->ev_start = s->start;
	si->ev_end = s->end;
	for (int p = 0; p < SCORE_NPARTS; p++)
		si->key[p] = -1;
	for (size_t i = s->first; i < end; i++) {
		const struct text_token *tk = &t->tokens[i];

		if (tk->kind != TEXT_PUNCT)
			si->words++;
		si->past |= (cls[i] & TK_PAST) != 0;
		si->numbers += (cls[i] & TK_NUMBER) != 0;
		if ((cls[i] & TK_I) && modal_at(t, cls, i, end))
			si->modal = 1;
		if ((cls[i] & TK_I) && subject_acts(t, cls, i, end, &stative)) {
			if (!si->fp_action)
				si->key[PART_ACTION] = (long)i;
			si->fp_action = 1;
		}
		if ((cls[i] & TK_WE) && subject_acts(t, cls, i, end, &stative)) {
			if (si->key[PART_ACTION] < 0)
				si->key[PART_ACTION] = (long)i;
			si->we_action = 1;
		}
		if (cls[i] & TK_HABIT)
			si->habit = 1;
		si->names += (cls[i] & TK_NAME) != 0;
		si->effort |= (cls[i] & TK_EFFORT) != 0;
		if ((cls[i] & TK_I) && progressive_at(t, i, end))
			si->progressive = 1;
		if ((cls[i] & TK_I) && perfect_at(t, cls, i, end))
			si->fp_perfect = 1;
		if ((cls[i] & TK_I) && present_at(t, cls, i, end))
			si->fp_present = 1;
		if ((cls[i] & TK_I) && i + 1 < end && (cls[i + 1] & TK_HABIT))
			si->fp_habit = 1;
	}
	if (si->past && !si->fp_habit)
		si->habit = 0;
	if (si->fp_action)
		si->fp_present = 0;
	if (si->modal)
		si->fp_action = si->we_action = 0;
}

static int push_note(struct features *f, const char *rubric,
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

static void penalise(struct features *f, const char *rule,
		     const char *target, size_t start, size_t end,
		     double factor, const char *tip)
{
	struct penalty *p;

	if (f->npenalties >= FEATURES_MAX_PENALTIES)
		return;
	p = &f->penalties[f->npenalties++];
	p->rule = rule;
	p->target = target;
	p->start = start;
	p->end = end;
	p->factor = factor;
	p->tip = tip;
}

static void add_tip(struct features *f, const char *tip)
{
	if (tip && f->ntips < FEATURES_MAX_TIPS)
		f->tips[f->ntips++] = tip;
}

static const char *tip_of(const struct rubric *r, const char *id)
{
	const struct rubric_criterion *c = star_criterion(r, id);

	return c ? c->tip : NULL;
}

static void map_lexicon(struct lexicons *lx, const char *id, unsigned cls)
{
	uint64_t bit = rubric_lexicon_bit(lx->star, id);

	if (bit)
		lx->to_class[__builtin_ctzll(bit)] |= cls;
}

static void load_lexicons(struct lexicons *lx, const struct rubric *r)
{
	memset(lx, 0, sizeof(*lx));
	lx->star = r;
	lx->past = rubric_lexicon_bit(r, "past_irregular");
	lx->not_past = rubric_lexicon_bit(r, "not_past");
	map_lexicon(lx, "stative", TK_STATIVE);
	map_lexicon(lx, "first_person", TK_I);
	map_lexicon(lx, "we", TK_WE);
	map_lexicon(lx, "modal", TK_MODAL);
	map_lexicon(lx, "habit", TK_HABIT);
	map_lexicon(lx, "hedges", TK_HEDGE);
	map_lexicon(lx, "number_words", TK_NUMBER);
	map_lexicon(lx, "star_labels", TK_LABEL);
	map_lexicon(lx, "adverbs", TK_ADVERB);
	map_lexicon(lx, "openers", TK_OPENER);
	map_lexicon(lx, "effort", TK_EFFORT);
}

/* Which rubrics' criteria are listed in the report, and which apply. */
static int wanted_rubric(const struct rubric *r,
			 const struct score_question *q, int *extra)
{
	*extra = 0;
	if (strcmp(r->id, "growth-mindset") == 0)
		return !(q && q->concepts);
	for (size_t i = 0; q && i < q->nrubrics; i++)
		if (strcmp(q->rubrics[i], r->id) == 0) {
			*extra = 1;
			return 1;
		}
	return 0;
}

static int init_criteria(struct features *f, const struct rubric_set *set,
			 const struct score_question *q)
{
	size_t n = 0;
	int extra;

	for (size_t r = 0; r < set->n; r++)
		if (wanted_rubric(&set->items[r], q, &extra))
			n += set->items[r].ncriteria;
	f->criteria = calloc(n ? n : 1, sizeof(*f->criteria));
	if (!f->criteria)
		return -1;
	for (size_t r = 0; r < set->n; r++) {
		const struct rubric *rb = &set->items[r];

		if (!wanted_rubric(rb, q, &extra))
			continue;
		for (size_t c = 0; c < rb->ncriteria; c++) {
			struct criterion_info *ci =
				&f->criteria[f->ncriteria++];

			ci->rubric = rb;
			ci->criterion = &rb->criteria[c];
			ci->extra = extra;
		}
	}
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

struct cue_sums {
	double part[SCORE_NPARTS];
	double blame, topic;
};

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
		if (rb == topics && category && strcmp(c->id, category) == 0)
			cs->topic += w;
		ci = find_info(f, c);
		if (!ci || !applied_is_concrete(f, rb, c, s))
			continue;
		/* Overlapping cues ("was a mess", "a mess") count once. */
		if (h->first < ci->end)
			continue;
		ci->end = h->first + h->count;
		if (c->weight < 0)
			cs->blame += w;
		ci->raw += w;
		hit_span(t, h, &a, &b);
		if (push_note(f, rb->id, c->cues[h->cue].phrase, c->id, a, b,
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
		if (i == 0 && s->past && !s->fp_action)
			ps[PART_SITUATION] += 0.3;
		if (i < 2 && s->opener && (s->past || s->names))
			ps[PART_SITUATION] += 1.0;
		if (s->modal || s->habit)
			for (int p = 0; p < SCORE_NPARTS; p++)
				ps[p] *= 0.3;
		s->role = argmax_role(ps);
		s->blame = (int)(cs[i].blame + 0.5);
	}
}

/* The clause from token k: up to a comma-like mark or a dozen words. */
static void clause_span(const struct text *t, size_t k, size_t *a,
			size_t *b)
{
	const struct text_sentence *s = &t->sentences[t->tokens[k].sentence];
	size_t end = s->first + s->count, words = 0, last = k;

	*a = t->tokens[k].start;
	for (size_t i = k; i < end && words < 14; i++) {
		const struct text_token *tk = &t->tokens[i];

		if (tk->kind == TEXT_PUNCT && words >= 4 &&
		    strchr(",;:()", t->src[tk->start]))
			break;
		if (tk->kind == TEXT_PUNCT && (unsigned char)t->src[tk->start]
		    == 0xE2 && words >= 4)
			break;
		if (tk->kind != TEXT_PUNCT) {
			words++;
			last = i;
		}
	}
	*b = t->tokens[last].end;
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
		const struct rubric_criterion *c =
			star_criterion(f->star, part_ids[p]);

		f->part_weight[p] = c ? c->weight : 1.0;
		f->part_target[p] = rubric_setting(f->star, target_keys[p],
						   2.0);
	}
	f->wpm = rubric_setting(f->star, "words_per_minute", 145);
}

static size_t count_class(const struct text *t, const unsigned *cls,
			  unsigned mask)
{
	size_t n = 0;

	for (size_t i = 0; i < t->ntokens; i++)
		n += (cls[i] & mask) != 0;
	return n;
}

static size_t distinct_labels(const struct text *t, const unsigned *cls)
{
	const char *seen[8];
	size_t n = 0;

	for (size_t i = 0; i < t->ntokens && n < 8; i++) {
		size_t k;

		if (!(cls[i] & TK_LABEL))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(seen[k], t->tokens[i].fold) == 0)
				break;
		if (k == n)
			seen[n++] = t->tokens[i].fold;
	}
	return n;
}

struct episode {
	size_t past, fp_action, we_action, modal, habit, present;
	size_t first_span_start, first_span_end;
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

/* The span of the first sentence with flag set by pick, for evidence. */
static void first_span(const struct features *f, int which, size_t *a,
		       size_t *b)
{
	*a = *b = 0;
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];
		int hit = which == 0 ? s->modal : which == 1 ? s->habit :
			  which == 2 ? s->we_action && !s->fp_action :
			  s->blame > 0;

		if (hit) {
			*a = s->ev_start;
			*b = s->ev_end;
			return;
		}
	}
}

static void clear_parts(struct features *f)
{
	for (int p = 0; p < SCORE_NPARTS; p++) {
		f->part_present[p] = 0;
		f->part_total[p] = 0;
	}
}

/* No specific episode: hypotheticals, habits, labels or values talk. */
static int judge_episode(struct features *f, const struct text *t,
			 const unsigned *cls)
{
	struct episode ep;
	size_t n = f->nsentences ? f->nsentences : 1;
	size_t a, b, specifics;
	const struct rubric *r = f->star;

	count_episode(f, &ep);
	specifics = count_class(t, cls, TK_NAME | TK_NUMBER | TK_TECH);
	if (ep.modal >= 1 && ep.modal * 10 >= n * 4 &&
	    ep.fp_action <= (n >= 5 ? 1u : 0u)) {
		f->flags |= FLAG_HYPOTHETICAL | FLAG_NO_EPISODE;
		first_span(f, 0, &a, &b);
		penalise(f, "star.hypothetical", "episode", a, b,
			 rubric_setting(r, "hypothetical_factor", 0.35),
			 tip_of(r, "hypothetical"));
	} else if (ep.habit >= 2 && ep.fp_action + ep.we_action <= 1) {
		f->flags |= FLAG_HABITUAL | FLAG_NO_EPISODE;
		first_span(f, 1, &a, &b);
		penalise(f, "star.habitual", "episode", a, b,
			 rubric_setting(r, "habitual_factor", 0.4),
			 tip_of(r, "habitual"));
	} else if (distinct_labels(t, cls) >= 3 &&
		   specifics * 100 < f->words *
		   rubric_setting(r, "stuffing_specifics_per_100", 2.0)) {
		f->flags |= FLAG_KEYWORD_STUFFING | FLAG_NO_EPISODE;
		penalise(f, "star.keyword-stuffing", "episode", 0, 0,
			 rubric_setting(r, "stuffing_factor", 0.35),
			 tip_of(r, "keyword-stuffing"));
	} else if (ep.present >= 3 && ep.present > 2 * ep.fp_action +
		   ep.we_action && ep.habit >= 1) {
		f->flags |= FLAG_HABITUAL | FLAG_NO_EPISODE;
		first_span(f, 1, &a, &b);
		penalise(f, "star.habitual", "episode", a, b,
			 rubric_setting(r, "habitual_factor", 0.4),
			 tip_of(r, "habitual"));
	} else if (ep.past < 2 || (ep.present >= 3 && ep.present > 2 *
		   ep.fp_action + ep.we_action)) {
		f->flags |= FLAG_NO_EPISODE;
		penalise(f, "star.no-episode", "episode", 0, 0,
			 rubric_setting(r, "no_episode_factor", 0.4),
			 tip_of(r, "no-episode"));
	}
	return (f->flags & FLAG_NO_EPISODE) != 0;
}

/* A ramble: most words on background, few on the candidate's steps. */
static void judge_background(struct features *f)
{
	double words = f->words ? (double)f->words : 1;
	double bg = (double)f->part_words[PART_SITUATION] / words;
	double act = (double)f->part_words[PART_ACTION] / words;

	if (bg <= rubric_setting(f->star, "background_share_max", 0.5) ||
	    act >= 0.2)
		return;
	f->flags |= FLAG_ALL_BACKGROUND;
	penalise(f, "star.all-background", "situation", 0, 0,
		 rubric_setting(f->star, "background_factor", 0.75),
		 tip_of(f->star, "all-background"));
}

static void judge_we(struct features *f)
{
	struct episode ep;
	size_t a, b;
	double share = rubric_setting(f->star, "we_share_max", 0.6);

	count_episode(f, &ep);
	if (ep.we_action < 2)
		return;
	if ((double)ep.we_action <= share * (double)(ep.we_action +
						      ep.fp_action))
		return;
	f->flags |= FLAG_MOSTLY_WE;
	first_span(f, 2, &a, &b);
	penalise(f, "star.mostly-we", "action", a, b,
		 rubric_setting(f->star, "mostly_we_factor", 0.8),
		 tip_of(f->star, "mostly-we"));
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

static int judge_quantified(struct features *f, const struct text *t,
			    const unsigned *cls)
{
	for (size_t i = 0; i < f->nsentences; i++) {
		const struct sentence_info *s = &f->sentences[i];
		long k;

		if (!s->numbers || !tells_outcome(f, i))
			continue;
		k = result_number(s, &t->sentences[i], cls);
		if (k < 0)
			continue;
		f->flags |= FLAG_RESULT_QUANTIFIED;
		return push_note(f, NULL, "star.result.quantified", "result",
				 t->tokens[k].start, t->tokens[k].end, 1.0);
	}
	return 0;
}

static void judge_length(struct features *f)
{
	double lo = rubric_setting(f->star, "words_min", 120);
	double hi = rubric_setting(f->star, "words_max", 450);
	double w = (double)f->words;

	f->length_factor = 1.0;
	if (w < lo) {
		f->length_factor = 0.55 + 0.45 * w / lo;
		if (w < lo * 0.6) {
			f->flags |= FLAG_TOO_SHORT;
			add_tip(f, tip_of(f->star, "too-short"));
		}
	} else if (w > hi) {
		f->length_factor = w > 2 * hi ? 0.8 : 1.0 - 0.2 * (w - hi) /
				   hi;
		f->flags |= FLAG_TOO_LONG;
		add_tip(f, tip_of(f->star, "too-long"));
	}
}

static void judge_specificity(struct features *f, const struct text *t,
			      const unsigned *cls)
{
	size_t n = count_class(t, cls, TK_NAME | TK_NUMBER | TK_TECH);
	double per100 = f->words ? 100.0 * (double)n / (double)f->words : 0;

	f->specificity = per100 / rubric_setting(f->star,
						 "specifics_per_100", 6.0);
	if (f->specificity > 1)
		f->specificity = 1;
	f->hedges = count_class(t, cls, TK_HEDGE);
	if (f->words && (double)f->hedges * 100.0 / (double)f->words >
	    rubric_setting(f->star, "hedges_per_100_max", 3.0)) {
		f->flags |= FLAG_HEDGING;
		add_tip(f, tip_of(f->star, "hedging"));
	}
}

/* Growth and competency criteria: scores from cue sums, then rules. */
static void judge_criteria(struct features *f, const struct rubric_set *set)
{
	const struct rubric *g = rubric_set_find(set, "growth-mindset");
	double blame_min = rubric_setting(g, "blame_min", 1.5);
	const struct criterion_info *lesson = NULL, *applied = NULL;

	for (size_t i = 0; i < f->ncriteria; i++) {
		struct criterion_info *c = &f->criteria[i];
		double need = rubric_setting(c->rubric, "met_at", 1.0);

		if (c->criterion->weight < 0)
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

static void judge_penalty_criteria(struct features *f)
{
	size_t a, b;

	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight >= 0 || !c->met)
			continue;
		if (strcmp(c->criterion->id, "blame") == 0) {
			f->flags |= FLAG_BLAMES_OTHERS;
			first_span(f, 3, &a, &b);
			penalise(f, "growth.blame", "growth-mindset", a, b,
				 rubric_setting(f->star, "blame_factor", 0.6),
				 c->criterion->tip);
		} else {
			penalise(f, "growth.fixed-mindset", "growth-mindset",
				 0, 0, 0.85, c->criterion->tip);
		}
	}
}

static void judge_topic(struct features *f, const struct rubric_set *set,
			const struct cue_sums *cs, const char *category)
{
	const struct rubric *topics = rubric_set_find(set, "topics");
	double sum = 0;

	if (!topics || !category || rubric_criterion_index(topics,
							   category) < 0)
		return;
	for (size_t i = 0; i < f->nsentences; i++)
		sum += cs[i].topic;
	if (sum >= rubric_setting(topics, "on_topic_min", 1.0))
		return;
	f->flags |= FLAG_OFF_TOPIC;
	penalise(f, "topic.off-topic", "question", 0, 0,
		 rubric_setting(topics, "off_topic_factor", 0.45),
		 tip_of(f->star, "off-topic"));
}

/* Missing parts and growth criteria become tips, most important first. */
static void missing_tips(struct features *f)
{
	static const int order[SCORE_NPARTS] = {
		PART_ACTION, PART_RESULT, PART_TASK, PART_SITUATION,
		PART_REFLECTION
	};

	if (!f->part_present[PART_ACTION] && !(f->flags & FLAG_NO_EPISODE))
		penalise(f, "star.no-personal-action", "action", 0, 0,
			 rubric_setting(f->star, "no_action_factor", 0.6),
			 tip_of(f->star, "action"));
	for (int k = 0; k < SCORE_NPARTS; k++)
		if (!f->part_present[order[k]])
			add_tip(f, tip_of(f->star, part_ids[order[k]]));
	if (!(f->flags & FLAG_RESULT_QUANTIFIED))
		add_tip(f, tip_of(f->star, "quantified"));
	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight > 0 && !c->met)
			add_tip(f, c->criterion->tip);
	}
}

/*
 * A technical explanation is judged on the concepts it covers, not on
 * STAR: no episode is expected, and "I would use a B-tree" is fine.
 */
static int read_explanation(struct features *f, const struct rubric_set *set,
			    const struct text *t, const unsigned *cls)
{
	judge_criteria(f, set);
	for (size_t i = 0; i < f->ncriteria; i++) {
		const struct criterion_info *c = &f->criteria[i];

		if (c->criterion->weight > 0 && !c->met)
			add_tip(f, c->criterion->tip);
	}
	judge_length(f);
	judge_specificity(f, t, cls);
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
		read_sentence(&f->sentences[i], t, cls, &t->sentences[i]);
	rc = apply_hits(f, set, t, hits, (size_t)nhits, category, cs);
	free(hits);
	if (rc)
		return -1;
	if (f->concepts)
		return read_explanation(f, set, t, cls);
	score_sentences(f, cs);
	role_spans(f, t);
	sum_parts(f);
	if (judge_episode(f, t, cls)) {
		clear_parts(f);
	} else {
		judge_we(f);
		judge_background(f);
	}
	judge_criteria(f, set);
	judge_penalty_criteria(f);
	if (!(f->flags & FLAG_NO_EPISODE))
		judge_topic(f, set, cs, category);
	judge_length(f);
	judge_specificity(f, t, cls);
	if (judge_quantified(f, t, cls))
		return -1;
	missing_tips(f);
	return 0;
}

int features_extract(struct features *f, const struct rubric_set *set,
		     const struct text *t, const struct score_question *q)
{
	struct lexicons lx;
	unsigned *cls = NULL;
	struct cue_sums *cs = NULL;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	f->star = rubric_set_find(set, "star");
	if (!f->star)
		return -1;
	load_lexicons(&lx, f->star);
	set_part_settings(f);
	f->concepts = q && q->concepts;
	f->words = t->nwords;
	f->nsentences = t->nsentences;
	f->sentences = calloc(t->nsentences + 1, sizeof(*f->sentences));
	cs = calloc(t->nsentences + 1, sizeof(*cs));
	cls = classify(&lx, t);
	if (f->sentences && cs && cls && init_criteria(f, set, q) == 0)
		rc = read_answer(f, set, t, q, cls, cs);
	free(cls);
	free(cs);
	return rc;
}

void features_release(struct features *f)
{
	free(f->sentences);
	free(f->criteria);
	free(f->notes);
	memset(f, 0, sizeof(*f));
}
