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
	const struct score_settings *settings;	/* the config's; may be NULL */
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

/*
 * Like catalog_load, but of the built-in rubrics loads only those needed
 * to score an answer to question (an id, or NULL for an answer to no
 * particular question): star, growth-mindset, topics and the question's
 * own, and no interview plans.  Every user rubric and question file is
 * still loaded and checked.  Starting is then several times cheaper,
 * which matters for one-shot commands.
 */
int catalog_load_for(struct catalog *cat, const struct config *c,
		     const char *question, struct err *e);

void catalog_release(struct catalog *cat);

#endif
