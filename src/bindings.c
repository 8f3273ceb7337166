/* bindings.c - key names and keymaps (bindings.h).
 *
 * A keymap is a small array of (key, action) pairs; lookups scan it, which
 * is cheap for the few dozen bindings a console has.  An entry whose action
 * is BIND_NONE ("bind queue t none") hides the key in that keymap and also
 * stops the fallback to the generic keymap.
 *
 * Keys are stored normalised: '\r', C-m, C-j and KEY_ENTER are all '\n'
 * (Enter); DEL (127) is KEY_BACKSPACE. */
#include "wardesk/wardesk.h"

#include <ctype.h>
#include <strings.h>
#include <ncurses.h>

#include "wardesk/actions.h"
#include "wardesk/bindings.h"

#define BIND_NONE (-2)

struct binding {
	int key;
	int action;         /* enum action_id, or BIND_NONE */
};

struct keymap_tab {
	struct binding *v;
	size_t n, cap;
};

static struct keymap_tab keymaps[KM_COUNT];

static const char *const keymap_names[KM_COUNT] = {
#define X(id, name) [id] = name,
	KEYMAPS(X)
#undef X
};

/* Named keys.  The first entry for a code is its canonical name (key_name);
 * later entries are aliases accepted by key_parse. */
static const struct {
	const char *name;
	int code;
} key_names[] = {
	{ "Enter",     '\n' },
	{ "Return",    '\n' },
	{ "Esc",       27 },
	{ "Escape",    27 },
	{ "Tab",       '\t' },
	{ "Shift-Tab", KEY_BTAB },
	{ "BTab",      KEY_BTAB },
	{ "BackTab",   KEY_BTAB },
	{ "S-Tab",     KEY_BTAB },
	{ "Space",     ' ' },
	{ "Backspace", KEY_BACKSPACE },
	{ "BS",        KEY_BACKSPACE },
	{ "Up",        KEY_UP },
	{ "Down",      KEY_DOWN },
	{ "Left",      KEY_LEFT },
	{ "Right",     KEY_RIGHT },
	{ "PgUp",      KEY_PPAGE },
	{ "PageUp",    KEY_PPAGE },
	{ "PgDn",      KEY_NPAGE },
	{ "PageDown",  KEY_NPAGE },
	{ "Home",      KEY_HOME },
	{ "End",       KEY_END },
	{ "Ins",       KEY_IC },
	{ "Insert",    KEY_IC },
	{ "Del",       KEY_DC },
	{ "Delete",    KEY_DC },
};

int
keymap_parse(const char *name)
{
	for (int i = 0; i < KM_COUNT; i++)
		if (strcasecmp(name, keymap_names[i]) == 0)
			return i;
	return -1;
}

const char *
keymap_name(enum keymap km)
{
	return (unsigned)km < KM_COUNT ? keymap_names[km] : "?";
}

static int
key_normalize(int key)
{
	switch (key) {
	case '\r':
	case KEY_ENTER:
		return '\n';
	case 127:
		return KEY_BACKSPACE;
	default:
		return key;
	}
}

/* Decode exactly one UTF-8 character making up all of s; -1 otherwise. */
static int
utf8_single(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int cp, len;

	if (p[0] < 0x80) {
		cp = p[0];
		len = 1;
	} else if ((p[0] & 0xe0) == 0xc0) {
		cp = p[0] & 0x1f;
		len = 2;
	} else if ((p[0] & 0xf0) == 0xe0) {
		cp = p[0] & 0x0f;
		len = 3;
	} else if ((p[0] & 0xf8) == 0xf0) {
		cp = p[0] & 0x07;
		len = 4;
	} else {
		return -1;
	}
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (p[len] != '\0')
		return -1;
	/* Overlong forms, surrogates and out-of-range code points. */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	return cp;
}

static size_t
utf8_encode(int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int
key_parse_plain(const char *name)
{
	int cp;

	if (name[0] == '\0')
		return -1;

	/* Control: C-a .. C-z (either case), plus C-@ C-[ C-\ C-] C-^ C-_. */
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] != '\0' &&
	    name[3] == '\0') {
		int c = (unsigned char)name[2];
		if (isalpha(c))
			return tolower(c) - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}

	for (size_t i = 0; i < ARRAY_SIZE(key_names); i++)
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].code;

	/* '#' starts a comment in the config, so it has a name too. */
	if (strcasecmp(name, "Hash") == 0)
		return '#';

	/* F1 .. F12 (F0 and up to F63 as curses allows). */
	if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 63)
			return KEY_F(n);
		return -1;
	}

	/* Curses names: KEY_SLEFT, KEY_F(13) ... */
	if (strncasecmp(name, "KEY_", 4) == 0) {
		for (int k = KEY_MIN; k <= KEY_MAX; k++) {
			const char *kn = keyname(k);
			if (kn != NULL && strcasecmp(kn, name) == 0)
				return k;
		}
		return -1;
	}

	cp = utf8_single(name);
	if (cp < 0x20 || cp == 0x7f)   /* raw controls: write C-x */
		return -1;
	/* Code points that collide with curses key codes (U+0101..U+01FF,
	 * e.g. đ ơ ư) cannot be told apart from KEY_* values. */
	if (cp >= KEY_MIN && cp <= KEY_MAX)
		return -1;
	return cp;
}

int
key_parse(const char *name)
{
	int key;

	if (name == NULL)
		return -1;
	/* Meta: M-x, also M-Enter, M-C-a. */
	if ((name[0] == 'M' || name[0] == 'm') && name[1] == '-' && name[2] != '\0') {
		key = key_parse_plain(name + 2);
		if (key < 0 || key >= KEYB_ALT)
			return -1;
		return key_normalize(key) + KEYB_ALT;
	}
	key = key_parse_plain(name);
	return key < 0 ? -1 : key_normalize(key);
}

int
key_list_parse(const char *names, int *out, int max)
{
	char one[32];
	int n = 0;

	if (names == NULL)
		return 0;
	while (*names) {
		size_t len = strcspn(names, " ");

		if (len == 0) {
			names++;
			continue;
		}
		if (len >= sizeof one || n >= max)
			return -1;
		memcpy(one, names, len);
		one[len] = '\0';
		if ((out[n] = key_parse(one)) < 0)
			return -1;
		n++;
		names += len;
	}
	return n;
}

/* Key names as people read them: the words among them translated (the
 * catalog keeps what is printed on the keycaps), C-x as the catalog writes
 * control keys.  In the context "key": "Left" the key is not "Left" the
 * time left. */
#define NC_(ctx, s) ctx "\004" s
static const char *const key_words[] = {
	NC_("key", "Enter"), NC_("key", "Esc"), NC_("key", "Tab"), NC_("key", "Shift-Tab"),
	NC_("key", "Space"), NC_("key", "Backspace"), NC_("key", "Up"), NC_("key", "Down"),
	NC_("key", "Left"), NC_("key", "Right"), NC_("key", "PgUp"), NC_("key", "PgDn"),
	NC_("key", "Home"), NC_("key", "End"), NC_("key", "Ins"), NC_("key", "Del"),
};
#define KEY_CTX_LEN 4   /* "key\004" */

/* The keymaps as the help screen names them, in the context "keymap"
 * (the English words are the names `bind` takes). */
static const char *const keymap_words[] = {
	NC_("keymap", "generic"), NC_("keymap", "queue"), NC_("keymap", "detail"),
	NC_("keymap", "help"), NC_("keymap", "picker"), NC_("keymap", "form"),
	NC_("keymap", "board"), NC_("keymap", "handover"), NC_("keymap", "stats"),
};
#define KEYMAP_CTX_LEN 7   /* "keymap\004" */

const char *
keymap_label(enum keymap km)
{
	const char *name = keymap_name(km), *t;

	for (size_t i = 0; i < ARRAY_SIZE(keymap_words); i++)
		if (!strcmp(name, keymap_words[i] + KEYMAP_CTX_LEN)) {
			t = gettext(keymap_words[i]);
			return t == keymap_words[i] ? t + KEYMAP_CTX_LEN : t;
		}
	return name;
}

const char *
key_label(int key)
{
	static char buf[96];
	const char *n = key_name(key), *rest = n, *pre = "";

	if (!strncmp(n, "M-", 2)) {
		pre = "M-";
		rest = n + 2;
	}
	for (size_t i = 0; i < ARRAY_SIZE(key_words); i++)
		if (!strcmp(rest, key_words[i] + KEY_CTX_LEN)) {
			const char *t = gettext(key_words[i]);

			snprintf(buf, sizeof buf, "%s%s", pre, t == key_words[i] ? t + KEY_CTX_LEN : t);
			return buf;
		}
	if (!strncmp(rest, "C-", 2) && rest[2] && !rest[3]) {
		char c[2] = { rest[2], '\0' };
		int off = snprintf(buf, sizeof buf, "%s", pre);

		/* TRANSLATORS: a control key in footers and help, %s is the letter */
		snprintf(buf + off, sizeof buf - (size_t)off, _("C-%s"), c);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s", n);
	return buf;
}

const char *
key_name(int key)
{
	static char buf[64];
	const char *prefix = "";
	size_t off;

	if (key < 0)
		return "none";
	if (key >= KEYB_ALT) {
		prefix = "M-";
		key -= KEYB_ALT;
	}
	key = key_normalize(key);
	off = (size_t)snprintf(buf, sizeof buf, "%s", prefix);

	for (size_t i = 0; i < ARRAY_SIZE(key_names); i++) {
		if (key_names[i].code == key) {
			snprintf(buf + off, sizeof buf - off, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf + off, sizeof buf - off, "C-%c", 'a' + key - 1);
	} else if (key == 0 || (key >= 27 && key < 32)) {
		snprintf(buf + off, sizeof buf - off, "C-%c", '@' + key);
	} else if (key >= KEY_F(1) && key <= KEY_F(63)) {
		snprintf(buf + off, sizeof buf - off, "F%d", key - KEY_F0);
	} else if (key >= KEY_MIN && key <= KEY_MAX && keyname(key) != NULL) {
		snprintf(buf + off, sizeof buf - off, "%s", keyname(key));
	} else if (key >= 32 && key <= 0x10ffff && key != 127 && !(key >= 0xd800 && key <= 0xdfff)) {
		char u[5];
		size_t n = utf8_encode(key, u);
		u[n] = '\0';
		snprintf(buf + off, sizeof buf - off, "%s", u);
	} else {
		snprintf(buf + off, sizeof buf - off, "<%d>", key);
	}
	return buf;
}

static struct binding *
km_find(struct keymap_tab *t, int key)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].key == key)
			return &t->v[i];
	return NULL;
}

static void
km_put(struct keymap_tab *t, int key, int action)
{
	struct binding *b = km_find(t, key);

	if (b != NULL) {
		b->action = action;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n].key = key;
	t->v[t->n].action = action;
	t->n++;
}

void
bindings_defaults(void)
{
	for (int km = 0; km < KM_COUNT; km++) {
		free(keymaps[km].v);
		keymaps[km].v = NULL;
		keymaps[km].n = keymaps[km].cap = 0;
	}
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct action *act = &action_table[a];
		int keys[4], n;

		n = key_list_parse(act->default_key, keys, (int)ARRAY_SIZE(keys));
		if (n < 0 || (unsigned)act->keymap >= KM_COUNT)
			continue;   /* a bad table entry; caught by the unit tests */
		for (int i = 0; i < n; i++)
			km_put(&keymaps[act->keymap], keys[i], (int)act->id);
	}
}

bool
bindings_set(const char *keymap, const char *key, const char *action, char *err, size_t errsz)
{
	int km = keymap_parse(keymap);
	int k, a;

	if (km < 0) {
		snprintf(err, errsz, _("unknown keymap \"%s\""), keymap);
		return false;
	}
	k = key_parse(key);
	if (k < 0) {
		snprintf(err, errsz, _("unknown key \"%s\""), key);
		return false;
	}
	if (strcasecmp(action, "none") == 0) {
		a = BIND_NONE;
	} else {
		a = action_parse(action);
		if (a < 0) {
			snprintf(err, errsz, _("unknown action \"%s\""), action);
			return false;
		}
	}
	km_put(&keymaps[km], k, a);
	return true;
}

static int
lookup_one(enum keymap km, int key, bool *found)
{
	struct binding *b = km_find(&keymaps[km], key);

	*found = b != NULL;
	if (b == NULL || b->action == BIND_NONE)
		return -1;
	return b->action;
}

static int
lookup_norm(enum keymap km, int key)
{
	bool found;
	int a;

	if ((unsigned)km >= KM_COUNT)
		return -1;
	a = lookup_one(km, key, &found);
	if (found || km == KM_GENERIC)
		return a;
	return lookup_one(KM_GENERIC, key, &found);
}

int
bindings_lookup(enum keymap km, int key)
{
	int a;

	/* C-h: its own binding first, else the same as Backspace. */
	if (key == 8) {
		a = lookup_norm(km, 8);
		return a >= 0 ? a : lookup_norm(km, KEY_BACKSPACE);
	}
	if (key >= KEYB_ALT)
		return lookup_norm(km, key_normalize(key - KEYB_ALT) + KEYB_ALT);
	return lookup_norm(km, key_normalize(key));
}

int
bindings_key_for(enum keymap km, int action)
{
	if ((unsigned)km >= KM_COUNT)
		return -1;
	for (size_t i = 0; i < keymaps[km].n; i++)
		if (keymaps[km].v[i].action == action)
			return keymaps[km].v[i].key;
	if (km != KM_GENERIC) {
		for (size_t i = 0; i < keymaps[KM_GENERIC].n; i++) {
			const struct binding *b = &keymaps[KM_GENERIC].v[i];
			if (b->action == action && lookup_norm(km, b->key) == action)
				return b->key;
		}
	}
	return -1;
}
