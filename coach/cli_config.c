/*
 * "coach config": the model feedback settings in effect, where each one
 * came from, and the API key masked.  Sends nothing anywhere.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/cli.h"
#include "coach/llmconfig.h"
#include "coach/msg.h"

static const char usage_text[] =
	"usage: coach config [--provider NAME] [--model NAME] "
	"[--base-url URL]\n"
	"\n"
	"Shows the model feedback settings in effect (flag > environment >\n"
	"config file > default), where each came from, and the API key\n"
	"masked.  The settings live in config.json; see docs/llm.md.\n";

static int parse_options(int argc, char **argv, struct llmconfig_flags *f,
			 int *done)
{
	static const struct option longopts[] = {
		{ "provider", required_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "base-url", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': f->provider = optarg; break;
		case 'm': f->model = optarg; break;
		case 'u': f->base_url = optarg; break;
		case 'h':
			fputs(usage_text, stdout);
			*done = 1;
			return 0;
		default:
			msg_error("unknown option '%s'", argv[optind - 1]);
			fputs("hint: try 'coach config --help'\n", stderr);
			return ERR_USAGE;
		}
	}
	if (optind < argc) {
		msg_error("'coach config' takes no arguments: '%s'",
			  argv[optind]);
		return ERR_USAGE;
	}
	return 0;
}

static void source(const struct llmconfig *c, int f, char *out,
		   size_t size)
{
	switch (c->from[f]) {
	case LLMC_FROM_FLAG:
		snprintf(out, size, "flag");
		break;
	case LLMC_FROM_ENV:
		snprintf(out, size, "environment %s", c->env[f] ? c->env[f] :
			 "");
		break;
	case LLMC_FROM_FILE:
		snprintf(out, size, "config file");
		break;
	default:
		snprintf(out, size, "default");
	}
}

static void show_field(const struct llmconfig *c, int f)
{
	char value[512], from[96];

	if (f == LLMC_REDACT_NAMES) {
		snprintf(value, sizeof(value), "%zu name%s", c->nnames,
			 c->nnames == 1 ? "" : "s");
	} else if (f == LLMC_ALLOW_HTTP || f == LLMC_SHOW_REASONING ||
		   f == LLMC_REDACT) {
		snprintf(value, sizeof(value), "%s", c->num[f] ? "true" :
			 "false");
	} else if (f == LLMC_TEMPERATURE && c->num[f] < 0) {
		snprintf(value, sizeof(value), "-");
	} else if (f >= LLMC_CONNECT_TIMEOUT) {
		snprintf(value, sizeof(value), "%g", c->num[f]);
	} else {
		snprintf(value, sizeof(value), "%s", c->str[f] ? c->str[f] :
			 "-");
	}
	source(c, f, from, sizeof(from));
	printf("%-20s %-34s %s\n", llmconfig_name(f), value, from);
}

static int show(struct llmconfig *c)
{
	char mask[64], *url;
	struct err e;
	int rc;

	printf("%-20s %s%s\n", "config file", c->file,
	       c->file_found ? "" : " (not found)");
	if (c->provider == LLM_NONE) {
		printf("%-20s none: model feedback is off and nothing is "
		       "sent (see docs/llm.md)\n", "provider");
		return 0;
	}
	for (int f = 0; f < LLMC_NFIELDS; f++)
		show_field(c, f);
	url = c->str[LLMC_BASE_URL] ? llmconfig_url(c) : NULL;
	printf("%-20s %s\n", "endpoint", url ? url : "-");
	free(url);
	rc = llmconfig_key(c, 0, &e);
	llmconfig_mask(c->key, mask, sizeof(mask));
	printf("%-20s %-34s %s\n", "api key", rc ? "(error)" :
	       c->key || !c->key_from[0] ? mask : "-",
	       c->key_from[0] ? c->key_from : "not set");
	if (rc == 0)
		rc = llmconfig_check(c, &e);
	if (rc)
		msg_err(&e);
	return rc;
}

int cli_config(int argc, char **argv, struct config *cfg)
{
	struct llmconfig_flags f;
	struct llmconfig c;
	struct err e;
	int done = 0, rc;

	llmconfig_flags_init(&f);
	rc = parse_options(argc, argv, &f, &done);
	if (rc || done)
		return rc;
	rc = llmconfig_load(&c, cfg->config_dir, &f, &e);
	if (rc)
		msg_err(&e);
	else
		rc = show(&c);
	llmconfig_release(&c);
	return rc;
}
