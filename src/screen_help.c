/* screen_help.c - every action with the keys bound to it in each keymap,
 * generated from action_table and the current bindings; help texts are
 * translated. */
#include "wardesk/wardesk.h"

#include "wardesk/bindings.h"
#include "wardesk/draw.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

struct hline {
	char *keys, *name, *help;
	bool title;
};

/* A line on the screen: entry e, and the part of its help text that fits
 * (a long help text goes on under itself instead of being cut). */
struct dline {
	size_t e;
	char *text;      /* NULL: a title or empty entry, drawn whole */
	bool first;      /* the entry's first line: with its keys and name */
};

struct help {
	struct hline *v;
	size_t n, cap;
	struct dline *d;
	size_t nd;
	int built_width;
	long top;
	int page;
};

#define HELP_TEXT_X 40

static void layout_free(struct help *h)
{
	for (size_t i = 0; i < h->nd; i++)
		free(h->d[i].text);
	FREE(&h->d);
	h->nd = 0;
}

/* The screen lines for width: every help text wrapped at word boundaries
 * in the columns right of the name. */
static void layout(struct help *h, int width)
{
	size_t cap = 0;
	int cols = width - HELP_TEXT_X > 10 ? width - HELP_TEXT_X : 10;

	layout_free(h);
	for (size_t e = 0; e < h->n; e++) {
		char **w = h->v[e].title || !*h->v[e].help ? NULL : text_wrap(h->v[e].help, cols);
		size_t k = 0;

		do {
			if (h->nd == cap) {
				cap = cap ? cap * 2 : 128;
				h->d = xreallocarray(h->d, cap, sizeof *h->d);
			}
			h->d[h->nd].e = e;
			h->d[h->nd].first = k == 0;
			h->d[h->nd].text = w && w[k] ? xstrdup(w[k]) : NULL;
			h->nd++;
		} while (w && w[k] && w[++k]);
		if (w)
			text_lines_free(w);
	}
	h->built_width = width;
}

static const enum action_id help_footer[] = {
	ACT_DOWN, ACT_PAGE_DOWN, ACT_BACK, ACT_COUNT,
};

static void hadd(struct help *h, const char *keys, const char *name, const char *help, bool title)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	h->v[h->n].keys = xstrdup(keys);
	h->v[h->n].name = xstrdup(name);
	h->v[h->n].help = xstrdup(help);
	h->v[h->n].title = title;
	h->n++;
}

/* Every key code worth scanning: special keys, ASCII, F-keys, Meta. */
static size_t scan_keys(int *out, size_t max)
{
	static const int specials[] = {
		'\n', 27, '\t', ' ', KEY_BTAB, KEY_BACKSPACE, KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT,
		KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END, KEY_IC, KEY_DC,
	};
	size_t n = 0, i;
	int k;

	for (i = 0; i < ARRAY_SIZE(specials) && n < max; i++)
		out[n++] = specials[i];
	for (k = 1; k < 0x7f && n < max; k++)
		if (k != '\n' && k != 27 && k != '\t' && k != ' ' && k != '\r')
			out[n++] = k;
	for (k = KEY_F(1); k <= KEY_F(12) && n < max; k++)
		out[n++] = k;
	for (k = 0x21; k < 0x7f && n < max; k++)
		out[n++] = KEYB_ALT + k;
	return n;
}

/* The keys that run act: in its own keymap, then (marked) in others. */
static void keys_for(enum action_id act, struct strbuf *sb)
{
	static int keys[512];
	static size_t nkeys;
	enum keymap home = action_table[act].keymap;
	size_t i;
	int km;

	if (!nkeys)
		nkeys = scan_keys(keys, ARRAY_SIZE(keys));
	sb_reset(sb);
	for (i = 0; i < nkeys; i++)
		if (bindings_lookup(home, keys[i]) == (int)act) {
			if (sb->len)
				sb_puts(sb, ", ");
			sb_puts(sb, key_label(keys[i]));
		}
	for (km = 0; km < KM_COUNT; km++) {
		if (km == (int)home)
			continue;
		for (i = 0; i < nkeys; i++)
			if (bindings_lookup((enum keymap)km, keys[i]) == (int)act &&
			    bindings_lookup(home, keys[i]) != (int)act) {
				if (sb->len)
					sb_puts(sb, ", ");
				sb_printf(sb, "%s (%s)", key_label(keys[i]), keymap_label((enum keymap)km));
			}
	}
}

static void help_build(struct ui *ui, struct help *h)
{
	struct strbuf sb = { 0 };
	int km;
	size_t a;

	for (km = 0; km < KM_COUNT; km++) {
		bool any = false;

		for (a = 0; a < ACT_COUNT; a++) {
			if ((int)action_table[a].keymap != km)
				continue;
			keys_for((enum action_id)a, &sb);
			if (!any) {
				char t[128];

				snprintf(t, sizeof t, _("Keys: %s"), keymap_label((enum keymap)km));
				if (h->n)
					hadd(h, "", "", "", false);
				hadd(h, "", "", t, true);
				any = true;
			}
			if (ui_permitted(ui, (enum action_id)a)) {
				hadd(h, sb.len ? sb.s : "-", action_table[a].name, _(action_table[a].help),
				     false);
			} else {
				/* the role read at connect cannot: say so, keep the key */
				char *t = xasprintf(_("(not for your role) %s"), _(action_table[a].help));

				hadd(h, sb.len ? sb.s : "-", action_table[a].name, t, false);
				free(t);
			}
		}
	}
	hadd(h, "", "", "", false);
	hadd(h, "", "", _("Commands (type : first)"), true);
	hadd(h, ":take", "REF", _("take a case"), false);
	hadd(h, ":assign", "REF LOGIN", _("assign a case"), false);
	hadd(h, ":escalate", "REF [NOTE]", _("escalate a case"), false);
	hadd(h, ":close", "REF [REASON [NOTE]]", _("close: done, transferred, not_ours, duplicate:REF"), false);
	hadd(h, ":reopen", "REF [NOTE]", _("reopen a resolved case"), false);
	hadd(h, ":priority", "REF [urgent|normal]", _("make a case urgent or normal (asks first)"), false);
	hadd(h, ":view", "NAME", _("incoming, mine, open, due, escalated, resolved"), false);
	hadd(h, ":filter", "[TEXT]", _("filter the queue (no text: clear)"), false);
	hadd(h, ":open", "REF", _("show a case"), false);
	hadd(h, ":shift", "start|end", _("start or end your shift"), false);
	hadd(h, ":reassign", "FROM TO", _("every case FROM holds goes to TO (ward chair)"), false);
	hadd(h, ":stats", "[today|7d|30d]", _("statistics of a period"), false);
	hadd(h, ":set/:bind/:color", "…", _("config lines, see wardesk.conf(5)"), false);
	hadd(h, ":messages", "", _("past status messages in full, config errors"), false);
	hadd(h, ":ACTION", "", _("any action above by name"), false);
	sb_free(&sb);
}

static void help_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);

	(void)arg;
	s->data = h;
	help_build(ui, h);
}

static void help_close(struct ui *ui, struct screen *s)
{
	struct help *h = s->data;
	size_t i;

	(void)ui;
	for (i = 0; i < h->n; i++) {
		free(h->v[i].keys);
		free(h->v[i].name);
		free(h->v[i].help);
	}
	free(h->v);
	layout_free(h);
	FREE(&s->data);
}

static void help_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct help *h = s->data;
	int width = COLS;
	long i;

	(void)ui;
	if (h->built_width != width)
		layout(h, width);
	h->page = rows;
	if (h->top > (long)h->nd - rows)
		h->top = (long)h->nd - rows;
	if (h->top < 0)
		h->top = 0;
	for (i = 0; i < rows; i++) {
		size_t k = (size_t)(h->top + i);
		int y = top + (int)i;
		const struct hline *l;

		if (k >= h->nd) {
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		l = &h->v[h->d[k].e];
		if (l->title) {
			draw_text(NULL, y, 0, width, l->help, ui_attr(EL_TITLE) | (int)A_BOLD);
			continue;
		}
		draw_text(NULL, y, 0, 2, "", ui_attr(EL_DEFAULT));
		draw_text(NULL, y, 2, 18, h->d[k].first ? l->keys : "", ui_attr(EL_KEY));
		draw_text(NULL, y, 20, HELP_TEXT_X - 20, h->d[k].first ? l->name : "", ui_attr(EL_DEFAULT));
		draw_text(NULL, y, HELP_TEXT_X, width - HELP_TEXT_X, h->d[k].text ? h->d[k].text : "",
		          ui_attr(EL_DIM));
	}
}

static bool help_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct help *h = s->data;
	long page = h->page > 1 ? h->page - 1 : 1;

	(void)ui;
	switch (act) {
	case ACT_UP: h->top--; return true;
	case ACT_DOWN: h->top++; return true;
	case ACT_PAGE_UP: h->top -= page; return true;
	case ACT_PAGE_DOWN: h->top += page; return true;
	case ACT_FIRST: h->top = 0; return true;
	case ACT_LAST: h->top = (long)h->nd; return true;
	case ACT_HELP: ui_pop(ui); return true;
	default: return false;
	}
}

const struct screen_ops help_ops = {
	.name = "help",
	.keymap = KM_HELP,
	.footer = help_footer,
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.action = help_action,
};
