/*
 * Fuzz target: config.json of arbitrary bytes, loaded, checked and
 * turned into a request URL, with the environment cleared of keys.
 */
#include <stdlib.h>
#include "coach/llmconfig.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_write_file("config.json", data, size);
	struct llmconfig c;
	struct err e;

	if (!dir)
		abort();
	if (llmconfig_load(&c, dir, NULL, &e) == 0) {
		char host[256];
		char *url;

		llmconfig_key(&c, 0, &e);
		llmconfig_check(&c, &e);

		/* As "coach config" does: there is no URL without a base. */
		url = c.str[LLMC_BASE_URL] ? llmconfig_url(&c) : NULL;
		if (url)
			llmconfig_host(url, host, sizeof(host));
		free(url);
	}
	llmconfig_release(&c);
	return 0;
}
