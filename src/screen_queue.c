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
#include "wardesk/model_seen.h"
#include "wardesk/screen_queue_can.h"
#include "wardesk/screen_queue_tabs.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

/* A row's address and summary, made once per frame (measure, draw_row). */
struct row_text {
	char addr[512], what[MCASE_SUMMARY + 32];
};

/* The cursor follows a case, not a row index: when the selected case
 * leaves the view (taken elsewhere, closed, escalated ...), a placeholder
 * line stays under the cursor ("BT-19 · taken by cuong") until the
 * officer moves, and case actions on it are refused (queue_refusal). */
struct queue {
	int64_t sel_id;
	long sel;       /* index in the view (of the placeholder when gone) */
	long top;       /* first visible line */
	int page;       /* rows shown last time */
	int y0;         /* screen line of the first row shown (mouse) */
	int64_t seen_id;
	int seen;       /* version of case seen_id as last drawn under the cursor */
	bool gone;      /* sel_id left the view: the placeholder is at sel */
	char gone_line[160];
	char *filter;   /* the filter the selection was last fixed for */
	char *last;     /* the last filter typed, kept after Esc (match-next) */
	int64_t *drawn; /* ids on the lines of the last frame (0: none), follow_rows */
	int ndrawn, drawn_y0, drawn_w;
	struct row_text *text;   /* this frame's rows' texts (measure) */
	int ntext;
};

static const enum action_id queue_footer[] = {
	ACT_OPEN, ACT_TICKET, ACT_TAKE, ACT_ASSIGN, ACT_ESCALATE, ACT_CLOSE, ACT_ACK, ACT_REOPEN,
	ACT_FILTER, ACT_VIEW_NEXT, ACT_COMMAND, ACT_HELP, ACT_QUIT, ACT_COUNT,
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

/* A case closed under the cursor: when, and who held it (the row has no
 * closer; only its holder or the chair may close it). */
static void gone_closed(struct queue *q, const char *ref, const char *owner, time_t at)
{
	char t[16];

	time_hhmm(at, t, sizeof t);
	if (owner && *owner)
		snprintf(q->gone_line, sizeof q->gone_line, _("%s · closed at %s, held by %s"), ref, t,
		         owner);
	else
		snprintf(q->gone_line, sizeof q->gone_line, _("%s · closed at %s"), ref, t);
}

/* Why the case left the view, in a few words, from the model's row; an
 * urgent case keeps its "!" (sql/014). */
static void gone_text(struct ui *ui, struct queue *q)
{
	const struct mcase *mc = model_find(ui->model, q->sel_id);
	const char *owner = mc ? model_owner(ui->model, mc) : NULL;
	const char *me = ui->live.have_me && ui->live.me.login ? ui->live.me.login : "";
	char ref[48];

	if (!mc) {
		snprintf(q->gone_line, sizeof q->gone_line, _("case %lld · no longer listed"),
		         (long long)q->sel_id);
		return;
	}
	snprintf(ref, sizeof ref, "%s%s", mc->flags & MCASE_URGENT ? "!" : "", mc->ref);
	if (mc->state == WD_RESOLVED)
		gone_closed(q, ref, owner, mc->closed_at);
	else if (owner && !strcmp(owner, me))
		snprintf(q->gone_line, sizeof q->gone_line, _("%s · now yours"), ref);
	else if (owner)
		snprintf(q->gone_line, sizeof q->gone_line, _("%s · taken by %s"), ref, owner);
	else
		snprintf(q->gone_line, sizeof q->gone_line, _("%s · left this view"), ref);
}

/* Lines shown: the view's rows, plus the placeholder. */
static long lines(struct ui *ui, const struct queue *q)
{
	return (long)model_visible(ui->model) + (q->gone ? 1 : 0);
}

/* The case on line i (NULL: the placeholder or past the end). */
static const struct mcase *line_case(struct ui *ui, const struct queue *q, long i)
{
	if (q->gone && i == q->sel)
		return NULL;
	if (q->gone && i > q->sel)
		i--;
	return i >= 0 ? model_row(ui->model, (size_t)i) : NULL;
}

/* After any change: find the selected case again; when it left the view,
 * hold its place with the placeholder instead of sliding onto the next. */
static void fix_selection(struct ui *ui, struct queue *q)
{
	long n = (long)model_visible(ui->model), at;

	at = q->sel_id ? model_row_of(ui->model, q->sel_id) : -1;
	if (at >= 0) {
		q->sel = at;
		q->gone = false;
		return;
	}
	if (q->sel_id) {
		q->gone = true;
		gone_text(ui, q);
		q->seen = 0;
		if (q->sel > n)
			q->sel = n;
		if (q->sel < 0)
			q->sel = 0;
		return;
	}
	if (q->sel >= n)
		q->sel = n - 1;
	if (q->sel < 0)
		q->sel = 0;
	q->sel_id = n ? model_row(ui->model, (size_t)q->sel)->id : 0;
}

/* The view or the filter changed: no placeholder; the nearest row, or
 * for a new filter (typed, or a cluster from the map) that leaves the
 * selected case out, its first case. */
static void reselect(struct ui *ui, struct queue *q)
{
	long n = (long)model_visible(ui->model);
	bool refilter = *model_filter(ui->model) && strcmp(q->filter ? q->filter : "", model_filter(ui->model));

	free(q->filter);
	q->filter = xstrdup(model_filter(ui->model));
	if (*q->filter) {
		free(q->last);
		q->last = xstrdup(q->filter);
	}
	q->gone = false;
	if (q->sel_id && model_row_of(ui->model, q->sel_id) < 0) {
		q->sel_id = 0;
		if (refilter)
			q->sel = 0;
	}
	if (q->sel >= n)
		q->sel = n - 1;
	fix_selection(ui, q);
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
	struct queue *q = s->data;

	(void)ui;
	free(q->filter);
	free(q->last);
	free(q->drawn);
	free(q->text);
	FREE(&s->data);
}

/* Column layout for a width and for the rows on screen: the address and
 * the summary (what happened) share the spare width, each no wider than
 * its longest text on screen, so a wide terminal keeps its blanks at the
 * end of the line and pads no column with them.  Below 100 columns the two
 * share one cell ("12 Nguyễn Xí · Cống nghẹt"); narrower than 70 the state
 * goes, and (below 60) the owner. */
struct cols {
	int mark, ref, left, chan, cat, addr, what, owner, state, esc;
	bool joined;    /* address and summary in one cell */
};

#define SUMMARY_MAX 80

static void layout(int width, int maxaddr, int maxwhat, struct cols *c)
{
	int fixed, spare, smin;

	c->mark = 3;
	c->ref = width >= 120 ? 10 : 8;
	c->left = 6;
	c->chan = 5;
	c->cat = 4;
	c->owner = width >= 120 ? 12 : 8;
	c->state = 11;
	c->esc = 3;   /* "!", "!!", "!!✓" (caserules.c chain_mark) */
	/* one space between columns: 9 gaps */
	fixed = c->mark + c->ref + c->left + c->chan + c->cat + c->owner + c->state + c->esc + 9;
	spare = width - fixed;
	if (maxwhat > SUMMARY_MAX)
		maxwhat = SUMMARY_MAX;
	c->joined = spare < 40;
	if (!c->joined) {
		smin = spare / 4 > 20 ? spare / 4 : 20;
		if (smin > maxwhat)
			smin = maxwhat;
		c->addr = spare - smin;
		if (c->addr > maxaddr)
			c->addr = maxaddr > 12 ? maxaddr : 12;
		c->what = spare - c->addr;
		if (c->what > maxwhat)
			c->what = maxwhat > 8 ? maxwhat : 8;
		return;
	}
	c->what = 0;
	c->addr = spare + 1;   /* the summary's gap too */
	if (c->addr < 12) {
		c->addr += c->state + 1;
		c->state = 0;
	}
	if (c->addr < 6) {
		c->addr += c->owner + 1;
		c->owner = 0;
	}
	if (c->addr < 1)
		c->addr = 1;
}

static void draw_heads(const struct cols *c, int y, int width)
{
	int title = ui_attr(EL_TITLE) | (int)A_BOLD;
	struct draw_cells l = { .blank = title };

	draw_cells_add(&l, c->mark, "", title, false);
	draw_cells_add(&l, c->ref, ui_tr(N_("REF")), title, false);
	draw_cells_add(&l, c->left, ui_tr(N_("LEFT")), title, true);
	draw_cells_add(&l, c->chan, ui_tr(N_("CHAN")), title, false);
	draw_cells_add(&l, c->cat, ui_tr(N_("CAT")), title, false);
	draw_cells_add(&l, c->addr, c->joined ? ui_tr(N_("ADDRESS · SUMMARY")) : ui_tr(N_("ADDRESS")), title, false);
	draw_cells_add(&l, c->what, ui_tr(N_("SUMMARY")), title, false);
	draw_cells_add(&l, c->owner, ui_tr(N_("OWNER")), title, false);
	draw_cells_add(&l, c->state, ui_tr(N_("STATE")), title, false);
	draw_cells_add(&l, c->esc, "!", title, false);
	draw_cells(&l, y, width);
}

/* countdown_format, kept for the second: a frame's rows often share a
 * deadline's countdown with the last frame's (many frames a second while
 * cases flood in), and its snprintf was a quarter of a row's cost. */
static void countdown_kept(time_t now, time_t deadline, char *left, size_t leftsz)
{
	static struct { time_t now, deadline; char s[16]; } memo[32];
	size_t h = (size_t)((uint64_t)deadline * 0x9E3779B97F4A7C15ULL >> 59);   /* 0 .. 31 */

	if (memo[h].now != now || memo[h].deadline != deadline || !memo[h].s[0]) {
		countdown_format(now, deadline, memo[h].s, sizeof memo[h].s);
		memo[h].now = now;
		memo[h].deadline = deadline;
	}
	ui_copy(left, leftsz, memo[h].s);
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
	countdown_kept(now, mc->deadline, left, leftsz);
	/* the colour follows the escalation too (the database's clock decided
	 * it, and it may run ahead of ours) */
	if (mc->escalation >= 2)
		u = URG_OVERDUE;
	else if (mc->escalation == 1 && u < URG_CRITICAL)
		u = URG_CRITICAL;
	return u;
}

/* Whether the text after an address's last comma names the ward (folded,
 * with or without "phuong"): kept per text (a few differ on a screen), the
 * ward's folded name with them. */
static bool names_ward(const char *ward, const char *tail)
{
	static char *ward_of, *ward_folded;   /* the ward's name folded once, not per row */
	static struct { char *tail; bool same; } memo[32];
	uint64_t h = 1469598103934665603ULL;
	const char *fw;
	char *ft;
	bool same;

	if (!ward_of || strcmp(ward_of, ward) != 0) {
		free(ward_of);
		free(ward_folded);
		ward_of = xstrdup(ward);
		ward_folded = model_fold(ward);
		for (size_t i = 0; i < ARRAY_SIZE(memo); i++)
			FREE(&memo[i].tail);
	}
	for (const unsigned char *p = (const unsigned char *)tail; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h %= ARRAY_SIZE(memo);
	if (memo[h].tail && !strcmp(memo[h].tail, tail))
		return memo[h].same;
	fw = ward_folded;
	ft = model_fold(tail);
	same = ft && fw && (!strcmp(ft, fw) || (!strncmp(ft, "phuong ", 7) && !strcmp(ft + 7, fw)) ||
	                    (!strncmp(fw, "phuong ", 7) && !strcmp(fw + 7, ft)));
	free(ft);
	free(memo[h].tail);
	memo[h].tail = xstrdup(tail);
	memo[h].same = same;
	return same;
}

/* The address without the ward's own name ("12 Nguyễn Xí, Phường Bình
 * Thạnh" -> "12 Nguyễn Xí" on Bình Thạnh's desk): every case is there. */
static void short_address(struct ui *ui, const char *a, char *out, size_t outsz)
{
	const char *ward = ui->live.have_me ? ui->live.me.ward_name : NULL;
	const char *comma = strrchr(a, ',');

	ui_copy(out, outsz, a);
	if (!ward || !*ward || !comma || comma == a)
		return;
	if (names_ward(ward, comma + 1) && (size_t)(comma - a) < outsz)
		out[comma - a] = '\0';
}

/* What happened: likely duplicate (≈, "=" on an ASCII terminal), call back
 * wanted (☎) and the hotline line (P police, C committee), then the
 * description's first words: "≈☎P Tai nạn…". */
static void row_what(const struct mcase *mc, char *out, size_t outsz)
{
	char sum[MCASE_SUMMARY + 1];
	const char *line = "";
	size_t n = 0;

	/* (looked up only for the cases that have one: each row, each frame) */
	if (mc->flags & MCASE_POLICE)
		/* TRANSLATORS: the queue's mark for a call on the ward police line
		 * (one or two letters) */
		line = ui_tr(N_("P"));
	else if (mc->flags & MCASE_COMMITTEE)
		/* TRANSLATORS: the queue's mark for a call on the ward committee
		 * line (one or two letters) */
		line = ui_tr(N_("C"));
	n += ui_copy(out + n, outsz - n, mc->flags & MCASE_DUP ? "\xe2\x89\x88" : "");
	n += ui_copy(out + n, outsz - n, mc->flags & MCASE_CALLBACK ? "\xe2\x98\x8e" : "");
	n += ui_copy(out + n, outsz - n, line);
	n += ui_copy(out + n, outsz - n,
	              mc->flags & (MCASE_DUP | MCASE_CALLBACK | MCASE_POLICE | MCASE_COMMITTEE) ? " " : "");
	ui_copy(out + n, outsz - n, model_summary(mc, sum));
}

/* The widest address and summary among the lines from `from` on, and the
 * rows' texts (t[0 .. rows - 1]). */
static void measure(struct ui *ui, const struct queue *q, long from, int rows, struct row_text *t,
                    int *ma, int *mw)
{
	char abuf[MCASE_ADDRESS_PACKED + 1];
	long i;
	int w;

	*ma = *mw = 0;
	for (i = from; i < from + rows; i++) {
		const struct mcase *mc = line_case(ui, q, i);
		struct row_text *r = &t[i - from];

		if (!mc)
			continue;
		short_address(ui, model_address(mc, abuf), r->addr, sizeof r->addr);
		if ((w = draw_width(r->addr)) > *ma)
			*ma = w;
		row_what(mc, r->what, sizeof r->what);
		if ((w = draw_width(r->what)) > *mw)
			*mw = w;
	}
}

/* word_label, once per process (the language does not change: tr). */
static const char *label(enum word_kind k, int v)
{
	static const char *memo[WORD_KIND_COUNT][16];

	if ((unsigned)k >= WORD_KIND_COUNT || v < 0 || v >= 16)
		return word_label(k, v);
	if (!memo[k][v])
		memo[k][v] = word_label(k, v);
	return memo[k][v];
}

/* One case's line. */
static void draw_row(struct ui *ui, const struct cols *c, const struct mcase *mc,
                     const struct row_text *t, bool cur, int y, int width, int stale, time_t now)
{
	long newsecs = config_int(SET_NEW_MARK_SECONDS);
	char left[16], addr[sizeof t->addr + sizeof t->what + 8], ref[64];
	const char *owner = model_owner(ui->model, mc), *mark;
	enum mark_tone tone;
	enum urgency u = row_urgency(mc, now, left, sizeof left);
	bool urgent = mc->flags & MCASE_URGENT;
	int base, uattr, rattr;
	struct draw_cells l = { 0 };

	base = cur ? ui_attr(EL_CURSOR)
	       : mc->state == WD_RESOLVED ? ui_attr(EL_STATE_RESOLVED) : ui_attr(EL_DEFAULT);
	base |= stale;
	l.blank = base;
	uattr = ui_attr(urgency_element(u)) | stale;
	if (cur)
		uattr |= (int)A_REVERSE;
	if (newsecs > 0 && seen_is_new(mc))
		draw_cells_add(&l, c->mark, ui_tr(N_("NEW")), (cur ? base : ui_attr(EL_CASE_NEW)) | stale, false);
	else
		draw_cells_add(&l, c->mark, "", base, false);
	/* an urgent case: "!" before the reference (a character: it survives
	 * the monochrome theme and NO_COLOR), in the theme's urgent colour */
	ref[0] = '!';
	ui_copy(ref + urgent, sizeof ref - urgent, mc->ref);
	rattr = mc->state == WD_RESOLVED ? base : urgent ? (cur ? base : ui_attr(EL_URGENT) | stale)
	        : mc->escalation ? uattr : base;
	draw_cells_add(&l, c->ref, ref, rattr, false);
	draw_cells_add(&l, c->left, left, uattr, true);
	draw_cells_add(&l, c->chan, label(WORD_CHANNEL, (int)mc->channel), base, false);
	draw_cells_add(&l, c->cat, model_category(ui->model, mc), base, false);
	if (!c->joined) {
		draw_cells_add(&l, c->addr, t->addr, base, false);
		draw_cells_add(&l, c->what, t->what, base, false);
	} else {
		size_t n = ui_copy(addr, sizeof addr, t->addr);

		n += ui_copy(addr + n, sizeof addr - n, *t->addr && *t->what ? " \xc2\xb7 " : "");
		ui_copy(addr + n, sizeof addr - n, t->what);
		draw_cells_add(&l, c->addr, addr, base, false);
	}
	draw_cells_add(&l, c->owner, owner ? owner : "-", base, false);
	draw_cells_add(&l, c->state, label(WORD_STATE, (int)mc->state), base, false);
	mark = chain_mark(mc, &tone);
	draw_cells_add(&l, c->esc, mark, *mark && !cur ? ui_attr(tone_element(tone)) | stale : base, false);
	draw_cells(&l, y, width);
}

/* Where the cursor is ("12/47") at the right of the tabs line, when the
 * view holds more rows than the screen shows; "12/…" while a typed
 * filter is still counting (model_set_filter_soon: only its first rows
 * are known). */
static int position_text(const struct queue *q, long n, int rows, bool counting, char *buf,
                         size_t sz)
{
	if (counting)
		snprintf(buf, sz, " %ld/… ", q->sel + 1);
	else if (n <= rows) {
		buf[0] = '\0';
		return 0;
	} else
		snprintf(buf, sz, " %ld/%ld ", q->sel + 1, n);
	return draw_width(buf);
}

/* The line of a case that left the view, where its row was. */
static void draw_placeholder(const struct queue *q, const struct cols *c, int y, int width)
{
	int x = c->mark + 1 < width ? c->mark + 1 : 0;

	draw_blank(NULL, y, 0, x, ui_attr(EL_CURSOR));
	draw_text(NULL, y, x, width - x, q->gone_line, ui_attr(EL_CURSOR) | (int)A_DIM);
}

/* n > 0 when the rows of old are n lines lower in now (cases came in
 * above them), n < 0 when higher (cases left above them), else 0. */
static int row_shift(const int64_t *old, const int64_t *now, int rows)
{
	for (int n = 1; n < rows; n++) {
		if (old[0] && now[n] == old[0] && (n + 1 >= rows || now[n + 1] == old[1]))
			return n;
		if (now[0] && old[n] == now[0] && (n + 1 >= rows || old[n + 1] == now[1]))
			return -n;
	}
	return 0;
}

/* The rows moved since the last frame (a new case sorted in above them, or
 * one above them left): move their lines with them (draw_scroll), so their
 * cells are in place and only what changed is drawn again.  An optimisation
 * only: draw.c compares the cells themselves before it skips a call. */
static void follow_rows(struct ui *ui, struct queue *q, int y0, int rows, int width)
{
	int64_t *now = xcalloc((size_t)rows, sizeof *now);
	int shift = 0;

	for (int i = 0; i < rows; i++) {
		const struct mcase *mc = line_case(ui, q, q->top + i);

		now[i] = mc ? mc->id : 0;
	}
	if (q->drawn && q->ndrawn == rows && q->drawn_y0 == y0 && q->drawn_w == width &&
	    now[0] != q->drawn[0])
		shift = row_shift(q->drawn, now, rows);
	if (shift)
		draw_scroll(y0, rows, shift);
	free(q->drawn);
	q->drawn = now;
	q->ndrawn = rows;
	q->drawn_y0 = y0;
	q->drawn_w = width;
}

static void queue_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct queue *q = s->data;
	int width = COLS, stale = ui->live.state == LIVE_UP ? 0 : (int)A_DIM;
	long n, i;
	struct cols c;
	time_t now = desk_now();
	int maxaddr, maxwhat, reserve;
	char pos[48];

	if (rows < 3)
		return;
	fix_selection(ui, q);
	rows -= 2;
	top += 2;
	q->page = rows;
	q->y0 = top;
	n = lines(ui, q);
	reserve = position_text(q, n, rows, model_filter_counting(ui->model), pos, sizeof pos);
	if (q->sel < q->top)
		q->top = q->sel;
	if (q->sel >= q->top + rows)
		q->top = q->sel - rows + 1;
	if (q->top > n - rows)
		q->top = n - rows;
	if (q->top < 0)
		q->top = 0;
	if (q->ntext < rows) {
		q->text = xreallocarray(q->text, (size_t)rows, sizeof *q->text);
		q->ntext = rows;
	}
	measure(ui, q, q->top, rows, q->text, &maxaddr, &maxwhat);
	layout(width, maxaddr, maxwhat, &c);
	draw_heads(&c, top - 1, width);
	queue_tabs_draw(ui, top - 2, width, pos, reserve, stale);
	follow_rows(ui, q, top, rows, width);
	for (i = 0; i < rows; i++) {
		const struct mcase *mc = line_case(ui, q, q->top + i);
		int y = top + (int)i;

		if (mc && q->top + i == q->sel) {
			q->seen_id = mc->id;
			q->seen = mc->version;
		}
		if (mc)
			draw_row(ui, &c, mc, &q->text[i], q->top + i == q->sel, y, width, stale, now);
		else if (q->gone && q->top + i == q->sel)
			draw_placeholder(q, &c, y, width);
		else if (i == 0 && n == 0)
			draw_text(NULL, y, 0, width,
			          *model_filter(ui->model) ? _("   No case matches the filter (Esc clears it).")
			                                   : _("   No cases in this view."),
			          ui_attr(EL_DIM));
		else
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
	}
}

/* Move the cursor to line `to`; any move lets the placeholder go. */
static void move_to(struct ui *ui, struct queue *q, long to)
{
	long n = lines(ui, q);
	const struct mcase *mc;

	if (to >= n)
		to = n - 1;
	if (to < 0)
		to = 0;
	if (q->gone && to == q->sel)    /* nowhere to go: the case now there */
		to = q->sel < n - 1 ? q->sel + 1 : q->sel - 1;
	mc = line_case(ui, q, to);
	/* the case the cursor leaves has been seen: no longer NEW */
	if (!q->gone && q->sel_id && (!mc || mc->id != q->sel_id))
		seen_mark(q->sel_id);
	if (q->gone && to > q->sel)
		to--;
	q->gone = false;
	q->sel = to < 0 ? 0 : to;
	q->sel_id = mc ? mc->id : 0;
}

/* ] and [: the next (dir 1) or previous (-1) case matching the filter,
 * round the end of the view; with the filter cleared (Esc), the last one
 * typed, so the matches can be stepped through among the other cases. */
static void move_match(struct ui *ui, struct queue *q, int dir)
{
	const char *text = *model_filter(ui->model) ? model_filter(ui->model) : q->last;
	long n = lines(ui, q), i, at;

	if (!text || !*text) {
		ui_error(ui, _("no filter to match: type / first"));
		return;
	}
	for (i = 1; i <= n; i++) {
		const struct mcase *mc;

		at = ((q->sel + dir * i) % n + n) % n;
		mc = line_case(ui, q, at);
		if (mc && model_case_matches(mc, text)) {
			bool wrapped = dir > 0 ? at <= q->sel : at >= q->sel;

			move_to(ui, q, at);
			if (wrapped)
				ui_status(ui, dir > 0 ? _("search wrapped to the top: %s")
				                      : _("search wrapped to the bottom: %s"), text);
			return;
		}
	}
	ui_error(ui, _("no case in this view matches \"%s\""), text);
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
	case ACT_LAST: move_to(ui, q, lines(ui, q) - 1); return true;
	case ACT_MATCH_NEXT: move_match(ui, q, 1); return true;
	case ACT_MATCH_PREV: move_match(ui, q, -1); return true;
	case ACT_OPEN:
		if (q->sel_id)
			ui_open(ui, SCR_DETAIL, &q->sel_id);   /* seen (screen_detail.c) */
		else
			ui_error(ui, _("no case selected"));
		return true;
	case ACT_BACK:
		if (*model_filter(ui->model)) {
			model_set_filter(ui->model, NULL);
			reselect(ui, q);
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
		reselect(ui, q);
		return true;
	case ACT_VIEW_NEXT:
		model_set_view(ui->model, (enum view_id)((model_view(ui->model) + 1) % VIEW_COUNT));
		reselect(ui, q);
		return true;
	default:
		return false;
	}
}

/* A click selects the line under the pointer (as moving there would). */
static bool queue_click(struct ui *ui, struct screen *s, int y, int x)
{
	struct queue *q = s->data;
	long at = q->top + (y - q->y0);

	(void)x;
	if (y < q->y0 || y >= q->y0 + q->page || at >= lines(ui, q))
		return false;
	if (at != q->sel)
		move_to(ui, q, at);
	return true;
}

static void queue_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct queue *q = s->data;

	/* a filter typed leaves no placeholder behind; a resync does */
	if (id == 0 && strcmp(q->filter ? q->filter : "", model_filter(ui->model)) != 0) {
		reselect(ui, q);
	} else {
		fix_selection(ui, q);
	}
}

static int64_t queue_selected(struct ui *ui, struct screen *s)
{
	struct queue *q = s->data;

	fix_selection(ui, q);
	return q->sel_id;
}

static int queue_seen(struct ui *ui, struct screen *s)
{
	struct queue *q = s->data;

	(void)ui;
	return q->seen_id == q->sel_id && !q->gone ? q->seen : 0;
}

static const char *queue_refusal(struct ui *ui, struct screen *s)
{
	struct queue *q = s->data;

	fix_selection(ui, q);
	return q->gone ? q->gone_line : NULL;
}

/* The footer follows the selected row (screen_queue_can.c): no take on a
 * resolved case, reopen to the chair on one, as the detail's footer. */
static bool queue_offers(struct ui *ui, struct screen *s, enum action_id act)
{
	struct queue *q = s->data;

	if (!q->sel_id || q->gone)
		return true;
	return queue_can_offers(ui, model_find(ui->model, q->sel_id), act);
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
	.click = queue_click,
	.selected = queue_selected,
	.seen = queue_seen,
	.refusal = queue_refusal,
	.offers = queue_offers,
};
