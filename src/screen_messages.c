/* screen_messages.c - `:messages`: the configuration's errors and the
 * status line's past messages, newest first, each whole (ui_log.h: the
 * status line cuts what does not fit in two lines with "…"). */
#include "wardesk/wardesk.h"

#include "wardesk/config.h"
#include "wardesk/draw.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/ui_log.h"

struct mline { char *s; int el; };

struct messages {
	struct mline *v;
	size_t n, cap;
	long top;
	int page;
};

static const enum action_id messages_footer[] = {
	ACT_DOWN, ACT_PAGE_DOWN, ACT_BACK, ACT_COUNT,
};

static void madd(struct messages *m, char *s, int el)
{
	if (m->n == m->cap)
		m->v = xreallocarray(m->v, m->cap = m->cap ? m->cap * 2 : 64, sizeof *m->v);
	m->v[m->n].s = s;
	m->v[m->n++].el = el;
}

static void lines_clear(struct messages *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].s);
	m->n = 0;
}

/* text under its time, wrapped between words, every line indented. */
static void add_wrapped(struct messages *m, const char *head, const char *text, int width, int el)
{
	char **w = text_wrap(text, width > 12 ? width - 8 : 4);

	for (size_t k = 0; w[k]; k++)
		madd(m, xasprintf("%-7s %s", k ? "" : head, w[k]), el);
	text_lines_free(w);
}

static void build(struct messages *m, int width)
{
	size_t i, n = config_error_count();
	bool error;
	time_t at;
	char hm[16];
	const char *msg;

	lines_clear(m);
	if (n) {
		madd(m, xstrdup(_("Configuration errors")), EL_TITLE);
		for (i = 0; i < n; i++)
			add_wrapped(m, "", config_error(i), width, EL_STATUS_ERROR);
		madd(m, xstrdup(""), EL_DEFAULT);
	}
	madd(m, xstrdup(_("Messages of the status line, newest first")), EL_TITLE);
	if (!ui_log_count())
		madd(m, xstrdup(_("  none yet")), EL_DIM);
	for (i = 0; (msg = ui_log_get(i, &error, &at)); i++) {
		time_hhmm(at, hm, sizeof hm);
		add_wrapped(m, hm, msg, width, error ? EL_STATUS_ERROR : EL_DEFAULT);
	}
}

static void messages_open(struct ui *ui, struct screen *s, const void *arg)
{
	(void)ui;
	(void)arg;
	s->data = xcalloc(1, sizeof(struct messages));
}

static void messages_close(struct ui *ui, struct screen *s)
{
	struct messages *m = s->data;

	(void)ui;
	lines_clear(m);
	free(m->v);
	FREE(&s->data);
}

static void messages_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct messages *m = s->data;
	int width = COLS;

	(void)ui;
	build(m, width);   /* every frame: 50 messages at most, and new ones show */
	m->page = rows;
	if (m->top > (long)m->n - rows)
		m->top = (long)m->n - rows;
	if (m->top < 0)
		m->top = 0;
	for (long i = 0; i < rows; i++) {
		size_t k = (size_t)(m->top + i);
		int el = k < m->n ? m->v[k].el : EL_DEFAULT;

		draw_text(NULL, top + (int)i, 0, width, k < m->n ? m->v[k].s : "",
		          ui_attr(el) | (el == EL_TITLE ? (int)A_BOLD : 0));
	}
}

static bool messages_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct messages *m = s->data;
	long page = m->page > 1 ? m->page - 1 : 1;

	(void)ui;
	switch (act) {
	case ACT_UP: m->top--; return true;
	case ACT_DOWN: m->top++; return true;
	case ACT_PAGE_UP: m->top -= page; return true;
	case ACT_PAGE_DOWN: m->top += page; return true;
	case ACT_FIRST: m->top = 0; return true;
	case ACT_LAST: m->top = (long)m->n; return true;
	default: return false;
	}
}

const struct screen_ops messages_ops = {
	.name = "messages",
	.keymap = KM_HELP,
	.footer = messages_footer,
	.open = messages_open,
	.close = messages_close,
	.draw = messages_draw,
	.action = messages_action,
	.key = ui_key_space_pages,
};
