/*
 * "coach journal show", "search" and "compare": one attempt in full, the
 * attempts that mention some text, and two attempts side by side.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coach/cli_journal.h"
#include "coach/msg.h"
#include "coach/score.h"

#define CJ_MAX_FEEDBACK 32
#define CJ_MAX_CHANGES 16
#define CJ_WORDS_SHOWN 10
#define CJ_SNIP_COLUMNS 72	/* of a sentence only one answer has */
#define CJ_SNIP_CONTEXT 3	/* words shown before where it differs */

static const char *cj_arrow(void)
{
	return cj_utf8() ? "→" : "->";
}

static void cj_show_question(const cJSON *e)
{
	const char *text = journal_str(e, "question.text");
	const char *id = journal_str(e, "question.id");
	const char *cat = journal_str(e, "question.category");

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
		double st = journal_num(p, "strength");
		double sh = journal_num(p, "share");

		printf("%-9s %-10s %-7s", label, p->string,
		       cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
			       p, "present")) ? "present" : "absent");
		if (st >= 0)
			printf("  strength %.2f", st);
		if (sh >= 0)
			printf("  share %d%%", (int)(sh * 100 + 0.5));
		printf("\n");
		label = "";
	}
}

static void cj_show_score(const cJSON *e)
{
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(e, "score");
	const char *label = "criteria";
	char overall[16], star[16], growth[16];
	const cJSON *k;

	if (!cJSON_IsObject(score))
		return;
	cj_score_text(journal_num(score, "overall"), overall,
		      sizeof(overall));
	cj_score_text(journal_num(score, "star"), star, sizeof(star));
	cj_score_text(journal_num(score, "growth"), growth, sizeof(growth));
	printf("score     %s overall, STAR %s, growth %s\n", overall, star,
	       growth);
	cj_show_parts(cJSON_GetObjectItemCaseSensitive(score, "parts"));
	cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(score,
								"criteria")) {
		if (!cJSON_IsNumber(k))
			continue;
		printf("%-9s %s %.2f\n", label, k->string, k->valuedouble);
		label = "";
	}
}

/* Prints "LABEL     a, b, c" for the strings of an array member. */
static void cj_show_strings(const char *label, const cJSON *arr)
{
	const cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, arr) {
		if (!cJSON_IsString(f))
			continue;
		if (n++)
			printf(", %s", f->valuestring);
		else
			printf("%-9s %s", label, f->valuestring);
	}
	if (n)
		printf("\n");
}

/* The latest attempt before v->attempts[at] that tells the same story. */
static const cJSON *cj_last_telling(const struct journal_view *v, long at)
{
	const char *story = journal_str(v->attempts[at], "story");
	const char *s;
	long i;

	for (i = at - 1; story && i >= 0; i--) {
		s = journal_str(v->attempts[i], "story");
		if (s && strcasecmp(s, story) == 0)
			return v->attempts[i];
	}
	return NULL;
}

size_t cj_print_changes(const cJSON *a, const cJSON *b,
			       const char *indent)
{
	struct journal_numbers na, nb;
	struct journal_number_change ch[CJ_MAX_CHANGES];
	size_t n = 0, i;

	if (journal_numbers_find(journal_str(a, "answer"), &na) != 0)
		return 0;
	if (journal_numbers_find(journal_str(b, "answer"), &nb) == 0) {
		n = journal_numbers_changed(&na, &nb, ch, CJ_MAX_CHANGES);
		for (i = 0; i < n && i < CJ_MAX_CHANGES; i++)
			printf("%s%s %s %s\n", indent, ch[i].from->text,
			       cj_arrow(), ch[i].to->text);
		journal_numbers_release(&nb);
	}
	journal_numbers_release(&na);
	return n;
}

static void cj_show_retold(const struct journal_view *v, long at)
{
	const cJSON *prev = cj_last_telling(v, at);
	char date[11];

	if (!prev)
		return;
	journal_date(prev, date);
	printf("retold    since %s (%s), numbers that changed:\n",
	       journal_str(prev, "id"), date);
	if (cj_print_changes(prev, v->attempts[at], "            ") == 0)
		printf("            none\n");
}

static void cj_show_feedback(const struct journal_view *v, const cJSON *e)
{
	struct journal_feedback fb[CJ_MAX_FEEDBACK];
	size_t n = journal_feedback_of(v, e, fb, CJ_MAX_FEEDBACK), i, len;

	for (i = 0; i < n && i < CJ_MAX_FEEDBACK; i++) {
		printf("\nfeedback%s%s%s%s%s\n", fb[i].model ? " from " : "",
		       fb[i].model ? fb[i].model : "",
		       fb[i].time ? " (" : "", fb[i].time ? fb[i].time : "",
		       fb[i].time ? ")" : "");
		len = strlen(fb[i].text);
		printf("%s%s", fb[i].text,
		       len && fb[i].text[len - 1] == '\n' ? "" : "\n");
	}
}

static void cj_show_entry(const struct journal_view *v, long at)
{
	const cJSON *e = v->attempts[at];
	const char *when = journal_str(e, "time");
	const char *answer = journal_str(e, "answer");
	const char *story = journal_str(e, "story");
	double words = journal_num(e, "words");
	double secs = journal_num(e, "seconds_spent");
	size_t n;

	printf("id        %s\n", journal_str(e, "id"));
	if (when)
		printf("time      %s\n", when);
	cj_show_question(e);
	if (story)
		printf("story     %s\n", story);
	cj_show_strings("tags", cJSON_GetObjectItemCaseSensitive(e, "tags"));
	cj_show_score(e);
	cj_show_strings("flags", cJSON_GetObjectItemCaseSensitive(e,
								  "flags"));
	if (words >= 0)
		printf("words     %.0f\n", words);
	if (secs >= 0)
		printf("spent     %.0f s\n", secs);
	cj_show_retold(v, at);
	if (answer) {
		n = strlen(answer);
		printf("\n%s%s", answer,
		       n && answer[n - 1] == '\n' ? "" : "\n");
	}
	cj_show_feedback(v, e);
}

int cj_show(int argc, char **argv, struct config *c)
{
	struct journal_view v;
	long at;
	int rc = cj_load_one(argc, argv, c, &v, &at);

	if (rc != 0)
		return rc;
	if (at >= 0)
		cj_show_entry(&v, at);
	journal_view_release(&v);
	return at >= 0 ? 0 : ERR_INPUT;
}

/* The search words as one string: "kind of". */
static void cj_join_words(const struct cj_args *a, char *buf, size_t size)
{
	size_t k = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < a->nwords && k < size; i++)
		k += (size_t)snprintf(buf + k, size - k, "%s%s", i ? " " : "",
				      a->words[i]);
}

static void cj_search_hit(const cJSON *e, const struct journal_hit *hit)
{
	char snip[4 * 80 + 8];
	int width = 80 - 6 - (int)strlen(hit->field);

	cj_list_line(e);
	journal_snippet(hit->text, hit->start, hit->end, width, snip);
	printf("    %s: %s\n", hit->field, snip);
}

int cj_search(int argc, char **argv, struct config *c)
{
	struct journal_view v;
	struct journal_hit hit;
	struct cj_args a;
	char needle[1024];
	long shown = 0;
	size_t i;
	int rc;

	rc = cj_parse(argc, argv, CJ_FILTERS | CJ_LIMIT, 1, CJ_MAX_WORDS,
		      &a);
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;

	cj_join_words(&a, needle, sizeof(needle));
	for (i = v.nattempts; i > 0 && shown < a.limit; i--) {
		const cJSON *e = v.attempts[i - 1];

		if (!journal_filter_match(&a.filter, e) ||
		    !journal_search(&v, e, needle, &hit))
			continue;
		cj_search_hit(e, &hit);
		shown++;
	}
	if (shown == 0)
		msg_note("no attempt mentions '%s'", needle);
	journal_view_release(&v);
	return 0;
}

/* One score row of compare: label, A, B and the change. */
static void cj_row(const char *label, double a, double b, int frac)
{
	char sa[16], sb[16];

	if (frac) {
		snprintf(sa, sizeof(sa), "%.2f", a);
		snprintf(sb, sizeof(sb), "%.2f", b);
		if (a < 0)
			snprintf(sa, sizeof(sa), "-");
		if (b < 0)
			snprintf(sb, sizeof(sb), "-");
	} else {
		cj_score_text(a, sa, sizeof(sa));
		cj_score_text(b, sb, sizeof(sb));
	}
	printf("  %-44.44s %6s %6s", label, sa, sb);
	if (a >= 0 && b >= 0 && frac)
		printf(" %+7.2f", b - a);
	else if (a >= 0 && b >= 0)
		printf(" %+7.0f", b - a);
	printf("\n");
}

static void cj_compare_scores(const cJSON *a, const cJSON *b)
{
	const cJSON *ca = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(a, "score"), "criteria");
	const cJSON *cb = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(b, "score"), "criteria");
	const cJSON *k;
	char path[64];
	int p;

	printf("\n%-46s %6s %6s  change\n", "score", "A", "B");
	cj_row("overall", journal_num(a, "score.overall"),
	       journal_num(b, "score.overall"), 0);
	cj_row("STAR", journal_num(a, "score.star"),
	       journal_num(b, "score.star"), 0);
	cj_row("growth", journal_num(a, "score.growth"),
	       journal_num(b, "score.growth"), 0);
	for (p = 0; p < SCORE_NPARTS; p++) {
		const char *name = score_part_name((enum score_part_id)p);
		double x, y;

		snprintf(path, sizeof(path), "score.parts.%s.strength", name);
		x = journal_num(a, path);
		y = journal_num(b, path);
		cj_row(name, x < 0 ? x : 100 * x, y < 0 ? y : 100 * y, 0);
	}
	printf("\ncriteria\n");
	cJSON_ArrayForEach(k, ca)
		cj_row(k->string, journal_num(ca, k->string),
		       journal_num(cb, k->string), 1);
	cJSON_ArrayForEach(k, cb)
		if (!cJSON_GetObjectItemCaseSensitive(ca, k->string))
			cj_row(k->string, -1, journal_num(cb, k->string), 1);
}

static void cj_compare_words(const char *label, size_t total,
			     const struct journal_word_delta *w, size_t n)
{
	size_t i, col;

	printf("  %-10s %zu word%s", label, total, total == 1 ? "" : "s");
	col = 20;
	for (i = 0; i < n && i < CJ_WORDS_SHOWN; i++) {
		char item[80];
		int k = w[i].count > 1 ?
			snprintf(item, sizeof(item), "%s (%zu)", w[i].word,
				 w[i].count) :
			snprintf(item, sizeof(item), "%s", w[i].word);

		if (col + (size_t)k + 2 > 78) {
			printf(",\n%13s", "");
			col = 13;
		} else {
			printf("%s", i ? ", " : ": ");
		}
		printf("%s", item);
		col += (size_t)k + 2;
	}
	printf("%s\n", n > CJ_WORDS_SHOWN ? ", ..." : "");
}

/* Bytes that s shares with the most alike of other[0..n), cut back to
 * the start of the first word that differs. */
static size_t cj_shared_prefix(const char *s, char **other, size_t n)
{
	size_t i, k, best = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; s[k] && s[k] == other[i][k]; k++)
			;
		best = k > best ? k : best;
	}
	while (best > 0 && s[best - 1] != ' ')
		best--;
	return best;
}

/* Where a snippet of s starts so that its first differing word shows:
 * at s, or a few words before the difference when that is far in. */
static size_t cj_snip_start(const char *s, size_t diff)
{
	size_t at = diff, words = 0;

	if (diff < CJ_SNIP_COLUMNS / 2)
		return 0;
	while (at > 0 && words < CJ_SNIP_CONTEXT) {
		at--;
		if (at > 0 && s[at - 1] == ' ')
			words++;
	}
	return at;
}

/* Each sentence as far as fits, from a little before where it first
 * differs from the most alike sentence of the other answer. */
static void cj_compare_sentences(const char *label, char **s, size_t n,
				 char **other, size_t nother)
{
	char snip[4 * CJ_SNIP_COLUMNS + 8];
	size_t i, at;

	printf("  %s: %zu sentence%s\n", label, n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		at = cj_snip_start(s[i], cj_shared_prefix(s[i], other,
							  nother));
		cj_first_words(s[i] + at, at ? CJ_SNIP_COLUMNS - 3 :
			       CJ_SNIP_COLUMNS, snip);
		printf("    - %s%s\n", at ? "..." : "", snip);
	}
}

/* The entry's word count as "show" gives it, else the one counted. */
static double cj_words(const cJSON *e, size_t counted)
{
	double words = journal_num(e, "words");

	return words >= 0 ? words : (double)counted;
}

static int cj_compare_text(const cJSON *a, const cJSON *b)
{
	struct journal_diff d;

	if (journal_diff_texts(journal_str(a, "answer"),
			       journal_str(b, "answer"), &d) != 0) {
		journal_diff_release(&d);
		msg_error("cannot compare the answers: out of memory");
		return ERR_INPUT;
	}
	printf("\ntext\n  %-10s %.0f %s %.0f\n", "words",
	       cj_words(a, d.words_a), cj_arrow(), cj_words(b, d.words_b));
	cj_compare_words("added", d.added_total, d.added, d.nadded);
	cj_compare_words("removed", d.removed_total, d.removed, d.nremoved);
	cj_compare_sentences("only in A", d.only_a, d.nonly_a, d.only_b,
			     d.nonly_b);
	cj_compare_sentences("only in B", d.only_b, d.nonly_b, d.only_a,
			     d.nonly_a);
	journal_diff_release(&d);
	printf("\nnumbers that changed\n");
	if (cj_print_changes(a, b, "  ") == 0)
		printf("  none\n");
	return 0;
}

static void cj_compare_head(const char *label, const cJSON *a,
			    const cJSON *b, const char *path)
{
	const char *x = journal_str(a, path), *y = journal_str(b, path);

	if (x || y)
		printf("%-9s A %s\n%-9s B %s\n", label, x ? x : "-", "",
		       y ? y : "-");
}

int cj_compare(int argc, char **argv, struct config *c)
{
	struct journal_view v;
	struct cj_args a;
	long x, y;
	int rc;

	rc = cj_parse(argc, argv, 0, 2, 2, &a);
	if (rc == 0)
		rc = cj_load(c, &v);
	if (rc != 0)
		return rc;

	x = cj_find(&v, a.words[0]);
	y = x >= 0 ? cj_find(&v, a.words[1]) : -1;
	if (y >= 0) {
		cj_compare_head("id", v.attempts[x], v.attempts[y], "id");
		cj_compare_head("question", v.attempts[x], v.attempts[y],
				"question.id");
		cj_compare_head("story", v.attempts[x], v.attempts[y],
				"story");
		cj_compare_scores(v.attempts[x], v.attempts[y]);
		rc = cj_compare_text(v.attempts[x], v.attempts[y]);
	}
	journal_view_release(&v);
	return y >= 0 ? rc : ERR_INPUT;
}
