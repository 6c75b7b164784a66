/*
 * What is sent to a model: the prompt templates (the .txt files of
 * prompts/, built into the program, overridable in the config folder)
 * with their {{placeholders}} filled in, and the optional redaction
 * of personal details from the answer.  No network code.
 */
#ifndef COACH_PROMPT_H
#define COACH_PROMPT_H

#include <stddef.h>
#include "coach/err.h"

/*
 * Loads template name ("feedback-system"): config_dir/prompts/NAME.txt
 * when that file exists (config_dir may be NULL), else the built-in
 * prompts/NAME.txt.  *out is malloc'd.  Returns 0 or ERR_INPUT.
 */
int prompt_load(const char *config_dir, const char *name, char **out,
		struct err *e);

/*
 * Replaces each {{keys[i]}} in tmpl with values[i] in one pass, so text
 * inside a value is never expanded.  Unknown placeholders stay as they
 * are.  Returns a malloc'd string, or NULL when out of memory.
 */
char *prompt_expand(const char *tmpl, const char *const *keys,
		    const char *const *values, size_t n);

/*
 * A copy of text with e-mail addresses replaced by "[email]", phone
 * numbers by "[phone]" and each of names[0..nnames) (whole words, any
 * ASCII case) by "[name]".  *count (may be NULL) gets the number of
 * replacements.  Returns a malloc'd string, or NULL when out of memory.
 */
char *prompt_redact(const char *text, const char *const *names,
		    size_t nnames, size_t *count);

#endif
