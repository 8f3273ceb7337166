/* screen_callbacks.c - the hotline's call-back list (C; issue 16 §0): the
 * reporters to tell the result of a resolved case, oldest resolution first
 * (store_callbacks, the same list as `wardesk callbacks`), two lines each
 * (who, number, calls so far, when the next call is due; the resolution
 * note), and under them the highlighted entry's note in full, to read out.
 *
 * r records a call that reached the reporter: it asks the rating the
 * citizen gives (1-5, or none) and a comment; N records no answer, w a
 * wrong number, each after a y/n question.  Every call is sent with the
 * case version the list showed (WD002 when the case changed since: the list
 * is read again and the officer looks again).  Enter opens the case.
 *
 * Live: any case notification (a case resolved or reopened, a call
 * recorded at another desk) and the minute tick mark the list stale; it is
 * read again (one query) before the next draw. */
#include "wardesk/wardesk.h"

#include "wardesk/draw.h"
#include "wardesk/phone.h"
#include "wardesk/prompt.h"
#include "wardesk/store_callbacks.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

struct cbs {
	bool loaded, stale;
	struct wd_callback_list l;
	long sel, top;
	int page;
	long at_y[256];           /* entry drawn on screen line y, -1 */
};

/* The call being recorded (one question at a time on the status line). */
static struct {
	int64_t id;
	char ref[48], reporter[48], who[256];
	int version, rating;
	enum wd_call_outcome outcome;
} call;

static const enum action_id cb_footer[] = {
	ACT_CB_REACHED, ACT_CB_NO_ANSWER, ACT_CB_WRONG, ACT_OPEN, ACT_BACK, ACT_HELP, ACT_COUNT,
};

static void cb_load(struct ui *ui, struct cbs *d)
{
	struct st_err err = { 0 };
	struct wd_callback_list l;
	enum st_status r;

	d->stale = false;
	if (!live_up(&ui->live))
		return;
	r = store_callbacks(ui->live.st, &l, &err);
	if (r != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (d->loaded)
		wd_callback_list_free(&d->l);
	d->l = l;
	d->loaded = true;
	if (d->sel >= (long)d->l.n)
		d->sel = (long)d->l.n - 1;
	if (d->sel < 0)
		d->sel = 0;
}

static const struct wd_callback *sel_entry(const struct cbs *d)
{
	return d->loaded && d->sel >= 0 && d->sel < (long)d->l.n ? &d->l.v[d->sel] : NULL;
}

/* ---- drawing ---- */

static void draw_entry(const struct wd_callback *c, bool cur, int y, int width)
{
	int attr = cur ? ui_attr(EL_CURSOR) : ui_attr(EL_DEFAULT);
	char buf[768], phone[32], res[40], next[48];

	phone_format(c->phone, phone, sizeof phone);
	time_short(c->resolved_at, res, sizeof res);
	if (c->due)
		snprintf(next, sizeof next, "%s", _("call now"));
	else
		time_short(c->next_try, next, sizeof next);
	snprintf(buf, sizeof buf, _("%s%s  %s (%s)  %s  calls %d  next: %s"), cur ? " > " : "   ", c->ref,
	         c->name ? c->name : "?", c->reporter, phone, c->attempts, next);
	draw_text(NULL, y, 0, width, buf, c->due || cur ? attr : ui_attr(EL_DIM));
	snprintf(buf, sizeof buf, "     %s  %s", res, c->note ? c->note : "");
	if (y + 1 < LINES)
		draw_text(NULL, y + 1, 0, width, buf, cur ? attr : ui_attr(EL_DIM));
}

/* The highlighted entry's note in full, from line y to bottom. */
static int draw_readout(const struct wd_callback *c, int y, int bottom, int width)
{
	char **lines = text_wrap(c->note ? c->note : "", width > 8 ? width - 4 : 4);
	char buf[256];

	snprintf(buf, sizeof buf, _(" Read out to %s:"), c->name ? c->name : c->reporter);
	draw_text(NULL, y++, 0, width, buf, ui_attr(EL_TITLE));
	for (char **l = lines; l && *l && y < bottom; l++) {
		snprintf(buf, sizeof buf, "    %s", *l);
		draw_text(NULL, y++, 0, width, buf, ui_attr(EL_DEFAULT));
	}
	text_lines_free(lines);
	return y;
}

static void cb_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct cbs *d = s->data;
	int width = COLS, y = top, bottom = top + rows, room, due = 0;
	const struct wd_callback *cur;
	char buf[256];

	if (d->stale)
		cb_load(ui, d);
	for (size_t i = 0; i < ARRAY_SIZE(d->at_y); i++)
		d->at_y[i] = -1;
	if (!d->loaded) {
		draw_text(NULL, y++, 0, width, _(" The call-back list is not available (offline)."), ui_attr(EL_DIM));
		while (y < bottom)
			draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
		return;
	}
	for (size_t i = 0; i < d->l.n; i++)
		due += d->l.v[i].due;
	snprintf(buf, sizeof buf, _(" Call-backs: %zu on the list, %d to call now (oldest first)"), d->l.n, due);
	draw_text(NULL, y++, 0, width, buf, ui_attr(EL_TITLE));
	if (!d->l.n)
		draw_text(NULL, y++, 0, width, _("   Nobody to call back."), ui_attr(EL_DIM));
	cur = sel_entry(d);
	room = (bottom - y - (cur ? 4 : 0)) / 2;
	d->page = room > 1 ? room : 1;
	if (d->sel < d->top)
		d->top = d->sel;
	if (room > 0 && d->sel >= d->top + room)
		d->top = d->sel - room + 1;
	for (long i = d->top; i < (long)d->l.n && room > 0 && y + 1 < bottom; i++, room--) {
		if (y + 1 < (int)ARRAY_SIZE(d->at_y))
			d->at_y[y] = d->at_y[y + 1] = i;
		draw_entry(&d->l.v[i], i == d->sel, y, width);
		y += 2;
	}
	if (cur && y + 2 < bottom) {
		draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
		y = draw_readout(cur, y, bottom, width);
	}
	while (y < bottom)
		draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
}

/* ---- recording a call ---- */

static void send_call(struct ui *ui, const char *comment)
{
	struct st_callback_call q = {
		.ref = call.ref, .reporter = call.reporter, .outcome = call.outcome, .rating = call.rating,
		.comment = comment && *comment ? comment : NULL, .seen = call.version,
	};
	struct st_err err = { 0 };
	int attempt = 0;
	time_t next = 0;
	char when[40];
	enum st_status s;

	if (!ui_need_live(ui))
		return;
	s = store_callback_record(ui->live.st, &q, &attempt, &next, &err);
	if (s == ST_OK && next) {
		time_short(next, when, sizeof when);
		ui_status(ui, _("%s: call %d to %s recorded; next try at %s"), call.ref, attempt, call.who, when);
	} else if (s == ST_OK) {
		ui_status(ui, _("%s: call %d to %s recorded"), call.ref, attempt, call.who);
	} else if (s == ST_REFUSED && !strcmp(err.sqlstate, "WD002")) {
		ui_error(ui, _("%s changed since you saw it: nothing sent; look again"), call.ref);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	live_refetch(&ui->live, call.id);
	ui_changed(ui, call.id);   /* the list is read again */
	ui_dirty(ui);
}

static void got_comment(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (!ui_go_ahead(ui, line != NULL, false))
		return;
	send_call(ui, line);
}

static void got_rating(struct ui *ui, int answer, void *ctx)
{
	(void)ctx;
	if (!ui_go_ahead(ui, answer != 0, false))
		return;
	call.rating = answer >= '1' && answer <= '5' ? answer - '0' : 0;
	prompt_start(ui, PROMPT_TEXT, _("The citizen's comment (Enter: none): "), NULL, got_comment, NULL);
}

static void got_yes(struct ui *ui, int answer, void *ctx)
{
	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', false))
		return;
	send_call(ui, NULL);
}

static void start_call(struct ui *ui, const struct wd_callback *c, enum action_id act)
{
	char q[512];

	if (!ui_permit(ui, act))
		return;
	if (!c) {
		ui_error(ui, "%s", _("nobody selected"));
		return;
	}
	memset(&call, 0, sizeof call);
	call.id = c->id;
	call.version = c->version;
	snprintf(call.ref, sizeof call.ref, "%s", c->ref);
	snprintf(call.reporter, sizeof call.reporter, "%s", c->reporter);
	snprintf(call.who, sizeof call.who, "%s", c->name ? c->name : c->reporter);
	if (act == ACT_CB_REACHED) {
		call.outcome = WD_CALL_REACHED;
		snprintf(q, sizeof q, _("%s reached. The rating the citizen gives, 1-5 (n: none)? [1-5/n]"), call.who);
		ui_ask(ui, q, "12345n", got_rating, NULL);
		return;
	}
	call.outcome = act == ACT_CB_NO_ANSWER ? WD_CALL_NO_ANSWER : WD_CALL_WRONG_NUMBER;
	snprintf(q, sizeof q, act == ACT_CB_NO_ANSWER ? _("%s (%s): record no answer? [y/n]")
	                                              : _("%s (%s): record a wrong number? [y/n]"),
	         call.who, call.ref);
	ui_ask(ui, q, "yn", got_yes, NULL);
}

/* ---- keys ---- */

static bool cb_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct cbs *d = s->data;
	long page = d->page > 1 ? d->page : 1;

	switch (act) {
	case ACT_UP: d->sel--; break;
	case ACT_DOWN: d->sel++; break;
	case ACT_PAGE_UP: d->sel -= page; break;
	case ACT_PAGE_DOWN: d->sel += page; break;
	case ACT_HALF_UP: d->sel -= (page + 1) / 2; break;
	case ACT_HALF_DOWN: d->sel += (page + 1) / 2; break;
	case ACT_FIRST: d->sel = 0; break;
	case ACT_LAST: d->sel = (long)d->l.n - 1; break;
	case ACT_CB_REACHED:
	case ACT_CB_NO_ANSWER:
	case ACT_CB_WRONG:
		start_call(ui, sel_entry(d), act);
		return true;
	default:
		return false;
	}
	if (d->sel >= (long)d->l.n)
		d->sel = (long)d->l.n - 1;
	if (d->sel < 0)
		d->sel = 0;
	return true;
}

static bool cb_key(struct ui *ui, struct screen *s, int key)
{
	const struct wd_callback *c = sel_entry(s->data);
	int64_t id;

	if (key != '\n' && key != '\r' && key != KEY_ENTER)
		return false;
	if (c) {
		id = c->id;
		ui_open(ui, SCR_DETAIL, &id);
	}
	return true;
}

static void cb_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct cbs *d = xcalloc(1, sizeof *d);

	(void)arg;
	s->data = d;
	cb_load(ui, d);
	if (!d->loaded && !live_up(&ui->live))
		ui_error(ui, "%s", _("the call-back list needs the database: offline"));
}

static void cb_close(struct ui *ui, struct screen *s)
{
	struct cbs *d = s->data;

	(void)ui;
	if (d->loaded)
		wd_callback_list_free(&d->l);
	FREE(&s->data);
}

static void cb_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct cbs *d = s->data;

	(void)ui;
	(void)id;
	d->stale = true;   /* read again before the next draw */
}

static int64_t cb_selected(struct ui *ui, struct screen *s)
{
	const struct wd_callback *c = sel_entry(s->data);

	(void)ui;
	return c ? c->id : 0;
}

static int cb_seen(struct ui *ui, struct screen *s)
{
	const struct wd_callback *c = sel_entry(s->data);

	(void)ui;
	return c ? c->version : 0;
}

static bool cb_click(struct ui *ui, struct screen *s, int y, int x)
{
	struct cbs *d = s->data;

	(void)ui;
	(void)x;
	if (y < 0 || y >= (int)ARRAY_SIZE(d->at_y) || d->at_y[y] < 0)
		return false;
	d->sel = d->at_y[y];
	return true;
}

const struct screen_ops callbacks_ops = {
	.name = "callbacks",
	.keymap = KM_CALLBACKS,
	.footer = cb_footer,
	.open = cb_open,
	.close = cb_close,
	.draw = cb_draw,
	.action = cb_action,
	.key = cb_key,
	.changed = cb_changed,
	.click = cb_click,
	.selected = cb_selected,
	.seen = cb_seen,
};
