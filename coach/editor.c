/*
 * /edit: the answer goes to a private temporary file, the user's editor
 * runs on it as a child process, and the file is read back.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "coach/editor.h"
#include "coach/fileio.h"
#include "coach/recovery.h"

#define EDITOR_MAX_WORDS 32

const char *editor_command(void)
{
	const char *v = getenv("VISUAL");

	if (!v || !*v)
		v = getenv("EDITOR");
	return v && *v ? v : "vi";
}

size_t editor_split(const char *cmd, char *buf, size_t bsize, char **argv,
		    size_t max)
{
	size_t n = 0;
	char *p = buf;

	snprintf(buf, bsize, "%s", cmd);
	while (*p && n + 2 < max) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		argv[n++] = p;
		p += strcspn(p, " ");
	}
	argv[n] = NULL;
	return n;
}

/* A new private file holding text; its name in path.  fd or -1. */
static int temp_create(const char *dir, char *path, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	int fd = -1;

	if (dir && fileio_mkdirs(dir, 0700, NULL) == 0) {
		snprintf(path, size, "%s/answer-XXXXXX", dir);
		fd = mkstemp(path);
	}
	if (fd < 0) {
		snprintf(path, size, "%s/coach-answer-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		fd = mkstemp(path);
	}
	if (fd >= 0)
		fchmod(fd, 0600);
	return fd;
}

static int temp_fill(const char *dir, const char *text, size_t len,
		     char *path, size_t size, struct err *e)
{
	int fd = temp_create(dir, path, size);

	if (fd < 0)
		return err_set(e, ERR_INPUT, "cannot make a file to edit: %s",
			       strerror(errno));
	if (recovery_write_all(fd, text, len) != 0 ||
	    (len > 0 && text[len - 1] != '\n' &&
	     recovery_write_all(fd, "\n", 1) != 0) || close(fd) != 0) {
		err_set(e, ERR_INPUT, "cannot write '%s': %s", path,
			strerror(errno));
		unlink(path);
		return e->status;
	}
	return 0;
}

/* In the child: the signals as a fresh program expects them. */
static void child_exec(char **argv)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
	execvp(argv[0], argv);
	fprintf(stderr, "coach: cannot run the editor '%s': %s\n", argv[0],
		strerror(errno));
	_exit(127);
}

static int editor_wait(pid_t pid, const char *name, struct err *e)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, ERR_INPUT, "lost the editor '%s': "
				       "%s", name, strerror(errno));
	if (WIFSIGNALED(status))
		return err_set(e, ERR_INPUT, "the editor '%s' was killed "
			       "by signal %d", name, WTERMSIG(status));
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return err_set(e, ERR_INPUT, "the editor '%s' exited with "
			       "status %d", name, WEXITSTATUS(status));
	return 0;
}

static int editor_run(const char *path, struct err *e)
{
	char *argv[EDITOR_MAX_WORDS];
	char buf[1024];
	size_t n;
	pid_t pid;

	n = editor_split(editor_command(), buf, sizeof(buf), argv,
			 EDITOR_MAX_WORDS);
	if (n == 0)
		return err_set(e, ERR_INPUT, "the editor command is empty");
	argv[n] = (char *)path;
	argv[n + 1] = NULL;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return err_set(e, ERR_INPUT, "cannot start the editor: %s",
			       strerror(errno));
	if (pid == 0)
		child_exec(argv);
	return editor_wait(pid, argv[0], e);
}

int editor_edit(const char *dir, const char *text, size_t len, char **out,
		size_t *outlen, struct err *e)
{
	char path[4096];

	*out = NULL;
	*outlen = 0;
	if (temp_fill(dir, text, len, path, sizeof(path), e) != 0)
		return e->status;
	if (editor_run(path, e) != 0) {
		unlink(path);
		return e->status;
	}
	if (fileio_read(path, FILEIO_MAX_ANSWER, out, outlen, e) != 0) {
		err_hint(e, "what you wrote is kept in %s", path);
		return e->status;
	}
	unlink(path);
	return 0;
}
