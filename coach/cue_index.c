/*
 * The cue trie: nodes for stem sequences, edges (node, stem) -> node in
 * one open-addressing table, and at each node the cues that end there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coach/cue_index.h"

#define NEGATION_WINDOW 3
#define ROOT 0

struct cue_ref {
	size_t rubric, criterion, cue;
};

struct node {
	struct cue_ref *refs;
	size_t n, cap;
};

struct edge {
	size_t hash;		/* of (from, stem); 0 when the slot is empty */
	const char *stem;
	size_t from, to;
};

struct cue_index {
	struct node *nodes;
	size_t nnodes, node_cap;
	struct edge *edges;
	size_t nedges, edge_cap;	/* edge_cap is a power of two */
	char *const *negators;
	size_t nnegators;
	int exact;		/* some cue has an "=word" */
};

struct cue_index *cue_index_new(void)
{
	struct cue_index *ix = calloc(1, sizeof(*ix));

	if (!ix)
		return NULL;
	ix->node_cap = 256;
	ix->edge_cap = 512;
	ix->nodes = calloc(ix->node_cap, sizeof(*ix->nodes));
	ix->edges = calloc(ix->edge_cap, sizeof(*ix->edges));
	if (!ix->nodes || !ix->edges) {
		cue_index_free(ix);
		return NULL;
	}
	ix->nnodes = 1;
	return ix;
}

void cue_index_free(struct cue_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; ix->nodes && i < ix->nnodes; i++)
		free(ix->nodes[i].refs);
	free(ix->nodes);
	free(ix->edges);
	free(ix);
}

static size_t hash_stem(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The hash of "=" followed by s, without building that string. */
static size_t hash_exact(const char *s)
{
	size_t h = (1469598103934665603u ^ (unsigned char)'=') *
		   1099511628211u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Whether an edge's key is stem, or "=" + word when exact is set. */
static int same_key(const char *key, const char *word, int exact)
{
	if (exact)
		return key[0] == '=' && strcmp(key + 1, word) == 0;
	return strcmp(key, word) == 0;
}

static size_t edge_hash(size_t stem_hash, size_t from)
{
	size_t h = stem_hash ^ (from * 0x9E3779B97F4A7C15u);

	return h ? h : 1;
}

/*
 * The edge slot for (from, key): the one that holds it, or an empty one.
 * With exact set, the key is "=" followed by word.
 */
static struct edge *edge_slot(const struct cue_index *ix, size_t h,
			      size_t from, const char *word, int exact)
{
	size_t i = h & (ix->edge_cap - 1);

	for (;;) {
		struct edge *e = &ix->edges[i];

		if (!e->hash || (e->hash == h && e->from == from &&
				 same_key(e->stem, word, exact)))
			return e;
		i = (i + 1) & (ix->edge_cap - 1);
	}
}

static int grow_edges(struct cue_index *ix)
{
	struct edge *old = ix->edges;
	size_t ocap = ix->edge_cap;

	ix->edges = calloc(2 * ocap, sizeof(*ix->edges));
	if (!ix->edges) {
		ix->edges = old;
		return -1;
	}
	ix->edge_cap = 2 * ocap;
	for (size_t i = 0; i < ocap; i++) {
		size_t j;

		if (!old[i].hash)
			continue;
		j = old[i].hash & (ix->edge_cap - 1);
		while (ix->edges[j].hash)
			j = (j + 1) & (ix->edge_cap - 1);
		ix->edges[j] = old[i];
	}
	free(old);
	return 0;
}

static long new_node(struct cue_index *ix)
{
	if (ix->nnodes == ix->node_cap) {
		struct node *n = realloc(ix->nodes,
					 2 * ix->node_cap * sizeof(*n));

		if (!n)
			return -1;
		memset(n + ix->node_cap, 0, ix->node_cap * sizeof(*n));
		ix->nodes = n;
		ix->node_cap *= 2;
	}
	return (long)ix->nnodes++;
}

/* The child of from along stem, created when absent; -1 on no memory. */
static long child(struct cue_index *ix, size_t from, const char *stem)
{
	size_t h = edge_hash(hash_stem(stem), from);
	struct edge *e;
	long to;

	if (2 * (ix->nedges + 1) > ix->edge_cap && grow_edges(ix))
		return -1;
	e = edge_slot(ix, h, from, stem, 0);
	if (e->hash)
		return (long)e->to;
	to = new_node(ix);
	if (to < 0)
		return -1;
	*e = (struct edge){ h, stem, from, (size_t)to };
	ix->nedges++;
	return to;
}

int cue_index_add(struct cue_index *ix, char *const *stems, size_t n,
		  size_t rubric, size_t criterion, size_t cue)
{
	size_t at = ROOT;
	struct node *nd;

	for (size_t i = 0; i < n; i++) {
		long next = child(ix, at, stems[i]);

		ix->exact |= stems[i][0] == '=';

		if (next < 0)
			return -1;
		at = (size_t)next;
	}
	nd = &ix->nodes[at];
	if (nd->n == nd->cap) {
		size_t cap = nd->cap ? 2 * nd->cap : 2;
		struct cue_ref *r = realloc(nd->refs, cap * sizeof(*r));

		if (!r)
			return -1;
		nd->refs = r;
		nd->cap = cap;
	}
	nd->refs[nd->n++] = (struct cue_ref){ rubric, criterion, cue };
	return 0;
}

void cue_index_negators(struct cue_index *ix, char *const *words, size_t n)
{
	ix->negators = words;
	ix->nnegators = n;
}

static int is_negator(const struct cue_index *ix, const char *fold)
{
	size_t n = strlen(fold);

	if (n > 3 && strcmp(fold + n - 3, "n't") == 0)
		return 1;
	for (size_t i = 0; i < ix->nnegators; i++)
		if (strcmp(ix->negators[i], fold) == 0)
			return 1;
	return 0;
}

static int negated_before(const struct cue_index *ix, const struct text *t,
			  size_t at)
{
	size_t sentence = t->tokens[at].sentence;

	for (size_t k = 1; k <= NEGATION_WINDOW && k <= at; k++) {
		const struct text_token *tok = &t->tokens[at - k];

		if (tok->sentence != sentence || tok->kind == TEXT_PUNCT)
			break;
		if (is_negator(ix, tok->fold))
			return 1;
	}
	return 0;
}

struct matcher {
	const struct cue_index *ix;
	const struct text *t;
	const size_t *hashes;	/* stem hash of each token */
	const size_t *exact;	/* hash of "=" + fold of each token */
	size_t star;		/* hash of "*" */
	struct rubric_hit *hits;
	size_t n, cap;
	int oom;
};

static void emit(struct matcher *m, const struct node *nd, size_t at,
		 size_t count)
{
	for (size_t k = 0; k < nd->n; k++) {
		struct rubric_hit h = { nd->refs[k].rubric,
					nd->refs[k].criterion,
					nd->refs[k].cue, at, count, 0 };

		if (m->n == m->cap) {
			size_t cap = m->cap ? 2 * m->cap : 32;
			struct rubric_hit *p = realloc(m->hits,
						       cap * sizeof(*p));

			if (!p) {
				m->oom = 1;
				return;
			}
			m->hits = p;
			m->cap = cap;
		}
		h.negated = negated_before(m->ix, m->t, at);
		m->hits[m->n++] = h;
	}
}

/* Follows the trie from node along tokens j..., within one sentence. */
static void walk(struct matcher *m, size_t node, size_t at, size_t j)
{
	const struct cue_index *ix = m->ix;
	const struct text *t = m->t;
	const struct edge *e;

	if (node != ROOT)
		emit(m, &ix->nodes[node], at, j - at);
	if (j >= t->ntokens || t->tokens[j].sentence != t->tokens[at].sentence
	    || m->oom)
		return;
	e = edge_slot(ix, edge_hash(m->hashes[j], node), node,
		      t->tokens[j].stem, 0);
	if (e->hash)
		walk(m, e->to, at, j + 1);
	if (ix->exact) {
		e = edge_slot(ix, edge_hash(m->exact[j], node), node,
			      t->tokens[j].fold, 1);
		if (e->hash)
			walk(m, e->to, at, j + 1);
	}
	if (node == ROOT)
		return;
	e = edge_slot(ix, edge_hash(m->star, node), node, "*", 0);
	if (e->hash)
		walk(m, e->to, at, j + 1);
}

long cue_index_match(const struct cue_index *ix, const struct text *t,
		     struct rubric_hit **hits)
{
	struct matcher m = { ix, t, NULL, NULL, hash_stem("*"), NULL, 0, 0,
			     0 };
	size_t *hashes = malloc(2 * (t->ntokens + 1) * sizeof(*hashes));

	*hits = NULL;
	if (!hashes)
		return -1;
	for (size_t i = 0; i < t->ntokens; i++) {
		hashes[i] = hash_stem(t->tokens[i].stem);
		if (ix->exact)
			hashes[t->ntokens + i] = hash_exact(t->tokens[i].fold);
	}
	m.hashes = hashes;
	m.exact = hashes + t->ntokens;
	for (size_t at = 0; at < t->ntokens && !m.oom; at++)
		walk(&m, ROOT, at, at);
	free(hashes);
	if (m.oom) {
		free(m.hits);
		return -1;
	}
	*hits = m.hits;
	return (long)m.n;
}
