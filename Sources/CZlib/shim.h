// The system zlib (zlib1g-dev), for the zlib-compressed blocks of OSM PBF files.
#include <zlib.h>
