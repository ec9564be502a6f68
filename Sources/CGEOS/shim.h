#ifndef MAILLAGE_CGEOS_SHIM_H
#define MAILLAGE_CGEOS_SHIM_H
/* Only the reentrant API (GEOS*_r) is used; this define hides the non-reentrant one. */
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
