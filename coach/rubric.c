/*
 * Rubric files: parsing and validation with cJSON, and one cue index over
 * stems shared by every rubric, so an answer is matched in one pass.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "coach/cue_index.h"
#include "coach/jsonloc.h"
#include "coach/rubric.h"

#define MAX_DEPTH 8

/* Where the validator is in the file, for messages with a line. */
struct where {
	const char *file;
	const char *json;
	size_t len;
	struct jsonloc_step path[MAX_DEPTH];
	size_t depth;
};

struct wb_slot {
	const char *word;	/* owned by a lexicon; NULL when empty */
	size_t hash;
	uint64_t bits;
};

struct word_bits {
	struct wb_slot *slots;
	size_t cap;		/* a power of two */
};

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int fail_at(struct err *e, const struct where *w, const char *what)
{
	size_t line = jsonloc_line(w->json, w->len, w->path, w->depth);

	return err_set(e, ERR_INPUT, "%s:%zu: %s", w->file, line, what);
}

static void push_key(struct where *w, const char *key)
{
	if (w->depth < MAX_DEPTH) {
		w->path[w->depth].key = key;
		w->path[w->depth].index = 0;
	}
	w->depth++;
}

static void push_index(struct where *w, size_t i)
{
	if (w->depth < MAX_DEPTH) {
		w->path[w->depth].key = NULL;
		w->path[w->depth].index = i;
	}
	w->depth++;
}

static void pop(struct where *w)
{
	w->depth--;
}

/* Fails on any member of obj whose name is not in allowed. */
static int check_fields(const cJSON *obj, const char *const *allowed,
			struct where *w, struct err *e)
{
	const cJSON *it;
	char what[200];

	cJSON_ArrayForEach(it, obj) {
		size_t i;

		for (i = 0; allowed[i]; i++)
			if (strcmp(it->string, allowed[i]) == 0)
				break;
		if (allowed[i])
			continue;
		push_key(w, it->string);
		snprintf(what, sizeof(what), "unknown field \"%.100s\"",
			 it->string);
		fail_at(e, w, what);
		pop(w);
		return ERR_INPUT;
	}
	return 0;
}

/* A required non-empty string member; *out is a copy. */
static int get_string(const cJSON *obj, const char *key, int required,
		      char **out, struct where *w, struct err *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char what[160];

	*out = NULL;
	if (!v && !required)
		return 0;
	if (!v) {
		snprintf(what, sizeof(what), "missing field \"%s\"", key);
		return fail_at(e, w, what);
	}
	push_key(w, key);
	if (!cJSON_IsString(v) || !v->valuestring[0]) {
		snprintf(what, sizeof(what),
			 "\"%s\" must be a non-empty string", key);
		fail_at(e, w, what);
		pop(w);
		return ERR_INPUT;
	}
	pop(w);
	*out = dup_str(v->valuestring);
	if (!*out)
		return err_set(e, ERR_INPUT, "out of memory");
	return 0;
}

static int get_number(const cJSON *obj, const char *key, double def,
		      double *out, struct where *w, struct err *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char what[160];

	*out = def;
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v)) {
		push_key(w, key);
		snprintf(what, sizeof(what), "\"%s\" must be a number", key);
		fail_at(e, w, what);
		pop(w);
		return ERR_INPUT;
	}
	*out = v->valuedouble;
	return 0;
}

static int is_valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/*
 * Whether phrase is plain: lowercase-able ASCII words of letters with
 * inner apostrophes or hyphens, and "*", split by single spaces.  Such a
 * phrase is tokenized here exactly as text.c would, without its set-up
 * cost, which matters when hundreds of cues load at every start.
 */
static int plain_phrase(const char *p)
{
	int in_word = 0;

	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalpha(c)) {
			in_word = 1;
		} else if (c == ' ') {
			in_word = 0;
		} else if ((c == '\'' || c == '-') && in_word &&
			   isalpha((unsigned char)p[1])) {
			continue;
		} else if (c == '*' && !in_word && (p[1] == ' ' || !p[1])) {
			continue;
		} else if (c == '=' && !in_word && isalpha((unsigned char)p[1])) {
			continue;
		} else {
			return 0;
		}
	}
	return 1;
}

static int stem_plain(struct rubric_cue *c, struct text_stemmer *st)
{
	char word[128];
	const char *p = c->phrase;
	size_t n = 0;

	c->stems = calloc(strlen(p) / 2 + 2, sizeof(*c->stems));
	if (!c->stems)
		return -1;
	while (*p) {
		size_t len = strcspn(p, " ");
		const char *stem = word;

		if (len >= sizeof(word))
			return -1;
		for (size_t i = 0; i < len; i++)
			word[i] = (char)tolower((unsigned char)p[i]);
		word[len] = '\0';
		if (len && strcmp(word, "*") != 0 && word[0] != '=')
			stem = text_stem(st, word, len);
		if (len && !(c->stems[n++] = dup_str(stem ? stem : word)))
			return -1;
		c->nstems = n;
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

/* Stems a cue phrase into c->stems; "*" stays a wildcard. */
static int stem_phrase(struct rubric_cue *c, struct text_stemmer *st)
{
	struct text t;
	size_t i;

	if (plain_phrase(c->phrase))
		return stem_plain(c, st);
	if (strchr(c->phrase, '='))
		return -2;
	if (text_analyze_phrase(&t, st, c->phrase) != 0) {
		text_release(&t);
		return -1;
	}
	c->stems = calloc(t.ntokens ? t.ntokens : 1, sizeof(*c->stems));
	if (!c->stems) {
		text_release(&t);
		return -1;
	}
	for (i = 0; i < t.ntokens; i++) {
		c->stems[i] = dup_str(t.tokens[i].stem);
		if (!c->stems[i])
			break;
	}
	c->nstems = i;
	i = i == t.ntokens ? 0 : 1;
	text_release(&t);
	return i ? -1 : 0;
}

/* Whether a stemmed cue holds a letter or digit, not only marks. */
static int has_word(const struct rubric_cue *c)
{
	for (size_t i = 0; i < c->nstems; i++)
		for (const char *p = c->stems[i]; *p; p++)
			if (isalnum((unsigned char)*p) || (*p & 0x80))
				return 1;
	return 0;
}

static int parse_cue(const cJSON *v, struct rubric_cue *c,
		     struct text_stemmer *st, struct where *w, struct err *e)
{
	static const char *const fields[] = { "phrase", "weight", NULL };
	const char *phrase = NULL;
	int rc;

	c->weight = 1.0;
	if (cJSON_IsString(v)) {
		phrase = v->valuestring;
	} else if (cJSON_IsObject(v)) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(v, "phrase");

		if (check_fields(v, fields, w, e))
			return ERR_INPUT;
		if (get_number(v, "weight", 1.0, &c->weight, w, e))
			return ERR_INPUT;
		if (cJSON_IsString(p))
			phrase = p->valuestring;
	}
	if (!phrase || !*phrase)
		return fail_at(e, w, "a cue must be a phrase string or "
			       "{\"phrase\": ..., \"weight\": ...}");
	c->phrase = dup_str(phrase);
	rc = c->phrase ? stem_phrase(c, st) : -1;
	if (rc == -2)
		return fail_at(e, w, "\"=\" (an exact word) may only start "
			       "a plain word of letters");
	if (rc)
		return err_set(e, ERR_INPUT, "out of memory");
	if (c->nstems == 0 || !has_word(c))
		return fail_at(e, w, "a cue must contain a word");
	if (strcmp(c->stems[0], "*") == 0)
		return fail_at(e, w, "a cue may not start with \"*\"");
	return 0;
}

static int parse_cues(const cJSON *arr, struct rubric_criterion *cr,
		      struct text_stemmer *st, struct where *w,
		      struct err *e)
{
	const cJSON *v;
	size_t i = 0;

	cr->ncues = 0;
	if (!arr)
		return 0;
	push_key(w, "cues");
	if (!cJSON_IsArray(arr)) {
		fail_at(e, w, "\"cues\" must be an array");
		pop(w);
		return ERR_INPUT;
	}
	cr->cues = calloc((size_t)cJSON_GetArraySize(arr) + 1,
			  sizeof(*cr->cues));
	if (!cr->cues)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, arr) {
		push_index(w, i);
		if (parse_cue(v, &cr->cues[i], st, w, e)) {
			cr->ncues = i + 1;
			return ERR_INPUT;
		}
		pop(w);
		i++;
	}
	cr->ncues = i;
	pop(w);
	return 0;
}

static int parse_criterion(const cJSON *v, struct rubric_criterion *cr,
			   struct text_stemmer *st, struct where *w,
			   struct err *e)
{
	static const char *const fields[] = {
		"id", "name", "tip", "followup", "weight", "cues", NULL
	};

	if (!cJSON_IsObject(v))
		return fail_at(e, w, "a criterion must be an object");
	if (check_fields(v, fields, w, e) ||
	    get_string(v, "id", 1, &cr->id, w, e) ||
	    get_string(v, "name", 1, &cr->name, w, e) ||
	    get_string(v, "tip", 0, &cr->tip, w, e) ||
	    get_string(v, "followup", 0, &cr->followup, w, e) ||
	    get_number(v, "weight", 1.0, &cr->weight, w, e))
		return ERR_INPUT;
	if (!is_valid_id(cr->id)) {
		push_key(w, "id");
		fail_at(e, w, "an id may hold only a-z, 0-9, '-' and '_'");
		pop(w);
		return ERR_INPUT;
	}
	return parse_cues(cJSON_GetObjectItemCaseSensitive(v, "cues"), cr,
			  st, w, e);
}

static int parse_criteria(const cJSON *arr, struct rubric *r,
			  struct text_stemmer *st, struct where *w,
			  struct err *e)
{
	const cJSON *v;
	size_t i = 0;

	if (!arr)
		return fail_at(e, w, "missing field \"criteria\"");
	push_key(w, "criteria");
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
		fail_at(e, w, "\"criteria\" must be a non-empty array");
		pop(w);
		return ERR_INPUT;
	}
	r->criteria = calloc((size_t)cJSON_GetArraySize(arr),
			     sizeof(*r->criteria));
	if (!r->criteria)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, arr) {
		push_index(w, i);
		r->ncriteria = i + 1;
		if (parse_criterion(v, &r->criteria[i], st, w, e))
			return ERR_INPUT;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(r->criteria[j].id, r->criteria[i].id))
				continue;
			push_key(w, "id");
			fail_at(e, w, "duplicate criterion id");
			return ERR_INPUT;
		}
		pop(w);
		i++;
	}
	pop(w);
	return 0;
}

static char *fold_word(const char *s)
{
	char *p = dup_str(s);

	for (char *q = p; q && *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int parse_lexicon(const cJSON *arr, struct rubric_lexicon *lx,
			 struct where *w, struct err *e)
{
	const cJSON *v;
	size_t i = 0;

	push_key(w, arr->string);
	if (!cJSON_IsArray(arr)) {
		fail_at(e, w, "a lexicon must be an array of words");
		pop(w);
		return ERR_INPUT;
	}
	lx->id = dup_str(arr->string);
	lx->words = calloc((size_t)cJSON_GetArraySize(arr) + 1,
			   sizeof(char *));
	if (!lx->id || !lx->words)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, arr) {
		push_index(w, i);
		if (!cJSON_IsString(v) || !v->valuestring[0])
			return fail_at(e, w, "a lexicon entry must be a "
				       "non-empty string");
		lx->words[i] = fold_word(v->valuestring);
		lx->nwords = ++i;
		pop(w);
	}
	qsort(lx->words, lx->nwords, sizeof(char *), cmp_str);
	pop(w);
	return 0;
}

static int parse_lexicons(const cJSON *obj, struct rubric *r,
			  struct where *w, struct err *e)
{
	const cJSON *v;
	size_t i = 0;

	if (!obj)
		return 0;
	push_key(w, "lexicons");
	if (!cJSON_IsObject(obj)) {
		fail_at(e, w, "\"lexicons\" must be an object");
		pop(w);
		return ERR_INPUT;
	}
	r->lexicons = calloc((size_t)cJSON_GetArraySize(obj) + 1,
			     sizeof(*r->lexicons));
	if (!r->lexicons)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, obj) {
		r->nlexicons = i + 1;
		if (parse_lexicon(v, &r->lexicons[i++], w, e))
			return ERR_INPUT;
	}
	pop(w);
	return 0;
}

static int parse_settings(const cJSON *obj, struct rubric *r,
			  struct where *w, struct err *e)
{
	const cJSON *v;
	size_t n;

	if (!obj)
		return 0;
	push_key(w, "settings");
	if (!cJSON_IsObject(obj)) {
		fail_at(e, w, "\"settings\" must be an object");
		pop(w);
		return ERR_INPUT;
	}
	n = (size_t)cJSON_GetArraySize(obj) + 1;
	r->setting_keys = calloc(n, sizeof(char *));
	r->setting_values = calloc(n, sizeof(double));
	if (!r->setting_keys || !r->setting_values)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, obj) {
		if (!cJSON_IsNumber(v)) {
			push_key(w, v->string);
			return fail_at(e, w, "a setting must be a number");
		}
		r->setting_keys[r->nsettings] = dup_str(v->string);
		r->setting_values[r->nsettings++] = v->valuedouble;
	}
	pop(w);
	return 0;
}

static int parse_example(const cJSON *arr, struct rubric *r,
			 struct where *w, struct err *e)
{
	const cJSON *v;

	if (!arr)
		return 0;
	push_key(w, "example");
	if (!cJSON_IsArray(arr)) {
		fail_at(e, w, "\"example\" must be an array of lines");
		pop(w);
		return ERR_INPUT;
	}
	r->example = calloc((size_t)cJSON_GetArraySize(arr) + 1,
			    sizeof(char *));
	if (!r->example)
		return err_set(e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, arr) {
		push_index(w, r->nexample);
		if (!cJSON_IsString(v))
			return fail_at(e, w, "an example line must be a "
				       "string");
		r->example[r->nexample++] = dup_str(v->valuestring);
		pop(w);
	}
	pop(w);
	return 0;
}

static int parse_rubric(const cJSON *root, struct rubric *r,
			struct text_stemmer *st, struct where *w,
			struct err *e)
{
	static const char *const fields[] = {
		"schema", "id", "title", "kind", "hint", "example",
		"settings", "lexicons", "criteria", NULL
	};
	double schema;
	char what[120];

	if (!cJSON_IsObject(root))
		return fail_at(e, w, "a rubric must be a JSON object");
	if (check_fields(root, fields, w, e) ||
	    get_number(root, "schema", -1, &schema, w, e))
		return ERR_INPUT;
	if (schema != RUBRIC_SCHEMA) {
		push_key(w, "schema");
		if (!cJSON_GetObjectItemCaseSensitive(root, "schema"))
			return fail_at(e, w, "missing field \"schema\"");
		snprintf(what, sizeof(what), "unsupported schema %g "
			 "(this coach reads %d)", schema, RUBRIC_SCHEMA);
		return fail_at(e, w, what);
	}
	if (get_string(root, "id", 1, &r->id, w, e) ||
	    get_string(root, "title", 1, &r->title, w, e) ||
	    get_string(root, "kind", 0, &r->kind, w, e) ||
	    get_string(root, "hint", 0, &r->hint, w, e) ||
	    parse_example(cJSON_GetObjectItemCaseSensitive(root, "example"),
			  r, w, e))
		return ERR_INPUT;
	if (!is_valid_id(r->id)) {
		push_key(w, "id");
		return fail_at(e, w, "an id may hold only a-z, 0-9, '-' "
			       "and '_'");
	}
	if (r->kind && strcmp(r->kind, "star") && strcmp(r->kind, "criteria")
	    && strcmp(r->kind, "concepts")) {
		push_key(w, "kind");
		return fail_at(e, w, "\"kind\" must be \"star\", \"criteria\" "
			       "or \"concepts\"");
	}
	if (!r->kind && !(r->kind = dup_str("criteria")))
		return err_set(e, ERR_INPUT, "out of memory");
	return parse_settings(cJSON_GetObjectItemCaseSensitive(root,
			"settings"), r, w, e) ||
	       parse_lexicons(cJSON_GetObjectItemCaseSensitive(root,
			"lexicons"), r, w, e) ||
	       parse_criteria(cJSON_GetObjectItemCaseSensitive(root,
			"criteria"), r, st, w, e);
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static void rubric_release(struct rubric *r)
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

static int syntax_error(const char *file, const char *json, size_t len,
			struct err *e)
{
	const char *at = cJSON_GetErrorPtr();
	size_t off = len;

	if (at && at >= json && at <= json + len)
		off = (size_t)(at - json);
	return err_set(e, ERR_INPUT, "%s:%zu: not valid JSON", file,
		       jsonloc_line_of(json, off));
}

int rubric_set_add(struct rubric_set *set, const char *file,
		   const char *json, size_t len, struct err *e)
{
	struct where w = { file, json, len, { { NULL, 0 } }, 0 };
	struct rubric r;
	struct rubric *items;
	cJSON *root = cJSON_ParseWithLength(json, len);
	size_t i;

	memset(&r, 0, sizeof(r));
	if (!root)
		return syntax_error(file, json, len, e);
	if (parse_rubric(root, &r, set->stemmer, &w, e)) {
		cJSON_Delete(root);
		rubric_release(&r);
		return ERR_INPUT;
	}
	cJSON_Delete(root);
	r.file = dup_str(file);
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
	if (!items || !r.file) {
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

int rubric_lexicon_has(const struct rubric_lexicon *lx, const char *word)
{
	if (!lx || !lx->nwords)
		return 0;
	return bsearch(&word, lx->words, lx->nwords, sizeof(char *),
		       cmp_str) != NULL;
}
