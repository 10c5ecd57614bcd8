/* A module built for another plugin ABI: the loader must refuse it. */
#include <creneau/creneau.h>

static gboolean
never_called (CrnPluginContext *ctx)
{
  return FALSE;
}

G_MODULE_EXPORT const CrnPluginDescriptor crn_plugin_descriptor = {
  CRN_PLUGIN_ABI_VERSION + 41, "wrong-abi", "1.0", "built for a future ABI", never_called,
};
