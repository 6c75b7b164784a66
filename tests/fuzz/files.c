/* Temporary files for the targets whose code under test reads a path. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

static char fuzz_dir[4096];

/* Removes the folder and the files in it when the process ends. */
static void fuzz_remove_dir(void)
{
	DIR *d = opendir(fuzz_dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char path[4400];

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(fuzz_dir);
}

/* Makes the private folder once per process. */
static int fuzz_make_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (fuzz_dir[0])
		return 0;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/coach-fuzz-XXXXXX", tmp);
	if (!mkdtemp(fuzz_dir)) {
		fuzz_dir[0] = '\0';
		return -1;
	}
	atexit(fuzz_remove_dir);
	return 0;
}

const char *fuzz_write_file(const char *name, const uint8_t *data,
			    size_t size)
{
	char path[4200];
	FILE *f;
	size_t n;

	if (fuzz_make_dir())
		return NULL;
	snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);

	f = fopen(path, "wb");
	if (!f)
		return NULL;
	n = size ? fwrite(data, 1, size, f) : 0;
	if (fclose(f) != 0 || n != size)
		return NULL;
	return fuzz_dir;
}
