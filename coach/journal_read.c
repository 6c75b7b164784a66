/*
 * Reading the answer journal back: each line parsed and checked, bad ones
 * reported with their line number and skipped, and tombstones applied.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach/journal.h"

/* Why a line is not a usable entry, or NULL when it is one. */
/* Fields other code reads as text must be text when present. */
static const char *journal_check_types(const cJSON *entry, char *why,
				       size_t size)
{
	static const char *const text[] = {
		"answer", "story", "time", "deleted", "attempt", "text", NULL
	};

	for (size_t i = 0; text[i]; i++) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(entry,
								  text[i]);

		if (f && !cJSON_IsString(f)) {
			snprintf(why, size, "\"%s\" is not text", text[i]);
			return why;
		}
	}
	return NULL;
}

static const char *journal_check(const cJSON *entry, char *why, size_t size)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, "v");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");

	if (!cJSON_IsObject(entry))
		return "not a JSON object";
	if (!v)
		return "no schema version";
	if (!cJSON_IsNumber(v))
		return "schema version is not a number";
	if (v->valuedouble != JOURNAL_SCHEMA) {
		snprintf(why, size, "unsupported schema version %g",
			 v->valuedouble);
		return why;
	}
	if (!cJSON_IsString(id) || !id->valuestring[0])
		return "no id";
	return journal_check_types(entry, why, size);
}

static int journal_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

cJSON *journal_parse_line(const char *s, size_t n, char *why,
			 size_t size)
{
	const char *end = NULL, *problem;
	cJSON *entry;

	why[0] = '\0';
	if (journal_blank(s, n))
		return NULL;
	if (memchr(s, '\0', n)) {
		snprintf(why, size, "contains a NUL byte");
		return NULL;
	}
	entry = cJSON_ParseWithLengthOpts(s, n, &end, 0);
	if (entry && !journal_blank(end, n - (size_t)(end - s))) {
		cJSON_Delete(entry);
		entry = NULL;
	}
	problem = entry ? journal_check(entry, why, size) : "not valid JSON";
	if (problem) {
		if (problem != why)
			snprintf(why, size, "%s", problem);
		cJSON_Delete(entry);
		return NULL;
	}
	return entry;
}

/*
 * Called for each good entry; may take it by setting *entry to NULL.
 * Returns non-zero to stop reading.
 */
typedef int (*journal_take_fn)(cJSON **entry, size_t line, void *ctx);

/*
 * Handles one line (without its newline).  Returns what take returned,
 * or 0 for a skipped line.
 */
static int journal_line(const char *s, size_t n, size_t lineno,
			journal_take_fn take, journal_bad_fn bad, void *ctx)
{
	char why[64];
	cJSON *entry = journal_parse_line(s, n, why, sizeof(why));
	int rc;

	if (!entry) {
		if (why[0] && bad)
			bad(lineno, why, ctx);
		return 0;
	}
	rc = take(&entry, lineno, ctx);
	cJSON_Delete(entry);
	return rc;
}

static int journal_read_fail(const char *path, int errnum, struct err *e)
{
	return err_set(e, ERR_INPUT, "cannot read the journal '%s': %s", path,
		       strerror(errnum));
}

/* Opens path for reading; *fp stays NULL when there is no journal yet. */
static int journal_open_read(const char *path, FILE **fp, struct err *e)
{
	struct stat st;
	int fd, errnum;

	*fp = NULL;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return errno == ENOENT ? 0 : journal_read_fail(path, errno, e);

	errnum = fstat(fd, &st) != 0 ? errno : 0;
	if (errnum == 0 && S_ISDIR(st.st_mode))
		errnum = EISDIR;
	if (errnum == 0 && !(*fp = fdopen(fd, "r")))
		errnum = errno;
	if (errnum != 0) {
		close(fd);
		return journal_read_fail(path, errnum, e);
	}
	return 0;
}

static int journal_scan(const char *path, journal_take_fn take,
			journal_bad_fn bad, void *ctx, struct err *e)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	FILE *fp;
	int rc;

	rc = journal_open_read(path, &fp, e);
	if (rc != 0 || !fp)
		return rc;

	errno = 0;
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (journal_line(line, (size_t)n, lineno, take, bad, ctx))
			break;
		errno = 0;
	}

	if (n < 0 && ferror(fp))
		rc = journal_read_fail(path, errno ? errno : EIO, e);
	free(line);
	fclose(fp);
	return rc;
}

/* journal_read's visitor behind the journal_take_fn interface. */
struct journal_reader {
	journal_visit_fn visit;
	journal_bad_fn bad;
	void *ctx;
};

static int journal_read_one(cJSON **entry, size_t line, void *ctx)
{
	struct journal_reader *rd = ctx;

	return rd->visit ? rd->visit(*entry, line, rd->ctx) : 0;
}

static void journal_read_bad(size_t line, const char *why, void *ctx)
{
	struct journal_reader *rd = ctx;

	if (rd->bad)
		rd->bad(line, why, rd->ctx);
}

int journal_read(const char *path, journal_visit_fn visit,
		 journal_bad_fn bad, void *ctx, struct err *e)
{
	struct journal_reader rd = { visit, bad, ctx };

	return journal_scan(path, journal_read_one, journal_read_bad, &rd, e);
}

/* A tombstone read: the id it names and how many entries preceded it. */
struct journal_grave {
	const char *target;	/* points into the tombstone, kept below */
	size_t before;
	cJSON *stone;
};

/* journal_load's state while reading. */
struct journal_loader {
	struct journal_list *list;
	struct journal_grave *graves;
	size_t ngraves, cap;
	journal_bad_fn bad;
	void *ctx;
	int nomem;
};

static const char *journal_id_of(const cJSON *entry)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");

	return cJSON_IsString(id) ? id->valuestring : NULL;
}

static int journal_keep(struct journal_list *l, cJSON *entry)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		cJSON **p = realloc(l->items, cap * sizeof(*p));

		if (!p)
			return -1;
		l->items = p;
		l->cap = cap;
	}
	l->items[l->len++] = entry;
	return 0;
}

static int journal_mourn(struct journal_loader *ld, cJSON *stone,
			 const char *target)
{
	if (ld->ngraves == ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : 16;
		struct journal_grave *p;

		p = realloc(ld->graves, cap * sizeof(*p));
		if (!p)
			return -1;
		ld->graves = p;
		ld->cap = cap;
	}
	ld->graves[ld->ngraves].target = target;
	ld->graves[ld->ngraves].before = ld->list->len;
	ld->graves[ld->ngraves++].stone = stone;
	return 0;
}

static int journal_load_one(cJSON **entry, size_t line, void *ctx)
{
	struct journal_loader *ld = ctx;
	const cJSON *del = cJSON_GetObjectItemCaseSensitive(*entry, "deleted");
	int rc;

	(void)line;
	if (cJSON_IsString(del))
		rc = journal_mourn(ld, *entry, del->valuestring);
	else
		rc = journal_keep(ld->list, *entry);
	if (rc != 0) {
		ld->nomem = 1;
		return 1;
	}
	*entry = NULL;
	return 0;
}

/* By target id, and for one id the latest tombstone first. */
static int journal_grave_cmp(const void *pa, const void *pb)
{
	const struct journal_grave *a = pa, *b = pb;
	int c = strcmp(a->target, b->target);

	if (c != 0)
		return c;
	return a->before < b->before ? 1 : a->before > b->before ? -1 : 0;
}

/* The latest tombstone for id, or NULL. */
static const struct journal_grave *
journal_grave_find(const struct journal_loader *ld, const char *id)
{
	size_t lo = 0, hi = ld->ngraves;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ld->graves[mid].target, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ld->ngraves && strcmp(ld->graves[lo].target, id) == 0)
		return &ld->graves[lo];
	return NULL;
}

/*
 * Drops every entry that a later tombstone names.  Sorting the
 * tombstones keeps this n log t however many there are.
 */
static void journal_bury_all(struct journal_loader *ld)
{
	struct journal_list *l = ld->list;
	const struct journal_grave *g;
	size_t i, kept = 0;

	if (ld->ngraves)
		qsort(ld->graves, ld->ngraves, sizeof(*ld->graves),
		      journal_grave_cmp);
	for (i = 0; i < l->len; i++) {
		const char *id = journal_id_of(l->items[i]);

		g = id && ld->ngraves ? journal_grave_find(ld, id) : NULL;
		if (g && g->before > i)
			cJSON_Delete(l->items[i]);
		else
			l->items[kept++] = l->items[i];
	}
	l->len = kept;
	for (i = 0; i < ld->ngraves; i++)
		cJSON_Delete(ld->graves[i].stone);
	free(ld->graves);
}

static void journal_load_bad(size_t line, const char *why, void *ctx)
{
	struct journal_loader *ld = ctx;

	if (ld->bad)
		ld->bad(line, why, ld->ctx);
}

int journal_load(const char *path, struct journal_list *out,
		 journal_bad_fn bad, void *ctx, struct err *e)
{
	struct journal_loader ld = { out, NULL, 0, 0, bad, ctx, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = journal_scan(path, journal_load_one, journal_load_bad, &ld, e);
	journal_bury_all(&ld);
	if (rc == 0 && ld.nomem)
		rc = journal_read_fail(path, ENOMEM, e);
	if (rc != 0)
		journal_list_release(out);
	return rc;
}

void journal_list_release(struct journal_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		cJSON_Delete(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}
