/*
 * "coach journal": the command table, the options its commands share,
 * and list, delete, compact and path.  Reading never changes the file; a
 * deletion appends a tombstone.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "coach/cli.h"
#include "coach/cli_journal.h"
#include "coach/msg.h"

#define CJ_WIDTH 80
#define CJ_QID_WIDTH 12

static const char cj_usage[] =
	"usage: coach journal [COMMAND] [OPTIONS]\n"
	"\n"
	"The answers you have practised.  Commands:\n"
	"  list              one line per attempt, newest first (the default)\n"
	"  show ID           an attempt: its score, answer and feedback\n"
	"  search TEXT       attempts whose answer, question, story, tags or\n"
	"                    feedback contain TEXT (any case), with a snippet\n"
	"  compare ID ID     two attempts side by side: scores and changes\n"
	"  stats             progress by week, category, STAR part and\n"
	"                    criterion, and the words you lean on\n"
	"  stories [--numbers]  your stories, what they cover, and which\n"
	"                    numbers changed between tellings\n"
	"  export [--format md|csv|json]  all attempts, to standard output\n"
	"  delete ID         hide an attempt from the journal\n"
	"  compact           rewrite the file without deleted attempts\n"
	"  path              print where the journal is kept\n"
	"\n"
	"list, search, stats and export take filters:\n"
	"  --question ID  --category NAME  --tag TAG  --story NAME\n"
	"  --since YYYY-MM-DD  --until YYYY-MM-DD  --min-score N  "
	"--max-score N\n"
	"list and search also take --limit N (-n N).\n"
	"\n"
	"ID may be the start of an attempt's id when no other id starts so.\n";

/* One option: its name, the command kinds that allow it, the field. */
enum cj_field {
	CF_QUESTION, CF_CATEGORY, CF_TAG, CF_STORY, CF_SINCE, CF_UNTIL,
	CF_MIN, CF_MAX, CF_LIMIT, CF_FORMAT, CF_NUMBERS
};

static const struct {
	const char *name;
	unsigned kind;
	enum cj_field field;
} cj_options[] = {
	{ "--question", CJ_FILTERS, CF_QUESTION },
	{ "--category", CJ_FILTERS, CF_CATEGORY },
	{ "--tag", CJ_FILTERS, CF_TAG },
	{ "--story", CJ_FILTERS, CF_STORY },
	{ "--since", CJ_FILTERS, CF_SINCE },
	{ "--until", CJ_FILTERS, CF_UNTIL },
	{ "--min-score", CJ_FILTERS, CF_MIN },
	{ "--max-score", CJ_FILTERS, CF_MAX },
	{ "--limit", CJ_LIMIT, CF_LIMIT },
	{ "-n", CJ_LIMIT, CF_LIMIT },
	{ "--format", CJ_FORMAT, CF_FORMAT },
	{ "--numbers", CJ_NUMBERS, CF_NUMBERS },
};

#define CJ_NOPTIONS (sizeof(cj_options) / sizeof(*cj_options))

void cj_hint(void)
{
	fputs("hint: try 'coach journal --help'\n", stderr);
}

static int cj_usage_error(const char *cmd, const char *what, const char *arg)
{
	msg_error("journal %s: %s '%s'", cmd, what, arg ? arg : "");
	cj_hint();
	return ERR_USAGE;
}

static int cj_parse_score(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return !errno && end != s && !*end && *out >= 0 && *out <= 100;
}

/* Stores the value of one option; 0, or ERR_USAGE after a message. */
static int cj_set(struct cj_args *a, const char *cmd, enum cj_field field,
		  const char *val)
{
	struct journal_filter *f = &a->filter;
	const char **slot[] = { &f->question, &f->category, &f->tag,
				&f->story, &f->since, &f->until };
	char *end;

	if (field <= CF_UNTIL)
		*slot[field] = val;
	if ((field == CF_SINCE || field == CF_UNTIL) &&
	    !journal_date_valid(val))
		return cj_usage_error(cmd, "dates are written YYYY-MM-DD, "
				      "not", val);
	if (field == CF_MIN || field == CF_MAX) {
		if (!cj_parse_score(val, field == CF_MIN ? &f->min_score
							  : &f->max_score))
			return cj_usage_error(cmd, "scores are numbers from 0 "
					      "to 100, not", val);
		*(field == CF_MIN ? &f->has_min : &f->has_max) = 1;
	}
	if (field == CF_LIMIT) {
		errno = 0;
		a->limit = strtol(val, &end, 10);
		if (errno || end == val || *end || a->limit <= 0)
			return cj_usage_error(cmd, "--limit needs a whole "
					      "number above 0, not", val);
	}
	if (field == CF_FORMAT)
		a->format = val;
	return 0;
}

/* Handles argv[*i], an option; moves *i past its value. */
static int cj_option(int argc, char **argv, int *i, unsigned allowed,
		     struct cj_args *a)
{
	const char *arg = argv[*i], *eq = strchr(arg, '='), *val;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg), k;

	for (k = 0; k < CJ_NOPTIONS; k++)
		if ((cj_options[k].kind & allowed) &&
		    strlen(cj_options[k].name) == len &&
		    strncmp(cj_options[k].name, arg, len) == 0)
			break;
	if (k == CJ_NOPTIONS)
		return cj_usage_error(argv[0], "unexpected", arg);
	if (cj_options[k].field == CF_NUMBERS) {
		a->numbers = 1;
		return eq ? cj_usage_error(argv[0], "takes no value:", arg)
			  : 0;
	}
	val = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	if (!val)
		return cj_usage_error(argv[0], "needs a value:", arg);
	return cj_set(a, argv[0], cj_options[k].field, val);
}

int cj_parse(int argc, char **argv, unsigned allowed, int min, int max,
	     struct cj_args *a)
{
	int i, rc = 0;

	memset(a, 0, sizeof(*a));
	a->limit = LONG_MAX;
	for (i = 1; i < argc && rc == 0; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			rc = cj_option(argc, argv, &i, allowed, a);
		else if (a->nwords < max && a->nwords < CJ_MAX_WORDS)
			a->words[a->nwords++] = argv[i];
		else
			rc = cj_usage_error(argv[0], "unexpected", argv[i]);
	}
	if (rc == 0 && a->nwords < min) {
		msg_error("journal %s needs %s", argv[0],
			  !strcmp(argv[0], "search") ? "the text to look for" :
			  min == 2 ? "two entry ids" : "one entry id");
		cj_hint();
		rc = ERR_USAGE;
	}
	return rc;
}

static void cj_warn_bad(size_t line, const char *why, void *ctx)
{
	msg_warn("%s:%zu: skipped: %s", (const char *)ctx, line, why);
}

int cj_load(const struct config *c, struct journal_view *v)
{
	struct journal_list l;
	struct err e = { 0 };

	if (journal_load(c->journal_path, &l, cj_warn_bad, c->journal_path,
			 &e) != 0) {
		msg_err(&e);
		return e.status ? e.status : ERR_INPUT;
	}
	if (journal_view_init(v, &l) != 0) {
		msg_error("cannot read the journal '%s': out of memory",
			  c->journal_path);
		return ERR_INPUT;
	}
	return 0;
}

long cj_find(const struct journal_view *v, const char *want)
{
	size_t i, hits = 0, at = 0, n = strlen(want);
	const char *id;

	for (i = 0; i < v->nattempts; i++) {
		id = journal_str(v->attempts[i], "id");
		if (id && strcmp(id, want) == 0)
			return (long)i;
		if (id && strncmp(id, want, n) == 0) {
			hits++;
			at = i;
		}
	}
	if (hits == 1)
		return (long)at;
	if (hits == 0)
		msg_error("no journal entry has the id '%s'", want);
	else
		msg_error("'%s' is the start of %zu ids; give more of it",
			  want, hits);
	return -1;
}

const cJSON **cj_select(const struct journal_view *v,
			const struct journal_filter *f, size_t *n)
{
	const cJSON **a = malloc((v->nattempts + 1) * sizeof(*a));
	size_t i;

	*n = 0;
	if (!a) {
		msg_error("out of memory");
		return NULL;
	}
	for (i = 0; i < v->nattempts; i++)
		if (journal_filter_match(f, v->attempts[i]))
			a[(*n)++] = v->attempts[i];
	return a;
}

int cj_utf8(void)
{
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *term = getenv("TERM"), *v = NULL;
	char low[64];
	size_t i;

	if (term && strcmp(term, "dumb") == 0)
		return 0;
	for (i = 0; i < 3 && !(v && *v); i++)
		v = getenv(names[i]);
	if (!v)
		return 0;
	for (i = 0; v[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32
							     : v[i]);
	low[i] = '\0';
	return strstr(low, "utf-8") || strstr(low, "utf8");
}

void cj_score_text(double score, char *buf, size_t size)
{
	if (score >= 0)
		snprintf(buf, size, "%d", (int)(score + 0.5));
	else
		snprintf(buf, size, "-");
}

/* Appends one character of cw columns to a snippet being built. */
struct cj_snip {
	char *out;
	size_t n, keep, word_keep;
	int width, avail;
};

static void cj_snip_add(struct cj_snip *s, const char *bytes, size_t k,
			int cw)
{
	memcpy(s->out + s->n, bytes, k);
	s->n += k;
	s->width += cw;
	if (s->width + 3 <= s->avail)
		s->keep = s->n;
}

void cj_first_words(const char *s, int avail, char *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct cj_snip sn = { out, 0, 0, 0, 0, avail };
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	const char *bytes;
	int space = 0, cw, cut = 0;

	for (; *p; p += k) {
		k = utf8proc_iterate(p, -1, &cp);
		bytes = (const char *)p;
		if (k < 0) {
			cp = '?';
			bytes = "?";
			k = 1;
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			space = sn.n > 0;
			continue;
		}
		cw = utf8proc_charwidth(cp);
		if (cp < 0x20 || cp == 0x7f || cw < 0)
			continue;
		if (sn.width + space + cw > avail) {
			cut = 1;
			break;
		}
		if (space && sn.width + 3 <= avail)
			sn.word_keep = sn.n;
		if (space)
			cj_snip_add(&sn, " ", 1, 1);
		space = 0;
		cj_snip_add(&sn, bytes, (size_t)k, cw);
	}

	if (cut) {
		sn.n = sn.word_keep ? sn.word_keep : sn.keep;
		memcpy(out + sn.n, "...", 3);
		sn.n += 3;
	}
	out[sn.n] = '\0';
}

static void cj_qid(const cJSON *entry, char *buf, size_t size)
{
	const char *q = journal_str(entry, "question.id");

	snprintf(buf, size, "%s", q && q[0] ? q : "-");
	if (strlen(buf) > CJ_QID_WIDTH) {
		buf[CJ_QID_WIDTH - 1] = '~';
		buf[CJ_QID_WIDTH] = '\0';
	}
}

void cj_list_line(const cJSON *entry)
{
	char date[11], score[16], qid[64], words[4 * CJ_WIDTH + 4];
	const char *answer = journal_str(entry, "answer");
	int used;

	journal_date(entry, date);
	cj_score_text(journal_num(entry, "score.overall"), score,
		      sizeof(score));
	cj_qid(entry, qid, sizeof(qid));
	used = printf("%-28s %-10s %3s %-*s ", journal_str(entry, "id"),
		      date[0] ? date : "-", score, CJ_QID_WIDTH, qid);
	/* An unusually long id pushes the line past the width, not off. */
	cj_first_words(answer ? answer : "", used + 12 < CJ_WIDTH ?
		       CJ_WIDTH - used : 12, words);
	printf("%s\n", words);
}

static int cj_list(int argc, char **argv, struct config *c)
{
	struct journal_view v;
	struct cj_args a;
	long shown = 0;
	size_t i;
	int rc;

	rc = cj_parse(argc, argv, CJ_FILTERS | CJ_LIMIT, 0, 0, &a);
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;

	if (v.nattempts == 0)
		msg_note("the journal is empty: answers you practise are "
			 "kept in %s", c->journal_path);
	for (i = v.nattempts; i > 0 && shown < a.limit; i--) {
		if (!journal_filter_match(&a.filter, v.attempts[i - 1]))
			continue;
		cj_list_line(v.attempts[i - 1]);
		shown++;
	}
	if (v.nattempts > 0 && shown == 0)
		msg_note("no attempt matches");
	journal_view_release(&v);
	return 0;
}

static int cj_bury(const struct config *c, const char *id)
{
	cJSON *t = cJSON_CreateObject();
	struct err e = { 0 };
	int rc;

	if (!t || !cJSON_AddStringToObject(t, "deleted", id)) {
		cJSON_Delete(t);
		msg_error("cannot delete '%s': out of memory", id);
		return ERR_INPUT;
	}
	rc = journal_append(c->journal_path, t, &e);
	cJSON_Delete(t);
	if (rc != 0)
		msg_err(&e);
	else
		msg_note("deleted journal entry %s (its text stays in the "
			 "file until 'coach journal compact')", id);
	return rc;
}

int cj_load_one(int argc, char **argv, struct config *c,
		struct journal_view *v, long *at)
{
	struct cj_args a;
	int rc = cj_parse(argc, argv, 0, 1, 1, &a);

	if (rc == 0)
		rc = cj_load(c, v);
	if (rc == 0)
		*at = cj_find(v, a.words[0]);
	return rc;
}

static int cj_delete(int argc, char **argv, struct config *c)
{
	struct journal_view v;
	long at;
	int rc = cj_load_one(argc, argv, c, &v, &at);

	if (rc != 0)
		return rc;
	rc = at >= 0 ? cj_bury(c, journal_str(v.attempts[at], "id"))
		     : ERR_INPUT;
	journal_view_release(&v);
	return rc;
}

static const char *cj_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "kept 1 entry, dropped 1 deleted attempt, 1 tombstone, ..." */
static void cj_compact_note(const char *path,
			    const struct journal_compact_result *r)
{
	size_t gone = r->dropped - r->tombstones - r->feedback;
	char fb[64] = "";

	if (r->feedback)
		snprintf(fb, sizeof(fb), ", %zu feedback entr%s", r->feedback,
			 cj_plural(r->feedback, "y", "ies"));
	msg_note("compacted %s: kept %zu entr%s, dropped %zu deleted "
		 "entr%s%s, %zu tombstone%s and %zu unreadable line%s; "
		 "%lld bytes, was %lld", path, r->kept,
		 cj_plural(r->kept, "y", "ies"), gone,
		 cj_plural(gone, "y", "ies"), fb, r->tombstones,
		 cj_plural(r->tombstones, "", "s"), r->bad,
		 cj_plural(r->bad, "", "s"), r->after, r->before);
}

static int cj_compact(int argc, char **argv, struct config *c)
{
	struct journal_compact_result r;
	struct err e = { 0 };
	struct cj_args a;
	int rc;

	rc = cj_parse(argc, argv, 0, 0, 0, &a);
	if (rc != 0)
		return rc;
	if (journal_compact(c->journal_path, &r, cj_warn_bad,
			    c->journal_path, &e) != 0) {
		msg_err(&e);
		return e.status;
	}
	if (r.before == 0 && r.kept == 0)
		msg_note("the journal is empty: nothing to compact");
	else
		cj_compact_note(c->journal_path, &r);
	return 0;
}

static int cj_path(int argc, char **argv, struct config *c)
{
	struct cj_args a;

	if (cj_parse(argc, argv, 0, 0, 0, &a) != 0)
		return ERR_USAGE;
	printf("%s\n", c->journal_path);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, struct config *c);
} cj_commands[] = {
	{ "list", cj_list },
	{ "show", cj_show },
	{ "search", cj_search },
	{ "compare", cj_compare },
	{ "stats", cj_stats },
	{ "stories", cj_stories },
	{ "export", cj_export },
	{ "delete", cj_delete },
	{ "compact", cj_compact },
	{ "path", cj_path },
};

static int cj_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return argc > 1 && strcmp(argv[1], "help") == 0;
}

int cli_journal(int argc, char **argv, struct config *c)
{
	static char *list_argv[] = { (char *)"list", NULL };
	size_t i;

	if (cj_wants_help(argc, argv)) {
		fputs(cj_usage, stdout);
		return 0;
	}
	if (!c->journal_path) {
		msg_error("no journal path is set");
		return ERR_INPUT;
	}
	if (argc < 2)
		return cj_list(1, list_argv, c);

	for (i = 0; i < sizeof(cj_commands) / sizeof(cj_commands[0]); i++)
		if (strcmp(argv[1], cj_commands[i].name) == 0)
			return cj_commands[i].run(argc - 1, argv + 1, c);
	msg_error("unknown journal command '%s'", argv[1]);
	cj_hint();
	return ERR_USAGE;
}
