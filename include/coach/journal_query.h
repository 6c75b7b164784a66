/*
 * Looking at the journal's entries: the attempts among them, the model
 * feedback on each, filters, case-insensitive search with snippets, and
 * the numbers a story quotes.  Pure: no I/O, no printing.
 */
#ifndef COACH_JOURNAL_QUERY_H
#define COACH_JOURNAL_QUERY_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "coach/journal.h"

/* The live entries of a journal sorted out for reading. */
struct journal_view {
	struct journal_list list;	/* owned; every live entry */
	const cJSON **attempts;		/* owned array; entries in list */
	size_t nattempts;		/* oldest first */
	const cJSON **feedback;		/* feedback entries, by attempt id */
	size_t nfeedback;
};

/*
 * Takes over the entries of l (l is left empty) and sorts them into
 * attempts and feedback.  An entry is an attempt when it has no "type"
 * or "type" is "attempt"; {"type":"feedback","attempt":ID,...} entries
 * are feedback.  Returns 0, or -1 when out of memory (v is then empty).
 * Release v with journal_view_release either way.
 */
int journal_view_init(struct journal_view *v, struct journal_list *l);
void journal_view_release(struct journal_view *v);

/*
 * The string member at a dotted path of entry ("question.id",
 * "answer"), or NULL when it is absent or not a string.
 */
const char *journal_str(const cJSON *entry, const char *path);

/* The number at a dotted path ("score.overall"), or -1 when absent. */
double journal_num(const cJSON *entry, const char *path);

/* "YYYY-MM-DD" of the entry (from "time", else its id), or "" */
void journal_date(const cJSON *entry, char buf[11]);

/* Whether s is a real calendar date written YYYY-MM-DD. */
int journal_date_valid(const char *s);

/* Whether the entry's "tags" holds tag (case-insensitive). */
int journal_has_tag(const cJSON *entry, const char *tag);

/* One piece of model feedback on an attempt. */
struct journal_feedback {
	const char *model;	/* may be NULL */
	const char *text;
	const char *time;	/* may be NULL */
};

/*
 * The feedback on attempt: its own "feedback" member (a string, an
 * object with "text" and "model", or an array of those) and then the
 * feedback entries naming its id, oldest first.  Fills at most max and
 * returns how many there are in all.  Pointers are into v.
 */
size_t journal_feedback_of(const struct journal_view *v,
			   const cJSON *attempt,
			   struct journal_feedback *out, size_t max);

/* Which attempts journal_filter_match lets through; NULL and
 * has_min/has_max 0 mean "any". */
struct journal_filter {
	const char *question;	/* question id */
	const char *category;	/* case-insensitive */
	const char *tag;	/* case-insensitive */
	const char *story;	/* case-insensitive */
	const char *since;	/* YYYY-MM-DD, inclusive */
	const char *until;	/* YYYY-MM-DD, inclusive */
	double min_score, max_score;	/* overall, inclusive */
	int has_min, has_max;
};

int journal_filter_match(const struct journal_filter *f,
			 const cJSON *entry);

/* Where a search matched. */
struct journal_hit {
	const char *field;	/* "answer", "question", "story", "tag",
				   "feedback" */
	const char *text;	/* the text searched; points into v */
	size_t start, end;	/* bytes of the match in text */
};

/*
 * Looks for needle (UTF-8, case-insensitive) in the attempt's answer,
 * question text and id, story, tags and feedback, in that order.
 * Returns 1 and fills hit at the first match, else 0.  An empty needle
 * matches nothing.
 */
int journal_search(const struct journal_view *v, const cJSON *attempt,
		   const char *needle, struct journal_hit *hit);

/*
 * The text around bytes [start, end) of text in at most width columns,
 * on one line (runs of white space become one space), with "..." where
 * it was cut.  out must hold 4 * width + 8 bytes.
 */
void journal_snippet(const char *text, size_t start, size_t end,
		     int width, char *out);

/* A number as a story tells it: "40%", "3 weeks", "$1.2m users". */
struct journal_number {
	char text[48];		/* as written, with its unit */
	char unit[32];		/* "%", "week", "" for a bare number */
	double value;
};

struct journal_numbers {
	struct journal_number *items;
	size_t n, cap;
};

/*
 * Finds the numbers in text with the word after each (its unit, folded
 * to lower case and singular), skipping years and list markers.  Returns
 * 0 or -1 when out of memory.  Release with journal_numbers_release.
 */
int journal_numbers_find(const char *text, struct journal_numbers *out);
void journal_numbers_release(struct journal_numbers *ns);

/* A number that differs between two tellings of a story. */
struct journal_number_change {
	const struct journal_number *from, *to;	/* in a and b */
};

/*
 * Pairs the numbers of a and b that share a unit but not a value, in
 * the order they appear, and returns how many there are (at most max
 * are stored).  A unit whose values are the same in both is no change.
 */
size_t journal_numbers_changed(const struct journal_numbers *a,
			       const struct journal_numbers *b,
			       struct journal_number_change *out,
			       size_t max);

/*
 * Copies the next word at *p (letters, digits and any non-ASCII
 * character, with inner apostrophes and hyphens, and the , and . inside
 * numbers such as "8,100" and "2.5") into buf, ASCII letters
 * lowered and cut to size - 1 bytes, and moves *p past it.  Returns the
 * word's length in buf, or 0 when no word is left.
 */
size_t journal_word_next(const char **p, char *buf, size_t size);

/* Whether word (lower case) is too common in any English to say
 * anything about a speaker: "the", "we", "was". */
int journal_stopword(const char *word);

/* A word and how many more times one text has it than the other. */
struct journal_word_delta {
	char *word;
	size_t count;
};

/* What changed from text a to text b. */
struct journal_diff {
	size_t words_a, words_b;
	struct journal_word_delta *added;	/* in b more often; most */
	struct journal_word_delta *removed;	/* first, then a-z; no
						   stop words */
	size_t nadded, nremoved;
	size_t added_total, removed_total;	/* all words added or
						   removed, stop words too */
	char **only_a, **only_b;	/* sentences (white space collapsed)
					   whose words the other text lacks */
	size_t nonly_a, nonly_b;
};

/*
 * Compares a and b word by word (as multisets of lower-cased words) and
 * sentence by sentence (sentences compared by their words only).
 * Returns 0, or -1 when out of memory.  Release d with
 * journal_diff_release either way.
 */
int journal_diff_texts(const char *a, const char *b, struct journal_diff *d);
void journal_diff_release(struct journal_diff *d);

#endif
