/*
 * "coach questions import FILE": turns a plain-text or Markdown list of
 * questions (one per line, or one per heading) into a question bank.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "coach/cli.h"
#include "coach/fileio.h"
#include "coach/msg.h"
#include "coach/questions.h"

static const char usage_text[] =
	"usage: coach questions import FILE [--category NAME] "
	"[--id-prefix P] [--save]\n"
	"\nReads one question per line (or per Markdown heading) and writes\n"
	"a question bank to standard output, or with --save into your\n"
	"questions folder.  A heading that names a category sets the\n"
	"category of the questions after it.\n";

/* The competency, and rubric, that each category probes by default. */
static const char *const competency_of[][2] = {
	{ "failure", "learning-from-failure" },
	{ "stakeholder", "stakeholder-collaboration" },
	{ "ambiguity", "ambiguity" },
	{ "conflict", "conflict" },
	{ "incident", "incident-ownership" },
	{ "ownership", "ownership" },
	{ "deadline", "missed-deadline" },
	{ "decision", "incomplete-data-decisions" },
	{ "mentoring", "mentoring" },
	{ "influence", "influence-without-authority" },
	{ "feedback", "receiving-feedback" },
	{ "prioritization", "prioritisation" },
	{ "customer", "customer-focus" },
	{ "technical", NULL },
};

#define NCATEGORIES (sizeof(competency_of) / sizeof(competency_of[0]))

struct import {
	const char *file;
	const char *category;	/* --category, or the last category title */
	const char *prefix;
	int headings_only;	/* the questions are the headings */
	cJSON *list;
	size_t n;
};

static long category_index(const char *s, size_t n)
{
	for (size_t i = 0; i < NCATEGORIES; i++)
		if (strlen(competency_of[i][0]) == n &&
		    strncasecmp(competency_of[i][0], s, n) == 0)
			return (long)i;
	return -1;
}

/* Skips a list marker ("-", "*", "+", "1.", "1)") and a checkbox. */
static const char *skip_marker(const char *s)
{
	const char *p = s;

	if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
		p += 2;
	else if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p))
			p++;
		if ((*p != '.' && *p != ')') || p[1] != ' ')
			return s;
		p += 2;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "[ ] ", 4) == 0)
		p += 4;
	return p;
}

static int is_heading(const char *s)
{
	return *s == '#';
}

static const char *skip_heading(const char *s)
{
	while (*s == '#')
		s++;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* "my-tell-me-about-a-time": the prefix and the first six words. */
static void make_id(const struct import *im, const char *text, char *id,
		    size_t size)
{
	size_t n = (size_t)snprintf(id, size, "%s", im->prefix);
	int words = 0, dash = 1;

	for (const char *p = text; *p && n + 2 < size; p++) {
		if (isalnum((unsigned char)*p)) {
			if (dash && words++ == 6)
				break;
			if (dash && n > 0)
				id[n++] = '-';
			id[n++] = (char)tolower((unsigned char)*p);
			dash = 0;
		} else if (*p == ' ') {
			dash = 1;
		}
	}
	id[n] = '\0';
}

/* Makes id unique among the questions so far with "-2", "-3"... */
static void unique_id(const struct import *im, char *id, size_t size)
{
	size_t base = strlen(id);

	for (int k = 2;; k++) {
		const cJSON *q;
		int clash = 0;

		cJSON_ArrayForEach(q, im->list) {
			const cJSON *v = cJSON_GetObjectItem(q, "id");

			clash |= strcmp(cJSON_GetStringValue(v), id) == 0;
		}
		if (!clash || base + 8 >= size)
			return;
		snprintf(id + base, size - base, "-%d", k);
	}
}

static int add_question(struct import *im, const char *text, size_t line,
			struct err *e)
{
	const char *const *cat = NULL;
	char id[80];
	cJSON *q;

	for (size_t i = 0; im->category && i < NCATEGORIES; i++)
		if (strcmp(competency_of[i][0], im->category) == 0)
			cat = competency_of[i];
	if (!cat)
		return err_set(e, ERR_INPUT, "%s:%zu: no category for this "
			       "question", im->file, line);
	make_id(im, text, id, sizeof(id));
	unique_id(im, id, sizeof(id));
	q = cJSON_CreateObject();
	cJSON_AddItemToArray(im->list, q);
	if (!cJSON_AddStringToObject(q, "id", id) ||
	    !cJSON_AddStringToObject(q, "text", text) ||
	    !cJSON_AddStringToObject(q, "category", cat[0]) ||
	    !cJSON_AddItemToObject(q, "competencies", cJSON_CreateStringArray(
		(const char *[]){ cat[1] ? cat[1] : "technical-communication" },
		1)))
		return err_set(e, ERR_INPUT, "out of memory");
	if (cat[1])
		cJSON_AddItemToObject(q, "rubrics", cJSON_CreateStringArray(
			(const char *[]){ cat[1] }, 1));
	im->n++;
	return 0;
}

/* One line of the list, NUL-terminated and without its ending. */
static int import_line(struct import *im, char *s, size_t line,
		       struct err *e)
{
	size_t n = strlen(s);
	const char *text;
	long cat;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return 0;
	if (is_heading(s)) {
		text = skip_heading(s);
		cat = category_index(text, strlen(text));
		if (cat >= 0) {
			im->category = competency_of[cat][0];
			return 0;
		}
		if (!im->headings_only)
			return 0;
		return *text ? add_question(im, text, line, e) : 0;
	}
	if (im->headings_only)
		return 0;
	text = skip_marker(s);
	return *text ? add_question(im, text, line, e) : 0;
}

/* Whether the questions are the headings: no other text lines. */
static int only_headings(const char *s)
{
	int heads = 0, other = 0;

	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t k = strspn(s, " \t\r");

		if (k < n && s[k] == '#')
			heads++;
		else if (k < n)
			other++;
		s += n + (s[n] == '\n');
	}
	return heads > 0 && other == 0;
}

static int import_text(struct import *im, char *data, struct err *e)
{
	size_t line = 1;
	int fenced = 0;
	char *s = data;

	im->headings_only = only_headings(data);
	while (*s) {
		size_t n = strcspn(s, "\n");
		int last = s[n] == '\0';

		s[n] = '\0';
		if (strncmp(s, "```", 3) == 0)
			fenced = !fenced;
		else if (!fenced && import_line(im, s, line, e) != 0)
			return e->status;
		if (last)
			break;
		s += n + 1;
		line++;
	}
	if (im->n == 0)
		return err_set(e, ERR_INPUT, "%s: no questions found",
			       im->file);
	return 0;
}

/* Writes text to config_dir/questions/NAME.json, never over a file. */
static int import_save(const struct config *c, const char *file,
		       const char *text, struct err *e)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	size_t n = strcspn(base, ".");
	char dir[4096], path[4200];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/questions", c->config_dir);
	if (fileio_mkdirs(dir, 0700, e) != 0)
		return e->status;
	snprintf(path, sizeof(path), "%s/%.*s.json", dir, (int)n, base);
	f = fopen(path, "wx");
	if (!f)
		return err_set(e, ERR_INPUT, "cannot create '%s': it exists "
			       "or the folder is not writable", path);
	fputs(text, f);
	fputc('\n', f);
	if (fclose(f) != 0)
		return err_set(e, ERR_INPUT, "cannot write '%s'", path);
	printf("Saved %s\n", path);
	return 0;
}

/* Checks the bank as coach will load it, then prints or saves it. */
static int import_finish(struct import *im, cJSON *bank, int save,
			 const struct config *c, struct err *e)
{
	char *text = cJSON_Print(bank);
	struct question_bank b;
	int rc;

	if (!text)
		return err_set(e, ERR_INPUT, "out of memory");
	questions_init(&b);
	rc = questions_add(&b, im->file, text, strlen(text), e);
	questions_release(&b);
	if (rc == 0 && save)
		rc = import_save(c, im->file, text, e);
	else if (rc == 0)
		printf("%s\n", text);
	free(text);
	return rc;
}

static int import_args(int argc, char **argv, struct import *im, int *save)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--category") == 0 && i + 1 < argc)
			im->category = argv[++i];
		else if (strcmp(argv[i], "--id-prefix") == 0 && i + 1 < argc)
			im->prefix = argv[++i];
		else if (strcmp(argv[i], "--save") == 0)
			*save = 1;
		else if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)
			im->file = im->file ? NULL : argv[i];
		else
			return ERR_USAGE;
	}
	if (!im->file)
		return ERR_USAGE;
	if (im->category && category_index(im->category,
					   strlen(im->category)) < 0) {
		msg_error("unknown category '%s'", im->category);
		return ERR_USAGE;
	}
	return 0;
}

int cli_questions_import(int argc, char **argv, struct config *c)
{
	struct import im = { NULL, NULL, "my", 0, NULL, 0 };
	cJSON *bank = cJSON_CreateObject();
	char *data = NULL;
	int save = 0, rc;
	size_t len;
	struct err e;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		cJSON_Delete(bank);
		return 0;
	}
	rc = import_args(argc, argv, &im, &save);
	if (rc == 0 && bank) {
		cJSON_AddNumberToObject(bank, "schema", 1);
		cJSON_AddStringToObject(bank, "id", im.prefix);
		im.list = cJSON_AddArrayToObject(bank, "questions");
		if (fileio_read(im.file, FILEIO_MAX_DATA, &data, &len, &e) ||
		    import_text(&im, data, &e) ||
		    import_finish(&im, bank, save, c, &e)) {
			msg_err(&e);
			rc = e.status;
		}
	} else if (rc != 0) {
		msg_error("usage: coach questions import FILE [--category "
			  "NAME] [--id-prefix P] [--save]");
	}
	free(data);
	cJSON_Delete(bank);
	return rc;
}
