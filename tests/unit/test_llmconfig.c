/* Model feedback settings: precedence, URLs, key sources and rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/llmconfig.h"

static char dir[64];

static const char *const vars[] = {
	"COACH_LLM_PROVIDER", "COACH_LLM_MODEL", "COACH_LLM_BASE_URL",
	"COACH_LLM_CA_BUNDLE", "OPENAI_BASE_URL", "OPENAI_API_KEY",
	"AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OLLAMA_HOST",
	"ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_VERSION", NULL
};

static void write_file(const char *name, const char *text, mode_t mode)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/coach-llmconfig-XXXXXX");
	for (int i = 0; vars[i]; i++)
		unsetenv(vars[i]);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/config.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/key", dir);
	unlink(path);
	return rmdir(dir);
}

static void llmconfig__flag_env_file__in_that_order(void **st)
{
	struct llmconfig_flags f;
	struct llmconfig c;

	(void)st;
	write_file("config.json", "{\"llm\":{\"provider\":\"openai\","
		   "\"model\":\"file\",\"idle_timeout\":5}}", 0600);
	llmconfig_flags_init(&f);
	assert_int_equal(llmconfig_load(&c, dir, &f, NULL), 0);
	assert_string_equal(c.str[LLMC_MODEL], "file");
	assert_int_equal(c.from[LLMC_MODEL], LLMC_FROM_FILE);
	assert_true(c.num[LLMC_IDLE_TIMEOUT] == 5);
	assert_int_equal(c.from[LLMC_BASE_URL], LLMC_FROM_DEFAULT);
	llmconfig_release(&c);

	setenv("COACH_LLM_MODEL", "env", 1);
	assert_int_equal(llmconfig_load(&c, dir, &f, NULL), 0);
	assert_string_equal(c.str[LLMC_MODEL], "env");
	assert_int_equal(c.from[LLMC_MODEL], LLMC_FROM_ENV);
	llmconfig_release(&c);

	f.model = "flag";
	assert_int_equal(llmconfig_load(&c, dir, &f, NULL), 0);
	assert_string_equal(c.str[LLMC_MODEL], "flag");
	assert_int_equal(c.from[LLMC_MODEL], LLMC_FROM_FLAG);
	llmconfig_release(&c);
}

struct url_case {
	const char *json;
	const char *env, *value;
	const char *want;
};

static void llmconfig__url__per_provider(void **st)
{
	static const struct url_case cases[] = {
		{ "{\"llm\":{\"provider\":\"openai\",\"model\":\"m\"}}", NULL,
		  NULL, "https://api.openai.com/v1/chat/completions" },
		{ "{\"llm\":{\"provider\":\"openai\",\"model\":\"m\"}}",
		  "OPENAI_BASE_URL", "http://127.0.0.1:8080/v1/",
		  "http://127.0.0.1:8080/v1/chat/completions" },
		{ "{\"llm\":{\"provider\":\"azure\",\"deployment\":\"d\"}}",
		  "AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com",
		  "https://r.openai.azure.com/openai/deployments/d/chat/"
		  "completions?api-version=2024-10-21" },
		{ "{\"llm\":{\"provider\":\"ollama\",\"model\":\"m\"}}",
		  "OLLAMA_HOST", "0.0.0.0:1234",
		  "http://127.0.0.1:1234/api/chat" },
		{ "{\"llm\":{\"provider\":\"ollama\",\"model\":\"m\"}}",
		  "OLLAMA_HOST", "gpu-box", "http://gpu-box:11434/api/chat" },
		{ "{\"llm\":{\"provider\":\"anthropic\",\"model\":\"m\"}}",
		  NULL, NULL, "https://api.anthropic.com/v1/messages" },
	};
	struct llmconfig c;
	char *url;

	(void)st;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file("config.json", cases[i].json, 0600);
		if (cases[i].env)
			setenv(cases[i].env, cases[i].value, 1);
		assert_int_equal(llmconfig_load(&c, dir, NULL, NULL), 0);
		url = llmconfig_url(&c);
		assert_string_equal(url, cases[i].want);
		free(url);
		llmconfig_release(&c);
		if (cases[i].env)
			unsetenv(cases[i].env);
	}
}

static void llmconfig__group_readable_key_file__refused(void **st)
{
	struct llmconfig c;
	struct err e;
	char want[256];

	(void)st;
	write_file("config.json", "{\"llm\":{\"provider\":\"openai\","
		   "\"model\":\"m\",\"api_key_file\":\"key\"}}", 0600);
	write_file("key", "sk-abcdefghijklmnop1234\n", 0640);
	assert_int_equal(llmconfig_load(&c, dir, NULL, NULL), 0);
	assert_int_equal(llmconfig_key(&c, 1, &e), ERR_INPUT);
	snprintf(want, sizeof(want), "the key file '%s/key' can be read by "
		 "other users; run 'chmod 600 %s/key'", dir, dir);
	assert_string_equal(e.text, want);
	assert_null(c.key);
	llmconfig_release(&c);

	write_file("key", "sk-abcdefghijklmnop1234\n", 0600);
	assert_int_equal(llmconfig_load(&c, dir, NULL, NULL), 0);
	assert_int_equal(llmconfig_key(&c, 1, &e), 0);
	assert_string_equal(c.key, "sk-abcdefghijklmnop1234");
	llmconfig_release(&c);
}

static void llmconfig__key_command__output_trimmed(void **st)
{
	struct llmconfig c;

	(void)st;
	write_file("config.json", "{\"llm\":{\"provider\":\"anthropic\","
		   "\"model\":\"m\",\"api_key_command\":\"echo '  k-1 '\"}}",
		   0600);
	assert_int_equal(llmconfig_load(&c, dir, NULL, NULL), 0);
	assert_int_equal(llmconfig_key(&c, 1, NULL), 0);
	assert_string_equal(c.key, "k-1");
	assert_string_equal(c.key_from, "api_key_command");
	llmconfig_release(&c);
}

static void llmconfig__check__http_only_for_loopback(void **st)
{
	static const char *const urls[] = {
		"http://127.0.0.1:8080/v1", "http://localhost/v1",
		"http://[::1]:8000/v1", "https://api.example.com/v1",
		"http://10.0.0.5/v1", "http://example.com/v1",
		"ftp://example.com/v1"
	};
	static const int ok[] = { 0, 0, 0, 0, ERR_INPUT, ERR_INPUT,
				  ERR_INPUT };
	struct llmconfig_flags f;
	struct llmconfig c;

	(void)st;
	write_file("config.json", "{\"llm\":{\"provider\":\"openai\","
		   "\"model\":\"m\"}}", 0600);
	setenv("OPENAI_API_KEY", "sk-abcdefghijklmnop1234", 1);
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		llmconfig_flags_init(&f);
		f.base_url = urls[i];
		assert_int_equal(llmconfig_load(&c, dir, &f, NULL), 0);
		assert_int_equal(llmconfig_key(&c, 0, NULL), 0);
		assert_int_equal(llmconfig_check(&c, NULL), ok[i]);
		llmconfig_release(&c);
	}
	unsetenv("OPENAI_API_KEY");
}

static void llmconfig__no_provider__usage_and_nothing_sent(void **st)
{
	struct llmconfig c;
	struct err e;

	(void)st;
	write_file("config.json", "{}", 0600);
	assert_int_equal(llmconfig_load(&c, dir, NULL, NULL), 0);
	assert_int_equal(llmconfig_check(&c, &e), ERR_USAGE);
	assert_string_equal(e.text, "no model endpoint is configured, so "
			    "nothing was sent");
	llmconfig_release(&c);
}

static void llmconfig__bad_file__names_file_and_line(void **st)
{
	struct llmconfig c;
	struct err e;
	char want[160];

	(void)st;
	write_file("config.json", "{\"llm\": {\n \"provider\": \"openai\",\n"
		   " \"retries\": \"two\"\n}}\n", 0600);
	assert_int_equal(llmconfig_load(&c, dir, NULL, &e), ERR_INPUT);
	snprintf(want, sizeof(want), "%s/config.json:3: \"retries\" must be "
		 "a number from 0 to 10", dir);
	assert_string_equal(e.text, want);
	llmconfig_release(&c);
}

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) s, sizeof(s) - 1

static void llmconfig__malformed_file__refused_with_its_line(void **st)
{
	static const struct {
		const char *text;
		size_t len;
		const char *why;
	} cases[] = {
		{ BYTES("{\"llm\": {\n\"provider\": \"op\0enai\"}}\n"),
		  "config.json:2: contains a NUL byte" },
		{ BYTES("{\"llm\": {\n\"model\": \"m\xff\"}}\n"),
		  "config.json:2: not valid UTF-8" },
		{ BYTES("{\"llm\": {}}\n}\n"),
		  "config.json:2: not valid JSON" },
	};
	char path[128], want[160];

	(void)st;
	snprintf(path, sizeof(path), "%s/config.json", dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "wb");
		struct llmconfig c;
		struct err e;

		assert_non_null(f);
		assert_int_equal(fwrite(cases[i].text, 1, cases[i].len, f),
				 cases[i].len);
		fclose(f);
		assert_int_equal(llmconfig_load(&c, dir, NULL, &e), ERR_INPUT);
		snprintf(want, sizeof(want), "%s/%s", dir, cases[i].why);
		assert_string_equal(e.text, want);
		llmconfig_release(&c);
	}
}

static void llmconfig__list_given_twice__last_one_kept(void **st)
{
	struct llmconfig c;
	struct err e;

	(void)st;
	write_file("config.json", "{\"llm\": {\"redact_names\": [\"Ana\", "
		   "\"Bo\"],\n \"redact_names\": [\"Cy\"]}}\n", 0600);
	assert_int_equal(llmconfig_load(&c, dir, NULL, &e), 0);
	assert_int_equal(c.nnames, 1);
	assert_string_equal(c.names[0], "Cy");
	llmconfig_release(&c);
}

static void llmconfig__symlink_loop__is_an_error_not_no_file(void **st)
{
	struct llmconfig c;
	struct err e;
	char path[128];

	(void)st;
	snprintf(path, sizeof(path), "%s/config.json", dir);
	unlink(path);
	assert_int_equal(symlink("config.json", path), 0);
	assert_int_equal(llmconfig_load(&c, dir, NULL, &e), ERR_INPUT);
	assert_non_null(strstr(e.text, "Too many levels of symbolic links"));
	llmconfig_release(&c);
	unlink(path);
}

static void llmconfig__mask__shows_at_most_seven_characters(void **st)
{
	char out[64];

	(void)st;
	llmconfig_mask("sk-proj-abcdefghijklmnopqrstuvwxyz7890", out,
		       sizeof(out));
	assert_string_equal(out, "sk-...7890");
	llmconfig_mask("short", out, sizeof(out));
	assert_string_equal(out, "****");
	llmconfig_mask(NULL, out, sizeof(out));
	assert_string_equal(out, "(none)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(llmconfig__flag_env_file__in_that_order),
		cmocka_unit_test(llmconfig__url__per_provider),
		cmocka_unit_test(
			llmconfig__group_readable_key_file__refused),
		cmocka_unit_test(llmconfig__key_command__output_trimmed),
		cmocka_unit_test(llmconfig__check__http_only_for_loopback),
		cmocka_unit_test(
			llmconfig__no_provider__usage_and_nothing_sent),
		cmocka_unit_test(llmconfig__bad_file__names_file_and_line),
		cmocka_unit_test(
			llmconfig__malformed_file__refused_with_its_line),
		cmocka_unit_test(
			llmconfig__symlink_loop__is_an_error_not_no_file),
		cmocka_unit_test(
			llmconfig__list_given_twice__last_one_kept),
		cmocka_unit_test(
			llmconfig__mask__shows_at_most_seven_characters),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
