/* Unit tests for text: UTF-8 checks, tokens, folds, stems, sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "testutil.h"
#include "coach/text.h"

#ifndef CASES_DIR
#define CASES_DIR "../shared/cases"
#endif

struct want_token {
	size_t start, end;
	enum text_kind kind;
	const char *fold;
};

struct token_case {
	const char *src;
	size_t ntokens;
	struct want_token tokens[8];
};

static const struct token_case token_cases[] = {
	{ "I\xe2\x80\x99" "d", 1, { { 0, 5, TEXT_WORD, "i'd" } } },
	{ "didn't I've", 2, {
		{ 0, 6, TEXT_WORD, "didn't" },
		{ 7, 11, TEXT_WORD, "i've" } } },
	{ "table \xe2\x80\x94 adding", 3, {
		{ 0, 5, TEXT_WORD, "table" },
		{ 6, 9, TEXT_PUNCT, "\xe2\x80\x94" },
		{ 10, 16, TEXT_WORD, "adding" } } },
	{ "table\xe2\x80\x94" "adding", 3, {
		{ 0, 5, TEXT_WORD, "table" },
		{ 5, 8, TEXT_PUNCT, "\xe2\x80\x94" },
		{ 8, 14, TEXT_WORD, "adding" } } },
	{ "Jos\xc3\xa9 M\xc3\xbcller", 2, {
		{ 0, 5, TEXT_WORD, "jos\xc3\xa9" },
		{ 6, 13, TEXT_WORD, "m\xc3\xbcller" } } },
	{ "\xe2\x80\x98what\xe2\x80\x99", 3, {
		{ 0, 3, TEXT_PUNCT, "\xe2\x80\x98" },
		{ 3, 7, TEXT_WORD, "what" },
		{ 7, 10, TEXT_PUNCT, "'" } } },
	{ "One.\r\nTwo", 3, {
		{ 0, 3, TEXT_WORD, "one" },
		{ 3, 4, TEXT_PUNCT, "." },
		{ 6, 9, TEXT_WORD, "two" } } },
	{ "4,200 2.5X 40% 10:30", 4, {
		{ 0, 5, TEXT_NUMBER, "4,200" },
		{ 6, 10, TEXT_NUMBER, "2.5x" },
		{ 11, 14, TEXT_NUMBER, "40%" },
		{ 15, 20, TEXT_NUMBER, "10:30" } } },
	{ "$1.2M v1.2.3 9.6.", 5, {
		{ 0, 1, TEXT_PUNCT, "$" },
		{ 1, 5, TEXT_NUMBER, "1.2m" },
		{ 6, 12, TEXT_WORD, "v1.2.3" },
		{ 13, 16, TEXT_NUMBER, "9.6" },
		{ 16, 17, TEXT_PUNCT, "." } } },
	{ "add-nullable-column ledger_entries", 2, {
		{ 0, 19, TEXT_WORD, "add-nullable-column" },
		{ 20, 34, TEXT_WORD, "ledger_entries" } } },
	{ "Stra\xc3\x9f" "e \xef\xac\x81ne", 2, {
		{ 0, 7, TEXT_WORD, "strasse" },
		{ 8, 13, TEXT_WORD, "fine" } } },
	{ "Jose\xcc\x81 -x- ", 4, {
		{ 0, 6, TEXT_WORD, "jos\xc3\xa9" },
		{ 7, 8, TEXT_PUNCT, "-" },
		{ 8, 9, TEXT_WORD, "x" },
		{ 9, 10, TEXT_PUNCT, "-" } } },
	{ "a\xc2\xa0" "b\xe2\x80\x8b" "c", 3, {
		{ 0, 1, TEXT_WORD, "a" },
		{ 3, 4, TEXT_WORD, "b" },
		{ 7, 8, TEXT_WORD, "c" } } },
};

static struct text_stemmer *stemmer;

static int setup(void **state)
{
	(void)state;
	stemmer = text_stemmer_new();
	return stemmer ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	text_stemmer_free(stemmer);
	return 0;
}

static void analyze(struct text *t, const char *src)
{
	assert_int_equal(text_analyze(t, stemmer, src, strlen(src)), 0);
}

static void check_tokens(const struct token_case *c)
{
	struct text t;

	analyze(&t, c->src);
	assert_int_equal(t.ntokens, c->ntokens);
	for (size_t i = 0; i < c->ntokens; i++) {
		const struct want_token *w = &c->tokens[i];

		assert_int_equal(t.tokens[i].start, w->start);
		assert_int_equal(t.tokens[i].end, w->end);
		assert_int_equal(t.tokens[i].kind, w->kind);
		assert_string_equal(t.tokens[i].fold, w->fold);
	}
	text_release(&t);
}

static void text__tokens__keep_offsets_kinds_and_folds(void **state)
{
	size_t n = sizeof(token_cases) / sizeof(token_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		check_tokens(&token_cases[i]);
}

struct stem_case {
	const char *src, *stem;
};

static const struct stem_case stem_cases[] = {
	{ "learned", "learn" },
	{ "Failures", "failur" },
	{ "running", "run" },
	{ "Postgres", "postgr" },
	{ "add-nullable-columns", "add-nullable-column" },
	{ "I\xe2\x80\x99ve", "i'v" },
	{ "4,200", "4,200" },
	{ "2.5X", "2.5x" },
	{ "\xe2\x80\x94", "\xe2\x80\x94" },
};

static void text__stem__is_snowball_english_of_fold(void **state)
{
	size_t n = sizeof(stem_cases) / sizeof(stem_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct text t;

		analyze(&t, stem_cases[i].src);
		assert_int_equal(t.ntokens, 1);
		assert_string_equal(t.tokens[0].stem, stem_cases[i].stem);
		text_release(&t);
	}
}

struct sentence_case {
	const char *src;
	size_t n;
	const char *text[4];
	size_t line[4];
};

static const struct sentence_case sentence_cases[] = {
	{ "It failed. I fixed it! Did it hold? Yes.", 4,
	  { "It failed.", "I fixed it!", "Did it hold?", "Yes." },
	  { 1, 1, 1, 1 } },
	{ "Really?! Wait... Then it worked.", 3,
	  { "Really?!", "Wait...", "Then it worked." }, { 1, 1, 1 } },
	{ "I asked Dr. Lee, Mr. Ng and Mrs. Ito, e.g. the leads, etc. "
	  "They agreed.", 2,
	  { "I asked Dr. Lee, Mr. Ng and Mrs. Ito, e.g. the leads, etc.",
	    "They agreed." }, { 1, 1 } },
	{ "Logs, traces, etc. and approx. 5 vs. 6 at Acme Inc. in Ohio.", 1,
	  { "Logs, traces, etc. and approx. 5 vs. 6 at Acme Inc. in Ohio." },
	  { 1 } },
	{ "We moved to the U.S. office, i.e. Boston. Done.", 2,
	  { "We moved to the U.S. office, i.e. Boston.", "Done." },
	  { 1, 1 } },
	{ "It ran 2.5x faster at 99.9% uptime. Next.", 2,
	  { "It ran 2.5x faster at 99.9% uptime.", "Next." }, { 1, 1 } },
	{ "We ran v1.2.3 on Postgres 9.6 then. It broke.", 2,
	  { "We ran v1.2.3 on Postgres 9.6 then.", "It broke." }, { 1, 1 } },
	{ "See https://x.io/a.html and config.yaml now. Ok.", 2,
	  { "See https://x.io/a.html and config.yaml now.", "Ok." },
	  { 1, 1 } },
	{ "I did this:\n- wrote a test\n* fixed it\n\xe2\x80\xa2 shipped", 4,
	  { "I did this:", "- wrote a test", "* fixed it",
	    "\xe2\x80\xa2 shipped" }, { 1, 2, 3, 4 } },
	{ "Steps\n1. plan\n2) build it\n3. ship", 4,
	  { "Steps", "1. plan", "2) build it", "3. ship" }, { 1, 2, 3, 4 } },
	{ "no stop here\n\nnew paragraph\nsame one", 2,
	  { "no stop here", "new paragraph\nsame one" }, { 1, 3 } },
	{ "First.\r\nSecond\r\n\r\nThird\rFourth.", 3,
	  { "First.", "Second", "Third\rFourth." }, { 1, 2, 4 } },
	{ "\"Stop.\" she said. \"Go!\" He went.", 3,
	  { "\"Stop.\" she said.", "\"Go!\"", "He went." }, { 1, 1, 1 } },
	{ "Done.\n-\n\n", 1, { "Done." }, { 1 } },
	{ "a -b and 3-4 items", 1, { "a -b and 3-4 items" }, { 1 } },
};

static void check_sentences(const struct sentence_case *c)
{
	struct text t;

	analyze(&t, c->src);
	assert_int_equal(t.nsentences, c->n);
	for (size_t i = 0; i < c->n; i++) {
		const struct text_sentence *s = &t.sentences[i];
		size_t n = strlen(c->text[i]);

		assert_int_equal(s->end - s->start, n);
		assert_memory_equal(c->src + s->start, c->text[i], n);
		assert_int_equal(s->line, c->line[i]);
		for (size_t k = s->first; k < s->first + s->count; k++)
			assert_int_equal(t.tokens[k].sentence, i);
	}
	text_release(&t);
}

static void text__sentences__split_per_rules(void **state)
{
	size_t n = sizeof(sentence_cases) / sizeof(sentence_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		check_sentences(&sentence_cases[i]);
}

static void text__list_markers__are_punct_not_words(void **state)
{
	struct text t;

	(void)state;
	analyze(&t, "- one\n12. two\n3) three 4");
	assert_int_equal(t.ntokens, 9);
	assert_int_equal(t.tokens[0].kind, TEXT_PUNCT);
	assert_int_equal(t.tokens[2].kind, TEXT_PUNCT);
	assert_int_equal(t.tokens[5].kind, TEXT_PUNCT);
	assert_int_equal(t.tokens[8].kind, TEXT_NUMBER);
	assert_int_equal(t.nwords, 4);
	assert_int_equal(t.nsentences, 3);
	text_release(&t);
}

static void text__wordless_fragment__stays_outside_sentences(void **state)
{
	struct text t;

	(void)state;
	analyze(&t, "Done.\n\n-");
	assert_int_equal(t.ntokens, 3);
	assert_int_equal(t.nsentences, 1);
	assert_int_equal(t.sentences[0].count, 2);
	assert_int_equal(t.tokens[2].sentence, 0);
	text_release(&t);
}

struct utf8_case {
	const char *s;
	size_t len, off, line;
};

static const struct utf8_case utf8_cases[] = {
	{ "plain", 5, 0, 0 },
	{ "Jos\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", 14, 0, 0 },
	{ "ab\0cd", 5, 3, 1 },
	{ "a\nb\r\nc\xff", 7, 7, 3 },
	{ "a\rb\x80", 4, 4, 2 },
	{ "x\xe2\x82" "A", 4, 2, 1 },
	{ "x\xe2\x82", 3, 2, 1 },
	{ "\xc0\x80", 2, 1, 1 },
	{ "\xed\xa0\x80", 3, 1, 1 },
	{ "\xf4\x90\x80\x80", 4, 1, 1 },
	{ "\xe0\x9f\xbf", 3, 1, 1 },
};

static void text__check_utf8__finds_first_bad_byte_and_line(void **state)
{
	size_t n = sizeof(utf8_cases) / sizeof(utf8_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct utf8_case *c = &utf8_cases[i];
		size_t line = 0;

		assert_int_equal(text_check_utf8(c->s, c->len, &line), c->off);
		assert_int_equal(line, c->line);
	}
}

static void text__empty_and_blank_input__has_nothing(void **state)
{
	const char *inputs[] = { "", " ", "\n\n\r\n\t  \xc2\xa0" };

	(void)state;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct text t;

		analyze(&t, inputs[i]);
		assert_int_equal(t.ntokens, 0);
		assert_int_equal(t.nsentences, 0);
		assert_int_equal(t.nwords, 0);
		text_release(&t);
	}
}

struct line_col_case {
	const char *src;
	size_t off, line, col;
};

static const struct line_col_case line_col_cases[] = {
	{ "abc", 0, 1, 1 },
	{ "abc", 3, 1, 4 },
	{ "Jos\xc3\xa9 x", 6, 1, 6 },
	{ "a\r\nb", 3, 2, 1 },
	{ "a\r\n\r\nbc", 6, 3, 2 },
	{ "a\rb\nc", 4, 3, 1 },
};

static void text__line_col__counts_characters_and_crlf_once(void **state)
{
	size_t n = sizeof(line_col_cases) / sizeof(line_col_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct line_col_case *c = &line_col_cases[i];
		size_t line = 0, col = 0;

		text_line_col(c->src, c->off, &line, &col);
		assert_int_equal(line, c->line);
		assert_int_equal(col, c->col);
	}
}

static void text__phrase__is_one_folded_stemmed_sentence(void **state)
{
	struct text t;

	(void)state;
	assert_int_equal(text_analyze_phrase(&t, stemmer,
					     "Learned. From Failures!"), 0);
	assert_int_equal(t.ntokens, 5);
	assert_int_equal(t.nsentences, 1);
	assert_int_equal(t.sentences[0].count, 5);
	assert_string_equal(t.tokens[0].stem, "learn");
	assert_string_equal(t.tokens[3].fold, "failures");
	assert_string_equal(t.tokens[3].stem, "failur");
	text_release(&t);
}

static void text__long_accented_word__folds_whole(void **state)
{
	char src[401];
	struct text t;

	(void)state;
	for (size_t i = 0; i < 200; i++)
		memcpy(src + 2 * i, "\xc3\x89", 2);
	src[400] = '\0';
	analyze(&t, src);
	assert_int_equal(t.ntokens, 1);
	assert_int_equal(strlen(t.tokens[0].fold), 400);
	assert_memory_equal(t.tokens[0].fold, "\xc3\xa9\xc3\xa9", 4);
	text_release(&t);
}

static void check_answer(const char *answer, int words)
{
	struct text t;
	size_t end = 0;

	analyze(&t, answer);
	assert_in_range(t.nwords * 10, (size_t)words * 9, (size_t)words * 11);
	for (size_t i = 0; i < t.ntokens; i++) {
		assert_true(t.tokens[i].start >= end);
		assert_true(t.tokens[i].end > t.tokens[i].start);
		end = t.tokens[i].end;
	}
	assert_true(end <= t.len);
	assert_true(t.nsentences > 0);
	text_release(&t);
}

static void text__answer_set__counts_words_within_a_tenth(void **state)
{
	FILE *f = fopen(CASES_DIR "/answers.jsonl", "r");
	char *line = NULL;
	size_t cap = 0, seen = 0;

	(void)state;
	assert_non_null(f);
	while (getline(&line, &cap, f) > 0) {
		cJSON *o = cJSON_Parse(line);
		cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "answer");
		cJSON *w = cJSON_GetObjectItemCaseSensitive(o, "words");

		assert_true(cJSON_IsString(a) && cJSON_IsNumber(w));
		check_answer(a->valuestring, w->valueint);
		cJSON_Delete(o);
		seen++;
	}
	free(line);
	fclose(f);
	assert_int_equal(seen, 76);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text__tokens__keep_offsets_kinds_and_folds),
		cmocka_unit_test(text__stem__is_snowball_english_of_fold),
		cmocka_unit_test(text__sentences__split_per_rules),
		cmocka_unit_test(text__list_markers__are_punct_not_words),
		cmocka_unit_test(
			text__wordless_fragment__stays_outside_sentences),
		cmocka_unit_test(
			text__check_utf8__finds_first_bad_byte_and_line),
		cmocka_unit_test(text__empty_and_blank_input__has_nothing),
		cmocka_unit_test(
			text__line_col__counts_characters_and_crlf_once),
		cmocka_unit_test(text__phrase__is_one_folded_stemmed_sentence),
		cmocka_unit_test(text__long_accented_word__folds_whole),
		cmocka_unit_test(
			text__answer_set__counts_words_within_a_tenth),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
