/* Where coach keeps its files (XDG base directories) and whether to colour
 * output, worked out once from the environment at start-up. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/config.h"

/* The value of environment variable name, or NULL when unset or empty. */
static const char *config_env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* A malloc'd "a/b", or NULL when out of memory. */
static char *config_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* The home folder: $HOME, else the password database, else NULL. */
static const char *config_home(void)
{
	const char *home = config_env("HOME");
	struct passwd *pw;

	if (home)
		return home;
	pw = getpwuid(getuid());
	if (pw && pw->pw_dir && *pw->pw_dir)
		return pw->pw_dir;
	return NULL;
}

/*
 * Sets *out to $var/coach, or home/fallback/coach.  The XDG spec says a
 * relative value is invalid and must be ignored.  Returns 0, ERR_INPUT
 * without a home folder, or -1 when out of memory.
 */
static int config_xdg(char **out, const char *var, const char *fallback,
		      struct err *e)
{
	const char *v = config_env(var);
	const char *home;
	char *base;

	if (v && v[0] == '/') {
		*out = config_join(v, "coach");
		return *out ? 0 : -1;
	}

	home = config_home();
	if (!home)
		return err_set(e, ERR_INPUT,
			       "cannot find a home folder: set HOME");

	base = config_join(home, fallback);
	if (!base)
		return -1;
	*out = config_join(base, "coach");
	free(base);
	return *out ? 0 : -1;
}

static int config_paths(struct config *c, struct err *e)
{
	const char *journal = config_env("COACH_JOURNAL");
	int rc;

	rc = config_xdg(&c->config_dir, "XDG_CONFIG_HOME", ".config", e);
	if (rc == 0)
		rc = config_xdg(&c->data_dir, "XDG_DATA_HOME",
				".local/share", e);
	if (rc == 0)
		rc = config_xdg(&c->state_dir, "XDG_STATE_HOME",
				".local/state", e);
	if (rc != 0)
		return rc;

	if (journal)
		c->journal_path = strdup(journal);
	else
		c->journal_path = config_join(c->data_dir, "journal.jsonl");
	return c->journal_path ? 0 : -1;
}

int config_init(struct config *c, struct err *e)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->journal_enabled = 1;
	c->color = -1;

	rc = config_paths(c, e);
	if (rc == -1)
		rc = err_set(e, ERR_INPUT,
			     "cannot work out folders: out of memory");
	if (rc == 0)
		rc = config_read_file(c, e);
	if (rc != 0)
		config_release(c);
	return rc;
}

void config_release(struct config *c)
{
	if (!c)
		return;
	free(c->config_dir);
	free(c->data_dir);
	free(c->state_dir);
	free(c->journal_path);
	free(c->file);
	score_settings_release(&c->scoring);
	memset(c, 0, sizeof(*c));
}

int config_use_color(const struct config *c, int fd)
{
	const char *term = getenv("TERM");

	if (c && c->color == 0)
		return 0;
	if (c && c->color == 1)
		return 1;
	if (!isatty(fd) || config_env("NO_COLOR"))
		return 0;
	return !(term && strcmp(term, "dumb") == 0);
}
