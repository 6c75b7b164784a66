/*
 * "coach journal": lists, shows and deletes the entries of the answer
 * journal.  Reading never changes the file; a deletion appends a tombstone.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "coach/cli.h"
#include "coach/journal.h"
#include "coach/msg.h"

#define CJ_WIDTH 80
#define CJ_QID_WIDTH 12

static const char cj_usage[] =
	"usage: coach journal [COMMAND]\n"
	"\n"
	"The answers you have practised, newest first.  Commands:\n"
	"  list [--limit N]  one line per entry: id, date, score, question,\n"
	"                    first words (the default command)\n"
	"  show ID           one entry: question, answer and its score\n"
	"  delete ID         hide an entry from the journal\n"
	"  path              print where the journal is kept\n"
	"\n"
	"ID may be the start of an entry's id when no other id starts so.\n";

static const cJSON *cj_get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *cj_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cj_get(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void cj_warn_bad(size_t line, const char *why, void *ctx)
{
	msg_warn("%s:%zu: skipped: %s", (const char *)ctx, line, why);
}

/* Loads the live entries, warning about lines that are skipped. */
static int cj_load(const struct config *c, struct journal_list *l)
{
	struct err e = { 0 };
	int rc;

	rc = journal_load(c->journal_path, l, cj_warn_bad, c->journal_path,
			  &e);
	if (rc != 0)
		msg_err(&e);
	return rc;
}

static int cj_prefixed(const char *id, const char *want)
{
	return id && strncmp(id, want, strlen(want)) == 0;
}

/* The index of the entry whose id is want or starts with it, or -1. */
static long cj_find(const struct journal_list *l, const char *want)
{
	size_t i, hits = 0, at = 0;
	const char *id;

	for (i = 0; i < l->len; i++) {
		id = cj_str(l->items[i], "id");
		if (id && strcmp(id, want) == 0)
			return (long)i;
		if (cj_prefixed(id, want)) {
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

/*
 * A snippet being built: n bytes so far, width columns; keep and
 * word_keep are the lengths, at any character and at a word end, that
 * still leave room for "...".
 */
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

/*
 * The first words of s in at most avail columns, with runs of white space
 * as one space; cut at a word end with "..." when it does not fit.  out
 * must hold 4 * avail + 4 bytes.
 */
static void cj_snippet(const char *s, int avail, char *out)
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

/* "2026-12-03" from the entry's time, or from its id, or "-". */
static void cj_date(const cJSON *entry, char *buf, size_t size)
{
	const char *t = cj_str(entry, "time");
	const char *id = cj_str(entry, "id");

	if (t && strlen(t) >= 10 && t[4] == '-' && t[7] == '-')
		snprintf(buf, size, "%.10s", t);
	else if (id && strlen(id) >= 8 && id[8] == 'T')
		snprintf(buf, size, "%.4s-%.2s-%.2s", id, id + 4, id + 6);
	else
		snprintf(buf, size, "-");
}

static void cj_number(const cJSON *v, char *buf, size_t size)
{
	if (cJSON_IsNumber(v) && v->valuedouble >= 0)
		snprintf(buf, size, "%d", (int)(v->valuedouble + 0.5));
	else
		snprintf(buf, size, "-");
}

static void cj_qid(const cJSON *entry, char *buf, size_t size)
{
	const char *q = cj_str(cj_get(entry, "question"), "id");
	size_t n;

	snprintf(buf, size, "%s", q && q[0] ? q : "-");
	n = strlen(buf);
	if (n > CJ_QID_WIDTH) {
		buf[CJ_QID_WIDTH - 1] = '~';
		buf[CJ_QID_WIDTH] = '\0';
	}
}

static void cj_list_line(const cJSON *entry)
{
	char date[16], score[16], qid[64], words[4 * CJ_WIDTH + 4];
	const char *id = cj_str(entry, "id");
	const char *answer = cj_str(entry, "answer");
	int used;

	cj_date(entry, date, sizeof(date));
	cj_number(cj_get(cj_get(entry, "score"), "overall"), score,
		  sizeof(score));
	cj_qid(entry, qid, sizeof(qid));
	used = printf("%-28s %-10s %3s %-*s ", id, date, score, CJ_QID_WIDTH,
		      qid);
	/* An unusually long id pushes the line past the width, not off. */
	cj_snippet(answer ? answer : "", used + 12 < CJ_WIDTH ?
		   CJ_WIDTH - used : 12, words);
	printf("%s\n", words);
}

/* The N of "--limit N", "--limit=N" or "-n N"; 0 and junk are refused. */
static int cj_parse_limit(const char *s, long *limit)
{
	char *end;

	errno = 0;
	*limit = s ? strtol(s, &end, 10) : 0;
	if (!s || errno || end == s || *end || *limit <= 0) {
		msg_error("--limit needs a whole number above 0, not '%s'",
			  s ? s : "");
		return ERR_USAGE;
	}
	return 0;
}

static int cj_list_args(int argc, char **argv, long *limit)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "--limit=", 8) == 0) {
			if (cj_parse_limit(a + 8, limit))
				return ERR_USAGE;
		} else if (!strcmp(a, "--limit") || !strcmp(a, "-n")) {
			if (cj_parse_limit(argv[++i], limit))
				return ERR_USAGE;
		} else {
			msg_error("journal list: unexpected '%s' (try "
				  "'coach journal --help')", a);
			return ERR_USAGE;
		}
	}
	return 0;
}

static int cj_list(int argc, char **argv, struct config *c)
{
	struct journal_list l;
	long limit = LONG_MAX, shown = 0;
	size_t i;
	int rc;

	rc = cj_list_args(argc, argv, &limit);
	if (rc == 0)
		rc = cj_load(c, &l);
	if (rc != 0)
		return rc;

	if (l.len == 0)
		msg_note("the journal is empty: answers you practise are "
			 "kept here");
	for (i = l.len; i > 0 && shown < limit; i--, shown++)
		cj_list_line(l.items[i - 1]);
	journal_list_release(&l);
	return 0;
}

static void cj_show_question(const cJSON *q)
{
	const char *text = cj_str(q, "text");
	const char *id = cj_str(q, "id");
	const char *cat = cj_str(q, "category");

	if (!text && !id)
		return;
	printf("question  %s", text ? text : id);
	if (text && id && cat)
		printf(" (%s, %s)", id, cat);
	else if (text && id)
		printf(" (%s)", id);
	printf("\n");
}

static void cj_show_parts(const cJSON *parts)
{
	const char *label = "parts";
	const cJSON *p;

	cJSON_ArrayForEach(p, parts) {
		const cJSON *st = cj_get(p, "strength");
		const cJSON *sh = cj_get(p, "share");

		printf("%-9s %-10s %-7s", label, p->string,
		       cJSON_IsTrue(cj_get(p, "present")) ? "present"
							   : "absent");
		if (cJSON_IsNumber(st))
			printf("  strength %.2f", st->valuedouble);
		if (cJSON_IsNumber(sh))
			printf("  share %d%%", (int)(sh->valuedouble * 100
						      + 0.5));
		printf("\n");
		label = "";
	}
}

static void cj_show_criteria(const cJSON *criteria)
{
	const char *label = "criteria";
	const cJSON *k;

	cJSON_ArrayForEach(k, criteria) {
		if (!cJSON_IsNumber(k))
			continue;
		printf("%-9s %s %.2f\n", label, k->string, k->valuedouble);
		label = "";
	}
}

static void cj_show_score(const cJSON *score)
{
	char overall[16], star[16], growth[16];

	if (!cJSON_IsObject(score))
		return;
	cj_number(cj_get(score, "overall"), overall, sizeof(overall));
	cj_number(cj_get(score, "star"), star, sizeof(star));
	cj_number(cj_get(score, "growth"), growth, sizeof(growth));
	printf("score     %s overall, STAR %s, growth %s\n", overall, star,
	       growth);
	cj_show_parts(cj_get(score, "parts"));
	cj_show_criteria(cj_get(score, "criteria"));
}

static void cj_show_flags(const cJSON *flags)
{
	const char *sep = "flags     ";
	const cJSON *f;

	cJSON_ArrayForEach(f, flags) {
		if (!cJSON_IsString(f))
			continue;
		printf("%s%s", sep, f->valuestring);
		sep = ", ";
	}
	if (sep[0] == ',')
		printf("\n");
}

static void cj_show_entry(const cJSON *entry)
{
	const char *when = cj_str(entry, "time");
	const char *answer = cj_str(entry, "answer");
	const cJSON *words = cj_get(entry, "words");
	const cJSON *secs = cj_get(entry, "seconds_spent");
	size_t n;

	printf("id        %s\n", cj_str(entry, "id"));
	if (when)
		printf("time      %s\n", when);
	cj_show_question(cj_get(entry, "question"));
	cj_show_score(cj_get(entry, "score"));
	cj_show_flags(cj_get(entry, "flags"));
	if (cJSON_IsNumber(words))
		printf("words     %d\n", words->valueint);
	if (cJSON_IsNumber(secs) && secs->valuedouble >= 0)
		printf("spent     %d s\n", (int)(secs->valuedouble + 0.5));
	if (!answer)
		return;
	n = strlen(answer);
	printf("\n%s%s", answer, n && answer[n - 1] == '\n' ? "" : "\n");
}

/* Checks for exactly one ID argument after the command name. */
static int cj_one_id(int argc, char **argv)
{
	if (argc == 2 && argv[1][0])
		return 0;
	msg_error("journal %s needs one entry id (try 'coach journal "
		  "list')", argv[0]);
	return ERR_USAGE;
}

static int cj_show(int argc, char **argv, struct config *c)
{
	struct journal_list l;
	long at;
	int rc;

	rc = cj_one_id(argc, argv);
	if (rc == 0)
		rc = cj_load(c, &l);
	if (rc != 0)
		return rc;

	at = cj_find(&l, argv[1]);
	if (at >= 0)
		cj_show_entry(l.items[at]);
	journal_list_release(&l);
	return at >= 0 ? 0 : ERR_INPUT;
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
		msg_note("deleted journal entry %s", id);
	return rc;
}

static int cj_delete(int argc, char **argv, struct config *c)
{
	struct journal_list l;
	long at;
	int rc;

	rc = cj_one_id(argc, argv);
	if (rc == 0)
		rc = cj_load(c, &l);
	if (rc != 0)
		return rc;

	at = cj_find(&l, argv[1]);
	rc = at >= 0 ? cj_bury(c, cj_str(l.items[at], "id")) : ERR_INPUT;
	journal_list_release(&l);
	return rc;
}

static int cj_path(int argc, char **argv, struct config *c)
{
	(void)argv;
	if (argc != 1) {
		msg_error("journal path takes no arguments");
		return ERR_USAGE;
	}
	printf("%s\n", c->journal_path);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, struct config *c);
} cj_commands[] = {
	{ "list", cj_list },
	{ "show", cj_show },
	{ "delete", cj_delete },
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
	msg_error("unknown journal command '%s' (try 'coach journal --help')",
		  argv[1]);
	return ERR_USAGE;
}
