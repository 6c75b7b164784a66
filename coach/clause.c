/*
 * Word classes and clause shapes: tense, subject and mood of each
 * sentence, read with the star rubric's lexicons.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach/clause.h"

#define ACTION_WINDOW 3

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

static int allowed_hedge(const struct clause_lexicons *lx, const char *w)
{
	for (size_t i = 0; i < lx->nhedges_allow; i++)
		if (strcmp(lx->hedges_allow[i], w) == 0)
			return 1;
	return 0;
}

static unsigned word_class(const struct clause_lexicons *lx,
			   const struct text *t, size_t i)
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
	if ((c & TK_HEDGE) && allowed_hedge(lx, w))
		c &= ~(unsigned)TK_HEDGE;
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

unsigned *clause_classify(const struct clause_lexicons *lx,
			  const struct text *t)
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

/* What a subject does in the few words after it. */
enum subject_does { DOES_NOTHING, DOES_ACTION, DOES_OWN };

/*
 * What the subject token at i does, within a few words and before any
 * punctuation: a past-tense action, or taking a responsibility ("I owned
 * the migration"); a state ("I was", "I had") is neither.
 */
static enum subject_does subject_does(const struct text *t,
				      const unsigned *cls, size_t i,
				      size_t end)
{
	if (is_perfect(t->tokens[i].fold))
		return DOES_NOTHING;
	for (size_t k = i + 1; k < end && k <= i + ACTION_WINDOW; k++) {
		if (t->tokens[k].kind != TEXT_WORD ||
		    is_perfect(t->tokens[k].fold) ||
		    (cls[k] & (TK_I | TK_WE | TK_MODAL | TK_STATIVE)))
			return DOES_NOTHING;
		if (cls[k] & TK_OWN)
			return DOES_OWN;
		if (cls[k] & TK_PAST)
			return DOES_ACTION;
	}
	return DOES_NOTHING;
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

static void read_subject(struct sentence_info *si, const struct text *t,
			 const unsigned *cls, size_t i, size_t end)
{
	enum subject_does does = subject_does(t, cls, i, end);
	int me = (cls[i] & TK_I) != 0;

	if (does == DOES_OWN && me) {
		if (si->key[PART_TASK] < 0)
			si->key[PART_TASK] = (long)i;
		si->owns = 1;
	} else if (does == DOES_ACTION) {
		if (si->key[PART_ACTION] < 0 || (me && !si->fp_action))
			si->key[PART_ACTION] = (long)i;
		if (me)
			si->fp_action = 1;
		else
			si->we_action = 1;
	}
}

void clause_read(struct sentence_info *si, const struct text *t,
			  const unsigned *cls, const struct text_sentence *s)
{
	size_t end = s->first + s->count;

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
		if (cls[i] & (TK_I | TK_WE))
			read_subject(si, t, cls, i, end);
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

static void map_lexicon(struct clause_lexicons *lx, const char *id,
			unsigned cls)
{
	uint64_t bit = rubric_lexicon_bit(lx->star, id);

	if (bit)
		lx->to_class[__builtin_ctzll(bit)] |= cls;
}

void clause_lexicons_load(struct clause_lexicons *lx, const struct rubric *r)
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
	map_lexicon(lx, "absolutes", TK_ABSOLUTE);
	map_lexicon(lx, "responsibility", TK_OWN);
}

/* The clause from token k: up to a comma-like mark or a dozen words. */
void clause_span(const struct text *t, size_t k, size_t *a,
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

size_t clause_count(const struct text *t, const unsigned *cls,
			  unsigned mask)
{
	size_t n = 0;

	for (size_t i = 0; i < t->ntokens; i++)
		n += (cls[i] & mask) != 0;
	return n;
}

size_t clause_distinct_labels(const struct text *t, const unsigned *cls)
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
