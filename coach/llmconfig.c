/*
 * Model feedback settings: config.json's "llm" object (parsed with cJSON),
 * the environment and flags merged field by field, and the API key from
 * a variable, a private file or a command.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "coach/fileio.h"
#include "coach/jsonloc.h"
#include "coach/llmconfig.h"
#include "coach/text.h"

#define KEY_MAX 4096

enum kind { K_STR, K_NUM, K_BOOL, K_LIST };

struct field {
	const char *name;
	enum kind kind;
	const char *env;	/* a variable that sets it for any provider */
	double min, max;
};

static const struct field fields[LLMC_NFIELDS] = {
	[LLMC_PROVIDER] = { "provider", K_STR, "COACH_LLM_PROVIDER", 0, 0 },
	[LLMC_BASE_URL] = { "base_url", K_STR, "COACH_LLM_BASE_URL", 0, 0 },
	[LLMC_MODEL] = { "model", K_STR, "COACH_LLM_MODEL", 0, 0 },
	[LLMC_DEPLOYMENT] = { "deployment", K_STR, NULL, 0, 0 },
	[LLMC_API_VERSION] = { "api_version", K_STR, NULL, 0, 0 },
	[LLMC_KEY_ENV] = { "api_key_env", K_STR, NULL, 0, 0 },
	[LLMC_KEY_FILE] = { "api_key_file", K_STR, NULL, 0, 0 },
	[LLMC_KEY_COMMAND] = { "api_key_command", K_STR, NULL, 0, 0 },
	[LLMC_CA_BUNDLE] = { "ca_bundle", K_STR, "COACH_LLM_CA_BUNDLE", 0, 0 },
	[LLMC_CONNECT_TIMEOUT] = { "connect_timeout", K_NUM, NULL, 1, 600 },
	[LLMC_FIRST_BYTE_TIMEOUT] = { "first_byte_timeout", K_NUM, NULL, 1,
				      3600 },
	[LLMC_IDLE_TIMEOUT] = { "idle_timeout", K_NUM, NULL, 1, 3600 },
	[LLMC_RETRIES] = { "retries", K_NUM, NULL, 0, 10 },
	[LLMC_RETRY_MAX_WAIT] = { "retry_max_wait", K_NUM, NULL, 0, 600 },
	[LLMC_MAX_TOKENS] = { "max_tokens", K_NUM, NULL, 1, 1000000 },
	[LLMC_TEMPERATURE] = { "temperature", K_NUM, NULL, 0, 2 },
	[LLMC_ALLOW_HTTP] = { "allow_insecure_http", K_BOOL, NULL, 0, 1 },
	[LLMC_SHOW_REASONING] = { "show_reasoning", K_BOOL, NULL, 0, 1 },
	[LLMC_REDACT] = { "redact", K_BOOL, NULL, 0, 1 },
	[LLMC_REDACT_NAMES] = { "redact_names", K_LIST, NULL, 0, 0 },
};

static const char *const provider_names[] = {
	"none", "openai", "azure", "ollama", "anthropic"
};

const char *llmconfig_name(enum llmconfig_field f)
{
	return fields[f].name;
}

const char *llmconfig_provider_name(enum llm_provider p)
{
	return provider_names[p];
}

void llmconfig_flags_init(struct llmconfig_flags *f)
{
	memset(f, 0, sizeof(*f));
	f->allow_http = f->show_reasoning = f->redact = -1;
}

static const char *env_get(const char *name)
{
	const char *v = name ? getenv(name) : NULL;

	return v && *v ? v : NULL;
}

static int set_str(struct llmconfig *c, enum llmconfig_field f,
		   const char *v, enum llmconfig_source from)
{
	char *s = strdup(v);

	if (!s)
		return -1;
	free(c->str[f]);
	c->str[f] = s;
	c->from[f] = from;
	return 0;
}

static int parse_provider(const char *s, enum llm_provider *p)
{
	for (int i = 1; i < (int)(sizeof(provider_names) /
				  sizeof(provider_names[0])); i++)
		if (!strcmp(s, provider_names[i])) {
			*p = (enum llm_provider)i;
			return 0;
		}
	return -1;
}

/* "file:line: " for the value at llm.key of the config file. */
static int file_error(const struct llmconfig *c, const char *json,
		      size_t len, const char *key, struct err *e,
		      const char *what)
{
	struct jsonloc_step path[2] = { { "llm", 0 }, { key, 0 } };
	size_t line = jsonloc_line(json, len, path, key ? 2 : 1);

	return err_set(e, ERR_INPUT, "%s:%zu: %s", c->file, line, what);
}

/* Frees the redact_names list, so a later one can replace it. */
static void names_free(struct llmconfig *c)
{
	for (size_t i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	c->names = NULL;
	c->nnames = 0;
}

static int file_list(struct llmconfig *c, const cJSON *v)
{
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	const cJSON *it;

	/* A setting given twice takes its last value, the list included. */
	names_free(c);
	c->names = calloc(n + 1, sizeof(*c->names));
	if (!c->names)
		return -1;
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsString(it) || !it->valuestring[0])
			return 1;
		c->names[i] = strdup(it->valuestring);
		if (!c->names[i++])
			return -1;
		c->nnames = i;
	}
	return 0;
}

/* One member of "llm"; 1 when its type or range is wrong, -1 memory. */
static int file_value(struct llmconfig *c, int f, const cJSON *v)
{
	const struct field *fd = &fields[f];

	c->from[f] = LLMC_FROM_FILE;
	switch (fd->kind) {
	case K_STR:
		if (!cJSON_IsString(v) || !v->valuestring[0])
			return 1;
		return set_str(c, f, v->valuestring, LLMC_FROM_FILE);
	case K_NUM:
		if (!cJSON_IsNumber(v) || v->valuedouble < fd->min ||
		    v->valuedouble > fd->max)
			return 1;
		c->num[f] = v->valuedouble;
		return 0;
	case K_BOOL:
		if (!cJSON_IsBool(v))
			return 1;
		c->num[f] = cJSON_IsTrue(v);
		return 0;
	case K_LIST:
		return cJSON_IsArray(v) ? file_list(c, v) : 1;
	}
	return 1;
}

static int field_index(const char *name)
{
	for (int f = 0; f < LLMC_NFIELDS; f++)
		if (!strcmp(fields[f].name, name))
			return f;
	return -1;
}

static int file_type_error(const struct llmconfig *c, const char *json,
			   size_t len, int f, struct err *e)
{
	const struct field *fd = &fields[f];
	char what[160];

	if (fd->kind == K_NUM)
		snprintf(what, sizeof(what), "\"%s\" must be a number from "
			 "%g to %g", fd->name, fd->min, fd->max);
	else
		snprintf(what, sizeof(what), "\"%s\" must be %s", fd->name,
			 fd->kind == K_BOOL ? "true or false" :
			 fd->kind == K_LIST ? "a list of names" :
			 "a non-empty string");
	return file_error(c, json, len, fd->name, e, what);
}

static int file_llm(struct llmconfig *c, const char *json, size_t len,
		    const cJSON *llm, struct err *e)
{
	const cJSON *v;
	char what[160];
	int f, rc;

	if (!cJSON_IsObject(llm))
		return file_error(c, json, len, NULL, e,
				  "\"llm\" must be an object");
	cJSON_ArrayForEach(v, llm) {
		if (!strcmp(v->string, "api_key"))
			return file_error(c, json, len, v->string, e,
				"a key does not belong in the config file; "
				"use api_key_file or an environment "
				"variable");
		f = field_index(v->string);
		if (f < 0) {
			snprintf(what, sizeof(what), "unknown setting "
				 "\"%.60s\" (see docs/llm.md)", v->string);
			return file_error(c, json, len, v->string, e, what);
		}
		rc = file_value(c, f, v);
		if (rc > 0)
			return file_type_error(c, json, len, f, e);
		if (rc < 0)
			return err_set(e, ERR_INPUT, "out of memory");
	}
	return 0;
}

/*
 * cJSON stops at a NUL and takes any bytes inside strings, so the text is
 * checked first: a setting must not end up as invalid UTF-8 in a request.
 */
static int check_text(const struct llmconfig *c, const char *json,
		      size_t len, struct err *e)
{
	size_t line = 1, bad = text_check_utf8(json, len, &line);

	if (!bad)
		return 0;
	return err_set(e, ERR_INPUT, "%s:%zu: %s", c->file, line,
		       json[bad - 1] ? "not valid UTF-8" :
		       "contains a NUL byte");
}

static int load_file(struct llmconfig *c, const char *dir, struct err *e)
{
	size_t n = strlen(dir) + sizeof("/config.json");
	const char *at = NULL;
	char *json;
	size_t len;
	cJSON *root;
	int rc = 0;

	c->file = malloc(n);
	if (!c->file)
		return err_set(e, ERR_INPUT, "out of memory");
	snprintf(c->file, n, "%s/config.json", dir);
	/* Only a missing file is no file: a symlink loop is an error. */
	if (access(c->file, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (fileio_read(c->file, FILEIO_MAX_DATA, &json, &len, e))
		return e ? e->status : ERR_INPUT;
	c->file_found = 1;
	if (check_text(c, json, len, e)) {
		free(json);
		return ERR_INPUT;
	}
	root = cJSON_ParseWithLengthOpts(json, len, &at, 0);
	at += at ? strspn(at, " \t\r\n") : 0;
	if (root && at && *at) {
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root) {
		at = at && *at ? at : cJSON_GetErrorPtr();
		rc = err_set(e, ERR_INPUT, "%s:%zu: not valid JSON", c->file,
			     at && at >= json && at <= json + len ?
			     jsonloc_line_of(json, (size_t)(at - json)) : 1);
	} else if (!cJSON_IsObject(root)) {
		rc = err_set(e, ERR_INPUT, "%s:1: must be a JSON object",
			     c->file);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "llm")) {
		rc = file_llm(c, json, len,
			      cJSON_GetObjectItemCaseSensitive(root, "llm"), e);
	}
	cJSON_Delete(root);
	free(json);
	return rc;
}

/* The provider's own variable for field f, e.g. OPENAI_BASE_URL. */
static const char *provider_env(enum llm_provider p, int f)
{
	static const char *const base[] = {
		NULL, "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT",
		"OLLAMA_HOST", "ANTHROPIC_BASE_URL"
	};

	if (f == LLMC_BASE_URL)
		return base[p];
	if (f == LLMC_API_VERSION && p == LLM_AZURE)
		return "OPENAI_API_VERSION";
	return NULL;
}

/* OLLAMA_HOST may be "host", "host:port" or a URL; "0.0.0.0" binds all. */
static int ollama_url(struct llmconfig *c, const char *v, const char *env)
{
	char buf[512];
	const char *host = v;

	if (strstr(v, "://"))
		return set_str(c, LLMC_BASE_URL, v, LLMC_FROM_ENV);
	if (!strncmp(host, "0.0.0.0", 7))
		host += 7;
	snprintf(buf, sizeof(buf), "http://%s%s%s",
		 host == v ? "" : "127.0.0.1", host,
		 strchr(v, ':') ? "" : ":11434");
	c->env[LLMC_BASE_URL] = env;
	return set_str(c, LLMC_BASE_URL, buf, LLMC_FROM_ENV);
}

static int load_env(struct llmconfig *c)
{
	const char *v, *name;

	for (int f = 0; f < LLMC_NFIELDS; f++) {
		name = fields[f].env;
		v = env_get(name);
		if (!v) {
			name = provider_env(c->provider, f);
			v = env_get(name);
		}
		if (!v || f == LLMC_PROVIDER)
			continue;
		c->env[f] = name;
		if (c->provider == LLM_OLLAMA && f == LLMC_BASE_URL &&
		    !strcmp(name, "OLLAMA_HOST")) {
			if (ollama_url(c, v, name))
				return -1;
		} else if (set_str(c, f, v, LLMC_FROM_ENV)) {
			return -1;
		}
	}
	return 0;
}

static int load_flags(struct llmconfig *c, const struct llmconfig_flags *g)
{
	const char *s[] = { g->model, g->base_url, g->ca_bundle };
	const int sf[] = { LLMC_MODEL, LLMC_BASE_URL, LLMC_CA_BUNDLE };
	const int b[] = { g->allow_http, g->show_reasoning, g->redact };
	const int bf[] = { LLMC_ALLOW_HTTP, LLMC_SHOW_REASONING, LLMC_REDACT };

	for (int i = 0; i < 3; i++) {
		if (s[i] && set_str(c, sf[i], s[i], LLMC_FROM_FLAG))
			return -1;
		if (b[i] >= 0) {
			c->num[bf[i]] = b[i];
			c->from[bf[i]] = LLMC_FROM_FLAG;
		}
	}
	return 0;
}

/* Picks the provider: flag, then environment, then file. */
static int load_provider(struct llmconfig *c, const struct llmconfig_flags *g,
			 struct err *e)
{
	const char *env = env_get("COACH_LLM_PROVIDER");
	const char *v = c->str[LLMC_PROVIDER];

	if (env && set_str(c, LLMC_PROVIDER, env, LLMC_FROM_ENV))
		return -1;
	if (env)
		c->env[LLMC_PROVIDER] = "COACH_LLM_PROVIDER";
	if (g && g->provider &&
	    set_str(c, LLMC_PROVIDER, g->provider, LLMC_FROM_FLAG))
		return -1;
	v = c->str[LLMC_PROVIDER];
	if (v && parse_provider(v, &c->provider)) {
		err_set(e, ERR_INPUT, "unknown provider '%.60s' %s%s",
			v, c->from[LLMC_PROVIDER] == LLMC_FROM_FILE ?
			"in " : "", c->from[LLMC_PROVIDER] ==
			LLMC_FROM_FILE ? c->file : "");
		err_hint(e, "use openai, azure, ollama or anthropic");
		return 1;
	}
	return 0;
}

static int set_default(struct llmconfig *c, int f, const char *v)
{
	if (c->str[f] || !v)
		return 0;
	if (set_str(c, f, v, LLMC_FROM_DEFAULT))
		return -1;
	return 0;
}

static void num_default(struct llmconfig *c, int f, double v)
{
	if (c->from[f] == LLMC_FROM_DEFAULT)
		c->num[f] = v;
}

static int load_defaults(struct llmconfig *c)
{
	static const char *const base[] = {
		NULL, "https://api.openai.com/v1", NULL,
		"http://127.0.0.1:11434", "https://api.anthropic.com"
	};
	static const char *const key[] = {
		NULL, "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", NULL,
		"ANTHROPIC_API_KEY"
	};
	static const char *const version[] = {
		NULL, NULL, "2024-10-21", NULL, "2023-06-01"
	};
	enum llm_provider p = c->provider;
	int local;

	if (set_default(c, LLMC_BASE_URL, base[p]) ||
	    set_default(c, LLMC_KEY_ENV, key[p]) ||
	    set_default(c, LLMC_API_VERSION, version[p]))
		return -1;
	local = p == LLM_OLLAMA || (c->str[LLMC_BASE_URL] &&
		llmconfig_loopback(c->str[LLMC_BASE_URL]));
	num_default(c, LLMC_CONNECT_TIMEOUT, 10);
	num_default(c, LLMC_FIRST_BYTE_TIMEOUT, local ? 300 : 60);
	num_default(c, LLMC_IDLE_TIMEOUT, 60);
	num_default(c, LLMC_RETRIES, 2);
	num_default(c, LLMC_RETRY_MAX_WAIT, 30);
	num_default(c, LLMC_MAX_TOKENS, 1024);
	num_default(c, LLMC_TEMPERATURE, -1);
	return 0;
}

int llmconfig_load(struct llmconfig *c, const char *config_dir,
		   const struct llmconfig_flags *f, struct err *e)
{
	int rc;

	memset(c, 0, sizeof(*c));
	rc = load_file(c, config_dir, e);
	if (rc == 0)
		rc = load_provider(c, f, e);
	if (rc == 0)
		rc = load_env(c);
	if (rc == 0 && f)
		rc = load_flags(c, f);
	if (rc == 0)
		rc = load_defaults(c);
	if (rc < 0)
		return err_set(e, ERR_INPUT, "out of memory");
	return rc ? ERR_INPUT : 0;
}

void llmconfig_release(struct llmconfig *c)
{
	for (int f = 0; f < LLMC_NFIELDS; f++)
		free(c->str[f]);
	for (size_t i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	free(c->file);
	if (c->key) {
		memset(c->key, 0, strlen(c->key));
		free(c->key);
	}
	memset(c, 0, sizeof(*c));
}

/* "~/x" under $HOME, a relative path under the config folder. */
static char *key_path(const struct llmconfig *c, const char *p)
{
	const char *home = getenv("HOME");
	const char *slash = c->file ? strrchr(c->file, '/') : NULL;
	size_t n = strlen(p) + (home ? strlen(home) : 0) +
		   (c->file ? strlen(c->file) : 0) + 2;
	char *out = malloc(n);

	if (!out)
		return NULL;
	if (p[0] == '~' && p[1] == '/' && home)
		snprintf(out, n, "%s%s", home, p + 1);
	else if (p[0] != '/' && slash)
		snprintf(out, n, "%.*s/%s", (int)(slash - c->file), c->file,
			 p);
	else
		snprintf(out, n, "%s", p);
	return out;
}

/* Drops surrounding white space; 1 when what is left has a control byte. */
static int key_trim(char *k)
{
	size_t n = strlen(k), i = 0;

	while (n > 0 && isspace((unsigned char)k[n - 1]))
		k[--n] = '\0';
	while (k[i] && isspace((unsigned char)k[i]))
		i++;
	memmove(k, k + i, n - i + 1);
	for (i = 0; k[i]; i++)
		if ((unsigned char)k[i] < 0x20 || k[i] == 0x7f)
			return 1;
	return 0;
}

static int key_take(struct llmconfig *c, char *k, struct err *e)
{
	int bad = key_trim(k);

	if (bad || !k[0]) {
		memset(k, 0, strlen(k));
		free(k);
		return err_set(e, ERR_INPUT, "the API key from %s is %s",
			       c->key_from, bad ? "not one line of text" :
			       "empty");
	}
	c->key = k;
	return 0;
}

static int key_file(struct llmconfig *c, struct err *e)
{
	char *path = key_path(c, c->str[LLMC_KEY_FILE]);
	struct stat st;
	char *k;
	size_t len;
	int rc;

	if (!path)
		return err_set(e, ERR_INPUT, "out of memory");
	snprintf(c->key_from, sizeof(c->key_from), "key file %s", path);
	if (stat(path, &st) == 0 && (st.st_mode & 077)) {
		rc = err_set(e, ERR_INPUT, "the key file '%s' can be read by "
			     "other users; run 'chmod 600 %s'", path, path);
	} else if (fileio_read(path, KEY_MAX, &k, &len, e) == 0) {
		rc = key_take(c, k, e);
	} else {
		rc = err_set(e, ERR_INPUT, "cannot read the key file '%s'; "
			     "check api_key_file in %s", path, c->file);
	}
	free(path);
	return rc;
}

/* Reads the command's output into k[0..KEY_MAX); returns its status. */
static int key_run(const char *cmd, char *k)
{
	int fd[2], status = -1;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (pid > 0 && (n = read(fd[0], k + len, KEY_MAX - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (len += (size_t)n) >= KEY_MAX - 1)
			break;
	}
	k[len] = '\0';
	close(fd[0]);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int key_command(struct llmconfig *c, struct err *e)
{
	char *k = calloc(1, KEY_MAX);
	int status;

	if (!k)
		return err_set(e, ERR_INPUT, "out of memory");
	snprintf(c->key_from, sizeof(c->key_from), "api_key_command");
	status = key_run(c->str[LLMC_KEY_COMMAND], k);
	if (status != 0) {
		memset(k, 0, KEY_MAX);
		free(k);
		return err_set(e, ERR_INPUT, "the api_key_command in %s "
			       "failed (status %d); run it yourself to see "
			       "why", c->file, status);
	}
	return key_take(c, k, e);
}

int llmconfig_key(struct llmconfig *c, int run_command, struct err *e)
{
	const char *var = c->str[LLMC_KEY_ENV];
	const char *v = env_get(var);
	char *k;

	c->key_from[0] = '\0';
	if (v) {
		snprintf(c->key_from, sizeof(c->key_from),
			 "environment variable %s", var);
		k = strdup(v);
		return k ? key_take(c, k, e) : err_set(e, ERR_INPUT,
						     "out of memory");
	}
	if (c->str[LLMC_KEY_FILE])
		return key_file(c, e);
	if (c->str[LLMC_KEY_COMMAND] && run_command)
		return key_command(c, e);
	if (c->str[LLMC_KEY_COMMAND])
		snprintf(c->key_from, sizeof(c->key_from),
			 "api_key_command (run when needed)");
	return 0;
}

void llmconfig_host(const char *url, char *out, size_t size)
{
	const char *h = strstr(url, "://");
	const char *end, *at;
	size_t n;

	h = h ? h + 3 : url;
	end = h + strcspn(h, "/?#");
	at = memchr(h, '@', (size_t)(end - h));
	if (at)
		h = at + 1;
	if (*h == '[') {
		at = memchr(h, ']', (size_t)(end - h));
		end = at ? at + 1 : end;
	} else {
		at = memchr(h, ':', (size_t)(end - h));
		end = at ? at : end;
	}
	n = (size_t)(end - h);
	if (n >= size)
		n = size - 1;
	memcpy(out, h, n);
	out[n] = '\0';
}

int llmconfig_loopback(const char *url)
{
	char host[256];

	llmconfig_host(url, host, sizeof(host));
	for (char *p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return !strcmp(host, "localhost") || !strcmp(host, "[::1]") ||
	       !strncmp(host, "127.", 4);
}

static int check_url(const struct llmconfig *c, const char *url,
		     struct err *e)
{
	const char *where = c->from[LLMC_BASE_URL] == LLMC_FROM_ENV &&
			    c->env[LLMC_BASE_URL] ? c->env[LLMC_BASE_URL] :
			    "base_url";

	if (!strncmp(url, "https://", 8))
		return 0;
	if (strncmp(url, "http://", 7)) {
		err_set(e, ERR_INPUT, "the endpoint '%.200s' is not an http "
			"or https URL; check %s", url, where);
		return ERR_INPUT;
	}
	if (llmconfig_loopback(url) || c->num[LLMC_ALLOW_HTTP])
		return 0;
	err_set(e, ERR_INPUT, "plain http to '%.200s' would send your answer "
		"unencrypted; use https, or set allow_insecure_http", url);
	return ERR_INPUT;
}

static int key_needed(const struct llmconfig *c)
{
	if (c->provider == LLM_OLLAMA)
		return 0;
	if (c->provider == LLM_OPENAI && c->str[LLMC_BASE_URL] &&
	    llmconfig_loopback(c->str[LLMC_BASE_URL]))
		return 0;
	return 1;
}

int llmconfig_check(const struct llmconfig *c, struct err *e)
{
	enum llm_provider p = c->provider;

	if (p == LLM_NONE) {
		err_set(e, ERR_USAGE, "no model endpoint is configured, so "
			"nothing was sent");
		err_hint(e, "set \"provider\" and \"model\" under \"llm\" in "
			 "%s (see docs/llm.md)", c->file ? c->file :
			 "config.json");
		return ERR_USAGE;
	}
	if (!c->str[LLMC_BASE_URL])
		return err_set(e, ERR_INPUT, "no endpoint for %s; set "
			       "base_url or %s", provider_names[p],
			       p == LLM_AZURE ? "AZURE_OPENAI_ENDPOINT" :
			       "COACH_LLM_BASE_URL");
	if (p == LLM_AZURE && !c->str[LLMC_DEPLOYMENT] && !c->str[LLMC_MODEL])
		return err_set(e, ERR_INPUT, "no Azure deployment; set "
			       "\"deployment\" in %s", c->file);
	if (p != LLM_AZURE && !c->str[LLMC_MODEL])
		return err_set(e, ERR_INPUT, "no model is configured; set "
			       "\"model\" in %s or use --model", c->file);
	if (check_url(c, c->str[LLMC_BASE_URL], e))
		return ERR_INPUT;
	if (key_needed(c) && !c->key && !c->key_from[0])
		return err_set(e, ERR_INPUT, "no API key for %s; set %s, or "
			       "api_key_file in %s", provider_names[p],
			       c->str[LLMC_KEY_ENV] ? c->str[LLMC_KEY_ENV] :
			       "api_key_env", c->file);
	return 0;
}

char *llmconfig_url(const struct llmconfig *c)
{
	const char *b = c->str[LLMC_BASE_URL];
	size_t n = strlen(b);
	const char *dep = c->str[LLMC_DEPLOYMENT] ? c->str[LLMC_DEPLOYMENT] :
			  c->str[LLMC_MODEL];
	size_t size = n + 256 + (dep ? strlen(dep) : 0) +
		      (c->str[LLMC_API_VERSION] ?
		       strlen(c->str[LLMC_API_VERSION]) : 0);
	char *url = malloc(size);

	if (!url)
		return NULL;
	while (n > 0 && b[n - 1] == '/')
		n--;
	if (c->provider == LLM_AZURE)
		snprintf(url, size, "%.*s/openai/deployments/%s/chat/"
			 "completions?api-version=%s", (int)n, b, dep,
			 c->str[LLMC_API_VERSION]);
	else if (c->provider == LLM_OLLAMA)
		snprintf(url, size, "%.*s/api/chat", (int)n, b);
	else if (c->provider == LLM_ANTHROPIC)
		snprintf(url, size, "%.*s%s", (int)n, b,
			 n >= 3 && !strncmp(b + n - 3, "/v1", 3) ?
			 "/messages" : "/v1/messages");
	else if (n >= 17 && !strncmp(b + n - 17, "/chat/completions", 17))
		snprintf(url, size, "%.*s", (int)n, b);
	else
		snprintf(url, size, "%.*s/chat/completions", (int)n, b);
	return url;
}

void llmconfig_mask(const char *key, char *out, size_t size)
{
	size_t n = key ? strlen(key) : 0;
	size_t pre = 0;

	if (n < 16) {
		snprintf(out, size, "%s", n ? "****" : "(none)");
		return;
	}
	while (pre < 3 && key[pre] != '-')
		pre++;
	if (key[pre] == '-')
		pre++;
	if (pre > 3)
		pre = 3;
	snprintf(out, size, "%.*s...%s", (int)pre, key, key + n - 4);
}
