/* Reading files with a size cap, and creating private folders. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/fileio.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/coach-fileio-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Runs fileio_read on a path inside the test folder. */
static int read_in_dir(const char *name, size_t max, char **out,
		       size_t *len, struct err *e)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fileio_read(path, max, out, len, e);
}

static void fileio__small_file__read_whole_and_terminated(void **state)
{
	char path[256], *out;
	size_t len = 99;
	struct err e = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/a.txt", dir);
	put_file(path, "one\ntwo", 7);
	assert_int_equal(fileio_read(path, 100, &out, &len, &e), 0);
	assert_int_equal(len, 7);
	assert_string_equal(out, "one\ntwo");
	free(out);
}

static void fileio__empty_file__empty_string(void **state)
{
	char path[256], *out;
	size_t len = 99;
	struct err e = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/empty.txt", dir);
	put_file(path, "", 0);
	assert_int_equal(fileio_read(path, 100, &out, &len, &e), 0);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	free(out);
}

static void fileio__embedded_nul__kept_with_length(void **state)
{
	char path[256], *out;
	size_t len;
	struct err e = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/nul.txt", dir);
	put_file(path, "a\0b", 3);
	assert_int_equal(fileio_read(path, 100, &out, &len, &e), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(out, "a\0b", 4);
	free(out);
}

static void fileio__missing_file__names_path_and_reason(void **state)
{
	char want[600], *out = (char *)"untouched";
	struct err e = { 0 };

	(void)state;
	assert_int_equal(read_in_dir("nope.txt", 100, &out, NULL, &e),
			 ERR_INPUT);
	assert_null(out);
	snprintf(want, sizeof(want), "cannot read '%s/nope.txt': %s", dir,
		 strerror(ENOENT));
	assert_string_equal(e.text, want);
}

static void fileio__directory__refused_as_not_a_file(void **state)
{
	char want[600], *out;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(fileio_read(dir, 100, &out, NULL, &e), ERR_INPUT);
	assert_null(out);
	snprintf(want, sizeof(want), "'%s' is a directory, not a file", dir);
	assert_string_equal(e.text, want);
}

static void fileio__limit_text__largest_exact_unit(void **state)
{
	static const struct {
		size_t max;
		const char *text;
	} cases[] = {
		{ 1024 * 1024, "1 MiB limit" },
		{ 4 * 1024 * 1024, "4 MiB limit" },
		{ 1024 * 1024 + 1024, "1025 KiB limit" },
		{ 2048, "2 KiB limit" },
		{ 1000, "1000-byte limit" },
		{ 0, "0-byte limit" },
	};
	char out[48];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fileio_limit_text(cases[i].max, out, sizeof(out));
		assert_string_equal(out, cases[i].text);
	}
}

static void fileio__cap__exact_size_passes_one_more_fails(void **state)
{
	static const struct {
		size_t size, max;
		int status;
		const char *text;
	} cases[] = {
		{ 2048, 2048, 0, NULL },
		{ 2049, 2048, ERR_INPUT, "is over the 2 KiB limit" },
		{ 1024 * 1024 + 1, 1024 * 1024, ERR_INPUT,
		  "is over the 1 MiB limit" },
		{ 1536 * 1024 + 1, 1536 * 1024, ERR_INPUT,
		  "is over the 1536 KiB limit" },
		{ 11, 10, ERR_INPUT, "is over the 10-byte limit" },
		{ 0, 0, 0, NULL },
		{ 1, 0, ERR_INPUT, "is over the 0-byte limit" },
	};
	char path[256], *data, *out;
	struct err e;
	size_t i, len;

	(void)state;
	snprintf(path, sizeof(path), "%s/big.txt", dir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		data = malloc(cases[i].size + 1);
		memset(data, 'x', cases[i].size);
		put_file(path, data, cases[i].size);
		free(data);
		err_clear(&e);
		assert_int_equal(fileio_read(path, cases[i].max, &out, &len,
					     &e), cases[i].status);
		if (cases[i].text) {
			assert_null(out);
			assert_non_null(strstr(e.text, cases[i].text));
			assert_non_null(strstr(e.text, path));
		} else {
			assert_int_equal(len, cases[i].size);
			free(out);
		}
	}
}

/* Runs fileio_read("-") with stdin taken from the file at path. */
static int read_stdin_from(const char *path, size_t max, char **out,
			   size_t *len, struct err *e)
{
	int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY), rc;

	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	rc = fileio_read("-", max, out, len, e);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	return rc;
}

static void fileio__dash__reads_stdin_to_end(void **state)
{
	char path[256], *out;
	size_t len;
	struct err e = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/in.txt", dir);
	put_file(path, "from stdin\n", 11);
	assert_int_equal(read_stdin_from(path, 100, &out, &len, &e), 0);
	assert_int_equal(len, 11);
	assert_string_equal(out, "from stdin\n");
	free(out);
}

/* A pipe has no size to check first, so the cap is found while reading. */
static void fileio__pipe_over_cap__says_standard_input(void **state)
{
	int fds[2], saved = dup(STDIN_FILENO), rc;
	char *out;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "0123456789", 10), 10);
	close(fds[1]);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
	rc = fileio_read("-", 4, &out, NULL, &e);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_int_equal(rc, ERR_INPUT);
	assert_null(out);
	assert_string_equal(e.text, "standard input is over the 4-byte limit");
}

static void fileio__dash_closed_stdin__error_not_crash(void **state)
{
	int saved = dup(STDIN_FILENO), rc;
	char *out;
	struct err e = { 0 };

	(void)state;
	close(STDIN_FILENO);
	rc = fileio_read("-", 100, &out, NULL, &e);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_int_equal(rc, ERR_INPUT);
	assert_null(out);
	assert_non_null(strstr(e.text, "cannot read standard input: "));
}

static void fileio__mkdirs__creates_chain_with_mode(void **state)
{
	char path[256], top[256];
	struct stat st;
	struct err e = { 0 };
	mode_t old = umask(022);

	(void)state;
	snprintf(top, sizeof(top), "%s/m1", dir);
	snprintf(path, sizeof(path), "%s/m1/m2//m3/", dir);
	assert_int_equal(fileio_mkdirs(path, 0700, &e), 0);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(top, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(fileio_mkdirs(path, 0700, &e), 0);
}

static void fileio__mkdirs_over_file__names_the_file(void **state)
{
	char path[256], want[600];
	struct err e = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/plain", dir);
	put_file(path, "x", 1);
	assert_int_equal(fileio_mkdirs(path, 0700, &e), ERR_INPUT);
	snprintf(want, sizeof(want), "cannot create folder '%s': it exists "
		 "and is not a folder", path);
	assert_string_equal(e.text, want);

	snprintf(path, sizeof(path), "%s/plain/sub", dir);
	assert_int_equal(fileio_mkdirs(path, 0700, &e), ERR_INPUT);
	assert_non_null(strstr(e.text, "/plain'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			fileio__small_file__read_whole_and_terminated),
		cmocka_unit_test(fileio__empty_file__empty_string),
		cmocka_unit_test(fileio__limit_text__largest_exact_unit),
		cmocka_unit_test(fileio__embedded_nul__kept_with_length),
		cmocka_unit_test(
			fileio__missing_file__names_path_and_reason),
		cmocka_unit_test(fileio__directory__refused_as_not_a_file),
		cmocka_unit_test(
			fileio__cap__exact_size_passes_one_more_fails),
		cmocka_unit_test(fileio__dash__reads_stdin_to_end),
		cmocka_unit_test(fileio__pipe_over_cap__says_standard_input),
		cmocka_unit_test(fileio__dash_closed_stdin__error_not_crash),
		cmocka_unit_test(fileio__mkdirs__creates_chain_with_mode),
		cmocka_unit_test(fileio__mkdirs_over_file__names_the_file),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
