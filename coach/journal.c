/*
 * The answer journal: appending one JSON line under a lock, reading lines
 * back with bad ones reported and skipped, and applying tombstones.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "coach/fileio.h"
#include "coach/journal.h"

/*
 * The microsecond of the last id made, so that ids made in one process
 * ascend even within a microsecond.  coach makes ids on one thread only.
 */
static long long journal_last_us;
static unsigned journal_counter;

static long long journal_now_us(unsigned long *nsec)
{
	struct timespec ts;
	long long us;

	clock_gettime(CLOCK_REALTIME, &ts);
	*nsec = (unsigned long)ts.tv_nsec;
	us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	if (us <= journal_last_us)
		us = journal_last_us + 1;
	journal_last_us = us;
	return us;
}

/* Four hex digits that differ between processes writing at once. */
static unsigned journal_mix(unsigned long nsec)
{
	unsigned long x = (unsigned long)getpid() * 2654435761u;

	x ^= (unsigned long)++journal_counter * 40503u;
	x ^= nsec >> 3;
	x ^= x >> 16;
	return (unsigned)(x & 0xffff);
}

void journal_new_id(char *buf, size_t size)
{
	unsigned long nsec;
	long long us = journal_now_us(&nsec);
	time_t sec = (time_t)(us / 1000000);
	char stamp[32];
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	snprintf(buf, size, "%s.%06lldZ-%04x", stamp, us % 1000000,
		 journal_mix(nsec));
}

static void journal_now_rfc3339(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Puts item under key as the first member of obj.  cJSON only appends,
 * so the item is added (which names it) and then moved to the front.
 */
static void journal_put_first(cJSON *obj, const char *key, cJSON *item)
{
	if (!item)
		return;
	cJSON_AddItemToObject(obj, key, item);
	item = cJSON_DetachItemViaPointer(obj, item);
	cJSON_InsertItemInArray(obj, 0, item);
}

/* Moves key to the front of obj, replacing its value with fresh if any. */
static void journal_front(cJSON *obj, const char *key, cJSON *fresh)
{
	cJSON *item = cJSON_DetachItemFromObjectCaseSensitive(obj, key);

	if (fresh) {
		cJSON_Delete(item);
		journal_put_first(obj, key, fresh);
	} else if (item) {
		cJSON_InsertItemInArray(obj, 0, item);
	}
}

/* Sets "v", and "id" and "time" when absent, as the first three keys. */
static void journal_stamp(cJSON *entry)
{
	cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");
	cJSON *tm = cJSON_GetObjectItemCaseSensitive(entry, "time");
	char buf[64];

	if (cJSON_IsString(tm) && tm->valuestring[0]) {
		journal_front(entry, "time", NULL);
	} else {
		journal_now_rfc3339(buf, sizeof(buf));
		journal_front(entry, "time", cJSON_CreateString(buf));
	}
	if (cJSON_IsString(id) && id->valuestring[0]) {
		journal_front(entry, "id", NULL);
	} else {
		journal_new_id(buf, sizeof(buf));
		journal_front(entry, "id", cJSON_CreateString(buf));
	}
	journal_front(entry, "v", cJSON_CreateNumber(JOURNAL_SCHEMA));
}

static int journal_fail(const char *path, int errnum, struct err *e)
{
	err_set(e, ERR_INPUT, "cannot save to the journal '%s': %s", path,
		strerror(errnum));
	err_hint(e, "the answer was not saved; check free space and the "
		 "folder's permissions, or set COACH_JOURNAL");
	return ERR_INPUT;
}

/* Creates the folder that holds path, private to the user. */
static int journal_mkparent(const char *path, struct err *e)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	char *dir;
	int rc;

	if (n == 0)
		return 0;
	dir = malloc(n + 1);
	if (!dir)
		return journal_fail(path, ENOMEM, e);
	memcpy(dir, path, n);
	dir[n] = '\0';
	rc = fileio_mkdirs(dir, 0700, e);
	free(dir);
	if (rc != 0)
		err_prefix(e, "cannot save to the journal");
	return rc;
}

/*
 * Opens path for appending.  A file this call creates gets mode 0600
 * whatever the umask; an existing file keeps the mode its owner chose.
 */
static int journal_open(const char *path, struct err *e)
{
	int flags = O_RDWR | O_APPEND | O_CLOEXEC;
	int tries, fd = -1;

	for (tries = 0; tries < 3 && fd < 0; tries++) {
		fd = open(path, flags | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			if (fchmod(fd, 0600) != 0) {
				journal_fail(path, errno, e);
				close(fd);
				return -1;
			}
			return fd;
		}
		if (errno == EEXIST)
			fd = open(path, flags);
		if (fd < 0 && errno != ENOENT && errno != EINTR)
			break;
	}
	if (fd < 0)
		journal_fail(path, errno, e);
	return fd;
}

/* Whether the file does not end in a newline: its last line is torn. */
static int journal_torn(int fd, off_t size)
{
	char last = '\n';

	if (size <= 0)
		return 0;
	while (pread(fd, &last, 1, size - 1) < 0 && errno == EINTR)
		;
	return last != '\n';
}

/* One write(2) of the line; looping only on the short writes of a full
 * disk, which then fail with the reason. */
static int journal_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return ENOSPC;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes line under the lock held on fd; undoes a partial write. */
static int journal_write_locked(const char *path, int fd, const char *json,
				struct err *e)
{
	size_t jlen = strlen(json);
	char *line = malloc(jlen + 2);
	struct stat st;
	size_t off = 0;
	int errnum;

	if (!line)
		return journal_fail(path, ENOMEM, e);
	if (fstat(fd, &st) != 0) {
		free(line);
		return journal_fail(path, errno, e);
	}
	if (journal_torn(fd, st.st_size))
		line[off++] = '\n';
	memcpy(line + off, json, jlen);
	off += jlen;
	line[off++] = '\n';

	errnum = journal_write_all(fd, line, off);
	free(line);
	if (errnum != 0) {
		/* Under the lock, nobody else has written past st_size. */
		int undo = ftruncate(fd, st.st_size);

		(void)undo;
		return journal_fail(path, errnum, e);
	}
	if (fsync(fd) != 0)
		return journal_fail(path, errno, e);
	return 0;
}

static int journal_lock(int fd, int op)
{
	int rc;

	do
		rc = flock(fd, op);
	while (rc != 0 && errno == EINTR);
	return rc;
}

int journal_append(const char *path, cJSON *entry, struct err *e)
{
	char *json;
	int fd, rc;

	if (!cJSON_IsObject(entry))
		return err_set(e, ERR_INPUT, "cannot save to the journal "
			       "'%s': the entry is not a JSON object", path);
	journal_stamp(entry);
	json = cJSON_PrintUnformatted(entry);
	if (!json)
		return journal_fail(path, ENOMEM, e);

	rc = journal_mkparent(path, e);
	fd = rc == 0 ? journal_open(path, e) : -1;
	if (fd < 0) {
		free(json);
		return ERR_INPUT;
	}

	if (journal_lock(fd, LOCK_EX) != 0)
		rc = journal_fail(path, errno, e);
	else
		rc = journal_write_locked(path, fd, json, e);
	journal_lock(fd, LOCK_UN);
	if (close(fd) != 0 && rc == 0)
		rc = journal_fail(path, errno, e);
	free(json);
	return rc;
}

/* Why a line is not a usable entry, or NULL when it is one. */
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
	return NULL;
}

static int journal_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * Handles one line (without its newline).  Returns what visit returned,
 * or 0 for a skipped line.
 */
static int journal_line(char *s, size_t n, size_t lineno,
			journal_visit_fn visit, journal_bad_fn bad, void *ctx)
{
	const char *why;
	char buf[64];
	cJSON *entry;
	int rc;

	if (journal_blank(s, n))
		return 0;
	if (memchr(s, '\0', n)) {
		if (bad)
			bad(lineno, "contains a NUL byte", ctx);
		return 0;
	}
	entry = cJSON_ParseWithOpts(s, NULL, 1);
	why = entry ? journal_check(entry, buf, sizeof(buf))
		    : "not valid JSON";
	if (why) {
		if (bad)
			bad(lineno, why, ctx);
		cJSON_Delete(entry);
		return 0;
	}
	rc = visit ? visit(entry, lineno, ctx) : 0;
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

int journal_read(const char *path, journal_visit_fn visit,
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
		if (journal_line(line, (size_t)n, lineno, visit, bad, ctx))
			break;
		errno = 0;
	}

	if (n < 0 && ferror(fp))
		rc = journal_read_fail(path, errno ? errno : EIO, e);
	free(line);
	fclose(fp);
	return rc;
}

/* journal_load's state while reading. */
struct journal_loader {
	struct journal_list *list;
	journal_bad_fn bad;
	void *ctx;
	int nomem;
};

static const char *journal_id_of(const cJSON *entry)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");

	return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* Removes every entry so far whose id is the tombstone's target. */
static void journal_bury(struct journal_list *l, const char *target)
{
	size_t i = 0, kept = 0;

	for (i = 0; i < l->len; i++) {
		const char *id = journal_id_of(l->items[i]);

		if (id && strcmp(id, target) == 0)
			cJSON_Delete(l->items[i]);
		else
			l->items[kept++] = l->items[i];
	}
	l->len = kept;
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

static int journal_load_one(cJSON *entry, size_t line, void *ctx)
{
	struct journal_loader *ld = ctx;
	const cJSON *del = cJSON_GetObjectItemCaseSensitive(entry, "deleted");
	cJSON *copy;

	(void)line;
	if (cJSON_IsString(del)) {
		journal_bury(ld->list, del->valuestring);
		return 0;
	}
	copy = cJSON_Duplicate(entry, 1);
	if (!copy || journal_keep(ld->list, copy) != 0) {
		cJSON_Delete(copy);
		ld->nomem = 1;
		return 1;
	}
	return 0;
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
	struct journal_loader ld = { out, bad, ctx, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = journal_read(path, journal_load_one, journal_load_bad, &ld, e);
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
