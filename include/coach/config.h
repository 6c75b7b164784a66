/*
 * Where coach keeps things (XDG base directories) and the settings that
 * apply, in one precedence order: flag > environment > config file >
 * built-in default.  Read once at start-up and passed down; never global.
 */
#ifndef COACH_CONFIG_H
#define COACH_CONFIG_H

#include "coach/err.h"
#include "coach/score.h"

struct config {
	char *config_dir;	/* $XDG_CONFIG_HOME/coach */
	char *data_dir;		/* $XDG_DATA_HOME/coach */
	char *state_dir;	/* $XDG_STATE_HOME/coach */
	char *journal_path;	/* $COACH_JOURNAL or data_dir/journal.jsonl */
	int journal_enabled;	/* 0 with --no-journal */
	int color;		/* -1 auto, 0 never, 1 always */
	char *file;		/* config_dir/config.json */
	struct score_settings scoring;	/* its "scoring" object */
};

/*
 * Fills c from the environment, config.json's "journal" and "scoring"
 * objects (docs/configuration.md) and built-in defaults.  Returns 0, or
 * ERR_INPUT when no home folder can be found or config.json is broken
 * (the message names its line).
 */
int config_init(struct config *c, struct err *e);
void config_release(struct config *c);

/*
 * Reads config_dir/config.json into c, when there is one (config_file.c;
 * config_init calls it).  Returns 0 or ERR_INPUT with "FILE:LINE: ...".
 */
int config_read_file(struct config *c, struct err *e);

/* Whether to colour output on file descriptor fd under c and NO_COLOR. */
int config_use_color(const struct config *c, int fd);

#endif
