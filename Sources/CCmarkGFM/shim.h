// Debian's cmark-gfm (libcmark-gfm-dev, libcmark-gfm-extensions-dev): the parser and its GFM extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
