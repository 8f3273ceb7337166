/* keymap.h - the keymaps (which screen's keys), named in the action table
 * (actions.h) and filled by the bindings (bindings.h).  Layer: UI services;
 * a header only. */
#ifndef WARDESK_KEYMAP_H
#define WARDESK_KEYMAP_H

/* Keymaps: "generic" applies everywhere unless a screen's own keymap
 * binds the key. */
#define KEYMAPS(X) \
	X(KM_GENERIC, "generic") \
	X(KM_QUEUE,   "queue")   \
	X(KM_DETAIL,  "detail")  \
	X(KM_HELP,    "help")    \
	X(KM_PICKER,  "picker")  \
	X(KM_FORM,    "form")    \
	X(KM_BOARD,   "board")   \
	X(KM_HANDOVER,"handover") \
	X(KM_STATS,   "stats")   \
	X(KM_CALLBACKS,"callbacks") \
	X(KM_MAP,     "map")

enum keymap {
#define X(id, name) id,
	KEYMAPS(X)
#undef X
	KM_COUNT
};

#endif
