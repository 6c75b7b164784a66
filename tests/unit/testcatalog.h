/*
 * Group set-up for tests that score answers: the built-in catalog,
 * loaded once and handed to each test as *state.
 */
#ifndef COACH_TESTCATALOG_H
#define COACH_TESTCATALOG_H

#include <stdio.h>
#include <stdlib.h>

#include "coach/catalog.h"

static inline int catalog_setup(void **state)
{
	struct catalog *cat = calloc(1, sizeof(*cat));
	struct err e = { 0 };

	if (!cat || catalog_load(cat, NULL, &e) != 0) {
		fprintf(stderr, "catalog_load: %s\n", e.text);
		free(cat);
		return -1;
	}
	*state = cat;
	return 0;
}

static inline int catalog_teardown(void **state)
{
	catalog_release(*state);
	free(*state);
	return 0;
}

#endif
