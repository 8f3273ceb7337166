/* dialog_officer.c - the officer picker (dialogs.h): choose an officer,
 * with whether each is on duty, the cases each one holds, how many of them
 * are due soon and overdue (store_officers, store_board: the board's
 * wardesk.board()), on duty first, then least loaded; to assign a case to,
 * to hand over to, to reassign to.  A UI
 * service: the chooser calls back, it decides nothing itself. */
#include "wardesk/wardesk.h"

#include "wardesk/dialogs.h"
#include "wardesk/store_shift.h"
#include "wardesk/draw.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

struct picker {
	int64_t case_id;
	char ref[48];
	size_t *idx;      /* indexes into ui->officers */
	size_t n;
	long sel, top;
	int page;
	int y0;           /* screen line of the first officer shown (mouse) */
	pick_fn fn;       /* gets the login chosen */
	void *ctx;
	char title[160];  /* "": "Assign REF to:" */
	char exclude[64];
	struct wd_board b;   /* duty and deadlines per officer (store_board) */
	bool have_b;
};

static struct picker next_pick;   /* what ui_pick_officer asks picker_open for */

static const enum action_id picker_footer[] = {
	ACT_PICK, ACT_UP, ACT_DOWN, ACT_BACK, ACT_COUNT,
};

static const struct wd_officer_list *sort_list;
static const struct picker *sort_picker;

/* The board's row of login (NULL: off duty and holding nothing, or the
 * board could not be read). */
static const struct wd_board_row *board_row(const struct picker *p, const char *login)
{
	for (size_t i = 0; p->have_b && i < p->b.n; i++)
		if (!strcmp(p->b.v[i].login, login))
			return &p->b.v[i];
	return NULL;
}

static bool on_duty(const struct picker *p, const char *login)
{
	const struct wd_board_row *r = board_row(p, login);

	return r && r->on_duty;
}

static int by_load(const void *a, const void *b)
{
	const struct wd_officer *x = &sort_list->v[*(const size_t *)a];
	const struct wd_officer *y = &sort_list->v[*(const size_t *)b];
	bool dx = on_duty(sort_picker, x->login), dy = on_duty(sort_picker, y->login);

	if (dx != dy)
		return dx ? -1 : 1;
	if (x->open_cases != y->open_cases)
		return x->open_cases < y->open_cases ? -1 : 1;
	return strcmp(x->login, y->login);
}

static void picker_fill(struct ui *ui, struct picker *p)
{
	const char *ward = ui->live.have_me ? ui->live.me.ward_code : NULL;
	size_t i;

	free(p->idx);
	p->idx = NULL;
	p->n = 0;
	if (!ui->have_officers)
		return;
	p->idx = xcalloc(ui->officers.n + 1, sizeof *p->idx);
	for (i = 0; i < ui->officers.n; i++) {
		const struct wd_officer *o = &ui->officers.v[i];

		if (!o->active || (o->role != WD_ROLE_OFFICER && o->role != WD_ROLE_CHAIR))
			continue;
		if (ward && o->ward_code && strcmp(ward, o->ward_code) != 0)
			continue;
		if (p->exclude[0] && !strcmp(o->login, p->exclude))
			continue;
		p->idx[p->n++] = i;
	}
	sort_list = &ui->officers;
	sort_picker = p;
	qsort(p->idx, p->n, sizeof *p->idx, by_load);
}

static void picker_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct picker *p = xcalloc(1, sizeof *p);
	const struct mcase *c;

	(void)arg;
	p->fn = next_pick.fn;
	p->ctx = next_pick.ctx;
	p->case_id = next_pick.case_id;
	memcpy(p->title, next_pick.title, sizeof p->title);
	memcpy(p->exclude, next_pick.exclude, sizeof p->exclude);
	memset(&next_pick, 0, sizeof next_pick);
	c = model_find(ui->model, p->case_id);
	snprintf(p->ref, sizeof p->ref, "%s", c ? c->ref : "?");
	s->data = p;
	if (!ui_officers(ui))
		ui_error(ui, "%s", _("cannot list the officers while offline"));
	if (live_up(&ui->live)) {
		struct st_err err = { 0 };

		/* who is on duty, due soon and overdue: best effort (the columns
		 * show "-" when the board cannot be read) */
		p->have_b = store_board(ui->live.st, &p->b, &err) == ST_OK;
	}
	picker_fill(ui, p);
}

static void picker_close(struct ui *ui, struct screen *s)
{
	struct picker *p = s->data;

	(void)ui;
	free(p->idx);
	if (p->have_b)
		wd_board_free(&p->b);
	FREE(&s->data);
}

/* The title and the column heads. */
static void picker_heads(const struct picker *p, int top, int width)
{
	struct strbuf h = { 0 };
	char buf[256];

	if (p->title[0])
		snprintf(buf, sizeof buf, " %s", p->title);
	else if (p->exclude[0])
		snprintf(buf, sizeof buf, _(" Assign %s to (now held by %s):"), p->ref, p->exclude);
	else
		snprintf(buf, sizeof buf, _(" Assign %s to:"), p->ref);
	draw_text(NULL, top, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD);
	sb_puts(&h, "   ");
	text_sb_pad(&h, _("LOGIN"), 12, false);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("NAME"), 20, false);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("ROLE"), 8, false);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("DUTY"), 7, false);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("HOLDS"), 5, true);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("SOON"), 4, true);
	sb_putc(&h, ' ');
	text_sb_pad(&h, _("LATE"), 4, true);
	draw_text(NULL, top + 1, 0, width, h.s, ui_attr(EL_TITLE));
	sb_free(&h);
}

/* One officer: login, name, role, duty, held, due soon, overdue, a bar. */
static void picker_row(const struct picker *p, const struct wd_officer *o, bool cur, int y,
                       int width, int maxload)
{
	const struct wd_board_row *r = board_row(p, o->login);
	int attr = cur ? ui_attr(EL_CURSOR) : ui_attr(r && r->on_duty ? EL_DEFAULT : EL_DIM);
	int x = 0, barw;
	char buf[64];

	draw_text(NULL, y, x, 3, cur ? " > " : "   ", attr);
	x += 3;
	draw_text(NULL, y, x, 13, o->login, attr);
	x += 13;
	draw_text(NULL, y, x, 21, o->full_name, attr);
	x += 21;
	draw_text(NULL, y, x, 9, o->role == WD_ROLE_CHAIR ? word_label(WORD_ROLE, WD_ROLE_CHAIR) :
	          word_label(WORD_ROLE, WD_ROLE_OFFICER), attr);
	x += 9;
	/* TRANSLATORS: the officer picker's DUTY column (7 cells) */
	draw_text(NULL, y, x, 8, !p->have_b ? "-" : r && r->on_duty ? _("on duty") : _("off"), attr);
	x += 8;
	if (r)
		snprintf(buf, sizeof buf, "%5d %4d %4d ", o->open_cases, r->due_soon, r->overdue);
	else
		snprintf(buf, sizeof buf, "%5d %4s %4s ", o->open_cases, p->have_b ? "0" : "-",
		         p->have_b ? "0" : "-");
	draw_text(NULL, y, x, 16, buf, r && r->overdue && !cur ? ui_attr(EL_DEADLINE_OVERDUE) : attr);
	x += 16;
	if (x < width) {
		char bar[128] = "";
		int j;

		barw = width - x - 1 > 20 ? 20 : width - x - 1;
		barw = barw > 0 ? o->open_cases * barw / maxload : 0;
		for (j = 0; j < barw && (size_t)(j + 1) * 3 < sizeof bar; j++)
			strcat(bar, "\xe2\x96\x88");   /* █ */
		draw_text(NULL, y, x, width - x, bar, ui_attr(EL_BAR));
	}
}

static void picker_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct picker *p = s->data;
	int width = COLS, maxload = 1;
	long i;
	size_t k;

	picker_heads(p, top, width);
	rows -= 2;
	top += 2;
	p->page = rows;
	p->y0 = top;
	for (k = 0; k < p->n; k++)
		if (ui->officers.v[p->idx[k]].open_cases > maxload)
			maxload = ui->officers.v[p->idx[k]].open_cases;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (i = 0; i < rows; i++) {
		long at = p->top + i;
		int y = top + (int)i;

		if (at >= (long)p->n)
			draw_text(NULL, y, 0, width, p->n == 0 && i == 0 ? _("   No officer to assign to.") : "",
			          ui_attr(EL_DIM));
		else
			picker_row(p, &ui->officers.v[p->idx[at]], at == p->sel, y, width, maxload);
	}
}

static bool picker_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct picker *p = s->data;
	long page = p->page > 1 ? p->page : 1;

	switch (act) {
	case ACT_UP: p->sel--; break;
	case ACT_DOWN: p->sel++; break;
	case ACT_PAGE_UP: p->sel -= page; break;
	case ACT_PAGE_DOWN: p->sel += page; break;
	case ACT_FIRST: p->sel = 0; break;
	case ACT_LAST: p->sel = (long)p->n - 1; break;
	case ACT_PICK:
	case ACT_OPEN: {
		char login[64];
		pick_fn fn = p->fn;
		void *ctx = p->ctx;

		if (p->sel < 0 || p->sel >= (long)p->n)
			return true;
		snprintf(login, sizeof login, "%s", ui->officers.v[p->idx[p->sel]].login);
		ui_pop(ui);   /* frees p */
		fn(ui, login, ctx);
		return true;
	}
	default:
		return false;
	}
	if (p->sel >= (long)p->n)
		p->sel = (long)p->n - 1;
	if (p->sel < 0)
		p->sel = 0;
	return true;
}

static bool picker_click(struct ui *ui, struct screen *s, int y, int x)
{
	struct picker *p = s->data;
	long at = p->top + (y - p->y0);

	(void)ui;
	(void)x;
	if (y < p->y0 || y >= p->y0 + p->page || at >= (long)p->n)
		return false;
	p->sel = at;
	return true;
}

static void picker_changed(struct ui *ui, struct screen *s, int64_t id)
{
	(void)ui;
	(void)s;
	(void)id;
}

static int64_t picker_selected(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct picker *)s->data)->case_id;
}

static const struct screen_ops picker_ops;

static void pick(struct ui *ui, int64_t case_id, const char *title, const char *exclude,
                 pick_fn fn, void *ctx)
{
	memset(&next_pick, 0, sizeof next_pick);
	next_pick.case_id = case_id;
	next_pick.fn = fn;
	next_pick.ctx = ctx;
	snprintf(next_pick.title, sizeof next_pick.title, "%s", title ? title : "");
	snprintf(next_pick.exclude, sizeof next_pick.exclude, "%s", exclude ? exclude : "");
	ui_push(ui, &picker_ops, NULL);
}

void ui_pick_officer(struct ui *ui, const char *title, const char *exclude, pick_fn fn, void *ctx)
{
	pick(ui, 0, title, exclude, fn, ctx);
}

void ui_pick_officer_for(struct ui *ui, int64_t case_id, const char *holder, pick_fn fn,
                         void *ctx)
{
	pick(ui, case_id, NULL, holder, fn, ctx);
}

static const struct screen_ops picker_ops = {
	.name = "picker",
	.keymap = KM_PICKER,
	.footer = picker_footer,
	.open = picker_open,
	.close = picker_close,
	.draw = picker_draw,
	.action = picker_action,
	.changed = picker_changed,
	.click = picker_click,
	.selected = picker_selected,
};
