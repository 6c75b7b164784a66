/* The journal under pressure: writers at once, writers killed mid-append,
 * and compaction while others append. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/journal.h"

#define WRITERS 2
#define PER_WRITER 5000

static char dir[64];
static char path[128];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/coach-jstress-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/journal.jsonl", dir);
	return 0;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int fresh(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static int append_n(int who, int n)
{
	cJSON *entry = cJSON_CreateObject();
	struct err e = { 0 };
	int rc;

	cJSON_AddNumberToObject(entry, "who", who);
	cJSON_AddNumberToObject(entry, "n", n);
	cJSON_AddStringToObject(entry, "answer", "Some text, \"quoted\",\n"
				"over two lines with enough words to matter.");
	rc = journal_append(path, entry, &e);
	cJSON_Delete(entry);
	return rc;
}

/* How many times each (who, n) was read, and the skipped lines. */
struct tally {
	unsigned char hits[WRITERS + 1][PER_WRITER];
	size_t good, bad;
};

static int tally_good(cJSON *entry, size_t line, void *ctx)
{
	struct tally *t = ctx;
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(entry, "who");
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(entry, "n");

	(void)line;
	t->good++;
	if (cJSON_IsNumber(who) && cJSON_IsNumber(n) && who->valueint >= 0 &&
	    who->valueint <= WRITERS && n->valueint >= 0 &&
	    n->valueint < PER_WRITER)
		t->hits[who->valueint][n->valueint]++;
	return 0;
}

static void tally_bad(size_t line, const char *why, void *ctx)
{
	(void)line;
	(void)why;
	((struct tally *)ctx)->bad++;
}

static void read_tally(struct tally *t)
{
	struct err e = { 0 };

	memset(t, 0, sizeof(*t));
	assert_int_equal(journal_read(path, tally_good, tally_bad, t, &e), 0);
}

static void stress__two_writers_5000_each__every_entry_once(void **state)
{
	static struct tally t;
	pid_t kids[WRITERS];
	int i, j, status;

	(void)state;
	for (i = 0; i < WRITERS; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			for (j = 0; j < PER_WRITER; j++)
				if (append_n(i, j) != 0)
					_exit(1);
			_exit(0);
		}
	}
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	read_tally(&t);
	assert_int_equal(t.bad, 0);
	assert_int_equal(t.good, WRITERS * PER_WRITER);
	for (i = 0; i < WRITERS; i++)
		for (j = 0; j < PER_WRITER; j++)
			assert_int_equal(t.hits[i][j], 1);
}

/* Appends until killed, telling the parent each n that was saved. */
static void killable_writer(int fd)
{
	int n;

	for (n = 0; n < PER_WRITER; n++) {
		if (append_n(0, n) != 0)
			_exit(1);
		if (write(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
			_exit(1);
	}
	_exit(0);
}

static void kill_one_writer(unsigned seed)
{
	static struct tally t;
	struct timespec nap = { 0, 0 };
	int fds[2], n, status;
	size_t reported = 0;
	pid_t kid;

	assert_int_equal(pipe(fds), 0);
	kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		close(fds[0]);
		killable_writer(fds[1]);
	}
	close(fds[1]);
	nap.tv_nsec = 2000000L + (long)(seed % 40) * 1000000L;
	nanosleep(&nap, NULL);
	kill(kid, SIGKILL);
	assert_int_equal(waitpid(kid, &status, 0), kid);

	read_tally(&t);
	while (read(fds[0], &n, sizeof(n)) == (ssize_t)sizeof(n)) {
		assert_int_equal(t.hits[0][n], 1);
		reported++;
	}
	close(fds[0]);
	assert_true(t.bad <= 1);
	assert_true(t.good >= reported);

	assert_int_equal(append_n(WRITERS, 7), 0);
	read_tally(&t);
	assert_true(t.bad <= 1);
	assert_int_equal(t.hits[WRITERS][7], 1);
}

static void stress__writer_killed__saved_entries_kept(void **state)
{
	unsigned seeds[] = { 3, 17, 29, 38, 11 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(seeds) / sizeof(*seeds); i++) {
		unlink(path);
		kill_one_writer(seeds[i]);
	}
}

static void put_file(const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

static char *slurp(void)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void count_bad(size_t line, const char *why, void *ctx)
{
	(void)why;
	*(size_t *)ctx = line;
}

static void compact__drops_deleted_and_torn__keeps_the_rest(void **state)
{
	struct journal_compact_result r;
	struct err e = { 0 };
	struct stat st;
	size_t bad_line = 0;

	(void)state;
	put_file("{\"v\":1,\"id\":\"A\",\"answer\":\"a\"}\n"
		 "{\"v\":1,\"id\":\"B\",\"answer\":\"b\"}\n"
		 "{\"v\":1,\"id\":\"T\",\"deleted\":\"A\"}\n"
		 "{\"v\":1,\"id\":\"X\",\"ans\n"
		 "\n"
		 "{\"v\":2,\"id\":\"N\",\"future\":true}\n"
		 "{\"v\":1,\"id\":\"F1\",\"type\":\"feedback\",\"attempt\":"
		 "\"A\",\"text\":\"x\"}\n"
		 "{\"v\":1,\"id\":\"F2\",\"type\":\"feedback\",\"attempt\":"
		 "\"B\",\"text\":\"y\"}\n"
		 "{\"v\":1,\"id\":\"C\",\"answer\":\"c\"}", 0640);
	assert_int_equal(journal_compact(path, &r, count_bad, &bad_line, &e),
			 0);
	assert_int_equal(r.kept, 4);
	assert_int_equal(r.dropped, 3);
	assert_int_equal(r.tombstones, 1);
	assert_int_equal(r.feedback, 1);
	assert_int_equal(r.bad, 1);
	assert_int_equal(bad_line, 4);
	assert_string_equal(slurp(),
		"{\"v\":1,\"id\":\"B\",\"answer\":\"b\"}\n"
		"{\"v\":2,\"id\":\"N\",\"future\":true}\n"
		"{\"v\":1,\"id\":\"F2\",\"type\":\"feedback\",\"attempt\":"
		"\"B\",\"text\":\"y\"}\n"
		"{\"v\":1,\"id\":\"C\",\"answer\":\"c\"}\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(r.after, (long long)st.st_size);
}

static void compact__missing_journal__stays_missing(void **state)
{
	struct journal_compact_result r;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(journal_compact(path, &r, NULL, NULL, &e), 0);
	assert_int_equal(r.kept, 0);
	assert_int_equal(access(path, F_OK), -1);
}

static void compact__while_another_appends__nothing_lost(void **state)
{
	static struct tally t;
	struct journal_compact_result r;
	struct err e = { 0 };
	int i, status;
	pid_t kid;

	(void)state;
	assert_int_equal(append_n(1, 0), 0);
	kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		for (i = 0; i < 500; i++)
			if (append_n(0, i) != 0)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < 40; i++)
		assert_int_equal(journal_compact(path, &r, NULL, NULL, &e), 0);
	assert_int_equal(waitpid(kid, &status, 0), kid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	read_tally(&t);
	assert_int_equal(t.bad, 0);
	for (i = 0; i < 500; i++)
		assert_int_equal(t.hits[0][i], 1);
	assert_int_equal(t.hits[1][0], 1);
}

static void compact__symlink__refused_and_untouched(void **state)
{
	struct journal_compact_result r;
	struct err e = { 0 };
	char target[160];

	(void)state;
	snprintf(target, sizeof(target), "%s/real.jsonl", dir);
	unlink(target);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(journal_compact(path, &r, NULL, NULL, &e),
			 ERR_INPUT);
	assert_non_null(strstr(e.text, "symbolic link"));
	unlink(path);
}

#define T(f) cmocka_unit_test_setup(f, fresh)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(stress__two_writers_5000_each__every_entry_once),
		T(stress__writer_killed__saved_entries_kept),
		T(compact__drops_deleted_and_torn__keeps_the_rest),
		T(compact__missing_journal__stays_missing),
		T(compact__while_another_appends__nothing_lost),
		T(compact__symlink__refused_and_untouched),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
