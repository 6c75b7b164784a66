/*
 * Snowball English stems for text.c and the rubric loader, with a cache
 * of the words already stemmed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "coach/text.h"

/*
 * Stems already computed, kept across answers: most words of an answer
 * were seen before, and Snowball is the costliest step of analysis.  The
 * cache stops growing at STEM_CACHE_MAX words, so memory stays bounded
 * however many answers one stemmer reads.
 */
#define STEM_CACHE_MAX 65536
#define STEM_WORD_MAX 64

struct stem_slot {
	size_t hash;
	char *fold;		/* fold, NUL, stem, NUL in one allocation */
	const char *stem;
};

struct text_stemmer {
	struct sb_stemmer *sb;
	struct stem_slot *slots;
	size_t cap, used;	/* cap is a power of two */
};

struct text_stemmer *text_stemmer_new(void)
{
	struct text_stemmer *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->sb = sb_stemmer_new("english", "UTF_8");
	st->cap = 1024;
	st->slots = calloc(st->cap, sizeof(*st->slots));
	if (!st->sb || !st->slots) {
		text_stemmer_free(st);
		return NULL;
	}
	return st;
}

void text_stemmer_free(struct text_stemmer *st)
{
	if (!st)
		return;
	for (size_t i = 0; st->slots && i < st->cap; i++)
		free(st->slots[i].fold);
	free(st->slots);
	if (st->sb)
		sb_stemmer_delete(st->sb);
	free(st);
}

static size_t hash_len(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static struct stem_slot *cache_find(const struct text_stemmer *st,
				    const char *w, size_t n, size_t h)
{
	size_t i = h & (st->cap - 1);

	for (;;) {
		struct stem_slot *sl = &st->slots[i];

		if (!sl->fold || (sl->hash == h &&
		    strncmp(sl->fold, w, n) == 0 && sl->fold[n] == '\0'))
			return sl;
		i = (i + 1) & (st->cap - 1);
	}
}

static int cache_grow(struct text_stemmer *st)
{
	struct stem_slot *old = st->slots;
	size_t ocap = st->cap;

	st->slots = calloc(2 * ocap, sizeof(*st->slots));
	if (!st->slots) {
		st->slots = old;
		return -1;
	}
	st->cap = 2 * ocap;
	for (size_t i = 0; i < ocap; i++) {
		size_t j;

		if (!old[i].fold)
			continue;
		j = old[i].hash & (st->cap - 1);
		while (st->slots[j].fold)
			j = (j + 1) & (st->cap - 1);
		st->slots[j] = old[i];
	}
	free(old);
	return 0;
}

static void cache_put(struct text_stemmer *st, struct stem_slot *sl,
		      const char *w, size_t n, size_t h, const char *stem)
{
	size_t sn = strlen(stem);
	char *p;

	if (st->used >= STEM_CACHE_MAX || n > STEM_WORD_MAX)
		return;
	p = malloc(n + sn + 2);
	if (!p)
		return;
	memcpy(p, w, n);
	p[n] = '\0';
	memcpy(p + n + 1, stem, sn + 1);
	*sl = (struct stem_slot){ h, p, p + n + 1 };
	st->used++;
	if (2 * st->used > st->cap)
		cache_grow(st);
}

const char *text_stem(struct text_stemmer *st, const char *word, size_t len)
{
	size_t h = hash_len(word, len);
	struct stem_slot *sl = cache_find(st, word, len, h);
	const char *stem;

	if (sl->fold)
		return sl->stem;
	if (len > INT32_MAX)
		return NULL;
	stem = (const char *)sb_stemmer_stem(st->sb, (const sb_symbol *)word,
					     (int)len);
	if (stem)
		cache_put(st, sl, word, len, h, stem);
	return stem;
}

