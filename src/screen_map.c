/* screen_map.c - the map (M; issue 16 §2): the ward's open cases by place
 * as mapdraw.c draws them for `wardesk map` (store_map: the same document),
 * in the deadline colours (and the marks "×" overdue, "!" urgent, which
 * need none), the ward's streets with their names, and beside it the
 * clusters (the same category within 100 m, received in the last 24 h),
 * numbered as on the map, largest first.
 *
 * Up / Down choose a cluster; Enter shows the queue with only its cases
 * (model_set_only; Esc in the queue clears it); m merges it into its
 * earliest case after a y/n question (the ward chair; store_cluster_merge
 * with the number of cases shown, so a cluster that changed meanwhile is
 * refused and read again).
 *
 * Live: any case notification and the minute tick mark the map stale; it
 * is read again (one query) before the next draw. */
#include "wardesk/wardesk.h"

#include "wardesk/draw.h"
#include "wardesk/mapdraw.h"
#include "wardesk/model.h"
#include "wardesk/store_map.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

#define SIDE_W 30   /* the cluster list beside the map */

struct mapscr {
	bool loaded, stale;
	struct wd_map m;
	long sel;
};

/* The cluster being merged (one question at a time on the status line). */
static struct {
	char key[48], ref[48];
	int count;
} mg;

static const enum action_id map_footer[] = {
	ACT_UP, ACT_DOWN, ACT_OPEN, ACT_CLUSTER_MERGE, ACT_BACK, ACT_HELP, ACT_COUNT,
};

static void map_load(struct ui *ui, struct mapscr *d)
{
	struct st_err err = { 0 };
	struct wd_map m;
	enum st_status r;

	d->stale = false;
	if (!live_up(&ui->live))
		return;
	r = store_map(ui->live.st, &m, &err);
	if (r != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (d->loaded)
		wd_map_free(&d->m);
	d->m = m;
	d->loaded = true;
	if (d->sel >= (long)d->m.ncl)
		d->sel = (long)d->m.ncl - 1;
	if (d->sel < 0)
		d->sel = 0;
}

static const struct wd_cluster *sel_cluster(const struct mapscr *d)
{
	return d->loaded && d->sel >= 0 && d->sel < (long)d->m.ncl ? &d->m.cl[d->sel] : NULL;
}

/* ---- drawing ---- */

static int ink_attr(enum map_ink ink)
{
	static const int el[] = {
		[INK_NONE] = EL_DEFAULT, [INK_STREET] = EL_DIM, [INK_LABEL] = EL_DIM,
		[INK_CLUSTER] = EL_TITLE, [INK_OK] = EL_DEADLINE_NORMAL, [INK_DUE_SOON] = EL_DEADLINE_DUE_SOON,
		[INK_OVERDUE] = EL_DEADLINE_OVERDUE, [INK_URGENT] = EL_URGENT,
	};

	return ui_attr(el[ink]);
}

/* One row of the map, in runs of the same ink. */
static void draw_map_row(const struct map_canvas *c, int row, int y)
{
	struct strbuf sb = { 0 };
	int x = 0;

	while (x < c->w) {
		enum map_ink ink = c->cell[row * c->w + x].ink;
		int start = x;

		sb.len = 0;
		for (; x < c->w && c->cell[row * c->w + x].ink == ink; x++)
			sb_puts(&sb, c->cell[row * c->w + x].s);
		draw_text(NULL, y, start, x - start, sb.s ? sb.s : "", ink_attr(ink));
	}
	free(sb.s);
}

/* The cluster list from line y, width cols at column x. */
static void draw_side(const struct mapscr *d, int x, int y, int bottom, int cols)
{
	char l[MAP_CLUSTER_LINES][256], buf[300];

	draw_text(NULL, y++, x, cols, d->m.ncl ? _("Clusters (100 m, 24 h):") : _("No clusters (100 m, 24 h)."),
	          ui_attr(EL_TITLE));
	/* as many clusters as fit, the selected one among them */
	long fit = (bottom - y) / MAP_CLUSTER_LINES, first = fit > 0 && d->sel >= fit ? d->sel - fit + 1 : 0;

	for (size_t i = (size_t)first; i < d->m.ncl && y < bottom; i++) {
		bool cur = (long)i == d->sel;

		map_cluster_lines(&d->m.cl[i], (int)i + 1, l);
		for (int k = 0; k < MAP_CLUSTER_LINES && y < bottom; k++) {
			snprintf(buf, sizeof buf, "%s%s", k == 0 && cur ? ">" : " ", l[k]);
			draw_text(NULL, y++, x, cols, buf, cur ? ui_attr(EL_CURSOR) : ui_attr(k ? EL_DIM : EL_DEFAULT));
		}
	}
	while (y < bottom)
		draw_blank(NULL, y++, x, cols, ui_attr(EL_DEFAULT));
}

static void map_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct mapscr *d = s->data;
	int side = COLS >= 60 ? SIDE_W : 0, mw = COLS - side - (side ? 1 : 0), y = top;
	bool utf8 = !draw_ascii();
	struct map_canvas c;
	char buf[512], outside[4096];
	bool far;

	if (d->stale)
		map_load(ui, d);
	if (!d->loaded || rows < 4) {
		draw_text(NULL, y++, 0, COLS, _(" The map is not available (offline)."), ui_attr(EL_DIM));
		while (y < top + rows)
			draw_blank(NULL, y++, 0, COLS, ui_attr(EL_DEFAULT));
		return;
	}
	far = map_outside_line(&d->m, outside, sizeof outside);
	map_render(&d->m, mw, rows - 2 - (far ? 1 : 0), utf8, &c);
	snprintf(buf, sizeof buf, _("Map of %s: %zu open cases by place; one cell is about %.0f m across\n"),
	         d->m.ward ? d->m.ward : "?", d->m.npt, c.metres_per_cell);
	buf[strcspn(buf, "\n")] = 0;
	draw_text(NULL, y++, 0, COLS, buf, ui_attr(EL_TITLE));
	for (int r = 0; r < c.h; r++) {
		draw_map_row(&c, r, y + r);
		if (side)
			draw_blank(NULL, y + r, mw, 1, ui_attr(EL_DEFAULT));
	}
	if (side)
		draw_side(d, mw + 1, y, y + c.h, side);
	y += c.h;
	map_legend(&d->m, &c, utf8, buf, sizeof buf);
	draw_text(NULL, y++, 0, COLS, buf, ui_attr(EL_DEFAULT));
	if (far)
		draw_text(NULL, y++, 0, COLS, outside, ui_attr(EL_DEFAULT));
	while (y < top + rows)
		draw_blank(NULL, y++, 0, COLS, ui_attr(EL_DEFAULT));
	map_canvas_free(&c);
}

/* ---- a cluster's cases in the queue ---- */

static void show_in_queue(struct ui *ui, const struct mapscr *d)
{
	const struct wd_cluster *c = sel_cluster(d);
	int64_t *ids;
	size_t n = 0;
	char label[256];

	if (!c) {
		ui_error(ui, "%s", _("no cluster selected"));
		return;
	}
	ids = xcalloc((size_t)c->count + 1, sizeof *ids);
	for (int k = 0; k < c->count; k++) {
		const struct mcase *mc = model_find_ref(ui->model, c->refs[k]);

		if (mc)
			ids[n++] = mc->id;
	}
	snprintf(label, sizeof label, _("cluster %ld: %s, %d cases from %s"), d->sel + 1,
	         map_cluster_name(c), c->count, c->key);
	model_set_view(ui->model, VIEW_OPEN);
	model_set_only(ui->model, ids, n, label);
	free(ids);
	ui_pop_to_bottom(ui);
	ui_changed(ui, 0);   /* the queue takes the new filter: its cursor on the cluster's first case */
}

/* ---- merging a cluster ---- */

static void merge_answer(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	char kept[64];
	int merged = 0;
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true))
		return;
	s = store_cluster_merge(ui->live.st, mg.ref, mg.count, NULL, kept, sizeof kept, &merged, &err);
	if (s == ST_OK) {
		ui_status(ui, ngettext("%d case merged into %s", "%d cases merged into %s", (unsigned long)merged), merged,
		          kept);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	ui_changed(ui, 0);   /* the map and the queue are read again */
	ui_dirty(ui);
}

static void start_merge(struct ui *ui, const struct mapscr *d)
{
	const struct wd_cluster *c = sel_cluster(d);
	char q[512];

	if (!ui_permit(ui, ACT_CLUSTER_MERGE))
		return;
	if (!c) {
		ui_error(ui, "%s", _("no cluster selected"));
		return;
	}
	snprintf(mg.key, sizeof mg.key, "%s", c->key);
	snprintf(mg.ref, sizeof mg.ref, "%s", c->refs[c->count - 1]);
	mg.count = c->count;
	snprintf(q, sizeof q,
	         ngettext("Merge cluster %ld into %s? The other %d case is closed as its duplicate; this cannot be undone. [y/n]",
	                  "Merge cluster %ld into %s? The other %d cases are closed as its duplicates; this cannot be undone. [y/n]",
	                  (unsigned long)(c->count - 1)),
	         d->sel + 1, c->key, c->count - 1);
	ui_ask(ui, q, "yn", merge_answer, NULL);
}

/* ---- keys ---- */

static bool map_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct mapscr *d = s->data;

	switch (act) {
	case ACT_UP: d->sel--; break;
	case ACT_DOWN: d->sel++; break;
	case ACT_FIRST: d->sel = 0; break;
	case ACT_LAST: d->sel = (long)d->m.ncl - 1; break;
	case ACT_CLUSTER_MERGE:
		start_merge(ui, d);
		return true;
	default:
		return false;
	}
	if (d->sel >= (long)d->m.ncl)
		d->sel = (long)d->m.ncl - 1;
	if (d->sel < 0)
		d->sel = 0;
	return true;
}

static bool map_key(struct ui *ui, struct screen *s, int key)
{
	if (key != '\n' && key != '\r' && key != KEY_ENTER)
		return false;
	show_in_queue(ui, s->data);
	return true;
}

static void map_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct mapscr *d = xcalloc(1, sizeof *d);

	(void)arg;
	s->data = d;
	map_load(ui, d);
	if (!d->loaded && !live_up(&ui->live))
		ui_error(ui, "%s", _("the map needs the database: offline"));
}

static void map_close(struct ui *ui, struct screen *s)
{
	struct mapscr *d = s->data;

	(void)ui;
	if (d->loaded)
		wd_map_free(&d->m);
	FREE(&s->data);
}

static void map_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct mapscr *d = s->data;

	(void)ui;
	if (id != SCREEN_SHIFT_CHANGED)
		d->stale = true;   /* read again before the next draw */
}

const struct screen_ops map_ops = {
	.name = "map",
	.keymap = KM_MAP,
	.footer = map_footer,
	.open = map_open,
	.close = map_close,
	.draw = map_draw,
	.action = map_action,
	.key = map_key,
	.changed = map_changed,
};
