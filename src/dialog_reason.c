/* dialog_reason.c - the delay-reason picker (dialogs.h): closing a case
 * late asks why (store_delay_reasons), a small list chosen with a digit or
 * Enter.  A UI service: the chooser calls back with the code. */
#include "wardesk/wardesk.h"

#include "wardesk/dialogs.h"
#include "wardesk/draw.h"
#include "wardesk/store_deadline.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

struct delay {
	char ref[48];
	struct wd_named_list l;
	bool loaded;
	long sel;
	delay_fn fn;
	void *ctx;
	bool done;                /* fn was called */
};

static struct delay *next_delay;   /* handed from ui_pick_delay_reason to open */

static const enum action_id delay_footer[] = {
	ACT_PICK, ACT_UP, ACT_DOWN, ACT_BACK, ACT_COUNT,
};

static void delay_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct delay *d = next_delay;
	struct st_err err = { 0 };
	enum st_status st;

	(void)arg;
	next_delay = NULL;
	s->data = d;
	if (!ui_need_live(ui))
		return;
	st = store_delay_reasons(ui->live.st, &d->l, &err);
	if (st != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
		return;
	}
	d->loaded = true;
}

static void delay_finish(struct ui *ui, struct screen *s, const char *code)
{
	struct delay *d = s->data;
	delay_fn fn = d->fn;
	void *ctx = d->ctx;
	char buf[32];

	snprintf(buf, sizeof buf, "%s", code ? code : "");
	d->done = true;
	ui_pop(ui);   /* frees d */
	fn(ui, code ? buf : NULL, ctx);
}

static void delay_close(struct ui *ui, struct screen *s)
{
	struct delay *d = s->data;

	if (!d)
		return;
	if (!d->done && d->fn) {
		d->done = true;
		d->fn(ui, NULL, d->ctx);   /* closed some other way: cancelled */
	}
	if (d->loaded)
		wd_named_list_free(&d->l);
	FREE(&s->data);
}

static void delay_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct delay *d = s->data;
	int width = COLS;
	bool vi = word_lang_vi();
	char buf[512], range[8];
	long i;

	/* the digits that choose: as many as there are reasons, at most 9 */
	i = d->loaded ? (long)d->l.n : 0;
	snprintf(range, sizeof range, "1-%c", (char)('0' + (i > 9 ? 9 : i)));
	if (i <= 1)
		snprintf(range, sizeof range, "1");
	snprintf(buf, sizeof buf, _(" %s is overdue. Why was it late? (%s or Enter; Esc cancels)"),
	         d->ref, range);
	draw_text(NULL, top, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD);
	draw_blank(NULL, top + 1, 0, width, ui_attr(EL_DEFAULT));
	rows -= 2;
	top += 2;
	for (i = 0; i < rows; i++) {
		int y = top + (int)i, attr, x;
		const struct wd_named *r;

		if (!d->loaded || i >= (long)d->l.n) {
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		r = &d->l.v[i];
		attr = i == d->sel ? ui_attr(EL_CURSOR) : ui_attr(EL_DEFAULT);
		/* the cursor marks the row and keeps its digit: the key to press */
		if (i < 9)
			snprintf(buf, sizeof buf, "%c%ld ", i == d->sel ? '>' : ' ', i + 1);
		else
			snprintf(buf, sizeof buf, "%c  ", i == d->sel ? '>' : ' ');
		x = draw_text_np(NULL, y, 0, width, buf, attr);
		snprintf(buf, sizeof buf, "%-9s ", r->code);
		x += draw_text_np(NULL, y, x, width - x, buf, attr);
		/* the name in the interface's language only */
		draw_text(NULL, y, x, width - x, vi ? r->name_vi : r->name_en, attr);
	}
}

static bool delay_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct delay *d = s->data;
	long n = d->loaded ? (long)d->l.n : 0;

	switch (act) {
	case ACT_UP: d->sel--; break;
	case ACT_DOWN: d->sel++; break;
	case ACT_FIRST: d->sel = 0; break;
	case ACT_LAST: d->sel = n - 1; break;
	case ACT_PICK:
	case ACT_OPEN:
		if (d->sel >= 0 && d->sel < n)
			delay_finish(ui, s, d->l.v[d->sel].code);
		return true;
	case ACT_QUIT:
		return false;   /* the console asks first: the note is not sent yet */
	case ACT_BACK:
		ui_status(ui, "%s", _("cancelled: nothing sent"));
		delay_finish(ui, s, NULL);
		return true;
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return act == ACT_PAGE_UP || act == ACT_PAGE_DOWN;
	default:
		return true;   /* nothing else while choosing */
	}
	if (d->sel >= n)
		d->sel = n - 1;
	if (d->sel < 0)
		d->sel = 0;
	return true;
}

static bool delay_key(struct ui *ui, struct screen *s, int key)
{
	struct delay *d = s->data;

	if (key >= '1' && key <= '9' && d->loaded && key - '1' < (int)d->l.n) {
		delay_finish(ui, s, d->l.v[key - '1'].code);
		return true;
	}
	return false;
}

static const struct screen_ops delay_ops = {
	.name = "delay-reason",
	.keymap = KM_PICKER,
	.footer = delay_footer,
	.open = delay_open,
	.close = delay_close,
	.draw = delay_draw,
	.action = delay_action,
	.key = delay_key,
};

void ui_pick_delay_reason(struct ui *ui, const char *ref, delay_fn fn, void *ctx)
{
	struct delay *d = xcalloc(1, sizeof *d);

	snprintf(d->ref, sizeof d->ref, "%s", ref);
	d->fn = fn;
	d->ctx = ctx;
	next_delay = d;
	ui_push(ui, &delay_ops, NULL);
}
