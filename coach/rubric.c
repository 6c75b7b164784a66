/*
 * Sets of rubrics: adding and replacing them by id, one cue index over
 * every rubric's stems so an answer is matched in one pass, and lookups.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach/cue_index.h"
#include "coach/rubric.h"

struct wb_slot {
	const char *word;	/* owned by a lexicon; NULL when empty */
	size_t hash;
	uint64_t bits;
};

struct word_bits {
	struct wb_slot *slots;
	size_t cap;		/* a power of two */
};

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void rubric_release(struct rubric *r)
{
	for (size_t i = 0; i < r->ncriteria; i++) {
		struct rubric_criterion *c = &r->criteria[i];

		for (size_t j = 0; j < c->ncues; j++) {
			free(c->cues[j].phrase);
			free_strv(c->cues[j].stems, c->cues[j].nstems);
		}
		free(c->cues);
		free(c->id);
		free(c->name);
		free(c->tip);
		free(c->followup);
	}
	for (size_t i = 0; i < r->nlexicons; i++) {
		free(r->lexicons[i].id);
		free_strv(r->lexicons[i].words, r->lexicons[i].nwords);
	}
	free(r->lexicons);
	free(r->criteria);
	if (r->bits)
		free(r->bits->slots);
	free(r->bits);
	free_strv(r->setting_keys, r->nsettings);
	free(r->setting_values);
	free(r->file);
	free(r->id);
	free(r->title);
	free(r->kind);
	free(r->hint);
	free_strv(r->example, r->nexample);
	memset(r, 0, sizeof(*r));
}

int rubric_set_init(struct rubric_set *set)
{
	memset(set, 0, sizeof(*set));
	set->stemmer = text_stemmer_new();
	return set->stemmer ? 0 : -1;
}

void rubric_set_release(struct rubric_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		rubric_release(&set->items[i]);
	free(set->items);
	cue_index_free(set->index);
	text_stemmer_free(set->stemmer);
	memset(set, 0, sizeof(*set));
}

int rubric_set_add(struct rubric_set *set, const char *file,
		   const char *json, size_t len, struct err *e)
{
	struct rubric r;
	struct rubric *items;
	size_t i;

	if (rubric_parse(&r, set->stemmer, file, json, len, e))
		return ERR_INPUT;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->items[i].id, r.id) == 0)
			break;
	if (i < set->n) {
		/* The index points into the rubric being replaced. */
		cue_index_free(set->index);
		set->index = NULL;
		rubric_release(&set->items[i]);
		set->items[i] = r;
		return 0;
	}
	items = realloc(set->items, (set->n + 1) * sizeof(*items));
	if (!items) {
		rubric_release(&r);
		return err_set(e, ERR_INPUT, "out of memory");
	}
	set->items = items;
	set->items[set->n++] = r;
	return 0;
}

static size_t hash_word(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct wb_slot *wb_find(const struct word_bits *wb, const char *w,
			       size_t h)
{
	size_t i = h & (wb->cap - 1);

	while (wb->slots[i].word && (wb->slots[i].hash != h ||
				     strcmp(wb->slots[i].word, w)))
		i = (i + 1) & (wb->cap - 1);
	return &wb->slots[i];
}

/* The word -> lexicon bits table of r, rebuilt from its lexicons. */
static int word_bits_build(struct rubric *r)
{
	struct word_bits *wb = calloc(1, sizeof(*wb));
	size_t n = 0;

	if (!wb)
		return -1;
	for (size_t i = 0; i < r->nlexicons; i++)
		n += r->lexicons[i].nwords;
	for (wb->cap = 16; wb->cap < 2 * n + 2; wb->cap *= 2)
		;
	wb->slots = calloc(wb->cap, sizeof(*wb->slots));
	if (!wb->slots) {
		free(wb);
		return -1;
	}
	for (size_t i = 0; i < r->nlexicons && i < 64; i++)
		for (size_t k = 0; k < r->lexicons[i].nwords; k++) {
			const char *w = r->lexicons[i].words[k];
			size_t h = hash_word(w);
			struct wb_slot *sl = wb_find(wb, w, h);

			sl->word = w;
			sl->hash = h;
			sl->bits |= (uint64_t)1 << i;
		}
	if (r->bits)
		free(r->bits->slots);
	free(r->bits);
	r->bits = wb;
	return 0;
}

uint64_t rubric_word_bits(const struct rubric *r, const char *word)
{
	const struct wb_slot *sl;

	if (!r || !r->bits)
		return 0;
	sl = wb_find(r->bits, word, hash_word(word));
	return sl->word ? sl->bits : 0;
}

uint64_t rubric_lexicon_bit(const struct rubric *r, const char *id)
{
	for (size_t i = 0; r && i < r->nlexicons && i < 64; i++)
		if (strcmp(r->lexicons[i].id, id) == 0)
			return (uint64_t)1 << i;
	return 0;
}

/* The negators come from the last rubric with a "negators" lexicon. */
static void set_negators(struct cue_index *ix, const struct rubric_set *set)
{
	for (size_t r = 0; r < set->n; r++) {
		const struct rubric_lexicon *lx =
			rubric_lexicon(&set->items[r], "negators");

		if (lx)
			cue_index_negators(ix, lx->words, lx->nwords);
	}
}

static int index_rubric(struct cue_index *ix, const struct rubric *rb,
			size_t r)
{
	for (size_t c = 0; c < rb->ncriteria; c++) {
		const struct rubric_criterion *cr = &rb->criteria[c];

		for (size_t k = 0; k < cr->ncues; k++)
			if (cue_index_add(ix, cr->cues[k].stems,
					  cr->cues[k].nstems, r, c, k))
				return -1;
	}
	return 0;
}

int rubric_set_compile(struct rubric_set *set)
{
	struct cue_index *ix = cue_index_new();

	if (!ix)
		return -1;
	set_negators(ix, set);
	for (size_t r = 0; r < set->n; r++)
		if (index_rubric(ix, &set->items[r], r) ||
		    word_bits_build(&set->items[r])) {
			cue_index_free(ix);
			return -1;
		}
	cue_index_free(set->index);
	set->index = ix;
	return 0;
}

long rubric_set_match(const struct rubric_set *set, const struct text *t,
		      struct rubric_hit **hits)
{
	*hits = NULL;
	if (!set->index)
		return 0;
	return cue_index_match(set->index, t, hits);
}

const struct rubric *rubric_set_find(const struct rubric_set *set,
				     const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->items[i].id, id) == 0)
			return &set->items[i];
	return NULL;
}

long rubric_criterion_index(const struct rubric *r, const char *id)
{
	for (size_t i = 0; i < r->ncriteria; i++)
		if (strcmp(r->criteria[i].id, id) == 0)
			return (long)i;
	return -1;
}

double rubric_setting(const struct rubric *r, const char *key, double def)
{
	for (size_t i = 0; r && i < r->nsettings; i++)
		if (strcmp(r->setting_keys[i], key) == 0)
			return r->setting_values[i];
	return def;
}

const struct rubric_lexicon *rubric_lexicon(const struct rubric *r,
					    const char *id)
{
	for (size_t i = 0; r && i < r->nlexicons; i++)
		if (strcmp(r->lexicons[i].id, id) == 0)
			return &r->lexicons[i];
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rubric_lexicon_has(const struct rubric_lexicon *lx, const char *word)
{
	if (!lx || !lx->nwords)
		return 0;
	return bsearch(&word, lx->words, lx->nwords, sizeof(char *),
		       cmp_str) != NULL;
}

