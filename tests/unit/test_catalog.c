/* Tests for the catalog: built-in content and the user's own files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/catalog.h"

/* A private config folder: root/coach/{rubrics,questions}. */
struct tmp_config {
	char root[256];
	char coach[300];
	struct config c;
};

static int tmp_setup(void **state)
{
	struct tmp_config *t = calloc(1, sizeof(*t));
	const char *base = getenv("TMPDIR");
	struct err e = { 0 };

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "%s/coach-catalog-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(t->root))
		return -1;
	snprintf(t->coach, sizeof(t->coach), "%s/coach", t->root);
	setenv("XDG_CONFIG_HOME", t->root, 1);
	if (config_init(&t->c, &e) != 0)
		return -1;
	*state = t;
	return 0;
}

/* Removes the files in dir and then dir itself, if it exists. */
static void tmp_remove_dir(const char *dir)
{
	char path[600];
	struct dirent *ent;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((ent = readdir(d)) != NULL) {
		if (strcmp(ent->d_name, ".") == 0 ||
		    strcmp(ent->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int tmp_teardown(void **state)
{
	struct tmp_config *t = *state;
	char dir[400];

	snprintf(dir, sizeof(dir), "%s/rubrics", t->coach);
	tmp_remove_dir(dir);
	snprintf(dir, sizeof(dir), "%s/questions", t->coach);
	tmp_remove_dir(dir);
	rmdir(t->coach);
	rmdir(t->root);
	config_release(&t->c);
	free(t);
	return 0;
}

/* Writes text to coach/sub/name; path gets the file's full path. */
static void tmp_write(struct tmp_config *t, const char *sub,
		      const char *name, const char *text, char *path,
		      size_t size)
{
	char dir[400];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s", t->coach, sub);
	mkdir(t->coach, 0700);
	mkdir(dir, 0700);
	snprintf(path, size, "%s/%s", dir, name);

	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* A one-question bank giving q's id, category and competencies text. */
static void bank_json(const struct question *q, const char *text,
		      char *out, size_t size)
{
	int n = snprintf(out, size, "{\n  \"schema\": 1,\n  \"questions\": "
			 "[{\n    \"id\": \"%s\",\n    \"text\": \"%s\",\n"
			 "    \"category\": \"%s\",\n"
			 "    \"competencies\": [\"%s\"]\n  }]\n}\n",
			 q->id, text, q->category, q->competencies[0]);

	assert_true(n > 0 && (size_t)n < size);
}

static void catalog__builtins__have_star_and_questions(void **state)
{
	struct catalog cat;
	struct err e = { 0 };

	(void)state;

	assert_int_equal(catalog_load(&cat, NULL, &e), 0);
	assert_non_null(rubric_set_find(&cat.rubrics, "star"));
	assert_true(cat.questions.n >= 23);
	catalog_release(&cat);
}

static void catalog__missing_user_folders__builtins_only(void **state)
{
	struct tmp_config *t = *state;
	struct catalog plain, cat;
	struct err e = { 0 };

	assert_int_equal(catalog_load(&plain, NULL, &e), 0);

	assert_int_equal(catalog_load(&cat, &t->c, &e), 0);
	assert_int_equal(cat.questions.n, plain.questions.n);
	assert_int_equal(cat.rubrics.n, plain.rubrics.n);
	catalog_release(&cat);
	catalog_release(&plain);
}

static void catalog__user_question__overrides_builtin_by_id(void **state)
{
	struct tmp_config *t = *state;
	struct catalog plain, cat;
	struct err e = { 0 };
	const struct question *q;
	char json[2048], path[600];
	size_t n;

	assert_int_equal(catalog_load(&plain, NULL, &e), 0);
	q = &plain.questions.items[0];
	n = plain.questions.n;
	bank_json(q, "Tell me about your own question.", json, sizeof(json));
	tmp_write(t, "questions", "mine.json", json, path, sizeof(path));

	assert_int_equal(catalog_load(&cat, &t->c, &e), 0);
	assert_int_equal(cat.questions.n, n);
	q = questions_find(&cat.questions, q->id);
	assert_non_null(q);
	assert_string_equal(q->text, "Tell me about your own question.");
	catalog_release(&cat);
	catalog_release(&plain);
}

static void catalog__user_files__later_name_wins(void **state)
{
	struct tmp_config *t = *state;
	struct catalog plain, cat;
	struct err e = { 0 };
	const struct question *q;
	char json[2048], path[600], name[32], text[32];

	assert_int_equal(catalog_load(&plain, NULL, &e), 0);
	q = &plain.questions.items[0];
	for (int i = 9; i >= 1; i--) {
		snprintf(name, sizeof(name), "%02d.json", i);
		snprintf(text, sizeof(text), "From %02d.", i);
		bank_json(q, text, json, sizeof(json));
		tmp_write(t, "questions", name, json, path, sizeof(path));
	}
	tmp_write(t, "questions", "notes.txt", "not json", path, sizeof(path));

	assert_int_equal(catalog_load(&cat, &t->c, &e), 0);
	q = questions_find(&cat.questions, q->id);
	assert_non_null(q);
	assert_string_equal(q->text, "From 09.");
	catalog_release(&cat);
	catalog_release(&plain);
}

static void catalog__broken_user_rubric__names_file_and_line(void **state)
{
	struct tmp_config *t = *state;
	struct catalog cat;
	struct err e = { 0 };
	char path[600], want[700];

	tmp_write(t, "rubrics", "broken.json",
		  "{\n  \"schema\": 1,\n  \"id\": \"broken\",\n"
		  "  \"title\": oops\n}\n", path, sizeof(path));
	snprintf(want, sizeof(want), "%s:4:", path);

	assert_int_equal(catalog_load(&cat, &t->c, &e), ERR_INPUT);
	assert_int_equal(e.status, ERR_INPUT);
	assert_memory_equal(e.text, want, strlen(want));
}

static void catalog__broken_user_bank__names_file_and_line(void **state)
{
	struct tmp_config *t = *state;
	struct catalog cat;
	struct err e = { 0 };
	char path[600], want[700];

	tmp_write(t, "questions", "broken.json",
		  "{\n  \"schema\": 1,\n  \"questions\": [\n  ]\n}\n",
		  path, sizeof(path));
	snprintf(want, sizeof(want), "%s:3:", path);

	assert_int_equal(catalog_load(&cat, &t->c, &e), ERR_INPUT);
	assert_memory_equal(e.text, want, strlen(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog__builtins__have_star_and_questions),
		cmocka_unit_test_setup_teardown(
			catalog__missing_user_folders__builtins_only,
			tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(
			catalog__user_question__overrides_builtin_by_id,
			tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(
			catalog__user_files__later_name_wins,
			tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(
			catalog__broken_user_rubric__names_file_and_line,
			tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(
			catalog__broken_user_bank__names_file_and_line,
			tmp_setup, tmp_teardown),
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
