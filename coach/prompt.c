/*
 * Prompt templates with {{placeholders}}, and a redaction pass that
 * takes e-mail addresses, phone numbers and listed names out of an
 * answer before it is sent anywhere.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/embedded.h"
#include "coach/fileio.h"
#include "coach/prompt.h"

struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
};

static void sb_add(struct sbuf *b, const char *p, size_t n)
{
	size_t want = b->cap ? b->cap : 256;
	char *s;

	if (b->oom)
		return;
	while (want < b->len + n + 1)
		want *= 2;
	if (want != b->cap) {
		s = realloc(b->s, want);
		if (!s) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = want;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static char *sb_done(struct sbuf *b)
{
	sb_add(b, "", 0);
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

int prompt_load(const char *config_dir, const char *name, char **out,
		struct err *e)
{
	const struct embedded_file *f;
	char path[4096];
	size_t len;

	*out = NULL;
	if (config_dir) {
		snprintf(path, sizeof(path), "%s/prompts/%s.txt", config_dir,
			 name);
		if (access(path, F_OK) == 0)
			return fileio_read(path, FILEIO_MAX_DATA, out, &len, e);
	}
	snprintf(path, sizeof(path), "prompts/%s.txt", name);
	f = embedded_find(path);
	if (!f)
		return err_set(e, ERR_INPUT, "no prompt template '%s'", name);
	*out = strdup(f->data);
	return *out ? 0 : err_set(e, ERR_INPUT, "out of memory");
}

char *prompt_expand(const char *tmpl, const char *const *keys,
		    const char *const *values, size_t n)
{
	struct sbuf b = { NULL, 0, 0, 0 };
	const char *p = tmpl, *open, *close;
	size_t i;

	while ((open = strstr(p, "{{")) != NULL) {
		close = strstr(open + 2, "}}");
		if (!close)
			break;
		for (i = 0; i < n; i++)
			if (strlen(keys[i]) == (size_t)(close - open - 2) &&
			    !memcmp(open + 2, keys[i], strlen(keys[i])))
				break;
		sb_add(&b, p, (size_t)(open - p));
		if (i < n)
			sb_add(&b, values[i], strlen(values[i]));
		else
			sb_add(&b, open, (size_t)(close + 2 - open));
		p = close + 2;
	}
	sb_add(&b, p, strlen(p));
	return sb_done(&b);
}

static int alnum(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

static int email_local(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("._%+-", c));
}

static int email_domain(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-';
}

/* The length of an e-mail address starting at s[i], or 0. */
static size_t email_at(const char *s, size_t i)
{
	size_t j = i, at, dot = 0;

	if (i > 0 && (email_local(s[i - 1]) || s[i - 1] == '@'))
		return 0;
	while (email_local(s[j]))
		j++;
	if (j == i || s[j] != '@')
		return 0;
	at = ++j;
	while (email_domain(s[j]))
		if (s[j++] == '.')
			dot = j;
	while (j > at && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	return dot > at + 1 && dot < j ? j - i : 0;
}

/* The length of a phone number starting at s[i], or 0. */
static size_t phone_at(const char *s, size_t i)
{
	size_t j = i, digits = 0, end = i;

	if ((i > 0 && alnum(s[i - 1])) ||
	    !(isdigit((unsigned char)s[i]) || s[i] == '+' || s[i] == '('))
		return 0;
	for (; s[j] && (isdigit((unsigned char)s[j]) ||
			strchr("+()-. ", s[j])); j++) {
		if (s[j] == ' ' && (s[j + 1] == ' ' || !s[j + 1]))
			break;
		if (isdigit((unsigned char)s[j])) {
			digits++;
			end = j + 1;
		}
	}
	if (alnum(s[end]))
		return 0;
	if (digits >= 9 && digits <= 15)
		return end - i;
	if (digits == 7 && end - i == 8 && s[i + 3] == '-')
		return 8;
	return 0;
}

static size_t name_at(const char *s, size_t i, const char *const *names,
		      size_t nnames)
{
	if (i > 0 && alnum(s[i - 1]))
		return 0;
	for (size_t k = 0; k < nnames; k++) {
		size_t n = strlen(names[k]), j;

		for (j = 0; j < n && s[i + j]; j++)
			if (tolower((unsigned char)s[i + j]) !=
			    tolower((unsigned char)names[k][j]))
				break;
		if (n && j == n && !alnum(s[i + n]))
			return n;
	}
	return 0;
}

char *prompt_redact(const char *text, const char *const *names,
		    size_t nnames, size_t *count)
{
	struct sbuf b = { NULL, 0, 0, 0 };
	size_t i = 0, start = 0, n, found = 0;
	const char *label;

	while (text[i]) {
		label = NULL;
		if ((n = email_at(text, i)) != 0)
			label = "[email]";
		else if ((n = name_at(text, i, names, nnames)) != 0)
			label = "[name]";
		else if ((n = phone_at(text, i)) != 0)
			label = "[phone]";
		if (!label) {
			i++;
			continue;
		}
		sb_add(&b, text + start, i - start);
		sb_add(&b, label, strlen(label));
		found++;
		i += n;
		start = i;
	}
	sb_add(&b, text + start, i - start);
	if (count)
		*count = found;
	return sb_done(&b);
}
