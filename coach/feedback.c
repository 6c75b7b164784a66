/*
 * Runs coach-llm for one attempt: the job as JSON down a pipe to its
 * standard input, Ctrl-C left to it while it runs, its status passed on.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "coach/feedback.h"
#include "coach/msg.h"
#include "coach/report.h"

#ifndef COACH_LIBEXECDIR
#define COACH_LIBEXECDIR "/usr/local/libexec/coach"
#endif

#define HELPER "coach-llm"

void feedback_opts_init(struct feedback_opts *o)
{
	memset(o, 0, sizeof(*o));
	llmconfig_flags_init(&o->flags);
}

/* dir/rel/coach-llm into out when it is an executable; 0 when it is. */
static int helper_at(char *out, size_t size, const char *dir,
		     const char *rel)
{
	snprintf(out, size, "%s%s/" HELPER, dir, rel);
	return access(out, X_OK);
}

int feedback_helper_path(char *out, size_t size)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if (helper_at(out, size, self, "") == 0 ||
			    helper_at(out, size, self,
				      "/../libexec/coach") == 0)
				return 0;
		}
	}
	return helper_at(out, size, COACH_LIBEXECDIR, "") == 0 ? 0 : -1;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
}

static void add_bool(cJSON *o, const char *key, int v)
{
	if (v >= 0)
		cJSON_AddBoolToObject(o, key, v);
}

static cJSON *job_flags(const struct llmconfig_flags *f)
{
	cJSON *o = cJSON_CreateObject();

	add_str(o, "provider", f->provider);
	add_str(o, "model", f->model);
	add_str(o, "base_url", f->base_url);
	add_str(o, "ca_bundle", f->ca_bundle);
	add_bool(o, "allow_insecure_http", f->allow_http);
	add_bool(o, "show_reasoning", f->show_reasoning);
	add_bool(o, "redact", f->redact);
	return o;
}

static char *job_text(const struct config *c, const struct attempt *a,
		      const char *id, const struct feedback_opts *o)
{
	struct report_opts ro = { 0, 80, NULL };
	cJSON *job = cJSON_CreateObject();
	char *s;

	add_str(job, "config_dir", c->config_dir);
	if (c->journal_enabled)
		add_str(job, "journal", c->journal_path);
	add_str(job, "attempt", id);
	if (a->question) {
		add_str(job, "question", a->question->text);
		add_str(job, "question_id", a->question->id);
	}
	add_str(job, "answer", a->answer ? a->answer : "");
	cJSON_AddItemToObject(job, "report", report_json(&a->report,
			      &a->text, &ro, 0));
	cJSON_AddItemToObject(job, "flags", job_flags(&o->flags));
	add_bool(job, "verbose", o->verbose);
	add_bool(job, "color", config_use_color(c, STDOUT_FILENO));
	add_bool(job, "heading", isatty(STDOUT_FILENO));
	s = cJSON_PrintUnformatted(job);
	cJSON_Delete(job);
	return s;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static pid_t spawn(const char *path, int *to_child)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)HELPER, NULL };
		sigset_t intr;

		/* A caller may block SIGINT; the helper must get Ctrl-C. */
		sigemptyset(&intr);
		sigaddset(&intr, SIGINT);
		sigprocmask(SIG_UNBLOCK, &intr, NULL);
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execv(path, argv);
		_exit(127);
	}
	close(fd[0]);
	if (pid < 0)
		close(fd[1]);
	*to_child = fd[1];
	return pid;
}

static int child_status(int status, const char *path)
{
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
		return ERR_INTERRUPTED;
	if (WIFSIGNALED(status)) {
		msg_error("%s stopped on signal %d; the feedback may be "
			  "incomplete", path, WTERMSIG(status));
		return ERR_NETWORK;
	}
	if (WEXITSTATUS(status) == 127) {
		msg_error("cannot run %s; check that it is installed and "
			  "executable", path);
		return ERR_NETWORK;
	}
	return WEXITSTATUS(status);
}

/* Runs the helper with Ctrl-C and broken pipes ignored here. */
static int run_helper(const char *path, const char *job)
{
	struct sigaction ign, old_int, old_pipe;
	int fd, status = 0;
	pid_t pid;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGPIPE, &ign, &old_pipe);
	pid = spawn(path, &fd);
	if (pid > 0) {
		write_all(fd, job, strlen(job));
		close(fd);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (pid < 0) {
		msg_error("cannot start %s: %s", path, strerror(errno));
		return ERR_NETWORK;
	}
	return child_status(status, path);
}

int feedback_check(const struct config *c, const struct feedback_opts *o,
		   struct err *e)
{
	struct llmconfig lc;
	int rc;

	rc = llmconfig_load(&lc, c->config_dir, o ? &o->flags : NULL, e);
	if (rc == 0 && lc.provider != LLM_NONE)
		rc = llmconfig_key(&lc, 0, e);
	if (rc == 0)
		rc = llmconfig_check(&lc, e);
	llmconfig_release(&lc);
	return rc;
}

int feedback_request(const struct config *c, const struct attempt *a,
		     const char *attempt_id, const struct feedback_opts *o)
{
	struct feedback_opts none;
	char path[4200];
	char *job;
	int rc;

	if (!o) {
		feedback_opts_init(&none);
		o = &none;
	}
	if (feedback_helper_path(path, sizeof(path))) {
		msg_error("cannot find %s next to coach or in %s; reinstall "
			  "coach with 'make install'", HELPER,
			  COACH_LIBEXECDIR);
		return ERR_NETWORK;
	}
	job = job_text(c, a, attempt_id, o);
	if (!job) {
		msg_error("cannot ask for feedback: out of memory");
		return ERR_INPUT;
	}
	rc = run_helper(path, job);
	free(job);
	return rc;
}
