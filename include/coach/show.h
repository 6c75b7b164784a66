/*
 * Printing an attempt's score report on standard output, for the front
 * ends that show reports as they go (the practice REPL, coach loop).
 */
#ifndef COACH_SHOW_H
#define COACH_SHOW_H

#include "coach/attempt.h"
#include "coach/config.h"

/*
 * Prints a's report, coloured when c and the terminal allow, wrapped at
 * width (0 for 80), after a blank line.  Says so on stderr when memory
 * runs out.
 */
void show_report(const struct attempt *a, const struct config *c,
		 int width);

#endif
