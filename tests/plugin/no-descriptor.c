/* A shared module that is not a creneau plugin: no descriptor. */
#include <glib.h>
#include <gmodule.h>

G_MODULE_EXPORT int something_else (void);

G_MODULE_EXPORT int
something_else (void)
{
  return 42;
}
