/*
 * Compacting the journal: a new file without deleted entries or broken
 * lines, written beside the old one and renamed into place under its lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach/journal.h"

/* The last tombstone naming target, by line. */
struct cp_grave {
	char *target;
	size_t line;
};

struct cp_state {
	const char *path;
	FILE *in;
	struct cp_grave *graves;
	size_t ngraves, cap;
	char *line;
	size_t linecap;
	journal_bad_fn bad;
	void *ctx;
	struct journal_compact_result *r;
};

static int cp_fail(const char *path, const char *what, int errnum,
		   struct err *e)
{
	err_set(e, ERR_INPUT, "cannot compact the journal '%s': %s: %s", path,
		what, strerror(errnum));
	err_hint(e, "the journal is unchanged");
	return ERR_INPUT;
}

static int cp_lock(int fd, int op)
{
	int rc;

	do
		rc = flock(fd, op);
	while (rc != 0 && errno == EINTR);
	return rc;
}

/* Reads the next line into st->line without its newline; -1 at the end. */
static ssize_t cp_getline(struct cp_state *st)
{
	ssize_t n = getline(&st->line, &st->linecap, st->in);

	if (n > 0 && st->line[n - 1] == '\n')
		st->line[--n] = '\0';
	return n;
}

static int cp_mourn(struct cp_state *st, const char *target, size_t line)
{
	char *copy;

	if (st->ngraves == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		struct cp_grave *p = realloc(st->graves, cap * sizeof(*p));

		if (!p)
			return -1;
		st->graves = p;
		st->cap = cap;
	}
	copy = strdup(target);
	if (!copy)
		return -1;
	st->graves[st->ngraves].target = copy;
	st->graves[st->ngraves++].line = line;
	return 0;
}

/* By target, and for one target the latest tombstone first. */
static int cp_grave_cmp(const void *pa, const void *pb)
{
	const struct cp_grave *a = pa, *b = pb;
	int c = strcmp(a->target, b->target);

	if (c != 0)
		return c;
	return a->line < b->line ? 1 : a->line > b->line ? -1 : 0;
}

/* The line of the latest tombstone for id, or 0. */
static size_t cp_grave_line(const struct cp_state *st, const char *id)
{
	size_t lo = 0, hi = st->ngraves;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(st->graves[mid].target, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < st->ngraves && strcmp(st->graves[lo].target, id) == 0)
		return st->graves[lo].line;
	return 0;
}

static const char *cp_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* First pass: where each tombstone is. */
static int cp_find_graves(struct cp_state *st)
{
	size_t lineno = 0;
	char why[64];
	cJSON *entry;
	const char *target;
	int rc = 0;

	while (rc == 0 && cp_getline(st) >= 0) {
		lineno++;
		entry = journal_parse_line(st->line, strlen(st->line), why,
					   sizeof(why));
		target = cp_str(entry, "deleted");
		if (target)
			rc = cp_mourn(st, target, lineno);
		cJSON_Delete(entry);
	}
	if (rc != 0)
		errno = ENOMEM;
	if (rc == 0 && ferror(st->in))
		rc = -1;
	if (st->ngraves)
		qsort(st->graves, st->ngraves, sizeof(*st->graves),
		      cp_grave_cmp);
	return rc;
}

/* Whether a line the reader refuses is a JSON object of another schema
 * version, which a newer coach wrote and compaction must keep. */
static int cp_foreign(const char *s, size_t n)
{
	cJSON *j = cJSON_ParseWithLength(s, n);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "v");
	int foreign = cJSON_IsObject(j) && cJSON_IsNumber(v) &&
		      v->valuedouble != JOURNAL_SCHEMA;

	cJSON_Delete(j);
	return foreign;
}

/* Whether a good entry at lineno goes into the new file. */
static int cp_keep(const struct cp_state *st, const cJSON *entry,
		   size_t lineno)
{
	const char *id = cp_str(entry, "id");
	const char *type = cp_str(entry, "type");
	const char *attempt = cp_str(entry, "attempt");

	if (cp_str(entry, "deleted"))
		return 0;
	if (id && cp_grave_line(st, id) > lineno)
		return 0;
	if (type && strcmp(type, "feedback") == 0 && attempt &&
	    cp_grave_line(st, attempt) > 0)
		return 0;
	return 1;
}

static void cp_count_drop(struct journal_compact_result *r,
			  const cJSON *entry)
{
	const char *type = cp_str(entry, "type");

	r->dropped++;
	if (cp_str(entry, "deleted"))
		r->tombstones++;
	else if (type && strcmp(type, "feedback") == 0)
		r->feedback++;
}

/* Decides the fate of one line; returns 1 to write it. */
static int cp_sort_line(struct cp_state *st, size_t n, size_t lineno)
{
	char why[64];
	cJSON *entry = journal_parse_line(st->line, n, why, sizeof(why));
	int keep;

	if (!entry) {
		if (!why[0])
			return 0;
		if (cp_foreign(st->line, n)) {
			st->r->kept++;
			return 1;
		}
		if (st->bad)
			st->bad(lineno, why, st->ctx);
		st->r->bad++;
		return 0;
	}
	keep = cp_keep(st, entry, lineno);
	if (keep)
		st->r->kept++;
	else
		cp_count_drop(st->r, entry);
	cJSON_Delete(entry);
	return keep;
}

/* Second pass: copies the lines that stay, byte for byte, to out. */
static int cp_copy(struct cp_state *st, FILE *out)
{
	size_t lineno = 0;
	ssize_t n;

	if (fseek(st->in, 0, SEEK_SET) != 0)
		return -1;
	while ((n = cp_getline(st)) >= 0) {
		lineno++;
		if (!cp_sort_line(st, (size_t)n, lineno))
			continue;
		if (fwrite(st->line, 1, (size_t)n, out) != (size_t)n ||
		    putc('\n', out) == EOF)
			return -1;
	}
	return ferror(st->in) ? -1 : 0;
}

/* "DIR/.NAME.compact-XXXXXX" beside path, for mkstemp. */
static char *cp_temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);

	if (tmp)
		snprintf(tmp, n, "%.*s.%s.compact-XXXXXX", (int)dlen, path,
			 path + dlen);
	return tmp;
}

/* Makes the rename durable: fsync of the folder that holds path. */
static int cp_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	int fd, rc;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Writes the new file and renames it over path.  The lock is held. */
static int cp_rewrite(struct cp_state *st, mode_t mode, struct err *e)
{
	char *tmp = cp_temp_name(st->path);
	const char *what = "cannot create the new file";
	FILE *out = NULL;
	int fd, rc = -1;

	fd = tmp ? mkstemp(tmp) : -1;
	if (fd >= 0 && fchmod(fd, mode) == 0 && (out = fdopen(fd, "w"))) {
		what = "cannot write the new file";
		rc = cp_copy(st, out);
		if (rc == 0 && (fflush(out) != 0 || fsync(fd) != 0))
			rc = -1;
	}
	if (out ? fclose(out) != 0 : (fd >= 0 && close(fd) != 0))
		rc = -1;
	if (rc == 0 && rename(tmp, st->path) != 0) {
		what = "cannot rename the new file into place";
		rc = -1;
	}
	if (rc != 0) {
		rc = cp_fail(st->path, what, tmp ? errno : ENOMEM, e);
		if (tmp)
			unlink(tmp);
	} else if (cp_sync_dir(st->path) != 0) {
		rc = cp_fail(st->path, "cannot sync its folder", errno, e);
	}
	free(tmp);
	return rc;
}

/* Opens path and locks it; 1 when another process replaced it meanwhile,
 * -1 when there is no journal. */
static int cp_open_locked(const char *path, int *fdp, struct err *e)
{
	struct stat a, b;
	int fd;

	*fdp = -1;
	if (lstat(path, &a) == 0 && S_ISLNK(a.st_mode))
		return err_set(e, ERR_INPUT, "cannot compact the journal "
			       "'%s': it is a symbolic link; set "
			       "COACH_JOURNAL to the file it names", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -1 : cp_fail(path, "cannot open it",
						      errno, e);
	if (cp_lock(fd, LOCK_EX) != 0) {
		close(fd);
		return cp_fail(path, "cannot lock it", errno, e);
	}
	if (fstat(fd, &a) != 0 || stat(path, &b) != 0 ||
	    a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
		close(fd);
		return 1;
	}
	*fdp = fd;
	return 0;
}

static int cp_run(struct cp_state *st, int fd, struct err *e)
{
	struct stat sb;
	int rc;

	if (fstat(fd, &sb) != 0)
		return cp_fail(st->path, "cannot read it", errno, e);
	st->r->before = (long long)sb.st_size;
	if (cp_find_graves(st) != 0)
		return cp_fail(st->path, "cannot read it", errno, e);
	rc = cp_rewrite(st, sb.st_mode & 07777, e);
	if (rc == 0 && stat(st->path, &sb) == 0)
		st->r->after = (long long)sb.st_size;
	return rc;
}

int journal_compact(const char *path, struct journal_compact_result *r,
		    journal_bad_fn bad, void *ctx, struct err *e)
{
	struct cp_state st = { 0 };
	int fd = -1, rc, tries = 0;
	size_t i;

	memset(r, 0, sizeof(*r));
	do
		rc = cp_open_locked(path, &fd, e);
	while (rc == 1 && ++tries < 100);
	if (rc < 0)
		return 0;
	if (rc == 1)
		return cp_fail(path, "cannot lock it", EAGAIN, e);
	if (rc != 0)
		return rc;

	st.path = path;
	st.bad = bad;
	st.ctx = ctx;
	st.r = r;
	st.in = fdopen(fd, "r");
	if (!st.in) {
		close(fd);
		return cp_fail(path, "cannot read it", errno, e);
	}
	rc = cp_run(&st, fd, e);

	/* Closing the old file releases the lock, after the rename. */
	fclose(st.in);
	for (i = 0; i < st.ngraves; i++)
		free(st.graves[i].target);
	free(st.graves);
	free(st.line);
	return rc;
}
