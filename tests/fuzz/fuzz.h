/* creneau — what every fuzz target provides and shares.
 *
 * Each target is one entry function in the libFuzzer convention. The fuzzing
 * build (-Dfuzzing=true, clang) links it with libFuzzer; the normal build
 * links it with fuzz-main.c, which runs it over the committed seed corpus so
 * that the targets keep compiling and the corpora keep passing.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Logging for fuzzing: a critical or an error is a bug and aborts (so the
 * fuzzer records the input); anything else is dropped, since bad input
 * legitimately makes the code under test complain. */
void crn_fuzz_setup_logging (void);

/* One named file cut out of a fuzz input. */
typedef struct {
  char *name;
  GBytes *bytes;
} CrnFuzzPart;

/* Splits @data into files. The first file is named @first_name; each line
 * "@@ NAME" starts another file called NAME (the line itself belongs to
 * neither). Free with g_ptr_array_unref. */
GPtrArray *crn_fuzz_split (const uint8_t *data, size_t size, const char *first_name);

G_END_DECLS
