// cmark-gfm, GitHub's CommonMark renderer, and its GFM extensions (tables, strikethrough, autolinks,
// task lists, tag filter), from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
