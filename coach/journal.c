/*
 * Writing the answer journal: ids, stamping, and appending one JSON line
 * under a lock; also the story and tags an entry may carry.
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

/*
 * Whether path still names the file open on fd.  Compaction renames a
 * new file into place while holding the lock; a writer that was waiting
 * for the lock on the old file must reopen, or its line would be lost.
 */
static int journal_same_file(const char *path, int fd)
{
	struct stat a, b;

	if (fstat(fd, &a) != 0 || stat(path, &b) != 0)
		return 0;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Opens and locks the journal; 1 when it was replaced meanwhile. */
static int journal_open_locked(const char *path, int *fdp, struct err *e)
{
	int fd = journal_open(path, e);

	*fdp = -1;
	if (fd < 0)
		return ERR_INPUT;
	if (journal_lock(fd, LOCK_EX) != 0) {
		journal_fail(path, errno, e);
		close(fd);
		return ERR_INPUT;
	}
	if (!journal_same_file(path, fd)) {
		close(fd);
		return 1;
	}
	*fdp = fd;
	return 0;
}

int journal_append(const char *path, cJSON *entry, struct err *e)
{
	char *json;
	int fd = -1, rc, tries = 0;

	if (!cJSON_IsObject(entry))
		return err_set(e, ERR_INPUT, "cannot save to the journal "
			       "'%s': the entry is not a JSON object", path);
	journal_stamp(entry);
	json = cJSON_PrintUnformatted(entry);
	if (!json)
		return journal_fail(path, ENOMEM, e);

	rc = journal_mkparent(path, e);
	if (rc == 0)
		do
			rc = journal_open_locked(path, &fd, e);
		while (rc == 1 && ++tries < 100);
	if (fd < 0) {
		free(json);
		return rc == 1 ? journal_fail(path, EAGAIN, e) : ERR_INPUT;
	}

	rc = journal_write_locked(path, fd, json, e);
	journal_lock(fd, LOCK_UN);
	if (close(fd) != 0 && rc == 0)
		rc = journal_fail(path, errno, e);
	free(json);
	return rc;
}

const char *journal_label_problem(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;

	if (n == 0)
		return "is empty";
	if (n > JOURNAL_LABEL_MAX)
		return "is too long";
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "contains a control character";
	if (s[0] == ' ' || s[n - 1] == ' ')
		return "starts or ends with a space";
	return NULL;
}

int journal_entry_set_story(cJSON *entry, const char *story)
{
	cJSON *item;

	if (!cJSON_IsObject(entry) || journal_label_problem(story))
		return -1;
	item = cJSON_CreateString(story);
	if (!item)
		return -1;
	cJSON_DeleteItemFromObjectCaseSensitive(entry, "story");
	cJSON_AddItemToObject(entry, "story", item);
	return 0;
}

int journal_entry_add_tag(cJSON *entry, const char *tag)
{
	cJSON *tags, *t;

	if (!cJSON_IsObject(entry) || journal_label_problem(tag))
		return -1;
	tags = cJSON_GetObjectItemCaseSensitive(entry, "tags");
	if (!cJSON_IsArray(tags)) {
		cJSON_DeleteItemFromObjectCaseSensitive(entry, "tags");
		tags = cJSON_AddArrayToObject(entry, "tags");
		if (!tags)
			return -1;
	}
	cJSON_ArrayForEach(t, tags)
		if (cJSON_IsString(t) && strcmp(t->valuestring, tag) == 0)
			return 0;
	t = cJSON_CreateString(tag);
	if (!t)
		return -1;
	cJSON_AddItemToArray(tags, t);
	return 0;
}
