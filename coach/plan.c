/*
 * Interview plans: checks a plan file field by field, naming the line of
 * each mistake, and picks the questions of a round.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "coach/datafile.h"
#include "coach/jsonloc.h"
#include "coach/plan.h"
#include "coach/text.h"

static const char *const top_fields[] = {
	"schema", "id", "title", "rounds", NULL
};

static const char *const round_fields[] = {
	"name", "questions", "categories", "count", "time_limit", NULL
};

/* One file being loaded. */
struct loader {
	const char *file;
	const char *json;
	size_t len;
	struct err *e;
};

/* The line of top-level field, of rounds[i] or rounds[i].field[k]. */
static size_t line_of(const struct loader *ld, const char *field, long i,
		      const char *sub, long k)
{
	struct jsonloc_step p[4] = {
		{ field, 0 }, { NULL, (size_t)i }, { sub, 0 },
		{ NULL, (size_t)k }
	};
	size_t depth = i < 0 ? 1 : !sub ? 2 : k < 0 ? 3 : 4;

	return jsonloc_line(ld->json, ld->len, p, depth);
}

/* "file:line: ..." errors for this loader's file. */
#define fail_at(ld, line, ...) \
	datafile_fail((ld)->e, (ld)->file, (line), __VA_ARGS__)

static void round_release(struct plan_round *r)
{
	free(r->name);
	datafile_strv_free(r->questions, r->nquestions);
	free(r->question_lines);
	datafile_strv_free(r->categories, r->ncategories);
	free(r->category_lines);
	memset(r, 0, sizeof(*r));
}

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nrounds; i++)
		round_release(&p->rounds[i]);
	free(p->rounds);
	free(p->file);
	free(p->id);
	free(p->title);
	memset(p, 0, sizeof(*p));
}

void plan_set_init(struct plan_set *set)
{
	set->items = NULL;
	set->n = 0;
}

void plan_set_release(struct plan_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		plan_release(&set->items[i]);
	free(set->items);
	plan_set_init(set);
}

/* Unknown and repeated fields of obj; i < 0 for the top level. */
static int check_fields(const struct loader *ld, const cJSON *obj, long i,
			const char *const *known)
{
	for (const cJSON *f = obj->child; f; f = f->next) {
		size_t line = i < 0 ? line_of(ld, f->string, -1, NULL, -1)
				    : line_of(ld, "rounds", i, f->string, -1);

		if (!datafile_in_list(f->string, known))
			return fail_at(ld, line, "unknown field \"%s\"",
				       f->string);
		for (const cJSON *g = obj->child; g != f; g = g->next)
			if (strcmp(g->string, f->string) == 0)
				return fail_at(ld, line,
					       "duplicate field \"%s\"",
					       f->string);
	}
	return 0;
}

/* Copies the string field name of obj, which may be optional. */
static int take_string(const struct loader *ld, const cJSON *obj,
		       const char *name, int required, size_t line,
		       char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!v && !required)
		return 0;
	if (!v)
		return fail_at(ld, line, "missing \"%s\"", name);
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return fail_at(ld, line, "\"%s\" must be a non-empty string",
			       name);
	*out = strdup(v->valuestring);
	if (!*out)
		return fail_at(ld, line, "out of memory");
	return 0;
}

/* Copies rounds[i].name, a non-empty array of ids, with their lines. */
static int take_ids(const struct loader *ld, const cJSON *obj, long i,
		    const char *name, char ***out, size_t **lines, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	size_t line = line_of(ld, "rounds", i, name, -1);
	size_t count;
	const cJSON *s;

	if (!v)
		return 0;
	if (!cJSON_IsArray(v))
		return fail_at(ld, line, "\"%s\" must be an array of strings",
			       name);
	count = (size_t)cJSON_GetArraySize(v);
	if (count == 0)
		return fail_at(ld, line, "\"%s\" is empty", name);
	*out = calloc(count, sizeof(**out));
	*lines = calloc(count, sizeof(**lines));
	if (!*out || !*lines)
		return fail_at(ld, line, "out of memory");
	cJSON_ArrayForEach(s, v) {
		line = line_of(ld, "rounds", i, name, (long)*n);
		if (!cJSON_IsString(s))
			return fail_at(ld, line, "\"%s\" must be an array of "
				       "strings", name);
		if (!datafile_is_id(s->valuestring))
			return fail_at(ld, line, "bad id \"%s\" in \"%s\": use "
				       "a-z, 0-9 and '-'", s->valuestring,
				       name);
		(*lines)[*n] = line;
		(*out)[*n] = strdup(s->valuestring);
		if (!(*out)[(*n)++])
			return fail_at(ld, line, "out of memory");
	}
	return 0;
}

/* A number field of round i that must be > 0 (and whole, if whole). */
static int take_positive(const struct loader *ld, const cJSON *obj, long i,
			 const char *name, int whole, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	size_t line = line_of(ld, "rounds", i, name, -1);

	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || !(v->valuedouble > 0) ||
	    v->valuedouble > 1e6 ||
	    (whole && v->valuedouble != (double)(long)v->valuedouble))
		return fail_at(ld, line, "\"%s\" must be a %snumber above 0",
			       name, whole ? "whole " : "");
	*out = v->valuedouble;
	return 0;
}

static int round_parse(const struct loader *ld, const cJSON *obj, long i,
		       struct plan_round *r)
{
	double count = 0;

	r->line = line_of(ld, "rounds", i, NULL, -1);
	if (!cJSON_IsObject(obj))
		return fail_at(ld, r->line, "a round must be an object");
	if (check_fields(ld, obj, i, round_fields) ||
	    take_string(ld, obj, "name", 1, r->line, &r->name) ||
	    take_ids(ld, obj, i, "questions", &r->questions,
		     &r->question_lines, &r->nquestions) ||
	    take_ids(ld, obj, i, "categories", &r->categories,
		     &r->category_lines, &r->ncategories) ||
	    take_positive(ld, obj, i, "count", 1, &count) ||
	    take_positive(ld, obj, i, "time_limit", 0, &r->time_limit))
		return ERR_INPUT;
	if (!cJSON_GetObjectItemCaseSensitive(obj, "time_limit"))
		return fail_at(ld, r->line, "missing \"time_limit\"");
	if (!r->nquestions && !r->ncategories)
		return fail_at(ld, r->line, "a round needs \"questions\" or "
			       "\"categories\"");
	if (count > 0 && !r->ncategories)
		return fail_at(ld, line_of(ld, "rounds", i, "count", -1),
			       "\"count\" needs \"categories\"");
	r->count = r->ncategories ? (count > 0 ? (size_t)count : 1) : 0;
	return 0;
}

static int rounds_parse(const struct loader *ld, const cJSON *list,
			struct plan *p)
{
	size_t line = line_of(ld, "rounds", -1, NULL, -1);
	const cJSON *item;
	size_t n;

	if (!list)
		return fail_at(ld, 1, "missing \"rounds\"");
	if (!cJSON_IsArray(list))
		return fail_at(ld, line, "\"rounds\" must be an array");
	n = (size_t)cJSON_GetArraySize(list);
	if (n == 0)
		return fail_at(ld, line, "\"rounds\" is empty");
	p->rounds = calloc(n, sizeof(*p->rounds));
	if (!p->rounds)
		return fail_at(ld, line, "out of memory");
	cJSON_ArrayForEach(item, list) {
		struct plan_round *r = &p->rounds[p->nrounds++];

		if (round_parse(ld, item, (long)p->nrounds - 1, r))
			return ERR_INPUT;
	}
	return 0;
}

static int check_schema(const struct loader *ld, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "schema");
	size_t line = line_of(ld, "schema", -1, NULL, -1);

	if (!v)
		return fail_at(ld, 1, "missing \"schema\"");
	if (!cJSON_IsNumber(v))
		return fail_at(ld, line, "\"schema\" must be a number");
	if (v->valuedouble != PLAN_SCHEMA)
		return fail_at(ld, line, "unsupported schema %g (this coach "
			       "reads %d)", v->valuedouble, PLAN_SCHEMA);
	return 0;
}

static int plan_parse(const struct loader *ld, const cJSON *root,
		      struct plan *p)
{
	if (!cJSON_IsObject(root))
		return fail_at(ld, 1, "top level must be an object");
	if (check_schema(ld, root) || check_fields(ld, root, -1, top_fields) ||
	    take_string(ld, root, "id", 1, 1, &p->id) ||
	    take_string(ld, root, "title", 0, line_of(ld, "title", -1, NULL,
						      -1), &p->title))
		return ERR_INPUT;
	if (!datafile_is_id(p->id))
		return fail_at(ld, line_of(ld, "id", -1, NULL, -1),
			       "bad id \"%s\": use a-z, 0-9 and '-'", p->id);
	return rounds_parse(ld, cJSON_GetObjectItemCaseSensitive(root,
		"rounds"), p);
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

/* Moves p into set, replacing a plan with the same id. */
static int set_put(struct plan_set *set, struct plan *p)
{
	struct plan *items;

	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->items[i].id, p->id) == 0) {
			plan_release(&set->items[i]);
			set->items[i] = *p;
			return 0;
		}
	items = realloc(set->items, (set->n + 1) * sizeof(*items));
	if (!items)
		return -1;
	set->items = items;
	set->items[set->n++] = *p;
	return 0;
}

int plan_set_add(struct plan_set *set, const char *file, const char *json,
		 size_t len, struct err *e)
{
	struct err local;
	struct loader ld = { file, json, len, e ? e : &local };
	struct plan p;
	cJSON *root;
	int status;

	memset(&p, 0, sizeof(p));
	root = parse_json(&ld);
	if (!root)
		return ERR_INPUT;
	status = plan_parse(&ld, root, &p);
	cJSON_Delete(root);
	if (status == 0 && !(p.file = strdup(file)))
		status = fail_at(&ld, 1, "out of memory");
	if (status == 0 && set_put(set, &p) != 0)
		status = fail_at(&ld, 1, "out of memory");
	if (status != 0)
		plan_release(&p);
	return status;
}

const struct plan *plan_set_find(const struct plan_set *set, const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->items[i].id, id) == 0)
			return &set->items[i];
	return NULL;
}

static size_t category_size(const struct question_bank *b, const char *cat)
{
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++)
		n += strcmp(b->items[i].category, cat) == 0;
	return n;
}

size_t plan_check(const struct plan *p, const struct question_bank *b,
		  plan_problem_fn report, void *ctx)
{
	char msg[300];
	size_t found = 0;

	for (size_t i = 0; i < p->nrounds; i++) {
		const struct plan_round *r = &p->rounds[i];

		for (size_t k = 0; k < r->nquestions; k++) {
			if (questions_find(b, r->questions[k]))
				continue;
			snprintf(msg, sizeof(msg),
				 "unknown question \"%.200s\"",
				 r->questions[k]);
			report(ctx, r->question_lines[k], msg);
			found++;
		}
		for (size_t k = 0; k < r->ncategories; k++) {
			if (category_size(b, r->categories[k]))
				continue;
			snprintf(msg, sizeof(msg), "no questions in category "
				 "\"%.200s\"", r->categories[k]);
			report(ctx, r->category_lines[k], msg);
			found++;
		}
	}
	return found;
}

static int was_asked(const struct question *q, const struct question **v,
		     size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == q)
			return 1;
	return 0;
}

static int in_categories(const struct plan_round *r,
			 const struct question *q)
{
	for (size_t k = 0; k < r->ncategories; k++)
		if (strcmp(r->categories[k], q->category) == 0)
			return 1;
	return 0;
}

/* Whether q may be drawn: in a category of r and not asked before. */
static int can_draw(const struct plan_round *r, const struct question *q,
		    const struct question **asked, size_t nasked,
		    const struct question **out, size_t n)
{
	return in_categories(r, q) && !was_asked(q, asked, nasked) &&
	       !was_asked(q, out, n);
}

static const struct question *draw(const struct plan_round *r,
				   const struct question_bank *b,
				   const struct question **asked,
				   size_t nasked,
				   const struct question **out, size_t n,
				   unsigned long pick)
{
	size_t avail = 0;

	for (size_t i = 0; i < b->n; i++)
		avail += can_draw(r, &b->items[i], asked, nasked, out, n);
	if (avail == 0)
		return NULL;
	pick %= avail;
	for (size_t i = 0; i < b->n; i++)
		if (can_draw(r, &b->items[i], asked, nasked, out, n) &&
		    pick-- == 0)
			return &b->items[i];
	return NULL;
}

size_t plan_round_questions(const struct plan_round *r,
			    const struct question_bank *b,
			    const struct question **asked, size_t nasked,
			    unsigned long (*rnd)(void *ctx), void *ctx,
			    const struct question **out)
{
	const struct question *q;
	size_t n = 0;

	for (size_t k = 0; k < r->nquestions; k++) {
		q = questions_find(b, r->questions[k]);
		if (q && !was_asked(q, out, n))
			out[n++] = q;
	}
	for (size_t k = 0; k < r->count; k++) {
		q = draw(r, b, asked, nasked, out, n, rnd(ctx));
		if (!q)
			break;
		out[n++] = q;
	}
	return n;
}
