/*
 * Question banks: checks a bank file field by field, so a mistake is
 * reported with its file and line, then merges it into the bank by id.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "coach/datafile.h"
#include "coach/jsonloc.h"
#include "coach/questions.h"
#include "coach/text.h"

static const char *const categories[] = {
	"failure", "stakeholder", "ambiguity", "conflict", "incident",
	"ownership", "deadline", "decision", "mentoring", "influence",
	"feedback", "prioritization", "customer", "technical", NULL
};

static const char *const top_fields[] = {
	"schema", "id", "title", "questions", NULL
};

static const char *const question_fields[] = {
	"id", "text", "category", "competencies", "rubrics", NULL
};

/* One file being loaded: what an error message needs to name a line. */
struct loader {
	const char *file;
	const char *json;
	size_t len;
	struct err *e;
};

/* A path into the file: "questions", the question's index, a field. */
struct where {
	struct jsonloc_step steps[3];
	size_t depth;
};

static struct where where_top(const char *field)
{
	struct where w = { { { field, 0 } }, field ? 1 : 0 };

	return w;
}

static struct where where_question(size_t i, const char *field)
{
	struct where w = {
		{ { "questions", 0 }, { NULL, i }, { field, 0 } },
		field ? 3 : 2
	};

	return w;
}

static size_t where_line(const struct loader *ld, const struct where *w)
{
	return jsonloc_line(ld->json, ld->len, w->steps, w->depth);
}

/* "file:line: ..." errors for this loader's file. */
#define fail_at(ld, line, ...) \
	datafile_fail((ld)->e, (ld)->file, (line), __VA_ARGS__)

static void question_release(struct question *q)
{
	free(q->id);
	free(q->text);
	free(q->category);
	datafile_strv_free(q->competencies, q->ncompetencies);
	datafile_strv_free(q->rubrics, q->nrubrics);
	memset(q, 0, sizeof(*q));
}

void questions_init(struct question_bank *b)
{
	b->items = NULL;
	b->n = 0;
	b->cap = 0;
}

void questions_release(struct question_bank *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		question_release(&b->items[i]);
	free(b->items);
	questions_init(b);
}

/* Makes room for extra more questions without moving any yet. */
static int bank_reserve(struct question_bank *b, size_t extra)
{
	size_t want = b->n + extra, cap = b->cap ? b->cap : 16;
	struct question *items;

	if (want <= b->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	items = realloc(b->items, cap * sizeof(*items));
	if (!items)
		return -1;
	b->items = items;
	b->cap = cap;
	return 0;
}

static struct question *bank_find(const struct question_bank *b,
				  const char *id)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->items[i].id, id) == 0)
			return &b->items[i];
	return NULL;
}

/* An object's fields must be known and each given once. */
static int check_fields(const struct loader *ld, const cJSON *obj,
			const char *const *known, const struct where *w)
{
	const cJSON *f, *g;
	struct where at = *w;

	at.depth = w->depth + 1;
	for (f = obj->child; f; f = f->next) {
		at.steps[w->depth] = (struct jsonloc_step){ f->string, 0 };
		if (!datafile_in_list(f->string, known))
			return fail_at(ld, where_line(ld, &at),
				       "unknown field \"%s\"", f->string);
		for (g = obj->child; g != f; g = g->next)
			if (strcmp(g->string, f->string) == 0)
				return fail_at(ld, where_line(ld, w),
					       "duplicate field \"%s\"",
					       f->string);
	}
	return 0;
}

/* Copies the non-empty string field name of question i into *out. */
static int take_string(const struct loader *ld, const cJSON *obj, size_t i,
		       const char *name, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	struct where w = where_question(i, name);

	if (!v)
		return fail_at(ld, where_line(ld, &w), "missing \"%s\"", name);
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return fail_at(ld, where_line(ld, &w),
			       "\"%s\" must be a non-empty string", name);
	*out = strdup(v->valuestring);
	if (!*out)
		return fail_at(ld, where_line(ld, &w), "out of memory");
	return 0;
}

/* Copies the array of ids field name of question i into *out, *n. */
static int take_ids(const struct loader *ld, const cJSON *obj, size_t i,
		    const char *name, char ***out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	const cJSON *s;
	struct where w = where_question(i, name);
	size_t count;

	if (!v)
		return fail_at(ld, where_line(ld, &w), "missing \"%s\"", name);
	if (!cJSON_IsArray(v))
		return fail_at(ld, where_line(ld, &w),
			       "\"%s\" must be an array of strings", name);
	count = (size_t)cJSON_GetArraySize(v);
	*out = calloc(count ? count : 1, sizeof(**out));
	if (!*out)
		return fail_at(ld, where_line(ld, &w), "out of memory");
	cJSON_ArrayForEach(s, v) {
		if (!cJSON_IsString(s))
			return fail_at(ld, where_line(ld, &w),
				       "\"%s\" must be an array of strings",
				       name);
		if (!datafile_is_id(s->valuestring))
			return fail_at(ld, where_line(ld, &w),
				       "bad id \"%s\" in \"%s\": use a-z, 0-9 "
				       "and '-'", s->valuestring, name);
		(*out)[*n] = strdup(s->valuestring);
		if (!(*out)[(*n)++])
			return fail_at(ld, where_line(ld, &w), "out of memory");
	}
	return 0;
}

static int take_fields(const struct loader *ld, const cJSON *obj, size_t i,
		       struct question *q)
{
	struct where w = where_question(i, NULL);

	if (check_fields(ld, obj, question_fields, &w) ||
	    take_string(ld, obj, i, "id", &q->id) ||
	    take_string(ld, obj, i, "text", &q->text) ||
	    take_string(ld, obj, i, "category", &q->category) ||
	    take_ids(ld, obj, i, "competencies", &q->competencies,
		     &q->ncompetencies))
		return ERR_INPUT;
	if (cJSON_GetObjectItemCaseSensitive(obj, "rubrics") &&
	    take_ids(ld, obj, i, "rubrics", &q->rubrics, &q->nrubrics))
		return ERR_INPUT;
	return 0;
}

/* Reads question i into q, which the caller releases either way. */
static int question_parse(const struct loader *ld, const cJSON *obj,
			  size_t i, struct question *q)
{
	struct where w = where_question(i, NULL);

	if (!cJSON_IsObject(obj))
		return fail_at(ld, where_line(ld, &w),
			       "a question must be an object");
	if (take_fields(ld, obj, i, q))
		return ERR_INPUT;
	w = where_question(i, "id");
	if (!datafile_is_id(q->id))
		return fail_at(ld, where_line(ld, &w),
			       "bad id \"%s\": use a-z, 0-9 and '-'", q->id);
	w = where_question(i, "category");
	if (!datafile_in_list(q->category, categories))
		return fail_at(ld, where_line(ld, &w),
			       "unknown category \"%s\"", q->category);
	w = where_question(i, "competencies");
	if (q->ncompetencies == 0)
		return fail_at(ld, where_line(ld, &w),
			       "\"competencies\" is empty");
	return 0;
}

static int check_unique(const struct loader *ld,
			const struct question_bank *tmp)
{
	const struct question *q = &tmp->items[tmp->n - 1];
	struct where first, again;
	size_t i;

	for (i = 0; i + 1 < tmp->n; i++) {
		if (strcmp(tmp->items[i].id, q->id) != 0)
			continue;
		first = where_question(i, "id");
		again = where_question(tmp->n - 1, "id");
		return fail_at(ld, where_line(ld, &again),
			       "duplicate id \"%s\" (first on line %zu)",
			       q->id, where_line(ld, &first));
	}
	return 0;
}

static int bank_parse(const struct loader *ld, const cJSON *list,
		      struct question_bank *tmp)
{
	const cJSON *item;
	size_t i = 0;

	if (bank_reserve(tmp, (size_t)cJSON_GetArraySize(list)) < 0)
		return fail_at(ld, 1, "out of memory");
	cJSON_ArrayForEach(item, list) {
		struct question *q = &tmp->items[tmp->n++];

		memset(q, 0, sizeof(*q));
		if (question_parse(ld, item, i++, q) ||
		    check_unique(ld, tmp))
			return ERR_INPUT;
	}
	return 0;
}

static int check_schema(const struct loader *ld, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "schema");
	struct where w = where_top("schema");

	if (!v)
		return fail_at(ld, where_line(ld, &w), "missing \"schema\"");
	if (!cJSON_IsNumber(v))
		return fail_at(ld, where_line(ld, &w),
			       "\"schema\" must be a number");
	if (v->valuedouble != QUESTIONS_SCHEMA)
		return fail_at(ld, where_line(ld, &w),
			       "unsupported schema %g (this coach reads %d)",
			       v->valuedouble, QUESTIONS_SCHEMA);
	return 0;
}

static int check_optional_string(const struct loader *ld,
				 const cJSON *root, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, name);
	struct where w = where_top(name);

	if (v && !cJSON_IsString(v))
		return fail_at(ld, where_line(ld, &w),
			       "\"%s\" must be a string", name);
	return 0;
}

/* Checks everything above the questions; returns their array. */
static const cJSON *check_top(const struct loader *ld, const cJSON *root)
{
	const cJSON *list;
	struct where w = where_top(NULL);

	if (!cJSON_IsObject(root)) {
		fail_at(ld, where_line(ld, &w), "top level must be an object");
		return NULL;
	}
	if (check_schema(ld, root) || check_fields(ld, root, top_fields, &w) ||
	    check_optional_string(ld, root, "id") ||
	    check_optional_string(ld, root, "title"))
		return NULL;
	list = cJSON_GetObjectItemCaseSensitive(root, "questions");
	w = where_top("questions");
	if (!list)
		fail_at(ld, where_line(ld, &w), "missing \"questions\"");
	else if (!cJSON_IsArray(list))
		fail_at(ld, where_line(ld, &w),
			"\"questions\" must be an array");
	else if (!list->child)
		fail_at(ld, where_line(ld, &w), "\"questions\" is empty");
	else
		return list;
	return NULL;
}

/* Parses the whole text; anything after the top value is an error. */
static cJSON *parse_json(const struct loader *ld)
{
	const char *end = NULL;
	size_t line = 1, bad = text_check_utf8(ld->json, ld->len, &line);
	cJSON *root;

	/* cJSON would stop at a NUL and take any bytes in strings. */
	if (bad) {
		fail_at(ld, line, ld->json[bad - 1] ? "not valid UTF-8" :
			"contains a NUL byte");
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(ld->json, ld->len, &end, 0);
	if (root) {
		while (end < ld->json + ld->len && *end &&
		       strchr(" \t\r\n", *end))
			end++;
		if (end == ld->json + ld->len || *end == '\0')
			return root;
		cJSON_Delete(root);
	}
	if (!end || end < ld->json || end > ld->json + ld->len)
		end = ld->json;
	fail_at(ld, jsonloc_line_of(ld->json, (size_t)(end - ld->json)),
		"syntax error");
	return NULL;
}

/* Moves every question of tmp into b, replacing those with the same id. */
static void bank_merge(struct question_bank *b, struct question_bank *tmp)
{
	struct question *old;
	size_t i;

	for (i = 0; i < tmp->n; i++) {
		old = bank_find(b, tmp->items[i].id);
		if (old) {
			question_release(old);
			*old = tmp->items[i];
		} else {
			b->items[b->n++] = tmp->items[i];
		}
	}
	tmp->n = 0;
}

int questions_add(struct question_bank *b, const char *file,
		  const char *json, size_t len, struct err *e)
{
	struct err local;
	struct loader ld = { file, json, len, e ? e : &local };
	struct question_bank tmp;
	const cJSON *list;
	cJSON *root;
	int status = ERR_INPUT;

	root = parse_json(&ld);
	if (!root)
		return ERR_INPUT;

	questions_init(&tmp);
	list = check_top(&ld, root);
	if (list)
		status = bank_parse(&ld, list, &tmp);
	if (status == 0 && bank_reserve(b, tmp.n) < 0)
		status = fail_at(&ld, 1, "out of memory");
	if (status == 0)
		bank_merge(b, &tmp);

	cJSON_Delete(root);
	questions_release(&tmp);
	return status;
}

const struct question *questions_find(const struct question_bank *b,
				      const char *id)
{
	return bank_find(b, id);
}

static int pick_matches(const struct question *q, const char *category,
			const char *avoid_id)
{
	if (category && strcmp(q->category, category) != 0)
		return 0;
	return !avoid_id || strcmp(q->id, avoid_id) != 0;
}

/* The k-th question (from 0) matching category and avoiding avoid_id. */
static const struct question *pick_nth(const struct question_bank *b,
				       const char *category,
				       const char *avoid_id, size_t k)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (pick_matches(&b->items[i], category, avoid_id) &&
		    k-- == 0)
			return &b->items[i];
	return NULL;
}

const struct question *questions_pick(const struct question_bank *b,
				      const char *category,
				      const char *avoid_id, unsigned long r)
{
	size_t i, count = 0;

	for (i = 0; i < b->n; i++)
		count += pick_matches(&b->items[i], category, avoid_id);
	if (count == 0)
		return pick_nth(b, category, NULL, 0);
	return pick_nth(b, category, avoid_id, r % count);
}

const char *questions_category(const struct question_bank *b, size_t n)
{
	for (size_t i = 0; i < b->n; i++) {
		const char *name = b->items[i].category;
		size_t j;

		for (j = 0; name && j < i; j++)
			if (b->items[j].category &&
			    strcmp(b->items[j].category, name) == 0)
				break;
		if (name && j == i && n-- == 0)
			return name;
	}
	return NULL;
}

int questions_has_category(const struct question_bank *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->items[i].category &&
		    strcmp(b->items[i].category, name) == 0)
			return 1;
	return 0;
}

void questions_category_list(const struct question_bank *b, char *out,
			     size_t size)
{
	const char *name;
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; (name = questions_category(b, i)) != NULL; i++) {
		int k = snprintf(out + used, size - used, "%s%s",
				 used ? ", " : "", name);

		if (k < 0 || (size_t)k >= size - used)
			return;
		used += (size_t)k;
	}
}
