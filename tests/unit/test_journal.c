/* The journal store: appending, reading back, bad lines, tombstones. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/journal.h"

static char dir[64];
static char path[128];

/* What journal_read reported, for comparing with what was expected. */
struct seen {
	size_t good, bad;
	size_t good_lines[16];
	size_t bad_lines[16];
	char why[16][64];
	char answer[16][64];
};

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/coach-journal-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/data/coach/journal.jsonl", dir);
	return 0;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Each test starts without a journal file. */
static int fresh_journal(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static int on_good(cJSON *entry, size_t line, void *ctx)
{
	struct seen *s = ctx;
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(entry, "answer");

	if (s->good < 16) {
		s->good_lines[s->good] = line;
		snprintf(s->answer[s->good], sizeof(s->answer[0]), "%s",
			 cJSON_IsString(a) ? a->valuestring : "");
	}
	s->good++;
	return 0;
}

static void on_bad(size_t line, const char *why, void *ctx)
{
	struct seen *s = ctx;

	if (s->bad < 16) {
		s->bad_lines[s->bad] = line;
		snprintf(s->why[s->bad], sizeof(s->why[0]), "%s", why);
	}
	s->bad++;
}

static int append_answer(const char *answer, struct err *e)
{
	cJSON *entry = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(entry, "answer", answer);
	rc = journal_append(path, entry, e);
	cJSON_Delete(entry);
	return rc;
}

static void put_raw(const char *data, size_t len, const char *mode)
{
	FILE *fp = fopen(path, mode);

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void journal__append__creates_private_file_and_folder(void **state)
{
	char folder[160];
	struct stat st;
	struct err e = { 0 };
	mode_t old = umask(022);

	(void)state;
	snprintf(folder, sizeof(folder), "%s/data/coach", dir);
	rmdir(folder);
	assert_int_equal(append_answer("first", &e), 0);
	umask(old);

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(folder, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
}

static void journal__append__sets_v_id_time_first(void **state)
{
	cJSON *entry = cJSON_CreateObject();
	const cJSON *k;
	struct err e = { 0 };

	(void)state;
	cJSON_AddStringToObject(entry, "answer", "x");
	cJSON_AddNumberToObject(entry, "v", 9);
	assert_int_equal(journal_append(path, entry, &e), 0);

	k = entry->child;
	assert_string_equal(k->string, "v");
	assert_int_equal(k->valueint, JOURNAL_SCHEMA);
	k = k->next;
	assert_string_equal(k->string, "id");
	assert_int_equal(strlen(k->valuestring), 28);
	k = k->next;
	assert_string_equal(k->string, "time");
	assert_int_equal(strlen(k->valuestring), 20);
	assert_int_equal(k->valuestring[10], 'T');
	assert_int_equal(k->valuestring[19], 'Z');
	assert_string_equal(k->next->string, "answer");
	assert_null(k->next->next);
	cJSON_Delete(entry);
}

static void journal__append__keeps_given_id_and_time(void **state)
{
	cJSON *entry = cJSON_CreateObject();
	const cJSON *id, *tm;
	struct err e = { 0 };

	(void)state;
	cJSON_AddStringToObject(entry, "time", "2026-12-03T17:04:55Z");
	cJSON_AddStringToObject(entry, "id", "given-id");
	assert_int_equal(journal_append(path, entry, &e), 0);
	id = cJSON_GetObjectItemCaseSensitive(entry, "id");
	tm = cJSON_GetObjectItemCaseSensitive(entry, "time");
	assert_string_equal(id->valuestring, "given-id");
	assert_string_equal(tm->valuestring, "2026-12-03T17:04:55Z");
	cJSON_Delete(entry);
}

static int keep_first(cJSON *entry, size_t line, void *ctx)
{
	cJSON **out = ctx;

	(void)line;
	*out = cJSON_Duplicate(entry, 1);
	return 1;
}

static void journal__entry__round_trips_exactly(void **state)
{
	const char *answer = "Line one\n\"quoted\" \xe2\x80\x94 caf\xc3\xa9\t!";
	cJSON *entry = cJSON_CreateObject(), *back = NULL;
	struct err e = { 0 };

	(void)state;
	cJSON_AddStringToObject(entry, "answer", answer);
	cJSON_AddNumberToObject(entry, "words", 7);
	assert_int_equal(journal_append(path, entry, &e), 0);
	assert_int_equal(journal_read(path, keep_first, NULL, &back, &e), 0);
	assert_non_null(back);
	assert_true(cJSON_Compare(entry, back, 1));
	cJSON_Delete(entry);
	cJSON_Delete(back);
}

static void journal__torn_last_line__only_it_is_skipped(void **state)
{
	static const char torn[] = "{\"v\":1,\"id\":\"torn\",\"answer\":\"cut o";
	struct seen s = { 0 };
	struct err e = { 0 };

	(void)state;
	assert_int_equal(append_answer("before", &e), 0);
	put_raw(torn, sizeof(torn) - 1, "ab");
	assert_int_equal(append_answer("after", &e), 0);

	assert_int_equal(journal_read(path, on_good, on_bad, &s, &e), 0);
	assert_int_equal(s.good, 2);
	assert_string_equal(s.answer[0], "before");
	assert_string_equal(s.answer[1], "after");
	assert_int_equal(s.good_lines[1], 3);
	assert_int_equal(s.bad, 1);
	assert_int_equal(s.bad_lines[0], 2);
	assert_string_equal(s.why[0], "not valid JSON");
}

static void journal__bad_lines__reported_by_line_and_skipped(void **state)
{
	static const char text[] =
		"{\"v\":1,\"id\":\"a\",\"answer\":\"one\"}\n"
		"this is not json\n"
		"[1,2]\n"
		"{\"id\":\"b\"}\n"
		"{\"v\":7,\"id\":\"c\"}\n"
		"{\"v\":1}\n"
		"\n"
		"   \n"
		"{\"v\":\"1\",\"id\":\"d\"}\n"
		"{\"v\":1,\"id\":\"e\"} trailing\n"
		"{\"v\":1,\"id\":\"f\",\"answer\":\"two\"}\n";
	static const struct {
		size_t line;
		const char *why;
	} want[] = {
		{ 2, "not valid JSON" },
		{ 3, "not a JSON object" },
		{ 4, "no schema version" },
		{ 5, "unsupported schema version 7" },
		{ 6, "no id" },
		{ 9, "schema version is not a number" },
		{ 10, "not valid JSON" },
	};
	struct seen s = { 0 };
	struct err e = { 0 };
	size_t i;

	(void)state;
	put_raw(text, sizeof(text) - 1, "wb");
	assert_int_equal(journal_read(path, on_good, on_bad, &s, &e), 0);
	assert_int_equal(s.good, 2);
	assert_int_equal(s.good_lines[0], 1);
	assert_int_equal(s.good_lines[1], 11);
	assert_int_equal(s.bad, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < s.bad; i++) {
		assert_int_equal(s.bad_lines[i], want[i].line);
		assert_string_equal(s.why[i], want[i].why);
	}
}

static void journal__nul_byte_line__skipped_with_reason(void **state)
{
	static const char text[] =
		"{\"v\":1,\"id\":\"a\",\"answer\":\"x\0y\"}\n"
		"{\"v\":1,\"id\":\"b\",\"answer\":\"ok\"}\n";
	struct seen s = { 0 };
	struct err e = { 0 };

	(void)state;
	put_raw(text, sizeof(text) - 1, "wb");
	assert_int_equal(journal_read(path, on_good, on_bad, &s, &e), 0);
	assert_int_equal(s.good, 1);
	assert_string_equal(s.answer[0], "ok");
	assert_int_equal(s.bad, 1);
	assert_int_equal(s.bad_lines[0], 1);
	assert_string_equal(s.why[0], "contains a NUL byte");
}

static int answer_length(cJSON *entry, size_t line, void *ctx)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(entry, "answer");

	(void)line;
	*(size_t *)ctx = cJSON_IsString(a) ? strlen(a->valuestring) : 0;
	return 0;
}

static void journal__ten_megabyte_line__read_back_whole(void **state)
{
	size_t n = 10 * 1024 * 1024, got = 0;
	char *big = malloc(n + 1);
	struct err e = { 0 };

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n);
	big[n] = '\0';
	assert_int_equal(append_answer(big, &e), 0);
	free(big);
	assert_int_equal(journal_read(path, answer_length, NULL, &got, &e),
			 0);
	assert_int_equal(got, n);
}

static void append_many(int who, int count)
{
	struct err e = { 0 };
	int i;

	for (i = 0; i < count; i++) {
		cJSON *entry = cJSON_CreateObject();

		cJSON_AddNumberToObject(entry, "who", who);
		cJSON_AddNumberToObject(entry, "n", i);
		if (journal_append(path, entry, &e) != 0)
			_exit(1);
		cJSON_Delete(entry);
	}
	_exit(0);
}

/* Entries per writer: hits[who][n] must each be 1. */
struct tally {
	unsigned char hits[2][2000];
	size_t bad;
};

static int tally_good(cJSON *entry, size_t line, void *ctx)
{
	struct tally *t = ctx;
	int who = cJSON_GetObjectItemCaseSensitive(entry, "who")->valueint;
	int n = cJSON_GetObjectItemCaseSensitive(entry, "n")->valueint;

	(void)line;
	if (who >= 0 && who < 2 && n >= 0 && n < 2000)
		t->hits[who][n]++;
	return 0;
}

static void tally_bad(size_t line, const char *why, void *ctx)
{
	(void)line;
	(void)why;
	((struct tally *)ctx)->bad++;
}

static void journal__two_writers__every_entry_intact(void **state)
{
	static struct tally t;
	struct err e = { 0 };
	pid_t kids[2];
	int i, j, status;

	(void)state;
	for (i = 0; i < 2; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0)
			append_many(i, 2000);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}

	assert_int_equal(journal_read(path, tally_good, tally_bad, &t, &e),
			 0);
	assert_int_equal(t.bad, 0);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2000; j++)
			assert_int_equal(t.hits[i][j], 1);
}

static void tombstone(const char *id)
{
	cJSON *t = cJSON_CreateObject();
	struct err e = { 0 };

	cJSON_AddStringToObject(t, "deleted", id);
	assert_int_equal(journal_append(path, t, &e), 0);
	cJSON_Delete(t);
}

static const char *answer_of(const cJSON *entry)
{
	return cJSON_GetObjectItemCaseSensitive(entry, "answer")->valuestring;
}

static void journal__tombstone__hides_its_entry_only(void **state)
{
	struct journal_list l;
	struct err e = { 0 };
	cJSON *b = cJSON_CreateObject();

	(void)state;
	assert_int_equal(append_answer("a", &e), 0);
	cJSON_AddStringToObject(b, "answer", "b");
	assert_int_equal(journal_append(path, b, &e), 0);
	assert_int_equal(append_answer("c", &e), 0);
	tombstone(cJSON_GetObjectItemCaseSensitive(b, "id")->valuestring);
	tombstone("no-such-id");
	cJSON_Delete(b);

	assert_int_equal(journal_load(path, &l, NULL, NULL, &e), 0);
	assert_int_equal(l.len, 2);
	assert_string_equal(answer_of(l.items[0]), "a");
	assert_string_equal(answer_of(l.items[1]), "c");
	journal_list_release(&l);
}

static void journal__missing_file__empty_journal(void **state)
{
	struct seen s = { 0 };
	struct journal_list l;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(journal_read(path, on_good, on_bad, &s, &e), 0);
	assert_int_equal(s.good + s.bad, 0);
	assert_int_equal(journal_load(path, &l, NULL, NULL, &e), 0);
	assert_int_equal(l.len, 0);
	journal_list_release(&l);
}

static void journal__directory__cannot_be_read(void **state)
{
	char want[300];
	struct err e = { 0 };

	(void)state;
	assert_int_equal(journal_read(dir, on_good, NULL, NULL, &e),
			 ERR_INPUT);
	snprintf(want, sizeof(want), "cannot read the journal '%s': %s", dir,
		 strerror(EISDIR));
	assert_string_equal(e.text, want);
}

static int stop_at_first(cJSON *entry, size_t line, void *ctx)
{
	(void)entry;
	(void)line;
	++*(int *)ctx;
	return 1;
}

static void journal__visitor_nonzero__stops_reading(void **state)
{
	struct err e = { 0 };
	int calls = 0;

	(void)state;
	assert_int_equal(append_answer("a", &e), 0);
	assert_int_equal(append_answer("b", &e), 0);
	assert_int_equal(journal_read(path, stop_at_first, NULL, &calls, &e),
			 0);
	assert_int_equal(calls, 1);
}

static void journal__ids__unique_and_ascending(void **state)
{
	char prev[64] = "", id[64];
	int i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		journal_new_id(id, sizeof(id));
		assert_int_equal(strlen(id), 28);
		assert_int_equal(id[8], 'T');
		assert_int_equal(id[15], '.');
		assert_int_equal(id[22], 'Z');
		assert_int_equal(id[23], '-');
		assert_true(strcmp(prev, id) < 0);
		memcpy(prev, id, sizeof(id));
	}
}

/* In a child limited to a small file size: the append must fail and say
 * where, and leave the journal as it was. */
static int append_when_full(void)
{
	struct rlimit rl = { 4096, 4096 };
	char *big = malloc(8000);
	struct err e = { 0 };
	int rc;

	if (!big)
		return 10;
	memset(big, 'x', 7999);
	big[7999] = '\0';
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 11;
	rc = append_answer(big, &e);
	free(big);
	if (rc != ERR_INPUT)
		return 12;
	if (strncmp(e.text, "cannot save to the journal '", 28) != 0 ||
	    !strstr(e.text, path) || !strstr(e.text, strerror(EFBIG)))
		return 13;
	return 0;
}

static void journal__full_disk__error_names_path(void **state)
{
	struct seen s = { 0 };
	struct err e = { 0 };
	struct stat before, after;
	int status;
	pid_t kid;

	(void)state;
	assert_int_equal(append_answer("kept", &e), 0);
	assert_int_equal(stat(path, &before), 0);
	kid = fork();
	assert_true(kid >= 0);
	if (kid == 0)
		_exit(append_when_full());
	assert_int_equal(waitpid(kid, &status, 0), kid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	assert_int_equal(journal_read(path, on_good, on_bad, &s, &e), 0);
	assert_int_equal(s.good, 1);
	assert_int_equal(s.bad, 0);
}

static void journal__parent_is_a_file__error_names_it(void **state)
{
	char bad_path[200];
	cJSON *entry = cJSON_CreateObject();
	struct err e = { 0 };

	(void)state;
	put_raw("x", 1, "wb");
	snprintf(bad_path, sizeof(bad_path), "%s/sub/journal.jsonl", path);
	assert_int_equal(journal_append(bad_path, entry, &e), ERR_INPUT);
	assert_non_null(strstr(e.text, "cannot save to the journal: "));
	assert_non_null(strstr(e.text, path));
	cJSON_Delete(entry);
}

#define T(f) cmocka_unit_test_setup(f, fresh_journal)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(journal__append__creates_private_file_and_folder),
		T(journal__append__sets_v_id_time_first),
		T(journal__append__keeps_given_id_and_time),
		T(journal__entry__round_trips_exactly),
		T(journal__torn_last_line__only_it_is_skipped),
		T(journal__bad_lines__reported_by_line_and_skipped),
		T(journal__nul_byte_line__skipped_with_reason),
		T(journal__ten_megabyte_line__read_back_whole),
		T(journal__two_writers__every_entry_intact),
		T(journal__tombstone__hides_its_entry_only),
		T(journal__missing_file__empty_journal),
		T(journal__directory__cannot_be_read),
		T(journal__visitor_nonzero__stops_reading),
		T(journal__ids__unique_and_ascending),
		T(journal__full_disk__error_names_path),
		T(journal__parent_is_a_file__error_names_it),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
