#ifndef MAILLAGE_CPROJ_SHIM_H
#define MAILLAGE_CPROJ_SHIM_H
#include <proj.h>
#endif
