/*
 * "coach feedback": checks that a model is configured, scores an answer
 * file offline, journals it, then asks the model for feedback and streams
 * it as it arrives.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/attempt.h"
#include "coach/cli.h"
#include "coach/feedback.h"
#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/msg.h"
#include "coach/report.h"

struct fb_opts {
	struct feedback_opts fo;
	const char *question;
	int journal;
	int report;
};

static const char usage_text[] =
	"usage: coach feedback [OPTIONS] FILE\n"
	"       coach feedback [OPTIONS] -     (the answer on stdin)\n"
	"\n"
	"Scores the answer offline, then asks the model configured in\n"
	"config.json (see 'coach config' and docs/llm.md) for feedback.\n"
	"Nothing is sent unless an endpoint is configured.\n"
	"\n"
	"  --question ID          the question the answer is for\n"
	"  --provider NAME        openai, azure, ollama or anthropic\n"
	"  --model NAME           the model (or Azure deployment) to ask\n"
	"  --base-url URL         the endpoint's base URL\n"
	"  --ca-bundle FILE       CA certificates for a TLS-inspecting proxy\n"
	"  --allow-insecure-http  allow plain http to another machine\n"
	"  --redact               replace e-mails, phones and listed names\n"
	"  --show-reasoning       show the model's reasoning, dimmed\n"
	"  --no-report            do not print the local score report\n"
	"  --no-journal           journal neither the answer nor feedback\n"
	"  --verbose              trace the HTTP exchange (keys hidden)\n"
	"  --help                 show this help\n";

static int usage_error(const char *what, const char *arg)
{
	msg_error("%s%s%s", what, arg ? arg : "", arg ? "'" : "");
	fputs("hint: try 'coach feedback --help'\n", stderr);
	return ERR_USAGE;
}

static int parse_options(int argc, char **argv, struct fb_opts *o,
			 int *done)
{
	static const struct option longopts[] = {
		{ "question", required_argument, NULL, 'q' },
		{ "provider", required_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "base-url", required_argument, NULL, 'u' },
		{ "ca-bundle", required_argument, NULL, 'c' },
		{ "allow-insecure-http", no_argument, NULL, 'H' },
		{ "redact", no_argument, NULL, 'r' },
		{ "show-reasoning", no_argument, NULL, 'R' },
		{ "no-report", no_argument, NULL, 'n' },
		{ "no-journal", no_argument, NULL, 'J' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct llmconfig_flags *f = &o->fo.flags;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->question = optarg; break;
		case 'p': f->provider = optarg; break;
		case 'm': f->model = optarg; break;
		case 'u': f->base_url = optarg; break;
		case 'c': f->ca_bundle = optarg; break;
		case 'H': f->allow_http = 1; break;
		case 'r': f->redact = 1; break;
		case 'R': f->show_reasoning = 1; break;
		case 'n': o->report = 0; break;
		case 'J': o->journal = 0; break;
		case 'v': o->fo.verbose = 1; break;
		case 'h':
			fputs(usage_text, stdout);
			*done = 1;
			return 0;
		default:
			return usage_error(optopt ? "an option needs a value: '"
					   : "unknown option '",
					   argv[optind - 1]);
		}
	}
	return 0;
}

static void show_report(const struct attempt *a, const struct config *c,
			const char *file)
{
	struct report_opts ro = { config_use_color(c, STDOUT_FILENO), 80,
				  file };
	char *s = report_text(&a->report, &a->text, &ro);

	if (s) {
		fputs(s, stdout);
		if (s[0] && s[strlen(s) - 1] != '\n')
			putchar('\n');
	}
	free(s);
	fflush(stdout);
}

/* Journals the attempt; its id goes to id[0..size), or "" on failure. */
static void save_attempt(const struct attempt *a, const struct config *c,
			 const char *file, char *id, size_t size)
{
	cJSON *entry = attempt_entry(a, -1);
	struct err e;

	id[0] = '\0';
	if (!entry)
		return;
	cJSON_AddStringToObject(entry, "source", file);
	if (journal_append(c->journal_path, entry, &e) == 0)
		snprintf(id, size, "%s", cJSON_GetStringValue(
			 cJSON_GetObjectItem(entry, "id")));
	else
		msg_err(&e);
	cJSON_Delete(entry);
}

static int feedback_file(const char *file, const struct catalog *cat,
			 const struct question *q, const struct fb_opts *o,
			 struct config *c)
{
	struct attempt a;
	struct err e;
	char *text, id[64] = "";
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
		if (o->report)
			show_report(&a, c, file);
		if (c->journal_enabled)
			save_attempt(&a, c, file, id, sizeof(id));
		rc = feedback_request(c, &a, id[0] ? id : NULL, &o->fo);
	}
	attempt_release(&a);
	return rc;
}

int cli_feedback(int argc, char **argv, struct config *c)
{
	struct fb_opts o;
	const struct question *q = NULL;
	struct catalog cat;
	struct err e;
	int done = 0, rc;

	memset(&o, 0, sizeof(o));
	feedback_opts_init(&o.fo);
	o.journal = o.report = 1;
	if (parse_options(argc, argv, &o, &done) || done)
		return done ? 0 : ERR_USAGE;
	if (optind >= argc)
		return usage_error("no answer file given (use - for stdin)",
				   NULL);
	if (optind + 1 < argc)
		return usage_error("one answer at a time, not '",
				   argv[optind + 1]);
	if (!o.journal)
		c->journal_enabled = 0;
	if (feedback_check(c, &o.fo, &e)) {
		msg_err(&e);
		return e.status;
	}
	if (catalog_load(&cat, c, &e)) {
		msg_err(&e);
		return e.status;
	}
	if (o.question && !(q = questions_find(&cat.questions, o.question))) {
		catalog_release(&cat);
		return usage_error("no such question (see 'coach "
				   "questions'): '", o.question);
	}
	rc = feedback_file(argv[optind], &cat, q, &o, c);
	catalog_release(&cat);
	return rc;
}
