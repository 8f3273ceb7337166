/* screen_board.c - the ward chair's board (B): every officer with the
 * cases they hold (open, due soon, overdue, escalated) as numbers and a bar
 * in the deadline colours, the unowned queue, escalations waiting, pending
 * handovers and today's on-time rate (store_board, store_handovers_pending).
 *
 * Live: any case or shift notification and the minute tick mark the board
 * stale; it is read again (one query each) before the next draw, so a burst
 * of notifications costs one reload.
 *
 * Below the officers, the cases themselves (issue 11): the unowned queue
 * and the overdue cases officers hold, by deadline (from the model, so they
 * follow every change), selectable like the officers: Enter opens one, a
 * or r assigns it, t takes it.
 *
 * Steering (chair only; the database decides): Enter or r on an officer
 * lists the cases they hold below; r on one of those opens the officer
 * picker (assign); R on an officer reassigns all their cases to the officer
 * picked, after a y/n question (store_reassign_all). */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/config.h"
#include "wardesk/deskclock.h"
#include "wardesk/dialogs.h"
#include "wardesk/draw.h"
#include "wardesk/stats.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

struct board {
	bool loaded, stale;
	struct wd_board b;
	struct wd_handover_list ho;
	bool have_ho;
	struct wd_sweep_health_list sweep;   /* desk health: the last sweep */
	bool have_sweep;
	long sel, top;            /* officer row */
	/* the cases of one officer (mode cases) */
	bool cases_mode;
	char who[64];
	int64_t *cases;
	size_t ncases;
	long csel;
	int page;
	/* the unowned, then the overdue held: lines b.n .. b.n+nlist-1 of sel */
	int64_t *list;
	size_t nlist, nunowned;
	long ltop;
	long at_y[256];           /* line of sel (or csel) drawn on screen line y, -1 */
};

static const enum action_id board_footer[] = {
	ACT_REASSIGN, ACT_REASSIGN_ALL, ACT_HANDOVER, ACT_STATS, ACT_BACK, ACT_HELP, ACT_COUNT,
};

static void board_load(struct ui *ui, struct board *d)
{
	struct st_err err = { 0 };
	struct wd_board b;
	struct wd_handover_list ho;
	enum st_status s;

	d->stale = false;
	if (!live_up(&ui->live))
		return;
	s = store_board(ui->live.st, &b, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (d->loaded)
		wd_board_free(&d->b);
	d->b = b;
	d->loaded = true;
	s = store_handovers_pending(ui->live.st, &ho, &err);
	if (s == ST_OK) {
		if (d->have_ho)
			wd_handover_list_free(&d->ho);
		d->ho = ho;
		d->have_ho = true;
	} else {
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
	}
	if (d->have_sweep)
		wd_sweep_health_list_free(&d->sweep);
	d->have_sweep = store_sweep_health(ui->live.st, &d->sweep, &err) == ST_OK;
}

/* The desk's health: when the deadline sweep of the ward last ran and who
 * ran it; overdue (an alarm colour) when that is longer ago than two sweeps
 * of this console or two minutes. */
static void sweep_health_text(const struct board *d, char *buf, size_t bufsz, bool *late)
{
	const struct wd_sweep_health *h = d->have_sweep && d->sweep.n ? &d->sweep.v[0] : NULL;
	long slack = config_int(SET_SWEEP_SECONDS) * 2;
	char hhmm[16];

	*late = true;
	if (!h || !h->last_at) {
		snprintf(buf, bufsz, "%s", _(" Deadline sweep: never ran"));
		return;
	}
	time_hhmm(h->last_at, hhmm, sizeof hhmm);
	snprintf(buf, bufsz, _(" Deadline sweep: last sweep %s by %s"), hhmm, h->last_by ? h->last_by : "?");
	*late = desk_now() - h->last_at > (slack > 120 ? slack : 120);
}

/* The cases `who` holds in progress, by deadline (the model's order). */
static void cases_fill(struct ui *ui, struct board *d)
{
	size_t i, n = model_count(ui->model);

	free(d->cases);
	d->cases = xcalloc(n + 1, sizeof *d->cases);
	d->ncases = 0;
	for (i = 0; i < n; i++) {
		const struct mcase *c = model_at(ui->model, i);
		const char *o = model_owner(ui->model, c);

		if (c->state == WD_IN_PROGRESS && o && !strcmp(o, d->who))
			d->cases[d->ncases++] = c->id;
	}
	if (d->csel >= (long)d->ncases)
		d->csel = (long)d->ncases - 1;
	if (d->csel < 0)
		d->csel = 0;
}

static void board_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct board *d = xcalloc(1, sizeof *d);

	(void)arg;
	s->data = d;
	board_load(ui, d);
	if (!d->loaded && !live_up(&ui->live))
		ui_error(ui, "%s", _("the board needs the database: offline"));
}

static void board_close(struct ui *ui, struct screen *s)
{
	struct board *d = s->data;

	(void)ui;
	if (d->loaded)
		wd_board_free(&d->b);
	if (d->have_ho)
		wd_handover_list_free(&d->ho);
	if (d->have_sweep)
		wd_sweep_health_list_free(&d->sweep);
	free(d->cases);
	free(d->list);
	FREE(&s->data);
}

static const struct wd_board_row *sel_row(struct board *d)
{
	if (!d->loaded || d->sel < 0 || d->sel >= (long)d->b.n)
		return NULL;
	return &d->b.v[d->sel];
}

/* The unowned open cases, then the overdue ones an officer holds, each by
 * deadline (the model's order). */
static void list_fill(struct ui *ui, struct board *d)
{
	size_t i, n = model_count(ui->model);
	time_t now = desk_now();
	int pass;

	free(d->list);
	d->list = xcalloc(n + 1, sizeof *d->list);
	d->nlist = 0;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			const struct mcase *c = model_at(ui->model, i);
			bool owned = model_owner(ui->model, c) != NULL;

			if (c->state == WD_RESOLVED || owned != (pass == 1))
				continue;
			if (pass == 1 && c->deadline > now && c->escalation < 2)
				continue;
			d->list[d->nlist++] = c->id;
		}
		if (pass == 0)
			d->nunowned = d->nlist;
	}
}

/* The case of the list under the cursor, 0: none (an officer's line). */
static int64_t list_sel(const struct board *d)
{
	long k = d->sel - (long)d->b.n;

	return !d->cases_mode && d->loaded && k >= 0 && k < (long)d->nlist ? d->list[k] : 0;
}

/* The load bar: overdue, then due soon, then the rest, in their colours. */
static int draw_load(int y, int x, int width, const struct wd_board_row *r, int max)
{
	int parts[3], els[3] = { EL_DEADLINE_OVERDUE, EL_DEADLINE_DUE_SOON, EL_BAR };
	int i, used = 0;

	parts[0] = r->overdue;
	parts[1] = r->due_soon;
	parts[2] = r->open - r->overdue - r->due_soon;
	if (parts[2] < 0)
		parts[2] = 0;
	for (i = 0; i < 3 && used < width; i++) {
		int cells = max > 0 ? (int)((long)parts[i] * width / max) : 0;
		char *bar;

		if (parts[i] > 0 && cells < 1)
			cells = 1;
		if (cells > width - used)
			cells = width - used;
		bar = stats_bar(cells, width, width);
		used += draw_text_np(NULL, y, x + used, width - used, bar, ui_attr(els[i]));
		free(bar);
	}
	return used;
}

/* The two summary lines and the column heads; returns the next line. */
/* The open urgent cases (sql/014), first on the board, from the model
 * (whose order puts them first): "Urgent 2: !BT-31 0:25 unowned · !BT-7
 * 0:12 an".  No line when there is none. */
static int draw_urgent(struct ui *ui, int y, int width, int stale)
{
	size_t i, n = model_count(ui->model), k = 0;
	time_t now = desk_now();
	struct strbuf sb = { 0 };
	char left[32];

	for (i = 0; i < n; i++) {
		const struct mcase *c = model_at(ui->model, i);
		const char *o;

		if (!(c->flags & MCASE_URGENT))
			break;
		if (c->state == WD_RESOLVED)
			continue;
		o = model_owner(ui->model, c);
		countdown_format(now, c->deadline, left, sizeof left);
		sb_printf(&sb, "%s!%s %s %s", k++ ? " \xc2\xb7 " : "", c->ref, left, o ? o : _("unowned"));
	}
	if (k) {
		char *line = xasprintf(_(" Urgent %zu: %s"), k, sb.s);

		draw_text(NULL, y++, 0, width, line, ui_attr(EL_URGENT) | (int)A_BOLD | stale);
		free(line);
	}
	sb_free(&sb);
	return y;
}

static int draw_summary(struct ui *ui, struct board *d, int y, int width, int stale)
{
	static const struct { const char *h; int w; bool right; } cols[] = {
		{ N_("OFFICER"), 12, false }, { N_("NAME"), 20, false }, { N_("SINCE"), 5, true },
		{ N_("OPEN"), 4, true }, { N_("SOON"), 4, true }, { N_("LATE"), 4, true },
		{ N_("ESC"), 3, true },
	};
	struct strbuf h = { 0 };
	char buf[640], n1[32], health[128];
	bool late;

	stats_ratio(d->b.today_on_time, d->b.today_resolved, n1, sizeof n1);
	snprintf(buf, sizeof buf, _(" Board · %d on duty · today: received %d, resolved %d, on time %s"),
	         d->b.on_duty, d->b.today_received, d->b.today_resolved, n1);
	draw_text(NULL, y++, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD | stale);
	y = draw_urgent(ui, y, width, stale);
	snprintf(buf, sizeof buf, _(" Unowned queue %d (%d due soon, %d overdue) · escalations waiting %d"),
	         d->b.unowned, d->b.unowned_due_soon, d->b.unowned_overdue, d->b.escalated);
	draw_text(NULL, y++, 0, width, buf,
	          ui_attr(d->b.unowned_overdue || d->b.escalated ? EL_DEADLINE_OVERDUE : EL_DEFAULT) | stale);
	sweep_health_text(d, health, sizeof health, &late);
	draw_text(NULL, y++, 0, width, health, ui_attr(late ? EL_DEADLINE_OVERDUE : EL_DIM) | stale);
	sb_puts(&h, "  ");
	for (size_t c = 0; c < ARRAY_SIZE(cols); c++) {
		sb_putc(&h, ' ');
		text_sb_pad(&h, _(cols[c].h), cols[c].w, cols[c].right);
	}
	sb_printf(&h, "  %s", _("LOAD"));
	draw_text(NULL, y++, 0, width, h.s, ui_attr(EL_TITLE));
	sb_free(&h);
	return y;
}

/* One officer's line: login, name, since, counts, load bar. */
static void draw_officer(struct board *d, long i, int y, int width, int stale, int max)
{
	const struct wd_board_row *r = &d->b.v[i];
	bool cur = i == d->sel && !d->cases_mode;
	int attr = (cur ? ui_attr(EL_CURSOR) : ui_attr(r->on_duty ? EL_DEFAULT : EL_DIM)) | stale;
	char since[16] = "-", buf[128];
	int x, barw;

	if (r->on_duty)
		time_hhmm(r->shift_started, since, sizeof since);
	snprintf(buf, sizeof buf, "%s%-12s ", i == d->sel ? " > " : "   ", r->login);
	x = draw_text_np(NULL, y, 0, width, buf, attr);
	if (x < width)
		x += draw_text_np(NULL, y, x, 21 < width - x ? 21 : width - x,
		                  r->full_name ? r->full_name : "", attr);
	while (x < 37 && x < width)
		x += draw_text_np(NULL, y, x, 1, " ", attr);
	snprintf(buf, sizeof buf, "%5s %4d %4d %4d %3d  ", since, r->open, r->due_soon,
	         r->overdue, r->escalated);
	if (x < width)
		x += draw_text_np(NULL, y, x, width - x, buf, attr);
	barw = width - x - 1;
	if (barw > 30)
		barw = 30;
	if (barw > 0)
		x += draw_load(y, x, barw, r, max);
	if (x < width)
		draw_blank(NULL, y, x, width - x, ui_attr(EL_DEFAULT));
}

/* The officers, at most what leaves room for the rest; returns the next line. */
static int draw_officers(struct board *d, int y, int bottom, int width, int stale)
{
	int max = 1, room = bottom - y - (d->cases_mode ? 4 : 2) - (d->have_ho && d->ho.n ? 2 : 0);
	long i, n = (long)d->b.n, lines = n + (d->cases_mode ? 0 : (long)d->nlist);

	for (i = 0; i < n; i++)
		if (d->b.v[i].open > max)
			max = d->b.v[i].open;
	if (d->sel >= lines)
		d->sel = lines - 1;
	if (d->sel < 0)
		d->sel = 0;
	/* the case list below needs its share */
	if (!d->cases_mode && d->nlist && room > n && room > 6)
		room = n > room / 2 ? room / 2 : (int)n;
	if (room < 3)
		room = 3;
	d->page = room;
	if (d->sel < n && d->sel < d->top)
		d->top = d->sel;
	if (d->sel < n && d->sel >= d->top + room)
		d->top = d->sel - room + 1;
	for (i = d->top; i < n && i < d->top + room && y < bottom; i++) {
		if (y < (int)ARRAY_SIZE(d->at_y))
			d->at_y[y] = i;
		draw_officer(d, i, y++, width, stale, max);
	}
	if (n == 0 && y < bottom)
		draw_text(NULL, y++, 0, width, _("   No officer in this ward."), ui_attr(EL_DIM));
	return y;
}

/* The pending handovers on one line; returns the next line. */
static int draw_pending(struct board *d, int y, int width, int stale)
{
	struct strbuf sb = { 0 };
	char t[32];

	draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
	sb_printf(&sb, _(" Pending handovers %zu:"), d->ho.n);
	for (size_t k = 0; k < d->ho.n; k++) {
		const struct wd_handover *h = &d->ho.v[k];

		time_hhmm(h->created_at, t, sizeof t);
		sb_printf(&sb, " #%lld %s→%s (%d, %s)%s", (long long)h->id, h->from ? h->from : "?",
		          h->to ? h->to : "?", h->n_included, t, k + 1 < d->ho.n ? "," : "");
	}
	draw_text(NULL, y++, 0, width, sb.s, ui_attr(EL_ESCALATED) | stale);
	sb_free(&sb);
	return y;
}

/* One case of the chosen officer: reference, countdown, category, address. */
static void draw_case(struct ui *ui, const struct mcase *c, bool cur, int y, int width, time_t now)
{
	enum urgency u = deadline_urgency(now, c->deadline, c->warn_min);
	int attr = cur ? ui_attr(EL_CURSOR) : ui_attr(EL_DEFAULT), x;
	char buf[512], left[32], ref[64], abuf[MCASE_ADDRESS_PACKED + 1];

	countdown_format(now, c->deadline, left, sizeof left);
	/* urgent first (the model's order) and marked "!" (sql/014) */
	snprintf(ref, sizeof ref, "%s%s", c->flags & MCASE_URGENT ? "!" : "", c->ref);
	snprintf(buf, sizeof buf, "%s%-10s ", cur ? " > " : "   ", ref);
	x = draw_text_np(NULL, y, 0, width, buf, attr);
	snprintf(buf, sizeof buf, "%7s ", left);
	if (x < width)
		x += draw_text_np(NULL, y, x, width - x, buf,
		                  cur ? attr : ui_attr(u == URG_OVERDUE ? EL_DEADLINE_OVERDUE :
		                  u == URG_CRITICAL ? EL_DEADLINE_CRITICAL :
		                  u == URG_DUE_SOON ? EL_DEADLINE_DUE_SOON : EL_DEADLINE_NORMAL));
	snprintf(buf, sizeof buf, "%-5s %s%s", model_category(ui->model, c),
	         c->escalation ? "! " : "", model_address(c, abuf));
	if (x < width)
		draw_text(NULL, y, x, width - x, buf, attr);
}

/* The cases of the chosen officer; returns the next line. */
static int draw_cases(struct ui *ui, struct board *d, int y, int bottom, int width)
{
	time_t now = desk_now();
	char buf[512];
	long i, ctop, room;

	cases_fill(ui, d);
	draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
	snprintf(buf, sizeof buf, _(" Cases of %s (%zu): %s reassigns the highlighted one, Esc back"),
	         d->who, d->ncases, ui_key_for(KM_BOARD, ACT_REASSIGN));
	draw_text(NULL, y++, 0, width, buf, ui_attr(EL_TITLE));
	room = bottom - y;
	ctop = d->csel >= room ? d->csel - room + 1 : 0;
	for (i = ctop; i < (long)d->ncases && y < bottom; i++) {
		const struct mcase *c = model_find(ui->model, d->cases[i]);

		if (!c)
			continue;
		if (y < (int)ARRAY_SIZE(d->at_y))
			d->at_y[y] = i;
		draw_case(ui, c, i == d->csel, y++, width, now);
	}
	if (!d->ncases && y < bottom)
		draw_text(NULL, y++, 0, width, _("   Holds no case in progress."), ui_attr(EL_DIM));
	return y;
}

/* One line of the case list: reference, countdown, category, owner, what
 * happened. */
static void draw_listed(struct ui *ui, const struct mcase *c, bool cur, int y, int width, time_t now)
{
	enum urgency u = deadline_urgency(now, c->deadline, c->warn_min);
	int attr = cur ? ui_attr(EL_CURSOR) : ui_attr(EL_DEFAULT), x;
	const char *owner = model_owner(ui->model, c);
	char buf[512], left[32], ref[48], sum[MCASE_SUMMARY + 1];

	countdown_format(now, c->deadline, left, sizeof left);
	snprintf(ref, sizeof ref, "%s%s", c->flags & MCASE_URGENT ? "!" : "", c->ref);   /* sql/014 */
	snprintf(buf, sizeof buf, "%s%-10s ", cur ? " > " : "   ", ref);
	x = draw_text_np(NULL, y, 0, width, buf, attr);
	snprintf(buf, sizeof buf, "%7s ", left);
	if (x < width)
		x += draw_text_np(NULL, y, x, width - x, buf,
		                  cur ? attr : ui_attr(u == URG_OVERDUE || c->escalation >= 2 ?
		                  EL_DEADLINE_OVERDUE : u == URG_CRITICAL ? EL_DEADLINE_CRITICAL :
		                  u == URG_DUE_SOON ? EL_DEADLINE_DUE_SOON : EL_DEADLINE_NORMAL));
	snprintf(buf, sizeof buf, "%-5s %-10s %s", model_category(ui->model, c), owner ? owner : "-",
	         model_summary(c, sum));
	if (x < width)
		draw_text(NULL, y, x, width - x, buf, attr);
}

/* The unowned and the overdue cases themselves; returns the next line. */
static int draw_list(struct ui *ui, struct board *d, int y, int bottom, int width)
{
	time_t now = desk_now();
	char buf[256];
	long k, cur = d->sel - (long)d->b.n, room;

	draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
	snprintf(buf, sizeof buf, _(" Unowned %zu, then overdue held %zu: Enter opens, %s assigns"),
	         d->nunowned, d->nlist - d->nunowned, ui_key_for(KM_BOARD, ACT_ASSIGN));
	draw_text(NULL, y++, 0, width, buf, ui_attr(EL_TITLE));
	room = bottom - y;
	if (room < 1)
		return y;
	if (cur >= 0 && cur < d->ltop)
		d->ltop = cur;
	if (cur >= d->ltop + room)
		d->ltop = cur - room + 1;
	if (d->ltop > (long)d->nlist - room)
		d->ltop = (long)d->nlist - room;
	if (d->ltop < 0)
		d->ltop = 0;
	for (k = d->ltop; k < (long)d->nlist && y < bottom; k++) {
		const struct mcase *c = model_find(ui->model, d->list[k]);

		if (!c)
			continue;
		if (y < (int)ARRAY_SIZE(d->at_y))
			d->at_y[y] = (long)d->b.n + k;
		draw_listed(ui, c, k == cur, y++, width, now);
	}
	return y;
}

static void board_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct board *d = s->data;
	int width = COLS, y = top, bottom = top + rows, stale;

	if (d->stale)
		board_load(ui, d);
	stale = live_up(&ui->live) ? 0 : (int)A_DIM;
	if (!d->loaded) {
		draw_text(NULL, y++, 0, width, _(" The board is not available (offline)."), ui_attr(EL_DIM));
		while (y < bottom)
			draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(d->at_y); i++)
		d->at_y[i] = -1;
	list_fill(ui, d);
	y = draw_summary(ui, d, y, width, stale);
	y = draw_officers(d, y, bottom, width, stale);
	if (d->have_ho && d->ho.n && y + 1 < bottom)
		y = draw_pending(d, y, width, stale);
	if (d->cases_mode && y + 1 < bottom)
		y = draw_cases(ui, d, y, bottom, width);
	else if (!d->cases_mode && d->nlist && y + 2 < bottom)
		y = draw_list(ui, d, y, bottom, width);
	while (y < bottom)
		draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
}

/* ---- keys ---- */

static bool board_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct board *d = s->data;
	const struct wd_board_row *r = sel_row(d);
	long page = d->page > 1 ? d->page : 1;
	long *cur = d->cases_mode ? &d->csel : &d->sel;

	switch (act) {
	case ACT_UP: (*cur)--; break;
	case ACT_DOWN: (*cur)++; break;
	case ACT_PAGE_UP: *cur -= page; break;
	case ACT_PAGE_DOWN: *cur += page; break;
	case ACT_FIRST: *cur = 0; break;
	case ACT_LAST: *cur = d->cases_mode ? (long)d->ncases - 1 : (long)(d->b.n + d->nlist) - 1; break;
	case ACT_BACK:
		if (!d->cases_mode)
			return false;
		d->cases_mode = false;
		return true;
	case ACT_REASSIGN:
		if (!ui_permit(ui, act))
			return true;
		if (list_sel(d)) {
			caseop_pick_assignee(ui, list_sel(d));
			return true;
		}
		if (!d->cases_mode) {
			if (!r)
				return true;
			snprintf(d->who, sizeof d->who, "%s", r->login);
			d->cases_mode = true;
			d->csel = 0;
			cases_fill(ui, d);
			ui_status(ui, _("choose one of %s's cases, then %s"), d->who,
			          ui_key_for(KM_BOARD, ACT_REASSIGN));
			return true;
		}
		if (d->csel >= 0 && d->csel < (long)d->ncases)
			caseop_pick_assignee(ui, d->cases[d->csel]);
		return true;
	case ACT_REASSIGN_ALL:
		if (!ui_permit(ui, act))
			return true;
		if (d->cases_mode)
			reassign_all_pick(ui, d->who);
		else if (r)
			reassign_all_pick(ui, r->login);
		return true;
	default:
		return false;
	}
	if (d->cases_mode) {
		if (d->csel >= (long)d->ncases)
			d->csel = (long)d->ncases - 1;
		if (d->csel < 0)
			d->csel = 0;
	}
	return true;
}

static bool board_key(struct ui *ui, struct screen *s, int key)
{
	struct board *d = s->data;
	const struct wd_board_row *r = sel_row(d);

	if (key != '\n' && key != '\r' && key != KEY_ENTER)
		return false;
	if (list_sel(d)) {
		int64_t id = list_sel(d);

		ui_open(ui, SCR_DETAIL, &id);
		return true;
	}
	if (d->cases_mode) {
		if (d->csel >= 0 && d->csel < (long)d->ncases) {
			int64_t id = d->cases[d->csel];

			ui_open(ui, SCR_DETAIL, &id);
		}
		return true;
	}
	if (r) {
		snprintf(d->who, sizeof d->who, "%s", r->login);
		d->cases_mode = true;
		d->csel = 0;
		cases_fill(ui, d);
	}
	return true;
}

static void board_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct board *d = s->data;

	(void)ui;
	(void)id;
	d->stale = true;   /* reloaded before the next draw */
}

static int64_t board_selected(struct ui *ui, struct screen *s)
{
	struct board *d = s->data;

	(void)ui;
	if (d->cases_mode && d->csel >= 0 && d->csel < (long)d->ncases)
		return d->cases[d->csel];
	return list_sel(d);
}

/* A click selects the officer or case drawn on that line. */
static bool board_click(struct ui *ui, struct screen *s, int y, int x)
{
	struct board *d = s->data;

	(void)ui;
	(void)x;
	if (y < 0 || y >= (int)ARRAY_SIZE(d->at_y) || d->at_y[y] < 0)
		return false;
	if (d->cases_mode)
		d->csel = d->at_y[y];
	else
		d->sel = d->at_y[y];
	return true;
}

const struct screen_ops board_ops = {
	.name = "board",
	.keymap = KM_BOARD,
	.footer = board_footer,
	.open = board_open,
	.close = board_close,
	.draw = board_draw,
	.action = board_action,
	.key = board_key,
	.changed = board_changed,
	.click = board_click,
	.selected = board_selected,
};
