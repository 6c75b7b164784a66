/*
 * The HTTP side of model feedback: one streamed request per try through
 * libcurl, idle and first-byte timeouts, retries with backoff before
 * anything was shown, and every failure turned into one sentence.
 */
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include <cjson/cJSON.h>

#include "coach/llm.h"

enum why_stopped { STOP_NONE, STOP_CANCEL, STOP_FIRST_BYTE, STOP_IDLE,
		   STOP_OUTPUT, STOP_TOO_LONG };

/* The state of one try. */
struct transfer {
	const struct llm_request *rq;
	CURL *curl;
	struct stream stream;
	long status;			/* HTTP status, once known */
	int streaming;			/* a 2xx reply being parsed */
	int json_body;			/* a 2xx reply, not streamed */
	char ctype[96];
	char *body;			/* error or JSON body */
	size_t body_len;
	struct timespec start, last;	/* start, and the last byte */
	int got_byte;
	enum why_stopped why;
	char error[512];		/* an error sent inside the stream */
	struct llm_result *res;
};

int llm_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void llm_global_release(void)
{
	curl_global_cleanup();
}

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void messages(cJSON *body, const char *system, const char *user,
		     int with_system)
{
	cJSON *m = cJSON_AddArrayToObject(body, "messages");
	cJSON *o;

	if (with_system) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "role", "system");
		cJSON_AddStringToObject(o, "content", system);
		cJSON_AddItemToArray(m, o);
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "role", "user");
	cJSON_AddStringToObject(o, "content", user);
	cJSON_AddItemToArray(m, o);
}

char *llm_body(const struct llmconfig *c, const char *system,
	       const char *user)
{
	cJSON *b = cJSON_CreateObject();
	double temp = c->num[LLMC_TEMPERATURE];
	double max = c->num[LLMC_MAX_TOKENS];
	cJSON *opt;
	char *s;

	if (!b)
		return NULL;
	if (c->provider != LLM_AZURE)
		cJSON_AddStringToObject(b, "model", c->str[LLMC_MODEL]);
	if (c->provider == LLM_ANTHROPIC)
		cJSON_AddStringToObject(b, "system", system);
	messages(b, system, user, c->provider != LLM_ANTHROPIC);
	cJSON_AddBoolToObject(b, "stream", 1);
	if (c->provider == LLM_OLLAMA) {
		opt = cJSON_AddObjectToObject(b, "options");
		cJSON_AddNumberToObject(opt, "num_predict", max);
		if (temp >= 0)
			cJSON_AddNumberToObject(opt, "temperature", temp);
	} else {
		cJSON_AddNumberToObject(b, "max_tokens", max);
		if (temp >= 0)
			cJSON_AddNumberToObject(b, "temperature", temp);
	}
	s = cJSON_PrintUnformatted(b);
	cJSON_Delete(b);
	return s;
}

/* Replaces each copy of the key in s with "[key]". */
static void scrub(char *s, const char *key)
{
	size_t k = key ? strlen(key) : 0;
	char *p;

	if (k < 4)
		return;
	while ((p = strstr(s, key)) != NULL) {
		memcpy(p, "[key]", 5);
		memmove(p + 5, p + k, strlen(p + k) + 1);
	}
}

static int on_event(const struct stream_event *ev, void *ctx)
{
	struct transfer *t = ctx;
	const struct llm_request *rq = t->rq;

	switch (ev->kind) {
	case STREAM_TEXT:
		if (t->res->text_len + ev->len > LLM_MAX_REPLY) {
			t->why = STOP_TOO_LONG;
			return 1;
		}
		t->res->text_len += ev->len;
		/* fall through */
	case STREAM_REASONING:
		if (rq->out(ev->kind, ev->data, ev->len, rq->ctx)) {
			t->why = STOP_OUTPUT;
			return 1;
		}
		return 0;
	case STREAM_ERROR:
		snprintf(t->error, sizeof(t->error), "%s", ev->data);
		return 0;
	case STREAM_END:
		snprintf(t->res->finish, sizeof(t->res->finish), "%s",
			 ev->data);
		return 0;
	}
	return 0;
}

static void body_keep(struct transfer *t, const char *p, size_t n)
{
	char *b;

	if (t->body_len + n > LLM_MAX_ERROR_BODY)
		n = LLM_MAX_ERROR_BODY - t->body_len;
	if (n == 0)
		return;
	b = realloc(t->body, t->body_len + n + 1);
	if (!b)
		return;
	t->body = b;
	memcpy(b + t->body_len, p, n);
	t->body_len += n;
	b[t->body_len] = '\0';
}

/* What the first bytes of a reply say about how to read it. */
static void reply_start(struct transfer *t)
{
	char *ct = NULL;

	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->status);
	curl_easy_getinfo(t->curl, CURLINFO_CONTENT_TYPE, &ct);
	snprintf(t->ctype, sizeof(t->ctype), "%s", ct ? ct : "");
	for (char *p = t->ctype; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (t->status < 200 || t->status > 299 ||
	    strstr(t->ctype, "text/html"))
		return;
	if (strstr(t->ctype, "application/json") &&
	    t->rq->cfg->provider != LLM_OLLAMA)
		t->json_body = 1;
	else
		t->streaming = 1;
}

static size_t on_write(char *p, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;

	clock_gettime(CLOCK_MONOTONIC, &t->last);
	if (!t->got_byte)
		reply_start(t);
	t->got_byte = 1;
	if (!t->streaming) {
		body_keep(t, p, len);
		return len;
	}
	if (stream_feed(&t->stream, p, len) != STREAM_OK) {
		if (t->why == STOP_NONE)
			t->why = STOP_TOO_LONG;
		return CURL_WRITEFUNC_ERROR;
	}
	return len;
}

static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn,
		       curl_off_t ut, curl_off_t un)
{
	struct transfer *t = ctx;
	const struct llmconfig *c = t->rq->cfg;

	(void)dt, (void)dn, (void)ut, (void)un;
	if (t->rq->stop && *t->rq->stop) {
		t->why = STOP_CANCEL;
		return 1;
	}
	if (!t->got_byte &&
	    since(&t->start) > c->num[LLMC_FIRST_BYTE_TIMEOUT]) {
		t->why = STOP_FIRST_BYTE;
		return 1;
	}
	if (t->got_byte && since(&t->last) > c->num[LLMC_IDLE_TIMEOUT]) {
		t->why = STOP_IDLE;
		return 1;
	}
	return 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;

	(void)p;
	clock_gettime(CLOCK_MONOTONIC, &t->last);
	return size * n;
}

static int secret_header(const char *line, size_t n)
{
	static const char *const names[] = {
		"authorization:", "proxy-authorization:", "api-key:",
		"x-api-key:", NULL
	};

	for (int i = 0; names[i]; i++) {
		size_t k = strlen(names[i]);

		if (n >= k && !strncasecmp(line, names[i], k))
			return 1;
	}
	return 0;
}

/* Header lines for the trace, with credentials replaced. */
static void trace_headers(FILE *f, char mark, const char *p, size_t n,
			  const char *key)
{
	char line[1024];

	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t len = nl ? (size_t)(nl - p) + 1 : n;
		size_t show = len;

		while (show > 0 && (p[show - 1] == '\n' || p[show - 1] == '\r'))
			show--;
		if (show >= sizeof(line))
			show = sizeof(line) - 1;
		if (secret_header(p, show))
			snprintf(line, sizeof(line), "%.*s [redacted]",
				 (int)(memchr(p, ':', show) ?
				 (const char *)memchr(p, ':', show) - p + 1 :
				 0), p);
		else
			snprintf(line, sizeof(line), "%.*s", (int)show, p);
		scrub(line, key);
		if (show > 0)
			fprintf(f, "%c %s\n", mark, line);
		p += len;
		n -= len;
	}
}

static int on_debug(CURL *h, curl_infotype type, char *p, size_t n,
		    void *ctx)
{
	struct transfer *t = ctx;
	FILE *f = t->rq->trace;
	const char *key = t->rq->cfg->key;
	char line[1024];

	(void)h;
	switch (type) {
	case CURLINFO_TEXT:
		snprintf(line, sizeof(line), "%.*s", (int)(n && p[n - 1] ==
			 '\n' ? n - 1 : n), p);
		scrub(line, key);
		fprintf(f, "* %s\n", line);
		break;
	case CURLINFO_HEADER_OUT:
		trace_headers(f, '>', p, n, key);
		break;
	case CURLINFO_HEADER_IN:
		trace_headers(f, '<', p, n, key);
		break;
	case CURLINFO_DATA_OUT:
		fprintf(f, "> (%zu bytes of request body)\n", n);
		break;
	case CURLINFO_DATA_IN:
		fprintf(f, "< (%zu bytes)\n", n);
		break;
	default:
		break;
	}
	fflush(f);
	return 0;
}

static struct curl_slist *headers(const struct llmconfig *c)
{
	const char *key = c->key;
	struct curl_slist *h = NULL;
	char line[8192];

	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, c->provider == LLM_OLLAMA ?
			      "Accept: application/x-ndjson" :
			      "Accept: text/event-stream");
	h = curl_slist_append(h, "Expect:");
	line[0] = '\0';
	if (key && c->provider == LLM_AZURE)
		snprintf(line, sizeof(line), "api-key: %s", key);
	else if (key && c->provider == LLM_ANTHROPIC)
		snprintf(line, sizeof(line), "x-api-key: %s", key);
	else if (key)
		snprintf(line, sizeof(line), "Authorization: Bearer %s", key);
	if (line[0])
		h = curl_slist_append(h, line);
	memset(line, 0, sizeof(line));
	if (c->provider == LLM_ANTHROPIC) {
		snprintf(line, sizeof(line), "anthropic-version: %s",
			 c->str[LLMC_API_VERSION]);
		h = curl_slist_append(h, line);
	}
	return h;
}

static void setup(struct transfer *t, const char *url, const char *body,
		  struct curl_slist *h)
{
	const struct llmconfig *c = t->rq->cfg;
	CURL *curl = t->curl;
	long idle = (long)(c->num[LLMC_IDLE_TIMEOUT] >
			   c->num[LLMC_FIRST_BYTE_TIMEOUT] ?
			   c->num[LLMC_IDLE_TIMEOUT] :
			   c->num[LLMC_FIRST_BYTE_TIMEOUT]);

	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
			 (curl_off_t)strlen(body));
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "coach/0.1");
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(c->num[LLMC_CONNECT_TIMEOUT] * 1000));
	/* A backstop: the progress callback applies the exact limits. */
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, idle + 5);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, t);
	if (c->str[LLMC_CA_BUNDLE])
		curl_easy_setopt(curl, CURLOPT_CAINFO, c->str[LLMC_CA_BUNDLE]);
	if (t->rq->trace) {
		curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
		curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(curl, CURLOPT_DEBUGDATA, t);
	}
}

/* The server's own words, as one line; 1 when the body was a web page. */
static int server_said(const struct transfer *t, char *msg, size_t size)
{
	int html = stream_error_text(t->body, t->body_len, msg, size);

	scrub(msg, t->rq->cfg->key);
	return html;
}

static int mentions(const char *s, const char *const *words)
{
	char low[512];
	size_t i;

	for (i = 0; s[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[i] = '\0';
	for (i = 0; words[i]; i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

static int http_4xx(const struct transfer *t, const char *host,
		    const char *msg, struct err *e)
{
	static const char *const context[] = {
		"context", "too long", "too many tokens", "maximum", NULL
	};
	const struct llmconfig *c = t->rq->cfg;
	const char *model = c->str[LLMC_DEPLOYMENT] ? c->str[LLMC_DEPLOYMENT]
			    : c->str[LLMC_MODEL] ? c->str[LLMC_MODEL] : "";
	long s = t->status;

	if ((s == 400 || s == 413) && mentions(msg, context))
		return err_set(e, ERR_NETWORK, "the answer and prompt are "
			"too long for the model's context (%ld); shorten the "
			"answer, lower max_tokens or choose a model with a "
			"longer context", s);
	if (s == 401)
		return err_set(e, ERR_NETWORK, "%s refused the API key (401); "
			"check the key in %s", host, c->key_from[0] ?
			c->key_from : "your settings");
	if (s == 403)
		return err_set(e, ERR_NETWORK, "%s denied access (403); check "
			"that your key may use model '%s' and any network or "
			"region limits on your account", host, model);
	if (s == 404 && c->provider == LLM_AZURE)
		return err_set(e, ERR_NETWORK, "the Azure deployment '%s' was "
			"not found (404); check deployment, api_version and "
			"the endpoint", model);
	if (s == 404 && c->provider == LLM_OLLAMA)
		return err_set(e, ERR_NETWORK, "the model '%s' is not on the "
			"Ollama server (404); run 'ollama pull %s' or check "
			"model", model, model);
	if (s == 404)
		return err_set(e, ERR_NETWORK, "%s found no model '%s' or no "
			"such address (404); check model and base_url", host,
			model);
	if (s == 413)
		return err_set(e, ERR_NETWORK, "%s refused the request as too "
			"large (413); shorten the answer", host);
	if (s == 429)
		return err_set(e, ERR_NETWORK, "%s is limiting requests or "
			"your quota is used up (429); wait a little, or check "
			"your plan and billing", host);
	return err_set(e, ERR_NETWORK, "%s rejected the request (%ld); check "
		"model, provider and the prompt templates", host, s);
}

static int http_message(struct transfer *t, const char *host,
			const char *title, int html, struct err *e)
{
	char *where = NULL, to[256] = "";
	long s = t->status;

	if (html)
		return err_set(e, ERR_NETWORK, "%s answered %ld with a web "
			"page%s%s%s instead of the API, likely from a proxy "
			"or gateway; check base_url and your proxy settings",
			host, s, title[0] ? " (" : "", title,
			title[0] ? ")" : "");
	if (s >= 300 && s < 400) {
		curl_easy_getinfo(t->curl, CURLINFO_REDIRECT_URL, &where);
		if (where)
			llmconfig_host(where, to, sizeof(to));
		return err_set(e, ERR_NETWORK, "%s redirected the request%s%s "
			"(%ld), which coach does not follow so the key stays "
			"with the host you named; set base_url to the final "
			"address", host, to[0] ? " to " : "", to, s);
	}
	if (s >= 400 && s < 500 && s != 408)
		return http_4xx(t, host, title, e);
	return err_set(e, ERR_NETWORK, "%s had a server error (%ld); try "
		"again later, or check the server's status", host, s);
}

static int http_error(struct transfer *t, const char *host, struct err *e)
{
	char msg[240];
	int html = server_said(t, msg, sizeof(msg));
	int rc = http_message(t, host, msg, html, e);

	if (msg[0] && !html)
		err_hint(e, "the server said: %s", msg);
	return rc;
}

static int retryable_status(long s)
{
	return s == 408 || s == 429 || s == 500 || s == 502 || s == 503 ||
	       s == 504 || s == 529;
}

static int curl_failure(const struct transfer *t, CURLcode rc,
			const char *host, struct err *e)
{
	const struct llmconfig *c = t->rq->cfg;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return err_set(e, ERR_NETWORK, "cannot find the host '%s'; "
			"check base_url and your network connection", host);
	case CURLE_COULDNT_RESOLVE_PROXY:
		return err_set(e, ERR_NETWORK, "cannot find the proxy host; "
			"check the https_proxy and http_proxy variables");
	case CURLE_COULDNT_CONNECT:
		return err_set(e, ERR_NETWORK, "cannot connect to %s; check "
			"that the server is running and base_url is right",
			host);
	case CURLE_OPERATION_TIMEDOUT:
		if (!t->got_byte)
			return err_set(e, ERR_NETWORK, "timed out connecting "
				"to %s after %g s; check the address, your "
				"network and any proxy", host,
				c->num[LLMC_CONNECT_TIMEOUT]);
		return err_set(e, ERR_NETWORK, "%s stopped sending; check "
			"the server, or raise idle_timeout", host);
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
		return err_set(e, ERR_NETWORK, "cannot verify the TLS "
			"certificate of %s; if a proxy inspects your traffic, "
			"set ca_bundle to its CA certificate", host);
	case CURLE_SSL_CACERT_BADFILE:
		return err_set(e, ERR_NETWORK, "cannot read the CA bundle "
			"'%s'; check ca_bundle", c->str[LLMC_CA_BUNDLE] ?
			c->str[LLMC_CA_BUNDLE] : "(system default)");
	case CURLE_SSL_CONNECT_ERROR:
		return err_set(e, ERR_NETWORK, "the TLS handshake with %s "
			"failed; check that base_url is https to a TLS port, "
			"and ca_bundle", host);
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
		return err_set(e, ERR_NETWORK, "the connection to %s broke "
			"before the answer was complete; try again", host);
	default:
		return err_set(e, ERR_NETWORK, "cannot talk to %s (%s); check "
			"base_url and your network", host,
			curl_easy_strerror(rc));
	}
}

static int stopped(const struct transfer *t, const char *host,
		   struct err *e)
{
	const struct llmconfig *c = t->rq->cfg;

	switch (t->why) {
	case STOP_CANCEL:
		return err_set(e, ERR_INTERRUPTED, "stopped");
	case STOP_OUTPUT:
		return err_set(e, ERR_INPUT, "cannot write the feedback to "
			"standard output");
	case STOP_TOO_LONG:
		return err_set(e, ERR_NETWORK, "the reply from %s is over "
			"the %d KiB limit, so coach stopped reading; lower "
			"max_tokens", host, LLM_MAX_REPLY / 1024);
	case STOP_FIRST_BYTE:
		return err_set(e, ERR_NETWORK, "%s did not start answering "
			"within %g s; check the server, or raise "
			"first_byte_timeout (a local model may still be "
			"loading)", host, c->num[LLMC_FIRST_BYTE_TIMEOUT]);
	case STOP_IDLE:
		return err_set(e, ERR_NETWORK, "%s sent nothing for %g s; "
			"check the server, or raise idle_timeout", host,
			c->num[LLMC_IDLE_TIMEOUT]);
	case STOP_NONE:
		break;
	}
	return 0;
}

/* A 2xx reply that was one JSON document, not a stream. */
static void json_reply(struct transfer *t)
{
	cJSON *j = cJSON_ParseWithLength(t->body ? t->body : "",
					 t->body_len);
	char *s = j ? cJSON_PrintUnformatted(j) : NULL;

	if (s) {
		stream_feed(&t->stream, s, strlen(s));
		stream_feed(&t->stream, "\n\n", 2);
	}
	free(s);
	cJSON_Delete(j);
}

static int reply_done(struct transfer *t, const char *host, struct err *e)
{
	if (t->json_body)
		json_reply(t);
	stream_finish(&t->stream);
	snprintf(t->res->model, sizeof(t->res->model), "%s",
		 t->stream.model);
	if (t->why != STOP_NONE)
		return stopped(t, host, e);
	if (t->error[0]) {
		scrub(t->error, t->rq->cfg->key);
		err_set(e, ERR_NETWORK, "%s reported an error %s the answer; "
			"try again", host, t->res->text_len ? "in the middle "
			"of" : "instead of");
		err_hint(e, "the server said: %s", t->error);
		return ERR_NETWORK;
	}
	if (t->res->text_len == 0)
		return err_set(e, ERR_NETWORK, "%s answered but sent no text%s"
			"%s; check model and provider", host,
			t->res->finish[0] ? ", finish reason " : "",
			t->res->finish);
	t->res->complete = 1;
	return 0;
}

/* One try.  *again is set when a failure may be worth another try. */
static int try_once(struct transfer *t, const char *url, const char *body,
		    struct curl_slist *h, int *again, struct err *e)
{
	char host[256];
	CURLcode rc;

	llmconfig_host(url, host, sizeof(host));
	setup(t, url, body, h);
	clock_gettime(CLOCK_MONOTONIC, &t->start);
	t->last = t->start;
	rc = curl_easy_perform(t->curl);
	if (!t->got_byte)
		curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->status);
	*again = t->res->text_len == 0;
	if (t->why == STOP_FIRST_BYTE || t->why == STOP_IDLE)
		return stopped(t, host, e);
	if (t->why != STOP_NONE)
		return *again = 0, stopped(t, host, e);
	if (t->status >= 200 && t->status < 300 &&
	    (t->streaming || t->json_body)) {
		if (rc != CURLE_OK && t->res->text_len == 0 && !t->error[0])
			return curl_failure(t, rc, host, e);
		if (rc != CURLE_OK && !t->error[0]) {
			stream_finish(&t->stream);
			return curl_failure(t, rc, host, e);
		}
		return reply_done(t, host, e);
	}
	if (rc != CURLE_OK && t->status == 0) {
		*again = *again && rc != CURLE_COULDNT_RESOLVE_HOST &&
			 rc != CURLE_SSL_CACERT_BADFILE &&
			 rc != CURLE_PEER_FAILED_VERIFICATION;
		return curl_failure(t, rc, host, e);
	}
	*again = *again && retryable_status(t->status);
	return http_error(t, host, e);
}

/* Seconds to wait before try number n (1-based), or -1 to give up. */
static double backoff(const struct transfer *t, int n, struct err *e)
{
	double cap = t->rq->cfg->num[LLMC_RETRY_MAX_WAIT];
	curl_off_t after = -1;
	double wait = 1;

	curl_easy_getinfo(t->curl, CURLINFO_RETRY_AFTER, &after);
	if (after > 0) {
		if ((double)after > cap) {
			err_hint(e, "the server asks to wait %ld s, more than "
				 "retry_max_wait (%g s)", (long)after, cap);
			return -1;
		}
		return (double)after;
	}
	for (int i = 1; i < n; i++)
		wait *= 2;
	return wait > cap ? cap : wait;
}

/* Sleeps s seconds unless *stop is set; returns 1 when stopped. */
static int pause_for(double s, volatile sig_atomic_t *stop)
{
	struct timespec step = { 0, 50 * 1000 * 1000 };

	for (double left = s; left > 0; left -= 0.05) {
		if (stop && *stop)
			return 1;
		nanosleep(&step, NULL);
	}
	return stop && *stop;
}

static void transfer_reset(struct transfer *t, const struct llm_request *rq,
			   struct llm_result *res)
{
	curl_easy_reset(t->curl);
	stream_release(&t->stream);
	free(t->body);
	memset(&t->stream, 0, sizeof(*t) - offsetof(struct transfer, stream));
	t->rq = rq;
	t->res = res;
	stream_init(&t->stream, rq->cfg->provider == LLM_OLLAMA ?
		    STREAM_OLLAMA : rq->cfg->provider == LLM_ANTHROPIC ?
		    STREAM_ANTHROPIC : STREAM_OPENAI, on_event, t);
}

static int run_tries(struct transfer *t, const char *url, const char *body,
		     struct curl_slist *h, struct err *e)
{
	const struct llm_request *rq = t->rq;
	int tries = 1 + (int)rq->cfg->num[LLMC_RETRIES];
	char note[600];
	int rc, again;
	double wait;

	for (int n = 1;; n++) {
		transfer_reset(t, rq, t->res);
		err_clear(e);
		rc = try_once(t, url, body, h, &again, e);
		if (rc == 0 || !again || n >= tries)
			return rc;
		wait = backoff(t, n, e);
		if (wait < 0)
			return rc;
		if (t->status >= 300)
			snprintf(note, sizeof(note), "no answer yet (status "
				 "%ld); trying again in %g s (%d of %d)",
				 t->status, wait, n + 1, tries);
		else
			snprintf(note, sizeof(note), "%.*s; trying again in "
				 "%g s (%d of %d)", (int)strcspn(e->text, ";"),
				 e->text, wait, n + 1, tries);
		if (rq->note)
			rq->note(note, rq->ctx);
		if (pause_for(wait, rq->stop))
			return err_set(e, ERR_INTERRUPTED, "stopped");
	}
}

int llm_run(const struct llm_request *rq, struct llm_result *res,
	    struct err *e)
{
	struct transfer t;
	struct curl_slist *h;
	char *url, *body;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&t, 0, sizeof(t));
	url = llmconfig_url(rq->cfg);
	body = llm_body(rq->cfg, rq->system, rq->user);
	h = headers(rq->cfg);
	t.curl = curl_easy_init();
	t.rq = rq;
	t.res = res;
	if (!url || !body || !h || !t.curl)
		rc = err_set(e, ERR_INPUT, "out of memory");
	else if (strlen(body) > LLM_MAX_REQUEST)
		rc = err_set(e, ERR_INPUT, "the request is over the %d MiB "
			     "limit; shorten the answer",
			     LLM_MAX_REQUEST >> 20);
	else
		rc = run_tries(&t, url, body, h, e);
	stream_release(&t.stream);
	free(t.body);
	if (t.curl)
		curl_easy_cleanup(t.curl);
	curl_slist_free_all(h);
	free(body);
	free(url);
	return rc;
}
