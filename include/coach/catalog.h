/*
 * Everything coach knows: the rubrics and question banks built into the
 * program, overridden by id by files in the user's config folder.
 */
#ifndef COACH_CATALOG_H
#define COACH_CATALOG_H

#include "coach/config.h"
#include "coach/err.h"
#include "coach/plan.h"
#include "coach/questions.h"
#include "coach/rubric.h"

struct catalog {
	struct rubric_set rubrics;
	struct question_bank questions;
	struct plan_set plans;
};

/*
 * Loads the built-in rubrics, banks and plans, then *.json in
 * config_dir/rubrics, config_dir/questions and config_dir/plans.
 * A broken file is ERR_INPUT naming the file and line.  c may be NULL
 * (built-ins only).
 * On error cat is left empty and needs no catalog_release.
 */
int catalog_load(struct catalog *cat, const struct config *c,
		 struct err *e);
void catalog_release(struct catalog *cat);

#endif
