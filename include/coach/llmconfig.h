/*
 * Settings for model feedback (docs/llm.md): the "llm" object of
 * $XDG_CONFIG_HOME/coach/config.json, environment variables and flags, in
 * one precedence order: flag > environment > file > default.  Also where
 * the API key comes from.  No network code.
 */
#ifndef COACH_LLMCONFIG_H
#define COACH_LLMCONFIG_H

#include <stddef.h>
#include "coach/err.h"

enum llm_provider {
	LLM_NONE,		/* not configured: nothing is sent */
	LLM_OPENAI,		/* chat completions, any compatible server */
	LLM_AZURE,		/* Azure OpenAI deployments */
	LLM_OLLAMA,		/* Ollama's native /api/chat */
	LLM_ANTHROPIC		/* Anthropic Messages API */
};

/* Every setting, in the order "coach config" shows them. */
enum llmconfig_field {
	LLMC_PROVIDER,
	LLMC_BASE_URL,
	LLMC_MODEL,
	LLMC_DEPLOYMENT,
	LLMC_API_VERSION,
	LLMC_KEY_ENV,
	LLMC_KEY_FILE,
	LLMC_KEY_COMMAND,
	LLMC_CA_BUNDLE,
	LLMC_CONNECT_TIMEOUT,
	LLMC_FIRST_BYTE_TIMEOUT,
	LLMC_IDLE_TIMEOUT,
	LLMC_RETRIES,
	LLMC_RETRY_MAX_WAIT,
	LLMC_MAX_TOKENS,
	LLMC_TEMPERATURE,
	LLMC_ALLOW_HTTP,
	LLMC_SHOW_REASONING,
	LLMC_REDACT,
	LLMC_REDACT_NAMES,
	LLMC_NFIELDS
};

enum llmconfig_source {
	LLMC_FROM_DEFAULT,
	LLMC_FROM_FILE,
	LLMC_FROM_ENV,
	LLMC_FROM_FLAG
};

/* Values given on the command line; NULL or -1 when not given. */
struct llmconfig_flags {
	const char *provider;
	const char *model;
	const char *base_url;
	const char *ca_bundle;
	int allow_http;
	int show_reasoning;
	int redact;
};

struct llmconfig {
	enum llm_provider provider;
	char *str[LLMC_NFIELDS];	/* text settings; NULL when unset */
	double num[LLMC_NFIELDS];	/* numbers and booleans (0 or 1) */
	enum llmconfig_source from[LLMC_NFIELDS];
	const char *env[LLMC_NFIELDS];	/* the variable of a value */
	char **names;			/* redact_names */
	size_t nnames;
	char *file;			/* the config file's path */
	int file_found;
	char *key;			/* by llmconfig_key; or NULL */
	char key_from[192];		/* where the key came from */
};

/* Sets every field of f to "not given". */
void llmconfig_flags_init(struct llmconfig_flags *f);

/*
 * Loads the settings: config_dir/config.json (a missing file is fine),
 * then the environment, then flags f (may be NULL).  A broken file or an
 * unknown provider is ERR_INPUT naming the file and line.  Release c
 * with llmconfig_release even on error.
 */
int llmconfig_load(struct llmconfig *c, const char *config_dir,
		   const struct llmconfig_flags *f, struct err *e);

/*
 * Finds the API key: the environment variable api_key_env names (by
 * default the provider's usual one), else api_key_file (refused when
 * group- or world-readable), else the output of api_key_command (only
 * when run_command).  Sets c->key (NULL when there is none) and
 * c->key_from.  Returns 0 or ERR_INPUT; never puts the key in e.
 */
int llmconfig_key(struct llmconfig *c, int run_command, struct err *e);

/*
 * Checks that an endpoint is configured and may be used: a provider, a
 * model or deployment, an http(s) URL (plain http only for loopback
 * hosts unless allow_http) and a key where the provider needs one.
 * Returns 0, ERR_USAGE when nothing is configured, or ERR_INPUT.
 */
int llmconfig_check(const struct llmconfig *c, struct err *e);

/* The URL requests go to; malloc'd, NULL when out of memory. */
char *llmconfig_url(const struct llmconfig *c);

/* Whether url names this machine (localhost, 127.0.0.0/8, [::1]). */
int llmconfig_loopback(const char *url);

/* The host of url in out[0..size): "api.openai.com". */
void llmconfig_host(const char *url, char *out, size_t size);

/* The field's name in config.json and "coach config": "base_url". */
const char *llmconfig_name(enum llmconfig_field f);
const char *llmconfig_provider_name(enum llm_provider p);

/* The key as "sk-...7890" (at most 4 characters of it) in out. */
void llmconfig_mask(const char *key, char *out, size_t size);

void llmconfig_release(struct llmconfig *c);

#endif
