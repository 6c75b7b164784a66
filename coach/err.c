/* Errors as values: filling and decorating struct err. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "coach/err.h"

int err_set(struct err *e, int status, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return status;
	e->status = status;
	e->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	return status;
}

void err_hint(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(e->hint, sizeof(e->hint), fmt, ap);
	va_end(ap);
}

void err_prefix(struct err *e, const char *prefix)
{
	char tmp[sizeof(e->text)];
	size_t n;

	if (!e)
		return;
	n = strlen(prefix);
	if (n + 2 >= sizeof(tmp))
		return;
	memcpy(tmp, prefix, n);
	memcpy(tmp + n, ": ", 2);
	memcpy(tmp + n + 2, e->text, sizeof(tmp) - n - 2);
	tmp[sizeof(tmp) - 1] = '\0';
	memcpy(e->text, tmp, sizeof(tmp));
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->status = 0;
	e->text[0] = '\0';
	e->hint[0] = '\0';
}
