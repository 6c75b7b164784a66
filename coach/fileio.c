/*
 * Whole files and standard input read into memory with a size cap, and
 * folders created like "mkdir -p".  Every error names the path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach/fileio.h"

/* How the subject of a message is quoted: stdin has no path. */
static void fileio_name(const char *path, char *buf, size_t size)
{
	if (strcmp(path, "-") == 0)
		snprintf(buf, size, "standard input");
	else
		snprintf(buf, size, "'%s'", path);
}

void fileio_limit_text(size_t max, char *out, size_t size)
{
	const size_t mib = 1024 * 1024;

	if (max >= mib && max % mib == 0)
		snprintf(out, size, "%zu MiB limit", max / mib);
	else if (max >= 1024 && max % 1024 == 0)
		snprintf(out, size, "%zu KiB limit", max / 1024);
	else
		snprintf(out, size, "%zu-byte limit", max);
}

static int fileio_too_big(const char *name, size_t max, struct err *e)
{
	char limit[48];

	fileio_limit_text(max, limit, sizeof(limit));
	return err_set(e, ERR_INPUT, "%s is over the %s", name, limit);
}

static int fileio_fail(const char *name, int errnum, struct err *e)
{
	if (errnum == EISDIR)
		return err_set(e, ERR_INPUT, "%s is a directory, not a file",
			       name);
	return err_set(e, ERR_INPUT, "cannot read %s: %s", name,
		       strerror(errnum));
}

/* Refuses what cannot be an answer or data file before reading it. */
static int fileio_check(int fd, const char *name, size_t max, struct err *e)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return fileio_fail(name, errno, e);
	if (S_ISDIR(st.st_mode))
		return fileio_fail(name, EISDIR, e);
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max)
		return fileio_too_big(name, max, e);
	return 0;
}

/* Grows buf so that at least one more byte than *cap can be read. */
static int fileio_grow(char **buf, size_t *cap, size_t max)
{
	size_t want = *cap ? *cap * 2 : 8192;
	char *p;

	if (want > max + 2)
		want = max + 2;
	p = realloc(*buf, want);
	if (!p)
		return -1;
	*buf = p;
	*cap = want;
	return 0;
}

/*
 * Reads fd to its end into a buffer of at most max + 1 bytes plus the
 * terminating NUL; one byte past max is enough to know the file is over.
 */
static int fileio_slurp(int fd, const char *name, size_t max, char **out,
			size_t *len, struct err *e)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;
	ssize_t got;

	for (;;) {
		if (n + 1 >= cap && fileio_grow(&buf, &cap, max) != 0) {
			free(buf);
			return fileio_fail(name, ENOMEM, e);
		}
		got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int errnum = errno;

			free(buf);
			return fileio_fail(name, errnum, e);
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			free(buf);
			return fileio_too_big(name, max, e);
		}
	}

	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return 0;
}

static int fileio_open(const char *path, const char *name, int *fd,
		       struct err *e)
{
	if (strcmp(path, "-") == 0) {
		*fd = STDIN_FILENO;
		return 0;
	}
	do
		*fd = open(path, O_RDONLY | O_CLOEXEC);
	while (*fd < 0 && errno == EINTR);
	if (*fd < 0)
		return fileio_fail(name, errno, e);
	return 0;
}

int fileio_read(const char *path, size_t max, char **out, size_t *len,
		struct err *e)
{
	char name[300];
	int fd, rc;

	*out = NULL;
	if (len)
		*len = 0;
	fileio_name(path, name, sizeof(name));
	rc = fileio_open(path, name, &fd, e);
	if (rc != 0)
		return rc;

	rc = fileio_check(fd, name, max, e);
	if (rc == 0)
		rc = fileio_slurp(fd, name, max, out, len, e);

	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

/* Makes one folder; an existing folder is fine, anything else is not. */
static int fileio_mkdir1(const char *dir, unsigned mode, struct err *e)
{
	struct stat st;

	if (mkdir(dir, (mode_t)mode) == 0) {
		/* The umask may have taken bits the caller asked for. */
		if (chmod(dir, (mode_t)mode) != 0)
			return err_set(e, ERR_INPUT, "cannot set the mode of "
				       "'%s': %s", dir, strerror(errno));
		return 0;
	}
	if (errno != EEXIST)
		return err_set(e, ERR_INPUT, "cannot create folder '%s': %s",
			       dir, strerror(errno));
	if (stat(dir, &st) != 0)
		return err_set(e, ERR_INPUT, "cannot create folder '%s': %s",
			       dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(e, ERR_INPUT, "cannot create folder '%s': it "
			       "exists and is not a folder", dir);
	return 0;
}

int fileio_mkdirs(const char *dir, unsigned mode, struct err *e)
{
	size_t n = strlen(dir);
	char *copy;
	size_t i;
	int rc = 0;

	if (n == 0)
		return err_set(e, ERR_INPUT, "cannot create a folder with "
			       "an empty name");
	copy = malloc(n + 1);
	if (!copy)
		return err_set(e, ERR_INPUT, "cannot create folder '%s': %s",
			       dir, strerror(ENOMEM));
	memcpy(copy, dir, n + 1);

	for (i = 1; i <= n && rc == 0; i++) {
		if (copy[i] != '/' && copy[i] != '\0')
			continue;
		if (copy[i - 1] == '/')
			continue;
		copy[i] = '\0';
		rc = fileio_mkdir1(copy, mode, e);
		copy[i] = dir[i];
	}

	free(copy);
	return rc;
}
