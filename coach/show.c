/* Printing an attempt's score report on standard output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/msg.h"
#include "coach/report.h"
#include "coach/show.h"

void show_report(const struct attempt *a, const struct config *c,
		 int width)
{
	struct report_opts ro;
	char *text;

	memset(&ro, 0, sizeof(ro));
	ro.color = config_use_color(c, STDOUT_FILENO);
	ro.width = width;
	text = report_text(&a->report, &a->text, &ro);
	if (!text) {
		msg_error("cannot show the report: out of memory");
		return;
	}
	printf("\n%s", text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		putchar('\n');
	free(text);
}
