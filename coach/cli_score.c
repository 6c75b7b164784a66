/*
 * "coach score": scores answer files offline, as text for people, JSON
 * for scripts or lint lines for editors; optionally journals them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/attempt.h"
#include "coach/cli.h"
#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/msg.h"
#include "coach/report.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_LINT };

struct score_opts {
	enum format format;
	double min;		/* exit 1 below it; < 0 when unset */
	int save;
	int evidence;
	const char *question;
	const char *category;
	int color;
};

static const char usage_text[] =
	"usage: coach score [OPTIONS] FILE...\n"
	"       coach score [OPTIONS] -        (the answer on stdin)\n"
	"\n"
	"Scores answers offline; nothing is sent anywhere.\n"
	"\n"
	"  --json              one JSON report per file (docs/score-json.md)\n"
	"  --format FORMAT     text (default), json or lint\n"
	"                      (lint: FILE:LINE:COL: rule: message)\n"
	"  --min N             exit 1 when a score is below N (0-100)\n"
	"  --question ID       score as an answer to question ID\n"
	"  --category NAME     score as an answer to a question of NAME\n"
	"  --save              also record each answer in the journal\n"
	"  --no-evidence       leave evidence spans out of JSON\n"
	"  --help              show this help\n";

static int usage_error(const char *what, const char *arg)
{
	msg_error("%s%s%s", what, arg ? arg : "", arg ? "'" : "");
	fputs("hint: try 'coach score --help'\n", stderr);
	return ERR_USAGE;
}

static int parse_min(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < 0 || v > 100)
		return -1;
	*out = v;
	return 0;
}

static int parse_format(const char *s, enum format *f)
{
	if (strcmp(s, "text") == 0)
		*f = FORMAT_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = FORMAT_JSON;
	else if (strcmp(s, "lint") == 0)
		*f = FORMAT_LINT;
	else
		return -1;
	return 0;
}

static int parse_options(int argc, char **argv, struct score_opts *o,
			 int *done)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "min", required_argument, NULL, 'm' },
		{ "question", required_argument, NULL, 'q' },
		{ "category", required_argument, NULL, 'c' },
		{ "save", no_argument, NULL, 's' },
		{ "no-evidence", no_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->format = FORMAT_JSON; break;
		case 'f':
			if (parse_format(optarg, &o->format))
				return usage_error("unknown format (use text, "
					"json or lint): '", optarg);
			break;
		case 'm':
			if (parse_min(optarg, &o->min))
				return usage_error("--min takes a number "
					"from 0 to 100: '", optarg);
			break;
		case 'q': o->question = optarg; break;
		case 'c': o->category = optarg; break;
		case 's': o->save = 1; break;
		case 'E': o->evidence = 0; break;
		case 'h':
			fputs(usage_text, stdout);
			*done = 1;
			return 0;
		default:
			return usage_error("unknown option '",
					   argv[optind - 1]);
		}
	}
	return 0;
}

static void print_lint(const char *file, const struct attempt *a)
{
	const struct score_report *r = &a->report;

	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];
		size_t line = 1, col = 1;

		if (ev->delta >= 0)
			continue;
		if (ev->end > ev->start)
			text_line_col(a->answer, ev->start, &line, &col);
		printf("%s:%zu:%zu: %s: %s\n", file, line, col,
		       ev->rubric ? ev->target : ev->rule,
		       ev->rubric ? ev->rule : ev->target);
	}
	for (int p = 0; p < SCORE_NPARTS; p++)
		if (!r->parts[p].present)
			printf("%s:1:1: star.%s.missing: no %s found\n", file,
			       score_part_name(p), score_part_name(p));
	for (size_t i = 0; i < r->ntips; i++)
		printf("%s:1:1: tip: %s\n", file, r->tips[i]);
}

static int print_report(const char *file, const struct attempt *a,
			const struct score_opts *o)
{
	struct report_opts ro = { o->color, 80, file };
	char *s = NULL;
	cJSON *j;

	if (o->format == FORMAT_LINT) {
		print_lint(file, a);
		return 0;
	}
	if (o->format == FORMAT_JSON) {
		j = report_json(&a->report, &a->text, &ro, o->evidence);
		s = j ? cJSON_PrintUnformatted(j) : NULL;
		cJSON_Delete(j);
	} else {
		s = report_text(&a->report, &a->text, &ro);
	}
	if (!s)
		return err_set(NULL, ERR_INPUT, "out of memory");
	fputs(s, stdout);
	fputs("\n", stdout);
	free(s);
	fflush(stdout);
	return 0;
}

static int save_attempt(const struct attempt *a, const struct config *c,
			const char *file)
{
	cJSON *entry = attempt_entry(a, -1);
	struct err e;
	int rc;

	if (!entry)
		return ERR_INPUT;
	cJSON_AddStringToObject(entry, "source", file);
	rc = journal_append(c->journal_path, entry, &e);
	cJSON_Delete(entry);
	if (rc) {
		msg_err(&e);
		msg_error("%s: not saved; the file itself is unchanged",
			  file);
	}
	return rc;
}

static int score_one(const char *file, const struct catalog *cat,
		     const struct question *q, const struct score_opts *o,
		     const struct config *c)
{
	struct attempt a;
	struct err e;
	char *text;
	size_t len;
	int rc;

	if (fileio_read(file, FILEIO_MAX_ANSWER, &text, &len, &e)) {
		msg_err(&e);
		return e.status;
	}
	rc = attempt_score(&a, cat, q, text, len, &e);
	free(text);
	if (rc) {
		err_prefix(&e, strcmp(file, "-") ? file : "stdin");
		msg_err(&e);
	} else {
		rc = print_report(file, &a, o);
		if (rc == 0 && o->save)
			rc = save_attempt(&a, c, file);
		if (rc == 0 && o->min >= 0 && a.report.overall < o->min)
			rc = ERR_BELOW_MIN;
	}
	attempt_release(&a);
	return rc;
}

/* The worst status wins: input errors over a missed --min. */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

int cli_score(int argc, char **argv, struct config *c)
{
	struct score_opts o = { FORMAT_TEXT, -1, 0, 1, NULL, NULL, 0 };
	const struct question *q = NULL;
	struct question by_category;
	struct catalog cat;
	struct err e;
	int done = 0, rc = 0;

	if (parse_options(argc, argv, &o, &done) || done)
		return done ? 0 : ERR_USAGE;
	if (optind >= argc)
		return usage_error("no answer file given (use - for "
				   "stdin)", NULL);
	o.color = config_use_color(c, STDOUT_FILENO);
	if (catalog_load(&cat, c, &e)) {
		msg_err(&e);
		return e.status;
	}
	if (o.question && !(q = questions_find(&cat.questions, o.question))) {
		catalog_release(&cat);
		return usage_error("no such question (see 'coach "
				   "questions'): '", o.question);
	}
	if (!q && o.category) {
		memset(&by_category, 0, sizeof(by_category));
		by_category.id = by_category.text = NULL;
		by_category.category = (char *)o.category;
		q = &by_category;
	}
	for (int i = optind; i < argc; i++)
		rc = worse(rc, score_one(argv[i], &cat, q, &o, c));
	catalog_release(&cat);
	return rc;
}
