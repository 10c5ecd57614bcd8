/* creneau-bench frab — re-solve a real conference programme (frab XML):
 * rooms, durations, speakers and tracks kept, times and rooms cleared.
 * The frab importer lives in lib/interchange; until it is there this
 * sub-command says so. */
#include "config.h"

#include "bench.h"

#include <stdio.h>

int
crn_bench_frab (int argc, char **argv)
{
  fprintf (stderr, "creneau-bench frab: this build has no frab importer yet.\n");
  return 2;
}
