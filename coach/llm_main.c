/*
 * coach-llm: asks the configured model for feedback on one attempt.  Run
 * by coach with a job (JSON) on standard input; streams the feedback to
 * standard output, journals it and exits with a status from err.h.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "coach/fileio.h"
#include "coach/journal.h"
#include "coach/llm.h"
#include "coach/msg.h"
#include "coach/prompt.h"

#define JOB_MAX (8 * 1024 * 1024)

static volatile sig_atomic_t interrupted;

/* What the feedback run keeps while text streams in. */
struct run {
	const cJSON *job;
	struct llmconfig cfg;
	int color, show_reasoning;
	int in_reasoning;	/* dimmed reasoning text is open */
	char last;		/* the last byte written */
	char *text;		/* the feedback so far, for the journal */
	size_t len, cap;
};

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static const char *job_str(const cJSON *job, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(job,
								      key));
}

static int job_bool(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : -1;
}

static int keep_text(struct run *r, const char *p, size_t n)
{
	char *s;

	if (r->len + n + 1 > r->cap) {
		r->cap = (r->len + n + 1) * 2;
		s = realloc(r->text, r->cap);
		if (!s)
			return -1;
		r->text = s;
	}
	memcpy(r->text + r->len, p, n);
	r->len += n;
	r->text[r->len] = '\0';
	return 0;
}

static int put(const char *p, size_t n)
{
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* Writes each piece at once, so text appears as it arrives. */
static int on_out(enum stream_kind kind, const char *data, size_t len,
		  void *ctx)
{
	struct run *r = ctx;
	int rc = 0;

	if (kind == STREAM_REASONING) {
		if (!r->show_reasoning)
			return 0;
		if (!r->in_reasoning && r->color)
			rc = put("\033[2m", 4);
		r->in_reasoning = 1;
	} else {
		if (r->in_reasoning)
			rc = put(r->color ? "\033[0m\n\n" : "\n\n",
				 r->color ? 6 : 2);
		r->in_reasoning = 0;
		if (keep_text(r, data, len))
			return -1;
	}
	if (rc == 0 && len)
		rc = put(data, len);
	if (len)
		r->last = data[len - 1];
	return rc || fflush(stdout) ? -1 : 0;
}

static void on_note(const char *note, void *ctx)
{
	(void)ctx;
	msg_note("%s", note);
}

static int read_job(cJSON **job, struct err *e)
{
	char *s;
	size_t len;

	if (fileio_read("-", JOB_MAX, &s, &len, e))
		return e->status;
	*job = cJSON_ParseWithLength(s, len);
	free(s);
	if (!cJSON_IsObject(*job))
		return err_set(e, ERR_USAGE, "coach-llm reads a job from "
			       "coach; run 'coach feedback FILE' instead");
	return 0;
}

static void job_flags(const cJSON *job, struct llmconfig_flags *f)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(job, "flags");

	llmconfig_flags_init(f);
	f->provider = job_str(o, "provider");
	f->model = job_str(o, "model");
	f->base_url = job_str(o, "base_url");
	f->ca_bundle = job_str(o, "ca_bundle");
	f->allow_http = job_bool(o, "allow_insecure_http");
	f->show_reasoning = job_bool(o, "show_reasoning");
	f->redact = job_bool(o, "redact");
}

static int setup(struct run *r, struct err *e)
{
	struct llmconfig_flags f;
	const char *dir = job_str(r->job, "config_dir");
	int rc;

	job_flags(r->job, &f);
	rc = llmconfig_load(&r->cfg, dir ? dir : ".", &f, e);
	if (rc == 0 && r->cfg.provider != LLM_NONE)
		rc = llmconfig_key(&r->cfg, 1, e);
	if (rc == 0)
		rc = llmconfig_check(&r->cfg, e);
	r->show_reasoning = (int)r->cfg.num[LLMC_SHOW_REASONING];
	r->color = job_bool(r->job, "color") == 1;
	return rc;
}

/* The answer as it will be sent: redacted when the settings say so. */
static char *answer_to_send(const struct run *r, const char *answer)
{
	size_t n = 0;
	char *s;

	if (!r->cfg.num[LLMC_REDACT])
		return strdup(answer);
	s = prompt_redact(answer, (const char *const *)r->cfg.names,
			  r->cfg.nnames, &n);
	if (s && n)
		msg_note("replaced %zu personal detail%s in the answer before "
			 "sending it", n, n == 1 ? "" : "s");
	return s;
}

static int prompts(const struct run *r, char **sys, char **user,
		   struct err *e)
{
	const char *dir = job_str(r->job, "config_dir");
	const char *q = job_str(r->job, "question");
	const cJSON *rep = cJSON_GetObjectItemCaseSensitive(r->job, "report");
	static const char *const keys[] = { "question", "answer", "report" };
	const char *vals[3];
	char *tmpl = NULL, *answer, *report;
	int rc;

	*sys = *user = NULL;
	answer = answer_to_send(r, job_str(r->job, "answer") ?
				job_str(r->job, "answer") : "");
	report = rep ? cJSON_PrintUnformatted(rep) : strdup("{}");
	vals[0] = q ? q : "(no question given)";
	vals[1] = answer ? answer : "";
	vals[2] = report ? report : "{}";
	rc = prompt_load(dir, "feedback-system", &tmpl, e);
	if (rc == 0 && answer && report) {
		*sys = prompt_expand(tmpl, keys, vals, 3);
		free(tmpl);
		tmpl = NULL;
		rc = prompt_load(dir, "feedback-user", &tmpl, e);
	}
	if (rc == 0)
		*user = prompt_expand(tmpl, keys, vals, 3);
	if (rc == 0 && (!*sys || !*user))
		rc = err_set(e, ERR_INPUT, "out of memory");
	free(tmpl);
	free(answer);
	free(report);
	return rc;
}

static void journal_feedback(const struct run *r, const char *model,
			     int partial)
{
	const char *path = job_str(r->job, "journal");
	const char *attempt = job_str(r->job, "attempt");
	cJSON *entry;
	struct err e;

	if (!path || r->len == 0)
		return;
	entry = cJSON_CreateObject();
	cJSON_AddStringToObject(entry, "type", "feedback");
	if (attempt)
		cJSON_AddStringToObject(entry, "attempt", attempt);
	cJSON_AddStringToObject(entry, "provider",
				llmconfig_provider_name(r->cfg.provider));
	cJSON_AddStringToObject(entry, "model", model);
	cJSON_AddStringToObject(entry, "text", r->text);
	if (partial)
		cJSON_AddBoolToObject(entry, "partial", 1);
	if (journal_append(path, entry, &e)) {
		msg_err(&e);
		msg_error("the feedback is not in the journal");
	}
	cJSON_Delete(entry);
}

static const char *model_name(const struct run *r,
			      const struct llm_result *res)
{
	if (res->model[0])
		return res->model;
	if (r->cfg.str[LLMC_MODEL])
		return r->cfg.str[LLMC_MODEL];
	return r->cfg.str[LLMC_DEPLOYMENT] ? r->cfg.str[LLMC_DEPLOYMENT] : "";
}

static int ask(struct run *r, struct err *e)
{
	struct llm_request rq;
	struct llm_result res;
	char *sys, *user;
	int rc;

	memset(&res, 0, sizeof(res));
	rc = prompts(r, &sys, &user, e);
	if (rc == 0 && job_bool(r->job, "heading") == 1) {
		printf("\nFeedback from %s (%s):\n", model_name(r, &res),
		       llmconfig_provider_name(r->cfg.provider));
		fflush(stdout);
	}
	if (rc == 0) {
		memset(&rq, 0, sizeof(rq));
		rq.cfg = &r->cfg;
		rq.system = sys;
		rq.user = user;
		rq.out = on_out;
		rq.note = on_note;
		rq.ctx = r;
		rq.trace = job_bool(r->job, "verbose") == 1 ? stderr : NULL;
		rq.stop = &interrupted;
		rc = interrupted ? err_set(e, ERR_INTERRUPTED, "stopped") :
		     llm_run(&rq, &res, e);
		if (r->in_reasoning && r->color)
			put("\033[0m", 4);
		if (r->last && r->last != '\n')
			put("\n", 1);
		fflush(stdout);
		journal_feedback(r, model_name(r, &res), rc != 0);
	}
	free(sys);
	free(user);
	return rc;
}

static void signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int main(void)
{
	struct run r;
	struct err e;
	cJSON *job = NULL;
	int rc;

	memset(&r, 0, sizeof(r));
	err_clear(&e);
	signals();
	if (llm_global_init())
		rc = err_set(&e, ERR_NETWORK, "cannot start libcurl");
	else
		rc = read_job(&job, &e);
	r.job = job;
	if (rc == 0)
		rc = setup(&r, &e);
	if (rc == 0)
		rc = ask(&r, &e);
	if (rc == ERR_INTERRUPTED)
		msg_note("stopped; the feedback shown so far is kept");
	else if (rc)
		msg_err(&e);
	llmconfig_release(&r.cfg);
	cJSON_Delete(job);
	free(r.text);
	llm_global_release();
	return rc;
}
