/* wardesk.h - prelude included first by every source file.
 *
 * Common includes, gettext macros and attribute shorthands.  Nothing here
 * allocates or owns anything. */
#ifndef WARDESK_WARDESK_H
#define WARDESK_WARDESK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

#ifndef WARDESK_VERSION
#define WARDESK_VERSION "0.1.0"
#endif
#ifndef WARDESK_LOCALEDIR
#define WARDESK_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef WARDESK_DATADIR
#define WARDESK_DATADIR "/usr/local/share/wardesk"
#endif

#define WD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define WD_NORETURN __attribute__((noreturn))
#define WD_UNUSED __attribute__((unused))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses shared by every command (see wardesk(1)). */
enum wd_exit {
	WD_EXIT_OK = 0,       /* done */
	WD_EXIT_REFUSED = 1,  /* refused by the rules: taken, stale, not allowed, not found */
	WD_EXIT_USAGE = 2,    /* bad usage or bad input */
	WD_EXIT_OFFLINE = 3,  /* database unreachable */
};

#include "wardesk/util.h"

#endif
