/*
 * Word counts over all journal answers, to find the words someone leans
 * on: one hash table of lower-cased words with uses and answers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/journal_words.h"

/* Words too common in any English to say anything about a speaker. */
static const char *const jw_stop[] = {
	"a", "about", "after", "again", "all", "also", "am", "an", "and",
	"any", "are", "as", "at", "be", "because", "been", "before", "being",
	"both", "but", "by", "can", "could", "did", "didn't", "do", "does",
	"doing", "don't", "down", "during", "each", "even", "few", "for",
	"from", "get", "got", "had", "has", "have", "having", "he", "her",
	"here", "him", "his", "how", "i", "i'd", "i'm", "i've", "if", "in",
	"into", "is", "it", "it's", "its", "let", "made", "make", "me",
	"more", "most", "much", "my", "myself", "no", "not", "now", "of",
	"off", "on", "once", "one", "only", "or", "other", "our", "ours",
	"out", "over", "own", "same", "she", "should", "so", "some", "such",
	"than", "that", "that's", "the", "their", "them", "then", "there",
	"these", "they", "this", "those", "through", "to", "too", "two",
	"under", "until", "up", "us", "was", "wasn't", "we", "we'd", "we're",
	"were", "what", "when", "where", "which", "while", "who", "why",
	"will", "with", "would", "you", "your",
};

/* Fillers and hedges, one word or two. */
static const char *const jw_fillers[] = {
	"actually", "basically", "honestly", "just", "kind of", "literally",
	"maybe", "obviously", "probably", "pretty", "quite", "really",
	"somewhat", "sort of", "stuff", "i guess", "i think", "you know",
	"very",
};

#define JW_NFILLERS (sizeof(jw_fillers) / sizeof(*jw_fillers))

struct jw_slot {
	char *word;
	uint32_t hash;
	size_t count, answers, last;
};

struct jw_table {
	struct jw_slot *slots;
	size_t cap, used;
	size_t bigrams[JW_NFILLERS], bigram_answers[JW_NFILLERS];
	size_t bigram_last[JW_NFILLERS];
};

static uint32_t jw_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int jw_rehash(struct jw_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 4096, i, j;
	struct jw_slot *s = calloc(cap, sizeof(*s));

	if (!s)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (!t->slots[i].word)
			continue;
		j = t->slots[i].hash & (cap - 1);
		while (s[j].word)
			j = (j + 1) & (cap - 1);
		s[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = s;
	t->cap = cap;
	return 0;
}

/* Counts one use of word in answer number answer (from 1). */
static int jw_count(struct jw_table *t, const char *word, size_t n,
		    size_t answer)
{
	uint32_t h = jw_hash(word, n);
	size_t j;

	if (2 * (t->used + 1) > t->cap && jw_rehash(t) != 0)
		return -1;
	j = h & (t->cap - 1);
	while (t->slots[j].word && (t->slots[j].hash != h ||
				    strcmp(t->slots[j].word, word) != 0))
		j = (j + 1) & (t->cap - 1);
	if (!t->slots[j].word) {
		t->slots[j].word = malloc(n + 1);
		if (!t->slots[j].word)
			return -1;
		memcpy(t->slots[j].word, word, n + 1);
		t->slots[j].hash = h;
		t->used++;
	}
	t->slots[j].count++;
	if (t->slots[j].last != answer) {
		t->slots[j].last = answer;
		t->slots[j].answers++;
	}
	return 0;
}

/* Counts the two-word fillers that prev and word make. */
static void jw_bigram(struct jw_table *t, const char *prev, const char *word,
		      size_t answer)
{
	size_t i, k = strlen(prev);

	for (i = 0; i < JW_NFILLERS; i++) {
		const char *f = jw_fillers[i];

		if (f[k] != ' ' || strncmp(f, prev, k) != 0 ||
		    strcmp(f + k + 1, word) != 0)
			continue;
		t->bigrams[i]++;
		if (t->bigram_last[i] != answer) {
			t->bigram_last[i] = answer;
			t->bigram_answers[i]++;
		}
	}
}

static int jw_answer(struct jw_table *t, const char *text, size_t answer,
		     size_t *words)
{
	char word[32], prev[32] = "";
	size_t n;

	while ((n = journal_word_next(&text, word, sizeof(word)))) {
		(*words)++;
		if (jw_count(t, word, n, answer) != 0)
			return -1;
		if (n <= 5 && prev[0] && strlen(prev) <= 4)
			jw_bigram(t, prev, word, answer);
		memcpy(prev, word, n + 1);
	}
	return 0;
}

static int jw_listed(const char *const *list, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], w) == 0)
			return 1;
	return 0;
}

int journal_stopword(const char *word)
{
	return jw_listed(jw_stop, sizeof(jw_stop) / sizeof(*jw_stop), word);
}

/* Keeps the JOURNAL_STATS_LEANS highest rates in list, most first. */
static void jw_offer(struct journal_lean *list, size_t *n,
		     const char *word, size_t count, size_t answers,
		     double per_1000)
{
	size_t at = *n;

	while (at > 0 && list[at - 1].per_1000 < per_1000)
		at--;
	if (at >= JOURNAL_STATS_LEANS)
		return;
	if (*n < JOURNAL_STATS_LEANS)
		(*n)++;
	memmove(&list[at + 1], &list[at], (*n - at - 1) * sizeof(*list));
	snprintf(list[at].word, sizeof(list[at].word), "%s", word);
	list[at].count = count;
	list[at].answers = answers;
	list[at].per_1000 = per_1000;
}

/* Whether a word says something about the speaker's habits. */
static int jw_content(const char *w)
{
	return strlen(w) > 2 && !(w[0] >= '0' && w[0] <= '9') &&
	       !journal_stopword(w) &&
	       !jw_listed(jw_fillers, JW_NFILLERS, w);
}

static void jw_pick(const struct jw_table *t, size_t answers,
		    struct journal_stats *s)
{
	size_t i, need = answers / 3 > 3 ? answers / 3 : 3;
	const struct jw_slot *sl;
	double rate;

	for (i = 0; i < t->cap; i++) {
		sl = &t->slots[i];
		if (!sl->word)
			continue;
		rate = 1000.0 * (double)sl->count / (double)s->words;
		if (jw_listed(jw_fillers, JW_NFILLERS, sl->word) &&
		    rate > JOURNAL_FILLER_ALLOWANCE)
			jw_offer(s->fillers, &s->nfillers, sl->word,
				 sl->count, sl->answers, rate);
		else if (rate >= JOURNAL_LEAN_RATE && sl->answers >= need &&
			 jw_content(sl->word))
			jw_offer(s->leans, &s->nleans, sl->word, sl->count,
				 sl->answers, rate);
	}
	for (i = 0; i < JW_NFILLERS; i++) {
		rate = 1000.0 * (double)t->bigrams[i] / (double)s->words;
		if (t->bigrams[i] && rate > JOURNAL_FILLER_ALLOWANCE)
			jw_offer(s->fillers, &s->nfillers, jw_fillers[i],
				 t->bigrams[i], t->bigram_answers[i], rate);
	}
}

int journal_words_lean(const cJSON **attempts, size_t n,
		       struct journal_stats *s)
{
	struct jw_table t;
	const char *answer;
	size_t i;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < n && rc == 0; i++) {
		answer = journal_str(attempts[i], "answer");
		if (answer)
			rc = jw_answer(&t, answer, i + 1, &s->words);
	}
	if (rc == 0 && s->words > 0)
		jw_pick(&t, n, s);
	for (i = 0; i < t.cap; i++)
		free(t.slots[i].word);
	free(t.slots);
	return rc;
}
