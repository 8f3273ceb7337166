/* screen_queue_tabs.c - the queue's first line: the views with their
 * counts, the stale mark when offline, the cursor's position (see
 * screen_queue_tabs.h). */
#include "wardesk/wardesk.h"

#include "wardesk/draw.h"
#include "wardesk/screen_queue_tabs.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

/* The tabs line's texts and how they are drawn (draw_tabs_line). */
struct tabs {
	char buf[VIEW_COUNT][160];
	int nshown, attr[VIEW_COUNT], width, reserve, stale;
	const char *mark, *pos;
};

static size_t tabs_record(const struct tabs *t, char *rec, size_t cap)
{
	/* the attributes of the stale mark, the blank and the position too: a
	 * `:set`/`:color` may change the theme while the console runs */
	int head[8] = { t->width, t->reserve, t->stale, t->nshown, draw_ascii(),
	                ui_attr(EL_STATUS_OFFLINE), ui_attr(EL_DEFAULT), ui_attr(EL_TITLE) };
	size_t len = 0;

	if (!draw_rec_put(rec, cap, &len, head, sizeof head) ||
	    !draw_rec_put(rec, cap, &len, t->attr, sizeof t->attr) ||
	    !draw_rec_put(rec, cap, &len, t->mark, strlen(t->mark) + 1) ||
	    !draw_rec_put(rec, cap, &len, t->pos, strlen(t->pos) + 1))
		return 0;
	for (int v = 0; v < t->nshown; v++)
		if (!draw_rec_put(rec, cap, &len, t->buf[v], strlen(t->buf[v]) + 1))
			return 0;
	return len;
}

/* The tabs and the position mark ("12/47", at the right). */
static void draw_tabs_line(const struct tabs *t, int y)
{
	char rec[VIEW_COUNT * 160 + 256];
	size_t len = tabs_record(t, rec, sizeof rec);
	int x = 0, width = t->width, room = width - t->reserve - draw_width(t->mark), w;

	if (len && draw_line_same(y, width, rec, len))
		return;
	for (int v = 0; v < t->nshown; v++)
		x += draw_text_np(NULL, y, x, room - x, t->buf[v], t->attr[v]);
	if (*t->mark && x < width - t->reserve)
		x += draw_text_np(NULL, y, x, width - t->reserve - x, t->mark, ui_attr(EL_STATUS_OFFLINE));
	w = draw_width(t->pos);
	if (!w || w >= width)
		w = 0;
	/* the blank up to the position mark, not under it: its cells stay
	 * as drawn, and the next frame's blank finds them there (draw.c) */
	if (x < width - w)
		draw_blank(NULL, y, x, width - w - x, ui_attr(EL_DEFAULT));
	if (w)
		draw_text(NULL, y, width - w, w, t->pos, ui_attr(EL_TITLE) | (int)A_BOLD);
	if (len)
		draw_line_keep(y, width, rec, len);
}

/* Each view's short title, for when the titles do not all fit: in the
 * context "tab" ("New" for "Incoming", "Đã XL" for "Đã xử lý"), in the
 * order of VIEWS (model.h).  English has short ones too: at 80 columns,
 * with two-digit counts and a position mark of five, its titles did not
 * fit and every tab but the current one fell to key and count. */
#define NC_(ctx, s) ctx "\004" s
static const char *const short_words[] = {
	NC_("tab", "New"), NC_("tab", "Mine"), NC_("tab", "Open"), NC_("tab", "Due"),
	NC_("tab", "Escal."), NC_("tab", "Done"),
};
#define TAB_CTX_LEN 4   /* "tab\004" */
_Static_assert(ARRAY_SIZE(short_words) == VIEW_COUNT, "a short title for every view");

static const char *short_title(enum view_id v)
{
	const char *t = gettext(short_words[v]);

	return t == short_words[v] ? t + TAB_CTX_LEN : t;
}

/* " KEY TITLE COUNT " (no title: " KEY COUNT "), as snprintf would make it,
 * without it: twelve a frame. */
static void tab_text(char *out, size_t sz, const char *key, const char *title, size_t count)
{
	char num[24];
	int i = (int)sizeof num;
	size_t n;

	num[--i] = '\0';
	do
		num[--i] = (char)('0' + count % 10);
	while ((count /= 10) && i > 0);
	n = ui_copy(out, sz, " ");
	n += ui_copy(out + n, sz - n, key);
	n += ui_copy(out + n, sz - n, " ");
	if (title) {
		n += ui_copy(out + n, sz - n, title);
		n += ui_copy(out + n, sz - n, " ");
	}
	n += ui_copy(out + n, sz - n, num + i);
	ui_copy(out + n, sz - n, " ");
}

/* The title of view v (cur: the current one) in pass p of queue_tabs_draw:
 * every title; the others short; every one short; the current one short
 * and the others none (key and count only). */
static const char *pass_title(const char *const *title, const char *const *brief, int p, int v,
                              int cur)
{
	static const signed char mine[4] = { 0, 0, 1, 1 }, others[4] = { 0, 1, 1, -1 };
	int which = v == cur ? mine[p] : others[p];

	return which < 0 ? NULL : which ? brief[v] : title[v];
}

/* The view tabs, in width minus reserve (the position mark's room, pos) and
 * the stale mark's room when offline: when they do not all fit with their
 * titles (Vietnamese titles are longer), they take their short titles (the
 * others first), then the other views show only key and count; a tab is
 * drawn whole or not. */
void queue_tabs_draw(struct ui *ui, int y, int width, const char *pos, int reserve, int stale)
{
	static const char *title[VIEW_COUNT], *brief[VIEW_COUNT];   /* gettext, once (tr) */
	struct tabs t = { .width = width, .reserve = reserve, .stale = stale, .pos = pos };
	int x = 0, v, cur = (int)model_view(ui->model), total = 0, room;

	/* the stale mark is drawn whole: the tabs give up their titles first */
	t.mark = ui->live.state != LIVE_UP ? ui_tr(N_("  STALE")) : "";
	room = width - reserve - draw_width(t.mark);
	for (int pass = 0; pass < 4; pass++) {
		total = 0;
		for (v = 0; v < VIEW_COUNT; v++) {
			enum action_id a = (enum action_id)(ACT_VIEW_INCOMING + v);
			const char *k = ui_key_for(KM_QUEUE, a);
			size_t count = model_view_count(ui->model, (enum view_id)v);

			if (!title[v]) {
				title[v] = view_title((enum view_id)v);
				brief[v] = short_title((enum view_id)v);
			}
			tab_text(t.buf[v], sizeof t.buf[v], k, pass_title(title, brief, pass, v, cur),
			         count);
			total += draw_width(t.buf[v]);
		}
		if (total <= room)
			break;
	}
	for (v = 0; v < VIEW_COUNT; v++) {
		int w = draw_width(t.buf[v]);

		if (x + w > room)
			break;
		x += w;
		t.attr[v] = (v == cur ? ui_attr(EL_TITLE) | (int)A_REVERSE : ui_attr(EL_DIM)) | stale;
		t.nshown = v + 1;
	}
	draw_tabs_line(&t, y);
}
