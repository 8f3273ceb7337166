/* bindings.h - keymaps: which key runs which action.
 *
 * Defaults come from the action table (actions.h, each action's default
 * key); `bind KEYMAP KEY ACTION` in the config overrides.  Key names:
 * a single character ("t", "T", "?", "/"), "C-x" (control), "M-x" (alt),
 * Enter, Esc, Tab, Shift-Tab, Space, Backspace, Up, Down, Left, Right, PgUp,
 * PgDn, Home, End, Ins, Del, F1..F12.  ACTION "none" unbinds. */
#ifndef WARDESK_BINDINGS_H
#define WARDESK_BINDINGS_H

#include "wardesk/keymap.h"

/* Key codes are curses codes (KEY_UP ...), characters (Unicode code point),
 * with KEYB_ALT added for Meta. */
#define KEYB_ALT 0x1000000

int keymap_parse(const char *name);                 /* -1 when unknown */
const char *keymap_name(enum keymap km);
/* The keymap's name for people, translated ("generic" -> "chung"). */
const char *keymap_label(enum keymap km);
int key_parse(const char *name);                    /* -1 when unknown */
/* A default-key list of the action table ("Down j"): up to max keys into
 * out; the number of keys, or -1 when a name does not parse. */
int key_list_parse(const char *names, int *out, int max);
/* Human name of a key ("C-l", "Enter", "t"); static buffer, not reentrant. */
const char *key_name(int key);
/* The same key for people to read, in the user's language ("Dấu cách",
 * "Ctrl-l"); its own static buffer, not reentrant. */
const char *key_label(int key);

void bindings_defaults(void);                       /* from the action table */
bool bindings_set(const char *keymap, const char *key, const char *action,
                  char *err, size_t errsz);
/* Action id bound to key in keymap (falling back to generic), or -1. */
int bindings_lookup(enum keymap km, int key);
/* First key bound to action in km (or generic), or -1: for footer/help. */
int bindings_key_for(enum keymap km, int action);

#endif
