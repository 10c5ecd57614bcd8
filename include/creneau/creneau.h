/* creneau — umbrella header for plugins. */
#pragma once

#include <creneau/time.h>
#include <creneau/diagnostics.h>
#include <creneau/keyfile.h>
#include <creneau/limits.h>
#include <creneau/csv.h>
#include <creneau/model.h>
#include <creneau/plugin.h>
