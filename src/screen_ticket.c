/* screen_ticket.c - the phone-ticket form (issue 4): one hotline call,
 * typed while the caller is on the line.
 *
 * Fields: caller name, phone, hotline line (ward police / ward committee),
 * address, category, description, call back.  Text fields are edited in
 * place with the console's readline (prompt_start_field); the form takes
 * Tab / Shift-Tab / Up / Down / Enter / Esc / C-l / C-n / C-p before readline
 * sees them (keymap "form").  The two choice fields are not edited: Space,
 * Left, Right (and 1 / 2 for the line) change them.
 *
 * The phone is checked with phone_normalize when the field is left (a bad
 * number keeps the focus and says why on the status line); as soon as it
 * is a valid number, the earlier cases of that number are listed
 * (store_cases_by_phone) and C-l links the call to the selected open one
 * (store_add_reporter) instead of creating a duplicate.  Enter on the last
 * field saves (store_report, channel hotline, received at the time the form
 * was opened); a refusal keeps everything typed.  Esc asks before throwing
 * a half-typed ticket away.
 *
 * Ownership: struct ticket (s->data) owns the field texts, the earlier-case
 * list and the category list; all of it is freed by ticket_close. */
#include "wardesk/wardesk.h"

#include <strings.h>

#include "wardesk/bindings.h"
#include "wardesk/drafts.h"
#include "wardesk/draw.h"
#include "wardesk/model_seen.h"
#include "wardesk/phone.h"
#include "wardesk/prompt.h"
#include "wardesk/screen_ticket_form.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_intake.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/caseops.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

/* The line the last ticket was saved for: a desk usually answers one. */
static int last_line = LINE_POLICE;

static const enum action_id ticket_footer[] = {
	ACT_FORM_NEXT, ACT_FORM_ENTER, ACT_FORM_SAVE, ACT_FORM_RESTORE, ACT_FORM_LINK, ACT_BACK,
	ACT_FORM_URGENT, ACT_FORM_SEL_NEXT, ACT_COUNT,
};

static bool is_text(enum field f)
{
	return f != F_LINE && f != F_CALLBACK;
}

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t")];
}

static void set_val(struct ticket *t, enum field f, const char *text)
{
	char *copy = xstrdup(text ? text : "");

	free(t->val[f]);
	t->val[f] = copy;
}

static bool is_form(struct ui *ui, const struct ticket *t)
{
	return ui_screen_is(ui, ui->top, SCR_TICKET) && ui->top->data == t;
}

/* ---- earlier cases of the caller's number ---- */

static void earlier_clear(struct ticket *t)
{
	if (t->have_earlier)
		wd_case_list_free(&t->earlier);
	t->have_earlier = false;
	t->looked_up[0] = '\0';
	t->esel = t->etop = 0;
}

static void earlier_load(struct ui *ui, struct ticket *t, const char *norm)
{
	struct st_err err = { 0 };
	struct wd_case_list l;
	enum st_status s;
	size_t i;

	if (!live_up(&ui->live))
		return;
	s = store_cases_by_phone(ui->live.st, norm, EARLIER_MAX, &l, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
		return;
	}
	earlier_clear(t);
	t->earlier = l;
	t->have_earlier = true;
	snprintf(t->looked_up, sizeof t->looked_up, "%s", norm);
	/* select the newest open case: the one a repeat caller is about */
	for (i = 0; i < l.n; i++)
		if (l.v[i].state != WD_RESOLVED)
			break;
	t->esel = i < l.n ? (long)i : 0;
	ui_dirty(ui);
}

/* The phone field changed: list the earlier cases as soon as it is a valid
 * number (and forget them when it no longer is). */
static void phone_typed(struct ui *ui, struct ticket *t)
{
	char norm[128];

	if (phone_normalize(t->val[F_PHONE], norm, sizeof norm) == PHONE_INVALID) {
		if (t->looked_up[0])
			earlier_clear(t);
		return;
	}
	if (ui->status_error) {   /* a refusal of what was typed before */
		ui->status[0] = '\0';
		ui->status_error = false;
	}
	if (strcmp(norm, t->looked_up) != 0)
		earlier_load(ui, t, norm);
}

/* Leaving the phone field: false (and the reason on the status line) when
 * the number cannot be Vietnamese.  An empty number is fine. */
static bool phone_ok(struct ui *ui, struct ticket *t)
{
	char norm[128];

	if (blank(t->val[F_PHONE])) {
		earlier_clear(t);
		return true;
	}
	if (phone_normalize(t->val[F_PHONE], norm, sizeof norm) == PHONE_INVALID) {
		ui_error(ui, _("Phone number not accepted: %s"), norm);
		return false;
	}
	if (strcmp(norm, t->looked_up) != 0)
		earlier_load(ui, t, norm);
	return true;
}

/* ---- editing ---- */

static bool field_key(struct ui *ui, int key, bool code, void *ctx);
static void field_changed(struct ui *ui, const char *text, void *ctx);
static void field_done(struct ui *ui, const char *line, void *ctx);

static void edit_start(struct ui *ui, struct ticket *t)
{
	if (!is_form(ui, t) || !is_text(t->focus) || prompt_active() || ui->ask_cb)
		return;
	prompt_start_field(ui, t->val[t->focus],
	                   t->focus == F_CATEGORY ? (const char *const *)t->codes : NULL, field_key,
	                   field_changed, field_done, t);
}

static void edit_stop(struct ui *ui, struct ticket *t)
{
	if (!prompt_field_active(t))
		return;
	set_val(t, t->focus, prompt_text());
	prompt_stop(ui);
}

static void field_hint(struct ui *ui, struct ticket *t)
{
	switch (t->focus) {
	case F_LINE:
		ui_status(ui, "%s", _("Space switches the line (1 ward police, 2 ward committee)"));
		break;
	case F_CATEGORY:
		ui_status(ui, _("Type the category code (Tab completes; %s / %s choose from the list)"),
		          ticket_key_of(ACT_FORM_SEL_NEXT).s, ticket_key_of(ACT_FORM_SEL_PREV).s);
		break;
	case F_CALLBACK:
		ui_status(ui, _("Space: does the caller want a call back?  %s saves the ticket"),
		          ui_key_for(KM_FORM, ACT_FORM_ENTER));
		break;
	default:
		ui->status[0] = '\0';
		ui->status_error = false;
		break;
	}
}

/* Move delta fields (forward checks what is left; back never does, and
 * keeps a half-typed text).  The form does not wrap: Tab on the last field
 * never lands in the caller's name. */
static void go(struct ui *ui, struct ticket *t, int delta)
{
	int to = (int)t->focus + delta;

	edit_stop(ui, t);
	if (delta > 0 && t->focus == F_CATEGORY)
		ticket_cat_resolve(t);   /* "cay" -> CX */
	if (delta > 0 && ((t->focus == F_PHONE && !phone_ok(ui, t)) ||
	                  (t->focus == F_CATEGORY && !ticket_category_ok(ui, t)))) {
		edit_start(ui, t);   /* stay in the field */
		return;
	}
	if (t->focus == F_CATEGORY && ticket_cat_index(t) >= 0)   /* "mt " -> "MT" */
		set_val(t, F_CATEGORY, t->cats.v[ticket_cat_index(t)].code);
	if (to < 0 || to >= F_COUNT) {
		if (to < 0)
			ui_status(ui, "%s", _("first field"));
		else
			ui_status(ui, _("last field: %s saves the ticket"), ticket_key_of(ACT_FORM_ENTER).s);
		edit_start(ui, t);
		return;
	}
	t->focus = (enum field)to;
	field_hint(ui, t);
	edit_start(ui, t);
	ui_dirty(ui);
}

static bool empty_form(const struct ticket *t)
{
	for (int f = 0; f < F_COUNT; f++)
		if (is_text((enum field)f) && !blank(t->val[f]))
			return false;
	return true;
}

/* ---- save, link, discard ---- */

static void save(struct ui *ui, struct ticket *t)
{
	struct wd_report r = { 0 };
	struct st_err err = { 0 };
	char norm[128], cat[64], ref[32], *desc;
	const char *c;
	enum st_status s;

	edit_stop(ui, t);
	if (!blank(t->val[F_PHONE]) &&
	    phone_normalize(t->val[F_PHONE], norm, sizeof norm) == PHONE_INVALID) {
		t->focus = F_PHONE;
		ui_error(ui, _("Phone number not accepted: %s"), norm);
		edit_start(ui, t);
		return;
	}
	if (blank(t->val[F_CATEGORY])) {
		t->focus = F_CATEGORY;
		ui_error(ui, "%s", _("not saved: a category is needed (type its code; Tab completes)"));
		edit_start(ui, t);
		return;
	}
	if (!ticket_category_ok(ui, t)) {
		t->focus = F_CATEGORY;
		edit_start(ui, t);
		return;
	}
	if (blank(t->val[F_DESCRIPTION])) {
		t->focus = F_DESCRIPTION;
		ui_error(ui, "%s", _("not saved: a description is needed (what is the caller reporting?)"));
		edit_start(ui, t);
		return;
	}
	if (!live_up(&ui->live)) {
		ui_error(ui, "%s", _("offline: not saved; the ticket stays here, save again once live"));
		edit_start(ui, t);
		return;
	}
	c = t->val[F_CATEGORY] + strspn(t->val[F_CATEGORY], " \t");
	snprintf(cat, sizeof cat, "%.*s", (int)strcspn(c, " \t"), c);
	r.category = cat;
	r.description = desc = ticket_para_to_lines(t->val[F_DESCRIPTION]);
	r.address = blank(t->val[F_ADDRESS]) ? NULL : t->val[F_ADDRESS];
	r.phone = blank(t->val[F_PHONE]) ? NULL : norm;
	r.name = blank(t->val[F_NAME]) ? NULL : t->val[F_NAME];
	r.channel = WD_CH_HOTLINE;
	r.received_at = t->opened;
	r.hotline_line = t->line == LINE_COMMITTEE ? "committee" : "police";
	r.callback = t->callback;
	/* nobody pressed the urgent key: the category's default (the database's) */
	r.priority = t->prio == PRIO_URGENT ? "urgent" : t->prio == PRIO_NORMAL ? "normal" : NULL;
	s = store_report(ui->live.st, &r, ref, sizeof ref, &err);
	free(desc);
	if (s == ST_OK) {
		last_line = t->line;
		/* saved: neither the form nor the ticket discarded before is kept */
		draft_remove(TICKET_DRAFT_FORM);
		draft_remove(TICKET_DRAFT_DISCARDED);
		seen_mark_ref(ref);   /* written here: never NEW for its writer */
		ui_pop(ui);   /* frees t */
		ui_status(ui, _("%s saved"), ref);   /* the loop applies our own NOTIFY */
		return;
	}
	if (s == ST_OFFLINE) {
		live_lost(&ui->live, &err);
		ui_error(ui, _("connection lost (%s): not saved; the ticket stays here"), err.msg);
	} else {
		ui_error(ui, _("not saved: %s"), err.msg);
	}
	edit_start(ui, t);
}

/* Link the call: the caller is one more reporter of the selected case, what
 * they said now (said, may be blank) its note. */
static void link_send(struct ui *ui, struct ticket *t, const char *said)
{
	struct st_err err = { 0 };
	const struct wd_case *c;
	char ref[48], done[160];
	int64_t id;
	enum st_status s;

	if (!live_up(&ui->live) || !t->have_earlier || t->esel >= (long)t->earlier.n) {
		ui_error(ui, "%s", _("offline: not linked; the ticket stays here"));
		edit_start(ui, t);
		return;
	}
	c = &t->earlier.v[t->esel];
	snprintf(ref, sizeof ref, "%s", c->ref);
	id = c->id;
	s = store_add_reporter(ui->live.st, ref, blank(t->val[F_NAME]) ? NULL : t->val[F_NAME],
	                       t->val[F_PHONE], blank(said) ? NULL : said, &err);
	if (s == ST_OK) {
		draft_remove(TICKET_DRAFT_FORM);
		ui_pop(ui);   /* frees t */
		live_refetch(&ui->live, id);
		ui_status(ui, _("call linked to %s: the caller is one more reporter, no new case"), ref);
		snprintf(done, sizeof done, _("call linked to %s."), ref);
		caseop_offer_urgent(ui, ref, done);   /* a repeat call may say it got worse */
		return;
	}
	if (s == ST_OFFLINE) {
		live_lost(&ui->live, &err);
		ui_error(ui, _("connection lost (%s): not linked; the ticket stays here"), err.msg);
	} else {
		ui_error(ui, _("not linked: %s"), err.msg);
	}
	edit_start(ui, t);
}

static void link_said(struct ui *ui, const char *line, void *ctx)
{
	struct ticket *t = ctx;

	if (!is_form(ui, t))
		return;
	if (!line) {
		ui_status(ui, "%s", _("not linked: go on with the ticket"));
		edit_start(ui, t);
		return;
	}
	link_send(ui, t, line);
}

static void link_answer(struct ui *ui, int answer, void *ctx)
{
	struct ticket *t = ctx;
	char q[160];

	if (!is_form(ui, t))
		return;
	if (answer != 'y') {
		ui_status(ui, "%s", _("not linked: go on with the ticket"));
		edit_start(ui, t);
		return;
	}
	if (!blank(t->val[F_DESCRIPTION])) {
		link_send(ui, t, t->val[F_DESCRIPTION]);
		return;
	}
	/* a repeat call: what did they say this time? (issue 11, section 5) */
	snprintf(q, sizeof q, "%s", _("What did the caller say now? (Enter for nothing) "));
	prompt_start(ui, PROMPT_TEXT, q, NULL, link_said, t);
}

static void link_start(struct ui *ui, struct ticket *t)
{
	const struct wd_case *c;
	char q[256];

	if (!t->have_earlier || t->earlier.n == 0) {
		ui_error(ui, "%s", _("no earlier case to link to: type the caller's phone number first"));
		return;
	}
	c = &t->earlier.v[t->esel];
	if (c->state == WD_RESOLVED) {
		ui_error(ui, _("%s is resolved: a call can be linked only to an open case"), c->ref);
		return;
	}
	edit_stop(ui, t);
	snprintf(q, sizeof q, _("Link this call to %s instead of a new case? [y/n]"), c->ref);
	ui_ask(ui, q, "yn", link_answer, t);
}

static void discard_answer(struct ui *ui, int answer, void *ctx)
{
	struct ticket *t = ctx;

	if (!is_form(ui, t))
		return;
	if (answer == 'y') {
		/* kept once: the next ticket can bring it back */
		ticket_draft_write(t, TICKET_DRAFT_DISCARDED, false);
		ticket_draft_write(t, TICKET_DRAFT_FORM, true);
		ui_pop(ui);   /* frees t */
		ui_status(ui, _("ticket discarded (%s in a new ticket brings it back)"),
		          ticket_key_of(ACT_FORM_RESTORE).s);
		return;
	}
	ui_status(ui, "%s", _("ticket kept: go on"));
	edit_start(ui, t);
}

static void back(struct ui *ui, struct ticket *t)
{
	edit_stop(ui, t);
	if (empty_form(t)) {
		ticket_draft_write(t, TICKET_DRAFT_FORM, true);
		ui_pop(ui);   /* frees t */
		/* the form's hints (its keys, the field's) do not apply below */
		ui->status[0] = '\0';
		ui->status_error = false;
		return;
	}
	ui_ask(ui, _("Discard this ticket? [y/n]"), "yn", discard_answer, t);
}

static void restore(struct ui *ui, struct ticket *t)
{
	char at[16];
	time_t saved;

	edit_stop(ui, t);
	if (ticket_draft_read(t, TICKET_DRAFT_DISCARDED, &saved)) {
		time_hhmm(saved, at, sizeof at);
		ui_status(ui, _("the ticket discarded at %s is back"), at);
	} else {
		const char *bad = drafts_problem();

		ui_error(ui, "%s", *bad ? bad : _("no discarded ticket to bring back"));
	}
	if (t->focus == F_PHONE || !blank(t->val[F_PHONE]))
		phone_typed(ui, t);
	edit_start(ui, t);
}

static void select_step(struct ui *ui, struct ticket *t, int d)
{
	if (t->focus == F_CATEGORY) {
		long i = ticket_cat_index(t), n;

		if (!t->have_cats || t->cats.n == 0)
			return;
		n = (long)t->cats.n;
		i = i < 0 ? (d > 0 ? 0 : n - 1) : (i + d + n) % n;
		edit_stop(ui, t);
		set_val(t, F_CATEGORY, t->cats.v[i].code);
		edit_start(ui, t);
		return;
	}
	if (!t->have_earlier || t->earlier.n == 0)
		return;
	t->esel += d;
	if (t->esel >= (long)t->earlier.n)
		t->esel = (long)t->earlier.n - 1;
	if (t->esel < 0)
		t->esel = 0;
}

/* One form action; false when it is not one. */
static bool form_do(struct ui *ui, struct ticket *t, enum action_id act)
{
	switch (act) {
	case ACT_FORM_NEXT:
	case ACT_DOWN:
		go(ui, t, 1);
		break;
	case ACT_FORM_PREV:
	case ACT_UP:
		go(ui, t, -1);
		break;
	case ACT_FORM_ENTER:
		if (t->focus == F_DESCRIPTION && prompt_field_active(t)) {
			prompt_insert(ui, " " TICKET_PARA " ");   /* a new line */
			set_val(t, F_DESCRIPTION, prompt_text());
		} else if (t->focus == F_COUNT - 1) {
			save(ui, t);
		} else {
			go(ui, t, 1);
		}
		break;
	case ACT_FORM_SAVE:
		save(ui, t);
		break;
	case ACT_FORM_RESTORE:
		restore(ui, t);
		break;
	case ACT_FORM_URGENT:
		t->prio = ticket_urgent(t) ? PRIO_NORMAL : PRIO_URGENT;
		ui_status(ui, "%s", t->prio == PRIO_URGENT
		          ? _("URGENT: first in every queue, everyone on duty and the chair alerted")
		          : _("normal priority"));
		break;
	case ACT_FORM_LINK:
		link_start(ui, t);
		break;
	case ACT_FORM_SEL_NEXT:
		select_step(ui, t, 1);
		break;
	case ACT_FORM_SEL_PREV:
		select_step(ui, t, -1);
		break;
	case ACT_BACK:
		back(ui, t);
		break;
	default:
		return false;
	}
	ui_dirty(ui);
	return true;
}

/* ---- readline hooks ---- */

/* Every key, before readline sees it. */
static bool field_key(struct ui *ui, int key, bool code, void *ctx)
{
	struct ticket *t = ctx;
	int act;

	if (!is_form(ui, t)) {
		/* another screen came on top while editing: stop, keep the text */
		edit_stop(ui, t);
		return true;
	}
	if (!code && (key == 7 || key == 3))          /* C-g, C-c: like Esc */
		return form_do(ui, t, ACT_BACK);
	if (!code && key == 4 && !*prompt_text())   /* C-d on an empty field */
		return true;
	/* Printable characters are text, whatever the generic keymap binds
	 * (j/k, q ...); so is non-ASCII (U+0103 "ă" is also KEY_UP's number). */
	if (!code && key >= 0x20 && key != 0x7f)
		return false;
	act = bindings_lookup(KM_FORM, key);
	if (act == ACT_FORM_NEXT && t->focus == F_CATEGORY && !blank(prompt_text()) &&
	    ticket_cat_index(t) < 0 && ticket_cat_matches(t, (long[2]){ 0 }, 2) != 1 &&
	    ticket_cat_prefix(t, prompt_text()))
		return false;   /* complete the code first (readline's Tab) */
	switch (act) {
	case ACT_FORM_NEXT:
	case ACT_FORM_PREV:
	case ACT_FORM_ENTER:
	case ACT_FORM_SAVE:
	case ACT_FORM_RESTORE:
	case ACT_FORM_URGENT:
	case ACT_FORM_LINK:
	case ACT_FORM_SEL_NEXT:
	case ACT_FORM_SEL_PREV:
	case ACT_UP:
	case ACT_DOWN:
	case ACT_BACK:
		return form_do(ui, t, (enum action_id)act);
	default:
		break;
	}
	/* Enter must never reach readline: it would end the edit. */
	return !code ? key == '\r' || key == '\n' : key == KEY_ENTER;
}

static void field_changed(struct ui *ui, const char *text, void *ctx)
{
	struct ticket *t = ctx;

	set_val(t, t->focus, text);
	if (t->focus == F_PHONE)
		phone_typed(ui, t);
}

/* The edit ended from outside: cancelled (SIGINT) is as Esc. */
static void field_done(struct ui *ui, const char *line, void *ctx)
{
	struct ticket *t = ctx;

	if (!is_form(ui, t))
		return;
	if (line) {   /* readline accepted the line some other way (C-o): as Enter */
		set_val(t, t->focus, line);
		form_do(ui, t, ACT_FORM_ENTER);
		return;
	}
	back(ui, t);
}

/* ---- screen ---- */

static void ticket_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct ticket *t = xcalloc(1, sizeof *t);
	char at[16];
	time_t saved;

	(void)arg;
	t->opened = time(NULL);
	for (int f = 0; f < F_COUNT; f++)
		t->val[f] = xstrdup("");
	t->line = last_line;
	s->data = t;
	if (prompt_active())
		prompt_cancel(ui);
	ticket_cats_load(ui, t);
	ui_status(ui, _("Phone ticket: %s / %s move, %s saves, %s discards"),
	          ticket_key_of(ACT_FORM_NEXT).s, ticket_key_of(ACT_FORM_PREV).s,
	          ticket_key_of(ACT_FORM_SAVE).s, ticket_key_of(ACT_BACK).s);
	if (ticket_draft_read(t, TICKET_DRAFT_FORM, &saved)) {
		/* the form was open when the console ended */
		t->draft_written = xstrdup("");
		time_hhmm(saved, at, sizeof at);
		ui_status(ui, _("the ticket being typed at %s is back: go on"), at);
		if (!blank(t->val[F_PHONE]))
			phone_typed(ui, t);
	}
	edit_start(ui, t);
}

static void ticket_close(struct ui *ui, struct screen *s)
{
	struct ticket *t = s->data;

	if (prompt_field_active(t))
		prompt_stop(ui);
	for (int f = 0; f < F_COUNT; f++)
		free(t->val[f]);
	earlier_clear(t);
	ticket_cats_free(t);
	free(t->draft_written);
	FREE(&s->data);
}

static void ticket_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct ticket *t = s->data;

	/* back on top (after help, a question, a command): edit again */
	edit_start(ui, t);
	/* once per batch of keys: a console killed now finds the form */
	ticket_draft_write(t, TICKET_DRAFT_FORM, empty_form(t));
	ticket_draw_form(ui, t, top, rows);
}

/* A key that is not the choice field's own, typed on it (a line or the
 * call-back box): nothing is typed there, so say so instead of dropping it
 * silently (an officer who thinks the description still has the cursor
 * would lose the words). */
static void choice_refuse(struct ui *ui, struct ticket *t)
{
	if (t->focus == F_CALLBACK)
		ui_error(ui, _("not typed: this is the call-back box (Space or y/n); %s goes back to the "
		               "description"), ui_key_for(KM_FORM, ACT_FORM_PREV));
	else
		ui_error(ui, _("not typed: this is the line choice (Space, 1 or 2); %s moves on"),
		         ui_key_for(KM_FORM, ACT_FORM_NEXT));
}

static bool ticket_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct ticket *t = s->data;

	if (form_do(ui, t, act))
		return true;
	if (t->focus == F_CALLBACK && act == ACT_TICKET) {
		t->callback = false;   /* n on a yes/no box */
		ui_dirty(ui);
		return true;
	}
	switch (act) {
	case ACT_HELP:
	case ACT_COMMAND:
	case ACT_REDRAW:
		return false;   /* the generic ones */
	case ACT_QUIT:
		back(ui, t);
		return true;
	case ACT_TICKET:
		ui_status(ui, "%s", _("a ticket is already open"));
		return true;
	default:
		/* case actions would act on the case behind the form */
		if (!is_text(t->focus))
			choice_refuse(ui, t);
		return true;
	}
}

/* Quitting asks first while the form holds text. */
static bool ticket_unsaved(struct ui *ui, struct screen *s)
{
	(void)ui;
	return !empty_form(s->data);
}

/* Keys bound to nothing: the choice fields. */
static bool ticket_key(struct ui *ui, struct screen *s, int key)
{
	struct ticket *t = s->data;

	if (t->focus == F_LINE) {
		if (key == ' ' || key == KEY_LEFT || key == KEY_RIGHT)
			t->line = t->line == LINE_POLICE ? LINE_COMMITTEE : LINE_POLICE;
		else if (key == '1')
			t->line = LINE_POLICE;
		else if (key == '2')
			t->line = LINE_COMMITTEE;
		else if (key > ' ' && key != 127 && !(key >= KEY_MIN && key <= KEY_MAX))
			choice_refuse(ui, t);
		else
			return false;
	} else if (t->focus == F_CALLBACK) {
		if (key == ' ' || key == KEY_LEFT || key == KEY_RIGHT)
			t->callback = !t->callback;
		else if (key == 'y' || key == 'Y')
			t->callback = true;
		else if (key == 'N')
			t->callback = false;
		else if (key >= ' ' && key != 127 && !(key >= KEY_MIN && key <= KEY_MAX))
			choice_refuse(ui, t);
		else
			return false;
	} else {
		return false;
	}
	ui_dirty(ui);
	return true;
}

static void ticket_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct ticket *t = s->data;
	char norm[16];

	if (id < 0)
		return;   /* the clock, shifts */
	ticket_cats_load(ui, t);
	if (!t->have_earlier || !t->looked_up[0])
		return;
	if (id > 0) {
		size_t i;

		for (i = 0; i < t->earlier.n; i++)
			if (t->earlier.v[i].id == id)
				break;
		if (i == t->earlier.n)
			return;
	}
	snprintf(norm, sizeof norm, "%s", t->looked_up);
	{
		long keep = t->esel;

		earlier_load(ui, t, norm);
		if (keep < (long)t->earlier.n)
			t->esel = keep;
	}
}

static int64_t ticket_selected(struct ui *ui, struct screen *s)
{
	(void)ui;
	(void)s;
	return 0;   /* no case here: keep case actions off the queue behind */
}

const struct screen_ops ticket_ops = {
	.name = "ticket",
	.keymap = KM_FORM,
	.footer = ticket_footer,
	.open = ticket_open,
	.close = ticket_close,
	.draw = ticket_draw,
	.action = ticket_action,
	.key = ticket_key,
	.unsaved = ticket_unsaved,
	.changed = ticket_changed,
	.selected = ticket_selected,
};
