/* The catalog: built-in rubrics, question banks and interview plans, then
 * the user's own files from the config folder, which override by id. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/catalog.h"
#include "coach/embedded.h"
#include "coach/fileio.h"

/* Adds one file's text to the rubrics or the questions. */
typedef int (*catalog_add_fn)(struct catalog *cat, const char *file,
			      const char *json, size_t len, struct err *e);

static int catalog_add_rubric(struct catalog *cat, const char *file,
			      const char *json, size_t len, struct err *e)
{
	return rubric_set_add(&cat->rubrics, file, json, len, e);
}

static int catalog_add_questions(struct catalog *cat, const char *file,
				 const char *json, size_t len, struct err *e)
{
	return questions_add(&cat->questions, file, json, len, e);
}

static int catalog_add_plan(struct catalog *cat, const char *file,
			    const char *json, size_t len, struct err *e)
{
	return plan_set_add(&cat->plans, file, json, len, e);
}

static int catalog_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int catalog_is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int catalog_oom(struct err *e)
{
	return err_set(e, ERR_INPUT, "cannot load rubrics and questions: "
		       "out of memory");
}

/*
 * Which built-in rubrics to load: all when ids is NULL, else those whose
 * file is rubrics/ID.json for an id in the NULL-terminated list.
 */
static int catalog_wanted(const char *name, const char *const *ids)
{
	const char *base = name + strlen("rubrics/");
	size_t n = strlen(base) - strlen(".json");

	for (size_t i = 0; ids && ids[i]; i++)
		if (strlen(ids[i]) == n && strncmp(base, ids[i], n) == 0)
			return 1;
	return !ids;
}

/* The built-in files whose names start with prefix. */
static int catalog_load_embedded(struct catalog *cat, const char *prefix,
				 catalog_add_fn add, const char *const *ids,
				 struct err *e)
{
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		int rc;

		if (!catalog_is_json(f->name) ||
		    !catalog_has_prefix(f->name, prefix))
			continue;
		if (add == catalog_add_rubric && !catalog_wanted(f->name, ids))
			continue;
		rc = add(cat, f->name, f->data, f->len, e);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int catalog_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void catalog_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Adds a copy of name to the growing array *names of *n entries. */
static int catalog_push_name(char ***names, size_t *n, size_t *cap,
			     const char *name)
{
	char **p = *names;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p = realloc(*names, *cap * sizeof(*p));
		if (!p)
			return -1;
		*names = p;
	}
	p[*n] = strdup(name);
	if (!p[*n])
		return -1;
	(*n)++;
	return 0;
}

/*
 * Sets *names to the sorted *.json names in dir, or to none when dir
 * does not exist.  The caller frees them with catalog_free_names.
 */
static int catalog_list(const char *dir, char ***names, size_t *n,
			struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d && errno == ENOENT)
		return 0;
	if (!d)
		return err_set(e, ERR_INPUT, "cannot read folder '%s': %s",
			       dir, strerror(errno));

	while ((ent = readdir(d)) != NULL) {
		if (ent->d_name[0] == '.' || !catalog_is_json(ent->d_name))
			continue;
		if (catalog_push_name(names, n, &cap, ent->d_name) != 0) {
			closedir(d);
			catalog_free_names(*names, *n);
			*names = NULL;
			*n = 0;
			return catalog_oom(e);
		}
	}
	closedir(d);

	if (*n > 1)
		qsort(*names, *n, sizeof(**names), catalog_cmp_names);
	return 0;
}

/* Reads dir/name and hands it to add, naming the file by its path. */
static int catalog_load_file(struct catalog *cat, const char *dir,
			     const char *name, catalog_add_fn add,
			     struct err *e)
{
	size_t size = strlen(dir) + strlen(name) + 2;
	char *path = malloc(size);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!path)
		return catalog_oom(e);
	snprintf(path, size, "%s/%s", dir, name);

	rc = fileio_read(path, FILEIO_MAX_DATA, &data, &len, e);
	if (rc == 0)
		rc = add(cat, path, data, len, e);

	free(data);
	free(path);
	return rc;
}

/* Loads every *.json in config_dir/sub, in name order, through add. */
static int catalog_load_dir(struct catalog *cat, const char *config_dir,
			    const char *sub, catalog_add_fn add,
			    struct err *e)
{
	size_t size = strlen(config_dir) + strlen(sub) + 2;
	char *dir = malloc(size);
	char **names = NULL;
	size_t n = 0;
	int rc;

	if (!dir)
		return catalog_oom(e);
	snprintf(dir, size, "%s/%s", config_dir, sub);

	rc = catalog_list(dir, &names, &n, e);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = catalog_load_file(cat, dir, names[i], add, e);

	catalog_free_names(names, n);
	free(dir);
	return rc;
}

/* The rubrics an answer to question id needs; NULL-terminated. */
static void catalog_needs(const struct catalog *cat, const char *id,
			  const char **ids, size_t cap)
{
	static const char *const core[] = { "star", "growth-mindset",
					    "topics" };
	const struct question *q = id ? questions_find(&cat->questions, id) :
				 NULL;
	size_t n = 0;

	for (size_t i = 0; i < 3; i++)
		ids[n++] = core[i];
	for (size_t i = 0; q && i < q->nrubrics && n + 1 < cap; i++)
		ids[n++] = q->rubrics[i];
	ids[n] = NULL;
}

static int catalog_load_rest(struct catalog *cat, const struct config *c,
			     const char *const *ids, struct err *e)
{
	int rc = catalog_load_embedded(cat, "rubrics/", catalog_add_rubric,
				       ids, e);

	/* Scoring one answer (ids set) needs no interview plans. */
	if (rc == 0 && !ids)
		rc = catalog_load_embedded(cat, "prompts/plan-",
					   catalog_add_plan, NULL, e);
	if (rc == 0 && c)
		rc = catalog_load_dir(cat, c->config_dir, "rubrics",
				      catalog_add_rubric, e);
	if (rc == 0 && c && !ids)
		rc = catalog_load_dir(cat, c->config_dir, "plans",
				      catalog_add_plan, e);
	if (rc == 0 && rubric_set_compile(&cat->rubrics) != 0)
		rc = catalog_oom(e);
	return rc;
}

/* Whether rubric id is loaded, or built in (loaded only when needed). */
static int catalog_has_rubric(const struct catalog *cat, const char *id)
{
	char name[160];

	if (rubric_set_find(&cat->rubrics, id))
		return 1;
	snprintf(name, sizeof(name), "rubrics/%s.json", id);
	return embedded_find(name) != NULL;
}

/* Every rubric a question names must exist. */
static int catalog_check_refs(const struct catalog *cat, struct err *e)
{
	for (size_t i = 0; i < cat->questions.n; i++) {
		const struct question *q = &cat->questions.items[i];

		for (size_t k = 0; k < q->nrubrics; k++) {
			if (catalog_has_rubric(cat, q->rubrics[k]))
				continue;
			err_set(e, ERR_INPUT, "question '%s' names rubric "
				"'%s', which does not exist", q->id,
				q->rubrics[k]);
			err_hint(e, "'coach questions check FILE' shows the "
				 "file and line");
			return ERR_INPUT;
		}
	}
	return 0;
}

static int catalog_load_all(struct catalog *cat, const struct config *c,
			    int lazy, const char *question, struct err *e)
{
	const char *ids[64];
	int rc = catalog_load_embedded(cat, "prompts/questions",
				       catalog_add_questions, NULL, e);

	if (rc == 0 && c)
		rc = catalog_load_dir(cat, c->config_dir, "questions",
				      catalog_add_questions, e);
	if (rc != 0)
		return rc;
	if (lazy)
		catalog_needs(cat, question, ids, sizeof(ids) / sizeof(*ids));
	rc = catalog_load_rest(cat, c, lazy ? ids : NULL, e);
	return rc ? rc : catalog_check_refs(cat, e);
}

static int catalog_start(struct catalog *cat, const struct config *c,
			 int lazy, const char *question, struct err *e)
{
	int rc;

	memset(cat, 0, sizeof(*cat));
	questions_init(&cat->questions);
	plan_set_init(&cat->plans);
	if (rubric_set_init(&cat->rubrics) != 0) {
		questions_release(&cat->questions);
		return catalog_oom(e);
	}

	rc = catalog_load_all(cat, c, lazy, question, e);
	if (rc != 0)
		catalog_release(cat);
	else if (c)
		cat->settings = &c->scoring;
	return rc;
}

int catalog_load(struct catalog *cat, const struct config *c,
		 struct err *e)
{
	return catalog_start(cat, c, 0, NULL, e);
}

int catalog_load_for(struct catalog *cat, const struct config *c,
		     const char *question, struct err *e)
{
	return catalog_start(cat, c, 1, question, e);
}

void catalog_release(struct catalog *cat)
{
	if (!cat)
		return;
	rubric_set_release(&cat->rubrics);
	questions_release(&cat->questions);
	plan_set_release(&cat->plans);
	memset(cat, 0, sizeof(*cat));
}
