#ifndef MAILLAGE_CGDAL_SHIM_H
#define MAILLAGE_CGDAL_SHIM_H
/* The C API of GDAL/OGR only: datasets, layers, features, geometries, spatial references, configuration. */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#endif
