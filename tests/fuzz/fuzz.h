/*
 * The entry point every fuzz target defines.  libFuzzer calls it with
 * generated inputs; replay.c calls it with the files of a corpus.
 */
#ifndef COACH_FUZZ_H
#define COACH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input; must not keep data.  Always returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Writes data[0..size) to a fresh file under $TMPDIR (or /tmp) named
 * name and returns its folder (static storage), or NULL on failure.
 * The folder is the same for the whole run.
 */
const char *fuzz_write_file(const char *name, const uint8_t *data,
			    size_t size);

#endif
