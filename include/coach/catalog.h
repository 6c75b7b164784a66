/*
 * Everything coach knows: the rubrics and question banks built into the
 * program, overridden by id by files in the user's config folder.
 */
#ifndef COACH_CATALOG_H
#define COACH_CATALOG_H

#include "coach/config.h"
#include "coach/err.h"
#include "coach/questions.h"
#include "coach/rubric.h"

struct catalog {
	struct rubric_set rubrics;
	struct question_bank questions;
};

/*
 * Loads the built-in rubrics and banks, then *.json in
 * config_dir/rubrics and config_dir/questions.  A broken file is
 * ERR_INPUT naming the file and line.  c may be NULL (built-ins only).
 * On error cat is left empty and needs no catalog_release.
 */
int catalog_load(struct catalog *cat, const struct config *c,
		 struct err *e);
void catalog_release(struct catalog *cat);

#endif
