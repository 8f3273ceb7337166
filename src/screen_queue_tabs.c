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

/* The view tabs, in width minus reserve (the position mark's room, pos) and
 * the stale mark's room when offline: when they do not all fit with their
 * titles (Vietnamese titles are longer), the other views show only key
 * and count; a tab is drawn whole or not. */
void queue_tabs_draw(struct ui *ui, int y, int width, const char *pos, int reserve, int stale)
{
	static const char *title[VIEW_COUNT];   /* view_title's gettext, once (tr) */
	struct tabs t = { .width = width, .reserve = reserve, .stale = stale, .pos = pos };
	int x = 0, v, cur = (int)model_view(ui->model), total = 0, room;

	/* the stale mark is drawn whole: the tabs give up their titles first */
	t.mark = ui->live.state != LIVE_UP ? ui_tr(N_("  STALE")) : "";
	room = width - reserve - draw_width(t.mark);
	for (int pass = 0; pass < 2; pass++) {
		total = 0;
		for (v = 0; v < VIEW_COUNT; v++) {
			enum action_id a = (enum action_id)(ACT_VIEW_INCOMING + v);
			const char *k = ui_key_for(KM_QUEUE, a);
			size_t count = model_view_count(ui->model, (enum view_id)v);

			if (!title[v])
				title[v] = view_title((enum view_id)v);
			tab_text(t.buf[v], sizeof t.buf[v], k, pass == 0 || v == cur ? title[v] : NULL,
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
