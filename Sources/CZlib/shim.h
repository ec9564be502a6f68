#ifndef MAILLAGE_CZLIB_SHIM_H
#define MAILLAGE_CZLIB_SHIM_H
#include <zlib.h>
#endif
