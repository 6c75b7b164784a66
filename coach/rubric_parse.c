/*
 * Rubric files: parsing and validation with cJSON.  Every error names the
 * file and the line of the value that is wrong.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "coach/jsonloc.h"
#include "coach/rubric.h"

#define MAX_DEPTH 8
#define PLAIN_WORD_MAX 100	/* longer words take text.c's path */

/* Where the validator is in the file, for messages with a line. */
struct where {
	const char *file;
	const char *json;
	size_t len;
	struct jsonloc_step path[MAX_DEPTH];
	size_t depth;
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
		const cJSON *before;
		size_t i;

		for (before = obj->child; before != it; before = before->next)
			if (strcmp(before->string, it->string) == 0)
				break;
		for (i = 0; allowed[i]; i++)
			if (strcmp(it->string, allowed[i]) == 0)
				break;
		if (allowed[i] && before == it)
			continue;
		push_key(w, it->string);
		snprintf(what, sizeof(what), "%s field \"%.100s\"",
			 allowed[i] ? "duplicate" : "unknown", it->string);
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
	size_t word = 0;

	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c != ' ' && ++word >= PLAIN_WORD_MAX)
			return 0;
		if (isalpha(c)) {
			in_word = 1;
		} else if (c == ' ') {
			in_word = 0;
			word = 0;
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
	char word[PLAIN_WORD_MAX + 1];
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

const char *const rubric_star_settings[] = {
	"words_min", "words_max", "words_per_minute", "situation_target",
	"task_target", "action_target", "result_target", "reflection_target",
	"we_share_max", "hedges_per_100_max", "specifics_per_100",
	"stuffing_specifics_per_100", "background_share_max",
	"absolutes_per_100_max", "repetition_max", "hypothetical_factor",
	"habitual_factor", "stuffing_factor", "no_episode_factor",
	"no_action_factor", "mostly_we_factor", "background_factor",
	"blame_factor", NULL
};

/* The settings other rubrics may have. */
static const char *const criteria_settings[] = {
	"met_at", "blame_min", "on_topic_min", "off_topic_factor", NULL
};

static int known_setting(const struct rubric *r, const char *key)
{
	const char *const *list = strcmp(r->kind, "star") == 0 ?
		rubric_star_settings : criteria_settings;

	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], key) == 0)
			return 1;
	return 0;
}

static int check_setting(const cJSON *v, const struct rubric *r,
			 struct where *w, struct err *e)
{
	char what[160];

	push_key(w, v->string);
	if (!known_setting(r, v->string)) {
		snprintf(what, sizeof(what), "unknown setting \"%.80s\" "
			 "(docs/rubrics.md lists them)", v->string);
		return fail_at(e, w, what);
	}
	if (!cJSON_IsNumber(v) || v->valuedouble < 0)
		return fail_at(e, w, "a setting must be a number, 0 or more");
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
		if (check_setting(v, r, w, e))
			return ERR_INPUT;
		r->setting_keys[r->nsettings] = dup_str(v->string);
		r->setting_values[r->nsettings++] = v->valuedouble;
	}
	if (rubric_setting(r, "words_min", 0) >
	    rubric_setting(r, "words_max", 1e9))
		return fail_at(e, w, "\"words_min\" is more than "
			       "\"words_max\"");
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

/* Whether s[0..n) is white space only; s need not end in a NUL. */
static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]) || !s[i])
			return 0;
	return 1;
}

int rubric_parse(struct rubric *r, struct text_stemmer *st, const char *file,
		 const char *json, size_t len, struct err *e)
{
	struct where w = { file, json, len, { { NULL, 0 } }, 0 };
	size_t line, bad = text_check_utf8(json, len, &line);
	const char *end = NULL;
	cJSON *root;
	int rc;

	memset(r, 0, sizeof(*r));
	if (bad)
		return err_set(e, ERR_INPUT, "%s:%zu: %s", file, line,
			       json[bad - 1] ? "not valid UTF-8" :
			       "contains a NUL byte");
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (root && end && !only_space(end, (size_t)(json + len - end))) {
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root)
		return syntax_error(file, json, len, e);
	rc = parse_rubric(root, r, st, &w, e);
	cJSON_Delete(root);
	if (!rc && !(r->file = dup_str(file)))
		rc = err_set(e, ERR_INPUT, "out of memory");
	if (rc)
		rubric_release(r);
	return rc ? ERR_INPUT : 0;
}
