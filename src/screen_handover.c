/* screen_handover.c - shift handover (H), both sides.
 *
 * Top: my shift (s starts it, E ends it) and the pending handovers I can
 * act on: addressed to me (A acknowledges: the cases move to me in one
 * transaction, store_handover_ack), written by me (x cancels), or, for the
 * chair, every pending one of the ward.  Below: every case I hold in
 * progress (store_handover_preview) with the time left and promised
 * call-backs; Space leaves a case out (kept by me) or puts it back.
 *
 * w writes the handover: the note line by line on the prompt (each Enter
 * adds a line, an empty line ends the note, Esc cancels everything), then
 * the incoming officer from the officer picker, then y/n; then
 * store_handover_create.  Nothing moves until the incoming officer
 * acknowledges.  Re-read on every shift / handover notification, case
 * change and minute. */
#include "wardesk/wardesk.h"

#include "wardesk/deskclock.h"
#include "wardesk/dialogs.h"
#include "wardesk/draw.h"
#include "wardesk/drafts.h"
#include "wardesk/prompt.h"
#include "wardesk/screen_handover_read.h"
#include "wardesk/store_shift.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

struct hrow {
	bool pending;      /* a pending handover (else one of my cases) */
	size_t i;          /* index into ho.v or preview.cases */
};

struct hover {
	bool loaded, stale;
	struct wd_handover pv;          /* my cases now */
	struct wd_handover_list ho;     /* pending handovers shown */
	struct hrow *rows;
	size_t nrows;
	char **excluded;                /* refs left out, kept across reloads */
	size_t nexcluded;
	long sel, top;
	int page;
	int y0;                         /* screen line of the first row (mouse); -1 none */
	/* reading one handover for me, whole, before A or D */
	bool reading;
	struct wd_handover rd;
	long rscroll;
};

static const enum action_id handover_footer[] = {
	ACT_HO_TOGGLE, ACT_HO_WRITE, ACT_HO_ACK, ACT_HO_DECLINE, ACT_HO_CANCEL, ACT_SHIFT_START, ACT_SHIFT_END,
	ACT_BACK, ACT_COUNT,
};

#define HO_NOTE_DRAFT "handover.note"   /* the note being written (drafts.h) */

/* The flow of writing one handover (one at a time). */
static struct {
	bool busy;
	struct strbuf note;
	int lines;
	char to[64];
	char **exclude;      /* NULL-terminated copy */
	int n_in, n_out;
} wr;

static const char *me(struct ui *ui)
{
	return ui->live.have_me && ui->live.me.login ? ui->live.me.login
	       : ui->live.st ? store_login(ui->live.st) : "";
}

static bool is_excluded(const struct hover *h, const char *ref)
{
	for (size_t i = 0; i < h->nexcluded; i++)
		if (!strcmp(h->excluded[i], ref))
			return true;
	return false;
}

static void toggle_excluded(struct hover *h, const char *ref)
{
	for (size_t i = 0; i < h->nexcluded; i++)
		if (!strcmp(h->excluded[i], ref)) {
			free(h->excluded[i]);
			h->excluded[i] = h->excluded[--h->nexcluded];
			return;
		}
	h->excluded = xreallocarray(h->excluded, h->nexcluded + 1, sizeof *h->excluded);
	h->excluded[h->nexcluded++] = xstrdup(ref);
}

static bool shown_pending(struct ui *ui, const struct wd_handover *x)
{
	const char *m = me(ui);

	if (ui->live.have_me && ui->live.me.role == WD_ROLE_CHAIR)
		return true;   /* an unacknowledged handover stays visible to the chair */
	return (x->to && !strcmp(x->to, m)) || (x->from && !strcmp(x->from, m));
}

static void hover_load(struct ui *ui, struct hover *h)
{
	struct st_err err = { 0 };
	struct wd_handover pv;
	struct wd_handover_list ho;
	enum st_status s;
	size_t i;

	h->stale = false;
	if (!live_up(&ui->live))
		return;
	s = store_handover_preview(ui->live.st, &pv, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	s = store_handovers_pending(ui->live.st, &ho, &err);
	if (s != ST_OK) {
		wd_handover_free(&pv);
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (h->loaded) {
		wd_handover_free(&h->pv);
		wd_handover_list_free(&h->ho);
	}
	h->pv = pv;
	h->ho = ho;
	h->loaded = true;
	free(h->rows);
	h->rows = xcalloc(ho.n + pv.ncases + 1, sizeof *h->rows);
	h->nrows = 0;
	for (i = 0; i < ho.n; i++)
		if (shown_pending(ui, &ho.v[i])) {
			h->rows[h->nrows].pending = true;
			h->rows[h->nrows++].i = i;
		}
	for (i = 0; i < pv.ncases; i++) {
		h->rows[h->nrows].pending = false;
		h->rows[h->nrows++].i = i;
	}
	if (h->sel >= (long)h->nrows)
		h->sel = (long)h->nrows - 1;
	if (h->sel < 0)
		h->sel = 0;
}

static void hover_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct hover *h = xcalloc(1, sizeof *h);

	(void)arg;
	h->y0 = -1;
	s->data = h;
	hover_load(ui, h);
	/* the cursor starts on a handover waiting for me, if any */
	for (size_t i = 0; h->loaded && i < h->nrows; i++) {
		const struct wd_handover *x = h->rows[i].pending ? &h->ho.v[h->rows[i].i] : NULL;

		if (x && x->to && !strcmp(x->to, me(ui))) {
			h->sel = (long)i;
			break;
		}
	}
}

static void read_stop(struct hover *h)
{
	if (h->reading)
		wd_handover_free(&h->rd);
	h->reading = false;
	h->rscroll = 0;
}

/* Open handover id, whole, for reading (A acknowledges, D declines). */
static void read_start(struct ui *ui, struct hover *h, int64_t id)
{
	struct st_err err = { 0 };
	struct wd_handover rd;
	enum st_status s;

	if (!ui_need_live(ui))
		return;
	s = store_handover_get(ui->live.st, id, 0, &rd, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
		return;
	}
	read_stop(h);
	h->rd = rd;
	h->reading = true;
	{
		char kdown[32], ka[32];

		/* the keys as bound, named as the footer names them ("↓") */
		snprintf(kdown, sizeof kdown, "%s", ui_key_for(KM_HANDOVER, ACT_DOWN));
		snprintf(ka, sizeof ka, "%s", ui_key_for(KM_HANDOVER, ACT_HO_ACK));
		ui_status(ui, _("Read handover #%lld to the end (%s scrolls): %s acknowledges, %s declines"),
		          (long long)id, kdown, ka, ui_key_for(KM_HANDOVER, ACT_HO_DECLINE));
	}
}

static void hover_close(struct ui *ui, struct screen *s)
{
	struct hover *h = s->data;

	(void)ui;
	read_stop(h);
	if (h->loaded) {
		wd_handover_free(&h->pv);
		wd_handover_list_free(&h->ho);
	}
	for (size_t i = 0; i < h->nexcluded; i++)
		free(h->excluded[i]);
	free(h->excluded);
	free(h->rows);
	FREE(&s->data);
}

/* A pending handover's line. */
static void draw_pending_row(struct ui *ui, const struct wd_handover *x, bool cur, int y,
                             int width, int attr, int stale)
{
	bool mine = x->to && !strcmp(x->to, me(ui));
	char buf[512], t[32];

	time_hhmm(x->created_at, t, sizeof t);
	snprintf(buf, sizeof buf, ngettext("%s#%lld %s → %s, %d case, written %s%s",
	                                   "%s#%lld %s → %s, %d cases, written %s%s",
	                                   (unsigned long)x->n_included),
	         cur ? " > " : "   ", (long long)x->id, x->from ? x->from : "?",
	         x->to ? x->to : "?", x->n_included, t,
	         mine ? _(" · FOR YOU: acknowledge with A") : _(" · waiting"));
	draw_text(NULL, y, 0, width, buf, cur ? attr : ui_attr(EL_ESCALATED) | (int)A_BOLD | stale);
}

/* Whether one of my cases is urgent: the model knows (its own cases are
 * in it); the handover's rows come from the database without it. */
static bool case_urgent(struct ui *ui, const struct wd_handover_case *c)
{
	const struct mcase *mc = model_find_ref(ui->model, c->ref);

	return mc && (mc->flags & MCASE_URGENT);
}

/* One of my cases: [x] handed over or [ ] kept, countdown, description. */
static void draw_case_row(struct hover *h, const struct wd_handover_case *c, bool cur, bool urgent,
                          int y, int width, int attr, int stale, time_t now)
{
	bool out = is_excluded(h, c->ref);
	time_t due = c->deadline_now ? c->deadline_now : c->deadline_at;
	enum urgency u = deadline_urgency(now, due, 0);
	char buf[512], t[32], ref[48];
	int x;

	countdown_format(now, due, t, sizeof t);
	snprintf(ref, sizeof ref, "%s%s", urgent ? "!" : "", c->ref);   /* sql/014 */
	snprintf(buf, sizeof buf, "%s[%s] %-10s %-5s ", cur ? " > " : "   ", out ? " " : "x",
	         ref, c->category ? c->category : "");
	x = draw_text_np(NULL, y, 0, width, buf, attr);
	snprintf(buf, sizeof buf, "%7s ", t);
	if (x < width)
		x += draw_text_np(NULL, y, x, width - x, buf,
		                  cur ? attr : ui_attr(u == URG_OVERDUE ? EL_DEADLINE_OVERDUE :
		                  u == URG_CRITICAL ? EL_DEADLINE_CRITICAL : EL_DEADLINE_NORMAL) | stale);
	snprintf(buf, sizeof buf, "%s%s%s", c->callback_wanted ? _("☎ call back · ") : "",
	         out ? _("(kept) ") : "", c->description ? c->description : "");
	if (x < width)
		draw_text(NULL, y, x, width - x, buf, out && !cur ? ui_attr(EL_DIM) : attr);
}

/* The title line: on or off shift. */
static void draw_title(struct ui *ui, int y, int width, int stale)
{
	char buf[512], t[32];

	if (ui->live.shift_id) {
		time_hhmm(ui->live.shift_started, t, sizeof t);
		snprintf(buf, sizeof buf, _(" Shift handover · you are on shift since %s (%s ends it)"), t,
		         ui_key_for(KM_HANDOVER, ACT_SHIFT_END));
	} else {
		snprintf(buf, sizeof buf, _(" Shift handover · you are off shift (%s starts it)"),
		         ui_key_for(KM_HANDOVER, ACT_SHIFT_START));
	}
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD | stale);
}

/* "You hold N cases: ..." */
static void draw_counts(struct hover *h, int y, int width, int stale)
{
	size_t n_in = 0, n_out = 0, npend = 0, i;
	char buf[512];

	for (i = 0; i < h->pv.ncases; i++) {
		if (is_excluded(h, h->pv.cases[i].ref))
			n_out++;
		else
			n_in++;
	}
	for (i = 0; i < h->nrows; i++)
		npend += h->rows[i].pending;
	i = (size_t)snprintf(buf, sizeof buf,
	                     ngettext(" You hold %zu case: %zu to hand over, %zu kept",
	                              " You hold %zu cases: %zu to hand over, %zu kept", h->pv.ncases),
	                     h->pv.ncases, n_in, n_out);
	if (i < sizeof buf)
		snprintf(buf + i, sizeof buf - i,
		         ngettext(" · %zu pending handover", " · %zu pending handovers", npend), npend);
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_DEFAULT) | stale);
}

static void hover_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct hover *h = s->data;
	int width = COLS, y = top, bottom = top + rows, stale;
	time_t now = desk_now();
	long k;

	if (h->stale)
		hover_load(ui, h);
	h->y0 = -1;
	if (h->reading) {
		ho_read_draw(&h->rd, now, top, rows, &h->rscroll);
		return;
	}
	stale = live_up(&ui->live) ? 0 : (int)A_DIM;
	draw_title(ui, y++, width, stale);
	if (!h->loaded) {
		draw_text(NULL, y++, 0, width, _(" Not available while offline."), ui_attr(EL_DIM));
		while (y < bottom)
			draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
		return;
	}
	draw_counts(h, y++, width, stale);
	h->page = bottom - y > 1 ? bottom - y : 1;
	h->y0 = y;
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + h->page)
		h->top = h->sel - h->page + 1;
	for (k = h->top; k < (long)h->nrows && y < bottom; k++) {
		const struct hrow *r = &h->rows[k];
		bool cur = k == h->sel;
		int attr = (cur ? ui_attr(EL_CURSOR) : ui_attr(EL_DEFAULT)) | stale;

		if (r->pending)
			draw_pending_row(ui, &h->ho.v[r->i], cur, y++, width, attr, stale);
		else
			draw_case_row(h, &h->pv.cases[r->i], cur, case_urgent(ui, &h->pv.cases[r->i]), y++,
			              width, attr, stale, now);
	}
	if (!h->nrows && y < bottom)
		draw_text(NULL, y++, 0, width, _("   You hold no case in progress and no handover waits."),
		          ui_attr(EL_DIM));
	while (y < bottom)
		draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
}

/* ---- writing a handover ---- */

static void wr_reset(void)
{
	sb_free(&wr.note);
	if (wr.exclude)
		for (char **p = wr.exclude; *p; p++)
			free(*p);
	free(wr.exclude);
	memset(&wr, 0, sizeof wr);
}

static void wr_confirmed(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	int64_t id = 0;
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true)) {
		wr_reset();
		return;
	}
	s = store_handover_create(ui->live.st, wr.to, wr.note.s ? wr.note.s : "",
	                          (const char *const *)wr.exclude, &id, &err);
	if (s == ST_OK) {
		struct hover *h = ui_screen_is(ui, ui->top, SCR_HANDOVER) ? ui->top->data : NULL;

		ui_status(ui, ngettext("handover #%lld written: %d case waits for %s to acknowledge",
		                       "handover #%lld written: %d cases wait for %s to acknowledge",
		                       (unsigned long)wr.n_in),
		          (long long)id, wr.n_in, wr.to);
		draft_remove(HO_NOTE_DRAFT);
		/* the cases left out stay with me; the next handover starts afresh */
		for (size_t i = 0; h && i < h->nexcluded; i++)
			free(h->excluded[i]);
		if (h)
			h->nexcluded = 0;
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	wr_reset();
	ui_shift_refresh(ui);
}

static void wr_picked(struct ui *ui, const char *login, void *ctx)
{
	char q[512];

	(void)ctx;
	snprintf(wr.to, sizeof wr.to, "%s", login);
	snprintf(q, sizeof q, ngettext("Hand %d case over to %s (%d kept, note of %d lines)? [y/n]",
	                               "Hand %d cases over to %s (%d kept, note of %d lines)? [y/n]",
	                               (unsigned long)wr.n_in), wr.n_in,
	         wr.to, wr.n_out, wr.lines);
	ui_ask(ui, q, "yn", wr_confirmed, NULL);
}

/* The next line of the note; the note so far and the line are a draft. */
static void wr_ask_line(struct ui *ui, const char *label, prompt_fn fn)
{
	struct draft d = { 0 };

	snprintf(d.key, sizeof d.key, "%s", HO_NOTE_DRAFT);
	snprintf(d.action, sizeof d.action, "handover");
	d.text = wr.note.s;
	prompt_start(ui, PROMPT_TEXT, label, NULL, fn, NULL);
	prompt_keep_draft(&d);
}

static void wr_note_line(struct ui *ui, const char *line, void *ctx)
{
	char label[128];

	(void)ctx;
	if (!line) {
		ui_status(ui, _("cancelled: nothing sent"));
		wr_reset();
		return;
	}
	if (!line[strspn(line, " \t")]) {
		if (!wr.lines) {
			ui_error(ui, _("cancelled: a handover note is required, nothing sent"));
			wr_reset();
			return;
		}
		ui_pick_officer(ui, _("Hand over to (the incoming officer):"), me(ui), wr_picked, NULL);
		return;
	}
	if (wr.lines++)
		sb_putc(&wr.note, '\n');
	sb_puts(&wr.note, line);
	snprintf(label, sizeof label, _("Note line %d (empty line ends, Esc cancels): "), wr.lines + 1);
	wr_ask_line(ui, label, wr_note_line);
}

static void write_start(struct ui *ui, struct hover *h)
{
	size_t i, k = 0;

	if (!ui_need_live(ui))
		return;
	if (!h->loaded || !h->pv.ncases) {
		ui_error(ui, "%s", _("you hold no case in progress: nothing to hand over"));
		return;
	}
	wr_reset();
	wr.busy = true;
	wr.exclude = xcalloc(h->pv.ncases + 1, sizeof *wr.exclude);
	for (i = 0; i < h->pv.ncases; i++) {
		if (is_excluded(h, h->pv.cases[i].ref)) {
			wr.exclude[k++] = xstrdup(h->pv.cases[i].ref);
			wr.n_out++;
		} else {
			wr.n_in++;
		}
	}
	{
		struct draft d;
		char label[160], msg[128], at[16];

		if (draft_load(HO_NOTE_DRAFT, &d)) {   /* the note typed before, offered back */
			for (char *p = d.text; *p; p++)
				wr.lines += *p == '\n';
			wr.lines++;
			sb_puts(&wr.note, d.text);
			time_hhmm(d.saved, at, sizeof at);
			snprintf(label, sizeof label, _("Note line %d (empty line ends, Esc cancels): "),
			         wr.lines + 1);
			wr_ask_line(ui, label, wr_note_line);
			snprintf(msg, sizeof msg, _("draft from %s restored: %d lines of the note so far"),
			         at, wr.lines);
			prompt_set_hint(msg);
			draft_free(&d);
			return;
		}
	}
	wr_ask_line(ui, _("Handover note, line 1 (empty line ends, Esc cancels): "), wr_note_line);
}

/* ---- acknowledge / cancel ---- */

static int64_t act_id;

static void ack_answer(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true))
		return;
	s = store_handover_ack(ui->live.st, act_id, &err);
	if (s == ST_OK) {
		ui_status(ui, _("handover #%lld acknowledged: its cases are yours now"), (long long)act_id);
		if (ui_screen_is(ui, ui->top, SCR_HANDOVER))
			read_stop(ui->top->data);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	ui_shift_refresh(ui);
}

static void cancel_answer(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true))
		return;
	s = store_handover_cancel(ui->live.st, act_id, &err);
	if (s == ST_OK)
		ui_status(ui, _("handover #%lld cancelled: the cases stay where they are"), (long long)act_id);
	else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	ui_shift_refresh(ui);
}

static void decline_note(struct ui *ui, const char *line, void *ctx)
{
	struct st_err err = { 0 };
	char key[96];
	enum st_status s;

	(void)ctx;
	snprintf(key, sizeof key, "handover-%lld.decline", (long long)act_id);
	if (!line || !line[strspn(line, " \t")]) {
		ui_status(ui, "%s", line ? _("cancelled: a note is required, nothing sent")
		                         : _("cancelled: nothing sent; the note is kept as a draft"));
		return;
	}
	if (!live_up(&ui->live)) {
		ui_error(ui, "%s", _("offline: not sent; the note is kept as a draft, try again when live"));
		return;
	}
	s = store_handover_decline(ui->live.st, act_id, line, &err);
	if (s == ST_OK) {
		draft_remove(key);
		ui_status(ui, _("handover #%lld declined: the cases stay with its writer, who is told"),
		          (long long)act_id);
		if (ui_screen_is(ui, ui->top, SCR_HANDOVER))
			read_stop(ui->top->data);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
		ui_error(ui, _("%s; the note is kept as a draft"), err.msg);
	}
	ui_shift_refresh(ui);
}

/* D while reading: why not?  The note is a draft until sent. */
static void decline_start(struct ui *ui, struct hover *h)
{
	struct draft d = { 0 }, old;
	char q[256];
	bool have;

	act_id = h->rd.id;
	snprintf(d.key, sizeof d.key, "handover-%lld.decline", (long long)act_id);
	snprintf(d.action, sizeof d.action, "decline");
	have = draft_load(d.key, &old);
	snprintf(q, sizeof q, _("Decline handover #%lld from %s: why? "), (long long)act_id,
	         h->rd.from ? h->rd.from : "?");
	prompt_start(ui, PROMPT_TEXT, q, have ? old.text : NULL, decline_note, NULL);
	prompt_keep_draft(&d);
	if (have)
		draft_free(&old);
}

/* Keys while reading a handover. */
static bool read_action(struct ui *ui, struct hover *h, enum action_id act)
{
	char q[256];

	switch (act) {
	case ACT_UP: h->rscroll--; break;
	case ACT_DOWN: h->rscroll++; break;
	case ACT_PAGE_UP: h->rscroll -= h->page > 1 ? h->page : 10; break;
	case ACT_PAGE_DOWN: h->rscroll += h->page > 1 ? h->page : 10; break;
	case ACT_HO_ACK:
		act_id = h->rd.id;
		snprintf(q, sizeof q, ngettext("Acknowledge handover #%lld from %s: %d case becomes yours? [y/n]",
		                               "Acknowledge handover #%lld from %s: %d cases become yours? [y/n]",
		                               (unsigned long)h->rd.n_included),
		         (long long)h->rd.id, h->rd.from ? h->rd.from : "?", h->rd.n_included);
		ui_ask(ui, q, "yn", ack_answer, NULL);
		break;
	case ACT_HO_DECLINE:
		decline_start(ui, h);
		break;
	case ACT_BACK:
	case ACT_QUIT:
		read_stop(h);
		break;
	case ACT_HELP:
	case ACT_COMMAND:
	case ACT_REDRAW:
		return false;
	default:
		break;
	}
	ui_dirty(ui);
	return true;
}

/* The pending handover under the cursor; for A also the one waiting for me. */
static const struct wd_handover *pending_at(struct ui *ui, struct hover *h, bool for_me)
{
	if (h->sel >= 0 && h->sel < (long)h->nrows && h->rows[h->sel].pending)
		return &h->ho.v[h->rows[h->sel].i];
	if (for_me)
		for (size_t i = 0; i < h->nrows; i++) {
			const struct wd_handover *x = h->rows[i].pending ? &h->ho.v[h->rows[i].i] : NULL;

			if (x && x->to && !strcmp(x->to, me(ui)))
				return x;
		}
	return NULL;
}

static bool hover_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct hover *h = s->data;
	long page = h->page > 1 ? h->page : 1;
	char q[256];

	if (h->reading)
		return read_action(ui, h, act);
	switch (act) {
	case ACT_UP: h->sel--; break;
	case ACT_DOWN: h->sel++; break;
	case ACT_PAGE_UP: h->sel -= page; break;
	case ACT_PAGE_DOWN: h->sel += page; break;
	case ACT_FIRST: h->sel = 0; break;
	case ACT_LAST: h->sel = (long)h->nrows - 1; break;
	case ACT_HO_TOGGLE:
		if (h->sel >= 0 && h->sel < (long)h->nrows && !h->rows[h->sel].pending) {
			toggle_excluded(h, h->pv.cases[h->rows[h->sel].i].ref);
			h->sel++;
		} else {
			ui_error(ui, "%s", _("Space leaves one of your cases out: move to a case first"));
		}
		break;
	case ACT_HO_WRITE:
		if (ui_permit(ui, act))
			write_start(ui, h);
		return true;
	case ACT_HO_ACK:
	case ACT_HO_DECLINE: {
		const struct wd_handover *x = pending_at(ui, h, true);

		if (!ui_permit(ui, act))
			return true;
		if (!x || !x->to || strcmp(x->to, me(ui)) != 0) {
			ui_error(ui, "%s", x ? _("this handover is not addressed to you: only its incoming officer acknowledges it")
			                     : _("no handover waits for you"));
			return true;
		}
		read_start(ui, h, x->id);   /* the whole of it first */
		return true;
	}
	case ACT_HO_READ: {   /* Enter: the handover under the cursor, if it is mine */
		const struct wd_handover *x = pending_at(ui, h, false);

		if (!x)
			ui_error(ui, "%s", _("move to a pending handover first"));
		else if (!x->to || strcmp(x->to, me(ui)) != 0)
			ui_error(ui, "%s", _("this handover is not addressed to you: only its incoming officer acknowledges it"));
		else
			read_start(ui, h, x->id);
		return true;
	}
	case ACT_HO_CANCEL: {
		const struct wd_handover *x = pending_at(ui, h, false);

		if (!x) {
			ui_error(ui, "%s", _("move to a pending handover first"));
			return true;
		}
		act_id = x->id;
		snprintf(q, sizeof q, _("Cancel handover #%lld from %s to %s? [y/n]"), (long long)x->id,
		         x->from ? x->from : "?", x->to ? x->to : "?");
		ui_ask(ui, q, "yn", cancel_answer, NULL);
		return true;
	}
	default:
		return false;
	}
	if (h->sel >= (long)h->nrows)
		h->sel = (long)h->nrows - 1;
	if (h->sel < 0)
		h->sel = 0;
	return true;
}

static void hover_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct hover *h = s->data;

	(void)ui;
	(void)id;
	h->stale = true;
}

static int64_t hover_selected(struct ui *ui, struct screen *s)
{
	struct hover *h = s->data;

	(void)ui;
	if (h->loaded && h->sel >= 0 && h->sel < (long)h->nrows && !h->rows[h->sel].pending)
		return h->pv.cases[h->rows[h->sel].i].case_id;
	return 0;
}

/* A click selects the row of the list drawn there (not while reading). */
static bool hover_click(struct ui *ui, struct screen *s, int y, int x)
{
	struct hover *h = s->data;
	long at = h->top + (y - h->y0);

	(void)ui;
	(void)x;
	if (h->reading || h->y0 < 0 || y < h->y0 || y >= h->y0 + h->page || at >= (long)h->nrows)
		return false;
	h->sel = at;
	return true;
}

/* While reading, the footer offers what the reading keys do (read_action):
 * accept, decline and back; not include, write, cancel or the shift's. */
static bool hover_offers(struct ui *ui, struct screen *s, enum action_id act)
{
	const struct hover *h = s->data;

	(void)ui;
	return !h->reading || act == ACT_HO_ACK || act == ACT_HO_DECLINE || act == ACT_BACK ||
	       act == ACT_HELP;
}

const struct screen_ops handover_ops = {
	.name = "handover",
	.keymap = KM_HANDOVER,
	.footer = handover_footer,
	.open = hover_open,
	.close = hover_close,
	.draw = hover_draw,
	.action = hover_action,
	.changed = hover_changed,
	.click = hover_click,
	.selected = hover_selected,
	.offers = hover_offers,
};
