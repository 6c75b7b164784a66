/*
 * "coach score": scores answer files offline, as text for people, JSON
 * for scripts or lint lines for editors; optionally journals them.
 */
#include <errno.h>
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
	int jsonl;		/* inputs are JSON Lines of answers */
	int progress;		/* show progress on stderr (a terminal) */
	const char *story;	/* --story: saved with each answer */
	const char *tags[16];	/* --tag, repeatable */
	int ntags;
};

/* What is being scored: a file, or one line of a JSON Lines file. */
struct source {
	const char *file;
	size_t line;		/* 0 for a whole file */
	const char *id;		/* "id" of a JSON line, or NULL */
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
	"  --jsonl             each FILE holds JSON Lines: {\"answer\": ...,\n"
	"                      \"id\", \"question\", \"category\"}\n"
	"                      (docs/score-json.md)\n"
	"  --question ID       score as an answer to question ID\n"
	"  --category NAME     score as an answer to a question of NAME\n"
	"  --save              also record each answer in the journal\n"
	"  --story NAME        with --save: the story the answer tells\n"
	"  --tag TAG           with --save: a tag for the answer "
	"(repeatable)\n"
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

	if (end == s || *end || !(v >= 0 && v <= 100))
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

/* Keeps the value of --story (c 'S') or --tag (c 'T') if it is valid. */
static int parse_label(int c, const char *arg, struct score_opts *o)
{
	const char *why = journal_label_problem(arg);

	if (why) {
		msg_error("%s '%s' %s", c == 'S' ? "--story" : "--tag", arg,
			  why);
		return ERR_USAGE;
	}
	if (c == 'S') {
		o->story = arg;
	} else if (o->ntags < 16) {
		o->tags[o->ntags++] = arg;
	} else {
		msg_error("--tag can be given at most 16 times");
		return ERR_USAGE;
	}
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
		{ "story", required_argument, NULL, 'S' },
		{ "tag", required_argument, NULL, 'T' },
		{ "no-evidence", no_argument, NULL, 'E' },
		{ "jsonl", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
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
		case 'S':
		case 'T':
			if (parse_label(c, optarg, o))
				return ERR_USAGE;
			break;
		case 'E': o->evidence = 0; break;
		case 'J': o->jsonl = 1; break;
		case 'h':
			fputs(usage_text, stdout);
			*done = 1;
			return 0;
		case ':':
			return usage_error("this option needs a value: '",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '",
					   argv[optind - 1]);
		}
	}
	return 0;
}

/* "FILE" or "FILE:LINE" for messages and lint output. */
static void source_name(const struct source *src, char *buf, size_t size)
{
	const char *file = strcmp(src->file, "-") ? src->file : "stdin";

	if (src->line)
		snprintf(buf, size, "%s:%zu", file, src->line);
	else
		snprintf(buf, size, "%s", file);
}

/* One line on what a penalty rule found, for lint output. */
static const char *lint_message(const char *rule)
{
	static const struct { const char *rule, *text; } msgs[] = {
		{ "star.hypothetical", "tells what you would do, not "
		  "what you did" },
		{ "star.habitual", "tells habits, not one episode" },
		{ "star.keyword-stuffing", "STAR labels with no story "
		  "behind them" },
		{ "star.no-episode", "no specific past episode" },
		{ "star.mostly-we", "actions told with \"we\"; your own "
		  "part is unclear" },
		{ "star.all-background", "mostly background, few of your "
		  "own steps" },
		{ "star.no-personal-action", "no step you took yourself" },
		{ "star.repetition", "the same phrases come back again and "
		  "again" },
		{ "growth.blame", "blames others" },
		{ "growth.fixed-mindset", "fixed-mindset language" },
		{ "topic.off-topic", "the story does not answer the "
		  "question" },
	};

	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (strcmp(msgs[i].rule, rule) == 0)
			return msgs[i].text;
	return "penalty";
}

static void print_lint(const struct source *src, const struct attempt *a)
{
	const struct score_report *r = &a->report;
	const char *file = src->file;
	size_t base = src->line ? src->line - 1 : 0;

	for (size_t i = 0; i < r->nevidence; i++) {
		const struct score_evidence *ev = &r->evidence[i];
		size_t line = 1, col = 1;

		if (ev->delta >= 0)
			continue;
		if (ev->end > ev->start && !src->line)
			text_locate(&a->text, ev->start, &line, &col);
		if (ev->rubric)
			printf("%s:%zu:%zu: %s/%s: \"%s\"\n", file, base + line,
			       col, ev->rubric, ev->target, ev->rule);
		else
			printf("%s:%zu:%zu: %s: %s\n", file, base + line, col,
			       ev->rule, lint_message(ev->rule));
	}
	for (int p = 0; p < SCORE_NPARTS; p++)
		if (!r->parts[p].present)
			printf("%s:%zu:1: star.%s.missing: no %s found\n",
			       file, base + 1, score_part_name(p),
			       score_part_name(p));
	for (size_t i = 0; i < r->ntips; i++)
		printf("%s:%zu:1: tip: %s\n", file, base + 1, r->tips[i]);
}

static char *render(const struct source *src, const struct attempt *a,
		    const struct score_opts *o)
{
	char name[512];
	struct report_opts ro = { o->color, 80, name };
	char *s;
	cJSON *j;

	source_name(src, name, sizeof(name));
	if (o->format == FORMAT_TEXT)
		return report_text(&a->report, &a->text, &ro);
	ro.file = src->file;
	j = report_json(&a->report, &a->text, &ro, o->evidence);
	if (j && src->line)
		cJSON_AddNumberToObject(j, "line", (double)src->line);
	if (j && src->id)
		cJSON_AddStringToObject(j, "id", src->id);
	s = j ? cJSON_PrintUnformatted(j) : NULL;
	cJSON_Delete(j);
	return s;
}

static int print_report(const struct source *src, const struct attempt *a,
			const struct score_opts *o)
{
	char *s;

	if (o->progress)
		fputs("\r\033[K", stderr);
	if (o->format == FORMAT_LINT) {
		print_lint(src, a);
		return 0;
	}
	s = render(src, a, o);
	if (!s) {
		msg_error("out of memory");
		return ERR_INPUT;
	}
	fputs(s, stdout);
	fputs("\n", stdout);
	free(s);
	fflush(stdout);
	return 0;
}

static int save_attempt(const struct attempt *a, const struct config *c,
			const char *name, const struct score_opts *o)
{
	cJSON *entry = attempt_entry(a, -1);
	struct err e;
	int rc;

	if (!entry)
		return ERR_INPUT;
	cJSON_AddStringToObject(entry, "source", name);
	if (o->story)
		journal_entry_set_story(entry, o->story);
	for (int i = 0; i < o->ntags; i++)
		journal_entry_add_tag(entry, o->tags[i]);
	rc = journal_append(c->journal_path, entry, &e);
	if (rc == 0)
		msg_note("%s: saved to the journal (%s)", name,
			 cJSON_GetStringValue(cJSON_GetObjectItem(entry,
								  "id")));
	cJSON_Delete(entry);
	if (rc) {
		msg_err(&e);
		msg_error("%s: not saved; the file itself is unchanged",
			  name);
	}
	return rc;
}

static int score_text(const struct source *src, const char *text,
		      size_t len, const struct question *q,
		      const struct catalog *cat, const struct score_opts *o,
		      const struct config *c)
{
	struct attempt a;
	struct err e;
	char name[512];
	int rc;

	source_name(src, name, sizeof(name));
	rc = attempt_score(&a, cat, q, text, len, &e);
	if (rc) {
		err_prefix(&e, name);
		msg_err(&e);
	} else {
		rc = print_report(src, &a, o);
		if (rc == 0 && o->save)
			rc = save_attempt(&a, c, name, o);
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

struct run {
	const struct catalog *cat;
	const struct question *q;	/* from --question or --category */
	const struct score_opts *o;
	const struct config *c;
};

/* The bank question with this id, or else with exactly this text. */
static const struct question *question_named(const struct question_bank *b,
					     const char *name)
{
	const struct question *q = questions_find(b, name);

	for (size_t i = 0; !q && i < b->n; i++)
		if (strcmp(b->items[i].text, name) == 0)
			q = &b->items[i];
	return q;
}

/*
 * A JSON line's own question (by id or text), else its category, else
 * the run's.  *unknown names what the line gave that matches nothing.
 */
static const struct question *line_question(const cJSON *obj,
					    const struct run *run,
					    struct question *tmp,
					    const char **unknown)
{
	const cJSON *qid = cJSON_GetObjectItemCaseSensitive(obj, "question");
	const cJSON *cat = cJSON_GetObjectItemCaseSensitive(obj, "category");
	const struct question *q = NULL;

	if (cJSON_IsString(qid))
		q = question_named(&run->cat->questions, qid->valuestring);
	if (q)
		return q;
	if (!cJSON_IsString(cat)) {
		if (cJSON_IsString(qid))
			*unknown = qid->valuestring;
		return run->q;
	}
	if (!questions_has_category(&run->cat->questions, cat->valuestring))
		*unknown = cat->valuestring;
	memset(tmp, 0, sizeof(*tmp));
	tmp->category = cat->valuestring;
	return tmp;
}

static int score_line(const char *file, size_t line, char *buf,
		      size_t len, const struct run *run)
{
	cJSON *obj = cJSON_ParseWithLength(buf, len);
	const cJSON *ans = cJSON_GetObjectItemCaseSensitive(obj, "answer");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
	struct source src = { file, line, NULL };
	const struct question *q;
	const char *unknown = NULL;
	struct question tmp;
	int rc;

	if (!cJSON_IsString(ans)) {
		cJSON_Delete(obj);
		msg_error("%s:%zu: %s", file, line, obj ? "no \"answer\" "
			  "string in this line" : "not valid JSON");
		return ERR_INPUT;
	}
	src.id = cJSON_IsString(id) ? id->valuestring : NULL;
	q = line_question(obj, run, &tmp, &unknown);
	if (unknown) {
		msg_error("%s:%zu: no question or category '%s' (see 'coach "
			  "questions')", file, line, unknown);
		cJSON_Delete(obj);
		return ERR_INPUT;
	}
	rc = score_text(&src, ans->valuestring, strlen(ans->valuestring), q,
			run->cat, run->o, run->c);
	cJSON_Delete(obj);
	return rc;
}

static int blank_line(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* Scores every line of a JSON Lines file, one at a time. */
static int score_jsonl(const char *file, const struct run *run)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	char *buf = NULL;
	size_t cap = 0, line = 0;
	ssize_t n;
	int rc = 0;

	if (!f) {
		msg_error("cannot read '%s': %s", file, strerror(errno));
		return ERR_INPUT;
	}
	while ((n = getline(&buf, &cap, f)) != -1) {
		line++;
		if (blank_line(buf))
			continue;
		if ((size_t)n > 2 * FILEIO_MAX_ANSWER) {
			msg_error("%s:%zu: the line is over the %d-byte limit",
				  file, line, 2 * FILEIO_MAX_ANSWER);
			rc = worse(rc, ERR_INPUT);
			continue;
		}
		rc = worse(rc, score_line(file, line, buf, (size_t)n, run));
	}
	if (ferror(f))
		rc = worse(rc, ERR_INPUT);
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int score_file(const char *file, const struct run *run)
{
	struct source src = { file, 0, NULL };
	struct err e;
	char *text;
	size_t len;
	int rc;

	if (run->o->jsonl)
		return score_jsonl(file, run);
	if (fileio_read(file, FILEIO_MAX_ANSWER, &text, &len, &e)) {
		msg_err(&e);
		return e.status;
	}
	rc = score_text(&src, text, len, run->q, run->cat, run->o, run->c);
	free(text);
	return rc;
}

static void show_progress(const struct score_opts *o, int i, int n,
			  const char *file)
{
	if (o->progress)
		fprintf(stderr, "\r\033[K[%d/%d] %.60s", i, n, file);
}

int cli_score(int argc, char **argv, struct config *c)
{
	struct score_opts o = { FORMAT_TEXT, -1, 0, 1, NULL, NULL, 0, 0, 0,
				 NULL, { NULL }, 0 };
	struct run run = { NULL, NULL, &o, c };
	struct question by_category;
	struct catalog cat;
	struct err e;
	int done = 0, rc = 0;

	if (parse_options(argc, argv, &o, &done) || done)
		return done ? 0 : ERR_USAGE;
	if ((o.story || o.ntags) && !o.save)
		return usage_error("--story and --tag go with --save", NULL);
	if (optind >= argc)
		return usage_error("no answer file given (use - for "
				   "stdin)", NULL);
	if (o.save && !c->journal_enabled)
		return usage_error("--save asks to journal the answers, but "
				   "the journal is turned off", NULL);
	o.color = config_use_color(c, STDOUT_FILENO);
	o.progress = argc - optind > 1 && isatty(STDERR_FILENO);
	if ((o.jsonl ? catalog_load(&cat, c, &e) :
	     catalog_load_for(&cat, c, o.question, &e))) {
		msg_err(&e);
		return e.status;
	}
	run.cat = &cat;
	if (o.question &&
	    !(run.q = questions_find(&cat.questions, o.question))) {
		catalog_release(&cat);
		return usage_error("no such question (see 'coach "
				   "questions'): '", o.question);
	}
	if (!run.q && o.category &&
	    !questions_has_category(&cat.questions, o.category)) {
		char list[400];

		questions_category_list(&cat.questions, list, sizeof(list));
		catalog_release(&cat);
		msg_error("unknown category '%s'", o.category);
		fprintf(stderr, "hint: the categories are: %s\n", list);
		return ERR_USAGE;
	}
	if (!run.q && o.category) {
		memset(&by_category, 0, sizeof(by_category));
		by_category.category = (char *)o.category;
		run.q = &by_category;
	}
	for (int i = optind; i < argc; i++) {
		show_progress(&o, i - optind + 1, argc - optind, argv[i]);
		rc = worse(rc, score_file(argv[i], &run));
	}
	if (o.progress)
		fputs("\r\033[K", stderr);
	catalog_release(&cat);
	return rc;
}
