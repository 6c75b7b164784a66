/* Tests for config: XDG folders, the journal path and when to colour. */
#include <pty.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "coach/config.h"

/* NULL in a case means "unset"; "" means set but empty. */
struct path_case {
	const char *name;
	const char *home, *xdg_config, *xdg_data, *xdg_state, *journal;
	const char *want_config, *want_data, *want_state, *want_journal;
};

static const struct path_case path_cases[] = {
	{ "config__home_only__folders_under_home",
	  "/h", NULL, NULL, NULL, NULL,
	  "/h/.config/coach", "/h/.local/share/coach",
	  "/h/.local/state/coach", "/h/.local/share/coach/journal.jsonl" },
	{ "config__absolute_xdg__folders_under_xdg",
	  "/h", "/x/c", "/x/d", "/x/s", NULL,
	  "/x/c/coach", "/x/d/coach", "/x/s/coach",
	  "/x/d/coach/journal.jsonl" },
	{ "config__relative_xdg__ignored",
	  "/h", "c", "./d", "s/", NULL,
	  "/h/.config/coach", "/h/.local/share/coach",
	  "/h/.local/state/coach", "/h/.local/share/coach/journal.jsonl" },
	{ "config__empty_xdg__ignored",
	  "/h", "", "", "", NULL,
	  "/h/.config/coach", "/h/.local/share/coach",
	  "/h/.local/state/coach", "/h/.local/share/coach/journal.jsonl" },
	{ "config__coach_journal__overrides_journal_path",
	  "/h", NULL, "/x/d", NULL, "/j/answers.jsonl",
	  "/h/.config/coach", "/x/d/coach",
	  "/h/.local/state/coach", "/j/answers.jsonl" },
	{ "config__empty_coach_journal__default_journal_path",
	  "/h", NULL, NULL, NULL, "",
	  "/h/.config/coach", "/h/.local/share/coach",
	  "/h/.local/state/coach", "/h/.local/share/coach/journal.jsonl" },
	{ "config__empty_home_with_all_xdg__needs_no_home",
	  "", "/x/c", "/x/d", "/x/s", NULL,
	  "/x/c/coach", "/x/d/coach", "/x/s/coach",
	  "/x/d/coach/journal.jsonl" },
};

static void env_put(const char *name, const char *value)
{
	if (value)
		assert_int_equal(setenv(name, value, 1), 0);
	else
		assert_int_equal(unsetenv(name), 0);
}

static void env_paths(const struct path_case *pc)
{
	env_put("HOME", pc->home);
	env_put("XDG_CONFIG_HOME", pc->xdg_config);
	env_put("XDG_DATA_HOME", pc->xdg_data);
	env_put("XDG_STATE_HOME", pc->xdg_state);
	env_put("COACH_JOURNAL", pc->journal);
}

static void path_case_run(void **state)
{
	const struct path_case *pc = *state;
	struct config c;
	struct err e = { 0 };

	env_paths(pc);

	assert_int_equal(config_init(&c, &e), 0);
	assert_string_equal(c.config_dir, pc->want_config);
	assert_string_equal(c.data_dir, pc->want_data);
	assert_string_equal(c.state_dir, pc->want_state);
	assert_string_equal(c.journal_path, pc->want_journal);
	config_release(&c);
}

static void config__defaults__journal_on_color_auto(void **state)
{
	struct config c;
	struct err e = { 0 };

	(void)state;
	env_paths(&path_cases[0]);

	assert_int_equal(config_init(&c, &e), 0);
	assert_int_equal(c.journal_enabled, 1);
	assert_int_equal(c.color, -1);
	config_release(&c);
}

static void config__no_home__uses_password_database(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char want[4096];
	struct config c;
	struct err e = { 0 };

	(void)state;
	if (!pw || !pw->pw_dir || !*pw->pw_dir)
		skip();
	snprintf(want, sizeof(want), "%s/.config/coach", pw->pw_dir);
	env_put("HOME", NULL);
	env_put("XDG_CONFIG_HOME", NULL);
	env_put("XDG_DATA_HOME", NULL);
	env_put("XDG_STATE_HOME", NULL);

	assert_int_equal(config_init(&c, &e), 0);
	assert_string_equal(c.config_dir, want);
	config_release(&c);
}

static void config__release__frees_and_zeroes(void **state)
{
	struct config c;
	struct err e = { 0 };

	(void)state;
	env_paths(&path_cases[0]);
	assert_int_equal(config_init(&c, &e), 0);

	config_release(&c);

	assert_null(c.config_dir);
	assert_null(c.data_dir);
	assert_null(c.state_dir);
	assert_null(c.journal_path);
	assert_int_equal(c.journal_enabled, 0);
	assert_int_equal(c.color, 0);
}

struct color_case {
	const char *name;
	int color;
	int tty;
	const char *no_color, *term;
	int want;
};

static const struct color_case color_cases[] = {
	{ "config__color_never__off_on_terminal", 0, 1, NULL, "xterm", 0 },
	{ "config__color_always__on_in_pipe", 1, 0, NULL, "xterm", 1 },
	{ "config__color_always__beats_no_color", 1, 1, "1", "xterm", 1 },
	{ "config__color_auto_pipe__off", -1, 0, NULL, "xterm", 0 },
	{ "config__color_auto_terminal__on", -1, 1, NULL, "xterm", 1 },
	{ "config__color_auto_no_color__off", -1, 1, "1", "xterm", 0 },
	{ "config__color_auto_empty_no_color__on", -1, 1, "", "xterm", 1 },
	{ "config__color_auto_dumb_terminal__off", -1, 1, NULL, "dumb", 0 },
	{ "config__color_auto_no_term__on", -1, 1, NULL, NULL, 1 },
};

/* Opens the far end of a new pseudo-terminal, or returns -1. */
static int tty_open(int *master)
{
	int fd;

	if (openpty(master, &fd, NULL, NULL, NULL) != 0)
		return -1;
	return fd;
}

static void color_case_run(void **state)
{
	const struct color_case *cc = *state;
	struct config c = { 0 };
	int fds[2];
	int master = -1;
	int fd;

	c.color = cc->color;
	env_put("NO_COLOR", cc->no_color);
	env_put("TERM", cc->term);
	if (cc->tty) {
		fd = tty_open(&master);
		if (fd < 0)
			skip();
	} else {
		assert_int_equal(pipe(fds), 0);
		fd = fds[1];
		close(fds[0]);
	}

	assert_int_equal(config_use_color(&c, fd), cc->want);
	close(fd);
	if (master >= 0)
		close(master);
}

#define NPATH (sizeof(path_cases) / sizeof(path_cases[0]))
#define NCOLOR (sizeof(color_cases) / sizeof(color_cases[0]))

int main(void)
{
	struct CMUnitTest tests[NPATH + NCOLOR + 3] = {
		cmocka_unit_test(config__defaults__journal_on_color_auto),
		cmocka_unit_test(config__no_home__uses_password_database),
		cmocka_unit_test(config__release__frees_and_zeroes),
	};
	size_t n = 3;


	for (size_t i = 0; i < NPATH; i++) {
		tests[n].name = path_cases[i].name;
		tests[n].test_func = path_case_run;
		tests[n++].initial_state = (void *)&path_cases[i];
	}
	for (size_t i = 0; i < NCOLOR; i++) {
		tests[n].name = color_cases[i].name;
		tests[n].test_func = color_case_run;
		tests[n++].initial_state = (void *)&color_cases[i];
	}
	assert_int_equal(n, sizeof(tests) / sizeof(tests[0]));
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
