/* screen_queue.c - the queue: one line per case, sorted by deadline.
 *
 * Line 1: the views with their counts (and the filter); line 2: column
 * titles; then the cases of the current view.  Only visible rows are
 * drawn; column widths follow the terminal width. */
#include "wardesk/wardesk.h"

#include "wardesk/caserules.h"
#include "wardesk/config.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

struct queue {
	int64_t sel_id;
	long sel;       /* index in the view */
	long top;       /* first visible index */
	int page;       /* rows shown last time */
};

static const enum action_id queue_footer[] = {
	ACT_OPEN, ACT_TAKE, ACT_ASSIGN, ACT_ESCALATE, ACT_CLOSE, ACT_ACK, ACT_REOPEN, ACT_FILTER,
	ACT_VIEW_NEXT, ACT_COMMAND, ACT_HELP, ACT_QUIT, ACT_COUNT,
};

static int tone_element(enum mark_tone t)
{
	switch (t) {
	case TONE_DIM: return EL_DIM;
	case TONE_ESCALATED: return EL_ESCALATED;
	case TONE_OVERDUE: return EL_DEADLINE_OVERDUE;
	default: return EL_DEFAULT;
	}
}

static int urgency_element(enum urgency u)
{
	switch (u) {
	case URG_DUE_SOON: return EL_DEADLINE_DUE_SOON;
	case URG_CRITICAL: return EL_DEADLINE_CRITICAL;
	case URG_OVERDUE: return EL_DEADLINE_OVERDUE;
	case URG_CLOSED: return EL_STATE_RESOLVED;
	default: return EL_DEADLINE_NORMAL;
	}
}

static void fix_selection(struct ui *ui, struct queue *q)
{
	long n = (long)model_visible(ui->model), at;

	at = q->sel_id ? model_row_of(ui->model, q->sel_id) : -1;
	if (at >= 0)
		q->sel = at;
	if (q->sel >= n)
		q->sel = n - 1;
	if (q->sel < 0)
		q->sel = 0;
	q->sel_id = n ? model_row(ui->model, (size_t)q->sel)->id : 0;
}

static void queue_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct queue *q = xcalloc(1, sizeof *q);

	(void)arg;
	s->data = q;
	fix_selection(ui, q);
}

static void queue_close(struct ui *ui, struct screen *s)
{
	(void)ui;
	FREE(&s->data);
}

/* Column layout for a width. */
struct cols {
	int mark, ref, left, chan, cat, addr, owner, state, esc;
};

static void layout(int width, struct cols *c)
{
	int fixed;

	c->mark = 3;
	c->ref = width >= 120 ? 10 : 8;
	c->left = 6;
	c->chan = 5;
	c->cat = 4;
	c->owner = width >= 120 ? 12 : 8;
	c->state = 11;
	c->esc = 3;   /* "!", "!!", "!!✓" (caserules.c chain_mark) */
	/* one space between columns: 8 gaps */
	fixed = c->mark + c->ref + c->left + c->chan + c->cat + c->owner + c->state + c->esc + 8;
	c->addr = width - fixed;
	if (c->addr < 8) {
		/* narrower than 80: give up the owner, then the state */
		c->addr += c->owner + 1;
		c->owner = 0;
		if (c->addr < 8) {
			c->addr += c->state + 1;
			c->state = 0;
		}
		if (c->addr < 1)
			c->addr = 1;
	}
}

/* Draw one cell and move x past it and its gap. */
static void cell(int y, int *x, int w, const char *s, int attr, int width)
{
	if (w <= 0 || *x >= width)
		return;
	if (*x + w > width)
		w = width - *x;
	draw_text(NULL, y, *x, w, s, attr);
	*x += w;
	if (*x < width) {
		draw_text(NULL, y, *x, 1, " ", attr);
		*x += 1;
	}
}

/* Right-aligned cell. */
static void rcell(int y, int *x, int w, const char *s, int attr, int width)
{
	char buf[32];
	int sw = draw_width(s);

	if (sw < w && w < (int)sizeof buf) {
		snprintf(buf, sizeof buf, "%*s%s", w - sw, "", s);
		cell(y, x, w, buf, attr, width);
	} else {
		cell(y, x, w, s, attr, width);
	}
}

static void draw_tabs(struct ui *ui, int y, int width, int stale)
{
	int x = 0, v, cur = (int)model_view(ui->model);
	char buf[160];

	for (v = 0; v < VIEW_COUNT && x < width; v++) {
		enum action_id a = (enum action_id)(ACT_VIEW_INCOMING + v);
		const char *k = ui_key_for(KM_QUEUE, a);

		snprintf(buf, sizeof buf, " %s %s %zu ", k, view_title((enum view_id)v),
		         model_view_count(ui->model, (enum view_id)v));
		x += draw_text_np(NULL, y, x, width - x, buf,
		                  (v == cur ? ui_attr(EL_TITLE) | (int)A_REVERSE : ui_attr(EL_DIM)) | stale);
	}
	if (ui->live.state != LIVE_UP && x < width)
		x += draw_text_np(NULL, y, x, width - x, _("  STALE"), ui_attr(EL_STATUS_OFFLINE));
	if (x < width)
		draw_blank(NULL, y, x, width - x, ui_attr(EL_DEFAULT));
}

static void draw_heads(const struct cols *c, int y, int width)
{
	int x = 0, title = ui_attr(EL_TITLE) | (int)A_BOLD;

	cell(y, &x, c->mark, "", title, width);
	cell(y, &x, c->ref, _("REF"), title, width);
	rcell(y, &x, c->left, _("LEFT"), title, width);
	cell(y, &x, c->chan, _("CHAN"), title, width);
	cell(y, &x, c->cat, _("CAT"), title, width);
	cell(y, &x, c->addr, _("ADDRESS"), title, width);
	cell(y, &x, c->owner, _("OWNER"), title, width);
	cell(y, &x, c->state, _("STATE"), title, width);
	cell(y, &x, c->esc, "!", title, width);
	if (x < width)
		draw_blank(NULL, y, x, width - x, title);
}

/* How urgent a case looks, and its countdown ("-" once resolved). */
static enum urgency row_urgency(const struct mcase *mc, time_t now, char *left, size_t leftsz)
{
	enum urgency u;

	if (mc->state == WD_RESOLVED) {
		snprintf(left, leftsz, "%s", "-");
		return URG_CLOSED;
	}
	u = deadline_urgency(now, mc->deadline, mc->warn_min);
	countdown_format(now, mc->deadline, left, leftsz);
	/* the colour follows the escalation too (the database's clock decided
	 * it, and it may run ahead of ours) */
	if (mc->escalation >= 2)
		u = URG_OVERDUE;
	else if (mc->escalation == 1 && u < URG_CRITICAL)
		u = URG_CRITICAL;
	return u;
}

/* One case's line. */
static void draw_row(struct ui *ui, const struct cols *c, const struct mcase *mc, bool cur, int y,
                     int width, int stale, time_t now)
{
	long newsecs = config_int(SET_NEW_MARK_SECONDS);
	char left[16];
	const char *owner = model_owner(ui->model, mc), *mark;
	enum mark_tone tone;
	enum urgency u = row_urgency(mc, now, left, sizeof left);
	int x = 0, base, uattr;

	base = cur ? ui_attr(EL_CURSOR)
	       : mc->state == WD_RESOLVED ? ui_attr(EL_STATE_RESOLVED) : ui_attr(EL_DEFAULT);
	base |= stale;
	uattr = ui_attr(urgency_element(u)) | stale;
	if (cur)
		uattr |= (int)A_REVERSE;
	if (mc->seen_at && newsecs > 0 && now - mc->seen_at < newsecs)
		cell(y, &x, c->mark, _("NEW"), (cur ? base : ui_attr(EL_CASE_NEW)) | stale, width);
	else
		cell(y, &x, c->mark, "", base, width);
	cell(y, &x, c->ref, mc->ref, mc->escalation && mc->state != WD_RESOLVED ? uattr : base, width);
	rcell(y, &x, c->left, left, uattr, width);
	cell(y, &x, c->chan, word_label(WORD_CHANNEL, (int)mc->channel), base, width);
	cell(y, &x, c->cat, model_category(ui->model, mc), base, width);
	cell(y, &x, c->addr, mc->address, base, width);
	cell(y, &x, c->owner, owner ? owner : "-", base, width);
	cell(y, &x, c->state, word_label(WORD_STATE, (int)mc->state), base, width);
	mark = chain_mark(mc, &tone);
	cell(y, &x, c->esc, mark, *mark && !cur ? ui_attr(tone_element(tone)) | stale : base, width);
	if (x < width)
		draw_blank(NULL, y, x, width - x, base);
}

static void queue_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct queue *q = s->data;
	int width = COLS, stale = ui->live.state == LIVE_UP ? 0 : (int)A_DIM;
	long n, i;
	struct cols c;
	time_t now = desk_now();

	if (rows < 3)
		return;
	fix_selection(ui, q);
	draw_tabs(ui, top, width, stale);
	layout(width, &c);
	draw_heads(&c, top + 1, width);
	rows -= 2;
	top += 2;
	q->page = rows;
	n = (long)model_visible(ui->model);
	if (q->sel < q->top)
		q->top = q->sel;
	if (q->sel >= q->top + rows)
		q->top = q->sel - rows + 1;
	if (q->top > n - rows)
		q->top = n - rows;
	if (q->top < 0)
		q->top = 0;
	for (i = 0; i < rows; i++) {
		const struct mcase *mc = model_row(ui->model, (size_t)(q->top + i));
		int y = top + (int)i;

		if (mc)
			draw_row(ui, &c, mc, q->top + i == q->sel, y, width, stale, now);
		else if (i == 0 && n == 0)
			draw_text(NULL, y, 0, width,
			          *model_filter(ui->model) ? _("   No case matches the filter (Esc clears it).")
			                                   : _("   No cases in this view."),
			          ui_attr(EL_DIM));
		else
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
	}
}

static void move_to(struct ui *ui, struct queue *q, long sel)
{
	long n = (long)model_visible(ui->model);

	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	q->sel = sel;
	q->sel_id = n ? model_row(ui->model, (size_t)sel)->id : 0;
}

static bool queue_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct queue *q = s->data;
	int page = q->page > 1 ? q->page : 1;

	switch (act) {
	case ACT_UP: move_to(ui, q, q->sel - 1); return true;
	case ACT_DOWN: move_to(ui, q, q->sel + 1); return true;
	case ACT_PAGE_UP: move_to(ui, q, q->sel - page); q->top -= page; return true;
	case ACT_PAGE_DOWN: move_to(ui, q, q->sel + page); q->top += page; return true;
	case ACT_FIRST: move_to(ui, q, 0); return true;
	case ACT_LAST: move_to(ui, q, (long)model_visible(ui->model) - 1); return true;
	case ACT_OPEN:
		if (q->sel_id)
			ui_open(ui, SCR_DETAIL, &q->sel_id);
		else
			ui_error(ui, _("no case selected"));
		return true;
	case ACT_BACK:
		if (*model_filter(ui->model)) {
			model_set_filter(ui->model, NULL);
			fix_selection(ui, q);
			ui_status(ui, _("filter cleared"));
		}
		return true;
	case ACT_VIEW_INCOMING:
	case ACT_VIEW_MINE:
	case ACT_VIEW_OPEN:
	case ACT_VIEW_DUE:
	case ACT_VIEW_ESCALATED:
	case ACT_VIEW_RESOLVED:
		model_set_view(ui->model, (enum view_id)(act - ACT_VIEW_INCOMING));
		fix_selection(ui, q);
		return true;
	case ACT_VIEW_NEXT:
		model_set_view(ui->model, (enum view_id)((model_view(ui->model) + 1) % VIEW_COUNT));
		fix_selection(ui, q);
		return true;
	default:
		return false;
	}
}

static void queue_changed(struct ui *ui, struct screen *s, int64_t id)
{
	(void)id;
	fix_selection(ui, s->data);
}

static int64_t queue_selected(struct ui *ui, struct screen *s)
{
	struct queue *q = s->data;

	fix_selection(ui, q);
	return q->sel_id;
}

const struct screen_ops queue_ops = {
	.name = "queue",
	.keymap = KM_QUEUE,
	.footer = queue_footer,
	.open = queue_open,
	.close = queue_close,
	.draw = queue_draw,
	.action = queue_action,
	.changed = queue_changed,
	.selected = queue_selected,
};
