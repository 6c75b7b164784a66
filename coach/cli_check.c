/*
 * "coach rubric check", "coach questions check" and "coach plan check":
 * validate a data file and list every problem found as FILE:LINE: why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "coach/catalog.h"
#include "coach/cli.h"
#include "coach/fileio.h"
#include "coach/jsonloc.h"
#include "coach/msg.h"

/* One file being checked and the problems found so far. */
struct check {
	const char *file;
	char *data;
	size_t len;
	cJSON *root;		/* NULL when the text is not JSON */
	struct catalog cat;	/* what references resolve against */
	size_t problems;
	char first[512];	/* the loader's message, not repeated */
};

typedef int (*check_fn)(struct check *k);

static void check_say(struct check *k, size_t line, const char *msg)
{
	char text[700];

	snprintf(text, sizeof(text), "%s:%zu: %s", k->file, line, msg);
	if (strcmp(text, k->first) == 0)
		return;
	printf("%s\n", text);
	k->problems++;
}

/* The loader's error, already "file:line: message". */
static void check_loader(struct check *k, const struct err *e)
{
	snprintf(k->first, sizeof(k->first), "%s", e->text);
	printf("%s\n", e->text);
	k->problems++;
}

static size_t check_line(const struct check *k, const char *a, size_t i,
			 const char *b, size_t j)
{
	struct jsonloc_step p[4] = { { a, 0 }, { NULL, i }, { b, 0 },
				     { NULL, j } };

	return jsonloc_line(k->data, k->len, p, b ? 4 : 2);
}

/* A criterion whose cues cannot reach met_at can never be met. */
static void rubric_reach(struct check *k, const cJSON *crit, size_t i,
			 double met_at)
{
	const cJSON *cues = cJSON_GetObjectItemCaseSensitive(crit, "cues");
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(crit, "weight");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(crit, "id");
	const cJSON *c;
	double sum = 0;
	char msg[300];

	if (!cJSON_IsArray(cues) || (cJSON_IsNumber(w) && w->valuedouble < 0))
		return;
	cJSON_ArrayForEach(c, cues) {
		const cJSON *cw = cJSON_GetObjectItemCaseSensitive(c, "weight");

		sum += cJSON_IsNumber(cw) ? cw->valuedouble : 1.0;
	}
	if (sum + 1e-9 >= met_at)
		return;
	snprintf(msg, sizeof(msg), "criterion \"%.100s\" can never be met: "
		 "its cue weights add up to %g, below met_at %g",
		 cJSON_IsString(id) ? id->valuestring : "?", sum, met_at);
	check_say(k, check_line(k, "criteria", i, NULL, 0), msg);
}

static const char *cue_phrase(const cJSON *c)
{
	if (cJSON_IsObject(c))
		c = cJSON_GetObjectItemCaseSensitive(c, "phrase");
	return cJSON_IsString(c) ? c->valuestring : NULL;
}

/* The same cue twice in one criterion counts twice: likely a slip. */
static void rubric_repeats(struct check *k, const cJSON *crit, size_t i)
{
	const cJSON *cues = cJSON_GetObjectItemCaseSensitive(crit, "cues");
	size_t n = (size_t)cJSON_GetArraySize(cues);
	char msg[300];

	for (size_t a = 0; cJSON_IsArray(cues) && a < n; a++) {
		const char *pa = cue_phrase(cJSON_GetArrayItem(cues, (int)a));

		for (size_t b = 0; pa && b < a; b++) {
			const char *pb = cue_phrase(cJSON_GetArrayItem(cues,
								      (int)b));

			if (!pb || strcmp(pa, pb) != 0)
				continue;
			snprintf(msg, sizeof(msg), "cue \"%.100s\" is listed "
				 "twice", pa);
			check_say(k, check_line(k, "criteria", i, "cues", a),
				  msg);
			break;
		}
	}
}

static double rubric_met_at(const cJSON *root)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "settings");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(s, "met_at");

	return cJSON_IsNumber(m) ? m->valuedouble : 1.0;
}

static int check_rubric(struct check *k)
{
	struct rubric_set set;
	const cJSON *crit;
	struct err e;
	size_t i = 0;

	if (rubric_set_init(&set) != 0)
		return -1;
	if (rubric_set_add(&set, k->file, k->data, k->len, &e) != 0)
		check_loader(k, &e);
	rubric_set_release(&set);
	crit = cJSON_GetObjectItemCaseSensitive(k->root, "criteria");
	if (!cJSON_IsArray(crit))
		return 0;
	for (const cJSON *c = crit->child; c; c = c->next, i++) {
		rubric_reach(k, c, i, rubric_met_at(k->root));
		rubric_repeats(k, c, i);
	}
	return 0;
}

/* Every rubric a question names must exist. */
static void questions_refs(struct check *k, const cJSON *q, size_t i)
{
	const cJSON *rubrics = cJSON_GetObjectItemCaseSensitive(q, "rubrics");
	const cJSON *r;
	size_t j = 0;
	char msg[300];

	if (!cJSON_IsArray(rubrics))
		return;
	cJSON_ArrayForEach(r, rubrics) {
		if (cJSON_IsString(r) &&
		    !rubric_set_find(&k->cat.rubrics, r->valuestring)) {
			snprintf(msg, sizeof(msg), "unknown rubric \"%.200s\"",
				 r->valuestring);
			check_say(k, check_line(k, "questions", i, "rubrics",
						j), msg);
		}
		j++;
	}
}

static int check_questions(struct check *k)
{
	struct question_bank b;
	const cJSON *list;
	struct err e;
	size_t i = 0;

	questions_init(&b);
	if (questions_add(&b, k->file, k->data, k->len, &e) != 0)
		check_loader(k, &e);
	questions_release(&b);
	list = cJSON_GetObjectItemCaseSensitive(k->root, "questions");
	if (!cJSON_IsArray(list))
		return 0;
	for (const cJSON *q = list->child; q; q = q->next)
		questions_refs(k, q, i++);
	return 0;
}

static void plan_problem(void *ctx, size_t line, const char *msg)
{
	check_say(ctx, line, msg);
}

static int check_plan(struct check *k)
{
	struct plan_set set;
	struct err e;

	plan_set_init(&set);
	if (plan_set_add(&set, k->file, k->data, k->len, &e) != 0)
		check_loader(k, &e);
	else
		plan_check(&set.items[0], &k->cat.questions, plan_problem, k);
	plan_set_release(&set);
	return 0;
}

/*
 * Loads what references resolve against: the built-ins and the user's
 * files, or the built-ins alone when a user file is broken.
 */
static int check_catalog(struct check *k, const struct config *c)
{
	struct err e;

	if (catalog_load(&k->cat, c, &e) == 0)
		return 0;
	msg_warn("%s", e.text);
	msg_warn("checking against the built-in rubrics and questions only");
	if (catalog_load(&k->cat, NULL, &e) == 0)
		return 0;
	msg_err(&e);
	return -1;
}

static int check_file(const char *file, check_fn fn, struct config *c)
{
	struct check k;
	struct err e;
	int rc = 0;

	memset(&k, 0, sizeof(k));
	k.file = file;
	if (fileio_read(file, FILEIO_MAX_DATA, &k.data, &k.len, &e) != 0) {
		msg_err(&e);
		return e.status;
	}
	if (check_catalog(&k, c) != 0) {
		free(k.data);
		return ERR_INPUT;
	}
	k.root = cJSON_ParseWithLength(k.data, k.len);
	if (fn(&k) != 0)
		rc = ERR_INPUT;
	if (rc == 0 && k.problems == 0)
		printf("%s: ok\n", file);
	else if (rc == 0) {
		msg_error("%s: %zu problem%s", file, k.problems,
			  k.problems == 1 ? "" : "s");
		rc = ERR_INPUT;
	}
	cJSON_Delete(k.root);
	catalog_release(&k.cat);
	free(k.data);
	return rc;
}

static int check_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

static void check_usage(const char *what)
{
	printf("usage: coach %s check FILE...\n\n"
	       "Checks each %s file as coach would load it, against the\n"
	       "built-in content and yours, and prints FILE: ok or each\n"
	       "problem as FILE:LINE: message.  Exits 3 when a file has\n"
	       "problems.  The format is in docs/%s%s.md.\n", what,
	       strcmp(what, "questions") == 0 ? "question bank" : what,
	       what, strcmp(what, "questions") == 0 ? "" : "s");
}

/* "coach WHAT check FILE...": checks each file; 3 if any has problems. */
static int check_command(int argc, char **argv, const char *what,
			 check_fn fn, struct config *c)
{
	int rc = 0;

	if (check_wants_help(argc, argv)) {
		check_usage(what);
		return 0;
	}
	if (argc < 3 || strcmp(argv[1], "check") != 0) {
		msg_error("usage: coach %s check FILE...", what);
		fprintf(stderr, "hint: see docs/%s%s.md for the format\n",
			what, strcmp(what, "questions") == 0 ? "" : "s");
		return ERR_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		int one = check_file(argv[i], fn, c);

		if (one > rc)
			rc = one;
	}
	return rc;
}

int cli_rubric(int argc, char **argv, struct config *c)
{
	return check_command(argc, argv, "rubric", check_rubric, c);
}

int cli_plan(int argc, char **argv, struct config *c)
{
	return check_command(argc, argv, "plan", check_plan, c);
}

int cli_questions_tools(int argc, char **argv, struct config *c)
{
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return check_command(argc, argv, "questions", check_questions,
				     c);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cli_questions_import(argc - 1, argv + 1, c);
	return cli_questions(argc, argv, c);
}
