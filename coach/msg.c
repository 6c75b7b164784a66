/* The one place coach talks about itself: "coach: ..." lines on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "coach/msg.h"

static void say(const char *tag, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void say(const char *tag, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("coach: ", stderr);
	if (tag)
		fputs(tag, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("warning: ", fmt, ap);
	va_end(ap);
}

void msg_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, fmt, ap);
	va_end(ap);
}

void msg_err(const struct err *e)
{
	msg_error("%s", e->text);
	if (e->hint[0])
		fprintf(stderr, "hint: %s\n", e->hint);
}
