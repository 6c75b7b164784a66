/*
 * Recovery files: answers that would otherwise be lost, kept as new
 * private files in the state folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/recovery.h"

int recovery_write_all(int fd, const char *text, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

int recovery_write(const char *state_dir, const char *text, size_t len,
		   char *path, size_t size, struct err *e)
{
	char id[64];
	int fd;

	if (!state_dir)
		return err_set(e, ERR_INPUT, "no state folder to save to");
	if (fileio_mkdirs(state_dir, 0700, e) != 0)
		return e->status;

	journal_new_id(id, sizeof(id));
	snprintf(path, size, "%s/recovered-%s.txt", state_dir, id);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return err_set(e, ERR_INPUT, "cannot create '%s': %s", path,
			       strerror(errno));

	if (recovery_write_all(fd, text, len) != 0 || fsync(fd) != 0) {
		err_set(e, ERR_INPUT, "cannot write '%s': %s", path,
			strerror(errno));
		close(fd);
		unlink(path);
		return e->status;
	}
	if (close(fd) != 0) {
		err_set(e, ERR_INPUT, "cannot write '%s': %s", path,
			strerror(errno));
		unlink(path);
		return e->status;
	}
	return 0;
}
