/*
 * config.json's "journal" and "scoring" objects, parsed with cJSON and
 * checked field by field; the "llm" object is llmconfig.c's.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "coach/config.h"
#include "coach/fileio.h"
#include "coach/jsonloc.h"
#include "coach/rubric.h"

/* The rule ids of docs/scoring.md that "disable" may name. */
static const char *const rules[] = {
	"star.hypothetical", "star.habitual", "star.keyword-stuffing",
	"star.no-episode", "star.mostly-we", "star.all-background",
	"star.no-personal-action", "star.length", "star.hedging",
	"star.absolutes", "star.repetition",
	"growth.blame", "growth.fixed-mindset", "topic.off-topic", NULL
};

static const char *const sections[] = { "journal", "scoring", "llm", NULL };
static const char *const journal_keys[] = { "enabled", "path", NULL };
static const char *const scoring_keys[] = {
	"disable", "hedges_allow", "settings", NULL
};

struct file {
	const char *name;
	const char *json;
	size_t len;
	struct err *e;
};

static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Fails with "FILE:LINE: what" for the value at section.key[index]. */
static int fail(const struct file *f, const char *section, const char *key,
		long index, const char *what)
{
	struct jsonloc_step path[3] = {
		{ section, 0 }, { key, 0 }, { NULL, (size_t)index }
	};
	size_t depth = !section ? 0 : !key ? 1 : index < 0 ? 2 : 3;

	return err_set(f->e, ERR_INPUT, "%s:%zu: %s", f->name,
		       jsonloc_line(f->json, f->len, path, depth), what);
}

/* Every member of obj must be in known. */
static int check_keys(const struct file *f, const cJSON *obj,
		      const char *section, const char *const *known)
{
	const cJSON *m;
	char what[160];

	cJSON_ArrayForEach(m, obj) {
		if (in_list(m->string, known))
			continue;
		snprintf(what, sizeof(what), "unknown %s \"%.80s\"",
			 section ? "setting" : "section", m->string);
		return fail(f, section ? section : m->string,
			    section ? m->string : NULL, -1, what);
	}
	return 0;
}

static char *dup_lower(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	for (size_t i = 0; p && i < n; i++)
		p[i] = (char)tolower((unsigned char)s[i]);
	return p;
}

/* A path from the file: "~/" is the home folder, relative is to dir. */
static char *expand_path(const char *p, const char *dir)
{
	const char *home = getenv("HOME");
	const char *base = NULL;
	size_t n;
	char *out;

	if (p[0] == '~' && p[1] == '/' && home && *home) {
		base = home;
		p += 2;
	} else if (p[0] != '/') {
		base = dir;
	}
	n = (base ? strlen(base) + 1 : 0) + strlen(p) + 1;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s%s", base ? base : "", base ? "/" : "",
			 p);
	return out;
}

static int read_journal(const struct file *f, const cJSON *j,
			struct config *c)
{
	const cJSON *on = cJSON_GetObjectItemCaseSensitive(j, "enabled");
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(j, "path");
	char *p;

	if (!cJSON_IsObject(j))
		return fail(f, "journal", NULL, -1,
			    "\"journal\" must be an object");
	if (check_keys(f, j, "journal", journal_keys))
		return ERR_INPUT;
	if (on && !cJSON_IsBool(on))
		return fail(f, "journal", "enabled", -1,
			    "\"enabled\" must be true or false");
	if (cJSON_IsFalse(on))
		c->journal_enabled = 0;
	if (path && (!cJSON_IsString(path) || !path->valuestring[0]))
		return fail(f, "journal", "path", -1,
			    "\"path\" must be a non-empty string");
	if (!path || getenv("COACH_JOURNAL"))
		return 0;
	p = expand_path(path->valuestring, c->config_dir);
	if (!p)
		return err_set(f->e, ERR_INPUT, "out of memory");
	free(c->journal_path);
	c->journal_path = p;
	return 0;
}

/* A list of strings, each in known (when given), into *out. */
static int read_words(const struct file *f, const cJSON *arr,
		      const char *key, const char *const *known,
		      char ***out, size_t *n)
{
	const cJSON *v;
	char what[160];
	long i = 0;

	if (!cJSON_IsArray(arr))
		return fail(f, "scoring", key, -1, "must be a list of "
			    "strings");
	*out = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(char *));
	if (!*out)
		return err_set(f->e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, arr) {
		if (!cJSON_IsString(v) || !v->valuestring[0])
			return fail(f, "scoring", key, i, "must be a "
				    "non-empty string");
		if (known && !in_list(v->valuestring, known)) {
			snprintf(what, sizeof(what), "unknown rule \"%.80s\" "
				 "(docs/scoring.md lists them)",
				 v->valuestring);
			return fail(f, "scoring", key, i, what);
		}
		(*out)[*n] = dup_lower(v->valuestring);
		if (!(*out)[(*n)++])
			return err_set(f->e, ERR_INPUT, "out of memory");
		i++;
	}
	return 0;
}

static double setting_of(const struct score_settings *s, const char *key,
			 double def)
{
	for (size_t i = 0; i < s->nvalues; i++)
		if (strcmp(s->keys[i], key) == 0)
			return s->values[i];
	return def;
}

static int read_settings(const struct file *f, const cJSON *obj,
			 struct score_settings *s)
{
	size_t n = (size_t)cJSON_GetArraySize(obj) + 1;
	const cJSON *v;

	if (!cJSON_IsObject(obj))
		return fail(f, "scoring", "settings", -1,
			    "\"settings\" must be an object");
	if (check_keys(f, obj, "scoring", rubric_star_settings))
		return ERR_INPUT;
	s->keys = calloc(n, sizeof(char *));
	s->values = calloc(n, sizeof(double));
	if (!s->keys || !s->values)
		return err_set(f->e, ERR_INPUT, "out of memory");
	cJSON_ArrayForEach(v, obj) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 0)
			return fail(f, "scoring", v->string, -1, "a setting "
				    "must be a number, 0 or more");
		s->keys[s->nvalues] = dup_lower(v->string);
		if (!s->keys[s->nvalues])
			return err_set(f->e, ERR_INPUT, "out of memory");
		s->values[s->nvalues++] = v->valuedouble;
	}
	if (setting_of(s, "words_min", 0) > setting_of(s, "words_max", 1e9))
		return fail(f, "scoring", "settings", -1, "\"words_min\" is "
			    "more than \"words_max\"");
	return 0;
}

static int read_scoring(const struct file *f, const cJSON *sc,
			struct score_settings *s)
{
	const cJSON *dis = cJSON_GetObjectItemCaseSensitive(sc, "disable");
	const cJSON *allow = cJSON_GetObjectItemCaseSensitive(sc,
							      "hedges_allow");
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(sc, "settings");

	if (!cJSON_IsObject(sc))
		return fail(f, "scoring", NULL, -1,
			    "\"scoring\" must be an object");
	if (check_keys(f, sc, "scoring", scoring_keys))
		return ERR_INPUT;
	if (dis && read_words(f, dis, "disable", rules, &s->disabled,
			      &s->ndisabled))
		return ERR_INPUT;
	if (allow && read_words(f, allow, "hedges_allow", NULL,
				&s->hedges_allow, &s->nhedges_allow))
		return ERR_INPUT;
	if (set && read_settings(f, set, s))
		return ERR_INPUT;
	return 0;
}

static int read_root(const struct file *f, struct config *c)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(f->json, f->len, &end, 0);
	const cJSON *j, *sc;
	int rc = 0;

	/* f->json ends in a NUL (fileio_read): text after the object is
	 * as wrong as a syntax error. */
	if (root && end && end[strspn(end, " \t\r\n")]) {
		end += strspn(end, " \t\r\n");
		cJSON_Delete(root);
		return err_set(f->e, ERR_INPUT, "%s:%zu: not valid JSON",
			       f->name, jsonloc_line_of(f->json,
						       (size_t)(end - f->json)));
	}
	if (!root) {
		end = cJSON_GetErrorPtr();
		return err_set(f->e, ERR_INPUT, "%s:%zu: not valid JSON",
			       f->name, end && end >= f->json &&
			       end <= f->json + f->len ?
			       jsonloc_line_of(f->json, (size_t)(end -
							 f->json)) : 1);
	}
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return err_set(f->e, ERR_INPUT, "%s:1: must be a JSON object",
			       f->name);
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "journal");
	sc = cJSON_GetObjectItemCaseSensitive(root, "scoring");
	if (check_keys(f, root, NULL, sections) ||
	    (j && read_journal(f, j, c)) ||
	    (sc && read_scoring(f, sc, &c->scoring)))
		rc = ERR_INPUT;
	cJSON_Delete(root);
	return rc;
}

int config_read_file(struct config *c, struct err *e)
{
	size_t n = strlen(c->config_dir) + sizeof("/config.json");
	struct file f = { NULL, NULL, 0, e };
	char *json;
	int rc;

	c->file = malloc(n);
	if (!c->file)
		return err_set(e, ERR_INPUT, "out of memory");
	snprintf(c->file, n, "%s/config.json", c->config_dir);
	/* Only a missing file is no file: a symlink loop is an error. */
	if (access(c->file, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (fileio_read(c->file, FILEIO_MAX_DATA, &json, &f.len, e))
		return ERR_INPUT;
	f.name = c->file;
	f.json = json;
	rc = read_root(&f, c);
	free(json);
	return rc;
}
