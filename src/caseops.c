/* caseops.c - the case actions of the console (caseops.h).
 *
 * One action at a time runs through a small step machine: each call of
 * step() asks for the next missing piece (note, reason, duplicate-of,
 * confirmation) and sends when nothing is missing. */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/caserules.h"
#include "wardesk/config.h"
#include "wardesk/deskclock.h"
#include "wardesk/dialogs.h"
#include "wardesk/model_seen.h"
#include "wardesk/drafts.h"
#include "wardesk/hints.h"
#include "wardesk/prompt.h"
#include "wardesk/refusals.h"
#include "wardesk/store_deadline.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

struct op {
	bool busy;
	enum action_id act;
	int64_t id;
	char ref[48];
	int version;
	int state;
	int escalation;       /* 0 none, 1 to the ward chair, 2 overdue */
	char owner[64];       /* current owner, "" none */
	char *note;
	bool have_note;
	char reason[16];
	char dup[48];
	char login[64];
	bool confirmed;
	/* closing a late case (issue 5): delay reason and apology note */
	bool late;            /* past its deadline, or marked overdue by the sweep */
	bool late_retried;    /* the database disagreed once: asked again */
	bool late_known;      /* the database said (store_closes_late) */
	char delay[24];
	char *apology;        /* NULL or "": none */
	bool have_apology;
};

static struct op cur;

static void op_reset(void)
{
	free(cur.note);
	free(cur.apology);
	memset(&cur, 0, sizeof cur);
}

/* The note actions keep their note as a draft (drafts.h) until sent. */
static bool has_note(enum action_id act)
{
	return act == ACT_CLOSE || act == ACT_ESCALATE || act == ACT_REOPEN;
}

static void cur_draft(struct draft *d)
{
	memset(d, 0, sizeof *d);
	draft_key(d->key, sizeof d->key, cur.ref, action_table[cur.act].name);
	snprintf(d->ref, sizeof d->ref, "%s", cur.ref);
	snprintf(d->action, sizeof d->action, "%s", action_table[cur.act].name);
	snprintf(d->extra, sizeof d->extra, "%s", cur.reason);
	d->version = cur.version;
}

/* Offline, or the connection broke while sending: the note waits as a
 * draft, with the version the officer saw. */
static void keep_as_draft(struct ui *ui)
{
	struct draft d;

	cur_draft(&d);
	d.text = cur.note && *cur.note ? cur.note : (char *)" ";
	if (draft_save(&d))
		ui_error(ui, _("offline: %s %s kept as a draft; :drafts sends it when live"),
		         cur.ref, action_table[cur.act].name);
	else
		ui_error(ui, "%s", _("offline: not sent; try again when live"));
}

static const char *me_login(struct ui *ui)
{
	return ui->live.have_me && ui->live.me.login ? ui->live.me.login : store_login(ui->live.st);
}

static bool refuse_offline(struct ui *ui)
{
	return !ui_need_live(ui);
}

/* Fill cur from the model (id) or, failing that, from the store (ref). */
static bool resolve(struct ui *ui, int64_t id, const char *ref)
{
	const struct mcase *c = id ? model_find(ui->model, id) : model_find_ref(ui->model, ref);

	if (c) {
		const char *o = model_owner(ui->model, c);

		cur.id = c->id;
		snprintf(cur.ref, sizeof cur.ref, "%s", c->ref);
		cur.version = c->version;
		cur.state = c->state;
		cur.escalation = c->escalation;
		snprintf(cur.owner, sizeof cur.owner, "%s", o ? o : "");
		cur.late = c->state != WD_RESOLVED && (c->escalation >= 2 || c->deadline < desk_now());
		return true;
	}
	if (ref && live_up(&ui->live)) {
		struct wd_case wc;
		struct st_err err = { 0 };
		enum st_status s = store_get(ui->live.st, ref, 0, &wc, NULL, &err);

		if (s == ST_OK) {
			cur.id = wc.id;
			snprintf(cur.ref, sizeof cur.ref, "%s", wc.ref);
			cur.version = wc.version;
			cur.state = wc.state;
			cur.escalation = wc.escalation;
			snprintf(cur.owner, sizeof cur.owner, "%s", wc.owner ? wc.owner : "");
			cur.late = wc.state != WD_RESOLVED &&
			           (wc.overdue_at || wc.escalation >= 2 || wc.deadline_at < desk_now());
			wd_case_free(&wc);
			return true;
		}
		ui_store_failed(ui, &err, UI_FAIL_SAY);
		return false;
	}
	ui_error(ui, _("no case %s"), ref ? ref : "?");
	return false;
}

static void finish(struct ui *ui, enum st_status s, const struct st_err *err, const char *done)
{
	int64_t id = cur.id;

	struct draft d;

	cur_draft(&d);
	if (s == ST_OK) {
		if (has_note(cur.act))
			draft_remove(d.key);   /* sent: the draft is done */
		ui_status(ui, "%s", done);
		live_refetch(&ui->live, id);
	} else if (s == ST_OFFLINE) {
		live_lost(&ui->live, err);
		if (has_note(cur.act))
			keep_as_draft(ui);
		else
			ui_error(ui, _("connection lost (%s); the screen shows the real state once live again"),
			         err->msg);
	} else {
		/* refused: say why, and show what the database really holds */
		if (has_note(cur.act) && cur.note && *cur.note)
			ui_error(ui, _("%s; the draft is kept"), err->msg);
		else
			ui_error(ui, "%s", err->msg);
		live_refetch(&ui->live, id);
	}
	op_reset();
	ui_dirty(ui);
}

static void step(struct ui *ui);
static void send(struct ui *ui);

/* The officer said no (Esc at the note, n at the question): nothing is
 * sent; say whether the note waits as a draft. */
static void cancelled(struct ui *ui)
{
	struct draft d;

	cur_draft(&d);
	if (has_note(cur.act) && draft_load(d.key, &d)) {
		ui_status(ui, _("cancelled: nothing sent; the note is kept as a draft"));
		draft_free(&d);
	} else {
		ui_status(ui, _("cancelled: nothing sent"));
	}
	op_reset();
}

static void got_again(struct ui *ui, int answer, void *ctx)
{
	(void)ctx;
	if (answer != 'y') {
		cancelled(ui);
		return;
	}
	send(ui);
}

/* The database refused: the case changed since the officer saw it
 * (check_seen, WD002).  Say what changed, from the row as it is now, and
 * ask again with its version.  False when it could not be read. */
static bool ask_again(struct ui *ui)
{
	struct wd_case wc;
	struct st_err err = { 0 };
	char what[256] = "", q[512];
	const char *why;

	if (store_get(ui->live.st, cur.ref, 0, &wc, NULL, &err) != ST_OK)
		return false;
	live_refetch(&ui->live, wc.id);
	if ((int)wc.state != cur.state)
		snprintf(what, sizeof what, _("now %s (was %s)"), word_label(WORD_STATE, (int)wc.state),
		         word_label(WORD_STATE, cur.state));
	if (strcmp(wc.owner ? wc.owner : "", cur.owner) != 0) {
		char who[128];
		size_t l = strlen(what);

		if (wc.owner)
			snprintf(who, sizeof who, _("held by %s"), wc.owner);
		else
			snprintf(who, sizeof who, "%s", _("held by nobody"));
		snprintf(what + l, sizeof what - l, "%s%s", l ? ", " : "", who);
	}
	if (!*what)
		snprintf(what, sizeof what, "%s", _("updated"));
	cur.version = wc.version;
	cur.state = wc.state;
	snprintf(cur.owner, sizeof cur.owner, "%s", wc.owner ? wc.owner : "");
	wd_case_free(&wc);
	why = cur.act == ACT_CLOSE ? case_state_refusal(CASE_CLOSE, cur.state) :
	      cur.act == ACT_ACK ? case_state_refusal(CASE_ACK, cur.state) :
	      cur.act == ACT_REOPEN ? case_state_refusal(CASE_REOPEN, cur.state) : NULL;
	if (why) {
		ui_error(ui, _(why), cur.ref, word_label(WORD_STATE, cur.state));
		op_reset();
		return true;
	}
	snprintf(q, sizeof q, _("%s changed since you saw it: %s. %s [y/n]"), cur.ref, what,
	         cur.act == ACT_TAKE ? _("Take it now?") : cur.act == ACT_ASSIGN ? _("Assign it now?") :
	         cur.act == ACT_ESCALATE ? _("Escalate it now?") : cur.act == ACT_CLOSE ? _("Close it now?") :
	         cur.act == ACT_ACK ? _("Acknowledge it now?") : _("Reopen it now?"));
	ui_ask(ui, q, "yn", got_again, NULL);
	return true;
}

/* Close (on time or late).  The database's clock decides what is late: when
 * it disagrees with ours, ask (or drop) the delay reason once and send
 * again; ST_RETRY then: that has already happened. */
#define ST_RETRY ((enum st_status)-1)
static enum st_status send_close(struct ui *ui, struct store *st, char *done, size_t donesz,
                                 struct st_err *err)
{
	enum st_status s;

	if (cur.late) {
		s = store_close_late(st, cur.ref, cur.version, cur.note, cur.reason,
		                     cur.dup[0] ? cur.dup : NULL, cur.delay,
		                     cur.apology && *cur.apology ? cur.apology : NULL, false, err);
		snprintf(done, donesz,
		         cur.apology && *cur.apology ? _("%s: closed late (%s, delay %s), with an apology")
		                                     : _("%s: closed late (%s, delay %s)"),
		         cur.ref, word_reason_label(cur.reason), cur.delay);
	} else {
		s = store_close_case(st, cur.ref, cur.version, cur.note, cur.reason,
		                     cur.dup[0] ? cur.dup : NULL, err);
		snprintf(done, donesz, _("%s: closed (%s)"), cur.ref, word_reason_label(cur.reason));
	}
	if (s == ST_BADINPUT || s == ST_REFUSED) {
		bool db_late = strstr(err->msg, "overdue: give a delay reason") != NULL;
		bool db_ontime = strstr(err->msg, "is not overdue") != NULL;

		if (!cur.late_retried && ((db_late && !cur.late) || (db_ontime && cur.late))) {
			cur.late_retried = true;
			cur.late = db_late;
			cur.confirmed = false;   /* the question asked had the wrong words */
			cur.delay[0] = '\0';
			FREE(&cur.apology);
			cur.have_apology = false;
			if (!cur.late)
				send(ui);
			else
				step(ui);
			return ST_RETRY;
		}
	}
	return s;
}

static void send(struct ui *ui)
{
	struct st_err err = { 0 };
	struct store *st = ui->live.st;
	char done[256];
	enum st_status s;

	if (has_note(cur.act) && !live_up(&ui->live)) {
		keep_as_draft(ui);
		op_reset();
		return;
	}
	if (refuse_offline(ui)) {
		op_reset();
		return;
	}
	switch (cur.act) {
	case ACT_TAKE:
		s = store_take(st, cur.ref, cur.version, &err);
		snprintf(done, sizeof done, _("%s: taken, you hold it now"), cur.ref);
		break;
	case ACT_ASSIGN:
		s = store_assign(st, cur.ref, cur.login, cur.version, &err);
		snprintf(done, sizeof done, _("%s: assigned to %s"), cur.ref, cur.login);
		break;
	case ACT_ESCALATE:
		s = store_escalate(st, cur.ref, cur.version, cur.note && *cur.note ? cur.note : NULL,
		                   &err);
		snprintf(done, sizeof done, _("%s: escalated to the ward chair"), cur.ref);
		break;
	case ACT_CLOSE:
		s = send_close(ui, st, done, sizeof done, &err);
		if (s == ST_RETRY)
			return;
		break;
	case ACT_ACK:
		s = store_ack(st, cur.ref, cur.version, &err);
		snprintf(done, sizeof done, _("%s: acknowledged"), cur.ref);
		break;
	case ACT_REOPEN:
		s = store_reopen(st, cur.ref, cur.version, cur.note, &err);
		snprintf(done, sizeof done, _("%s: reopened"), cur.ref);
		break;
	default:
		op_reset();
		return;
	}
	if (s == ST_REFUSED && !strcmp(err.sqlstate, "WD002") && ask_again(ui))
		return;
	finish(ui, s, &err, done);
}

static void got_note(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (!line) {
		cancelled(ui);
		return;
	}
	if (cur.act != ACT_ESCALATE && !line[strspn(line, " \t")]) {
		ui_error(ui, _("cancelled: a note is required, nothing sent"));
		op_reset();
		return;
	}
	free(cur.note);
	cur.note = xstrdup(line);
	cur.have_note = true;
	step(ui);
}

static void got_reason(struct ui *ui, int answer, void *ctx)
{
	(void)ctx;
	switch (answer) {
	case 'd': snprintf(cur.reason, sizeof cur.reason, "done"); break;
	case 't': snprintf(cur.reason, sizeof cur.reason, "transferred"); break;
	case 'n': snprintf(cur.reason, sizeof cur.reason, "not_ours"); break;
	case 'u': snprintf(cur.reason, sizeof cur.reason, "duplicate"); break;
	default:
		ui_status(ui, _("cancelled: nothing sent"));
		op_reset();
		return;
	}
	step(ui);
}

static void got_dup(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (!line || !line[strspn(line, " \t")]) {
		ui_status(ui, _("cancelled: nothing sent"));
		op_reset();
		return;
	}
	snprintf(cur.dup, sizeof cur.dup, "%s", line + strspn(line, " \t"));
	cur.dup[strcspn(cur.dup, " \t")] = '\0';
	step(ui);
}

static void got_delay(struct ui *ui, const char *code, void *ctx)
{
	(void)ctx;
	if (!code || !*code) {
		cancelled(ui);   /* says whether the note waits as a draft */
		return;
	}
	snprintf(cur.delay, sizeof cur.delay, "%s", code);
	step(ui);
}

static void got_apology(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (!ui_go_ahead(ui, line != NULL, false)) {
		op_reset();
		return;
	}
	free(cur.apology);
	cur.apology = line[strspn(line, " \t")] ? prompt_marks_to_lines(line) : NULL;
	cur.have_apology = true;
	step(ui);
}

/* Offer the ward's apology template, filled in, for editing. */
static void ask_apology(struct ui *ui)
{
	struct st_err err = { 0 };
	char *text = NULL, *shown, q[256];
	enum st_status s;

	s = store_apology_text(ui->live.st, cur.ref, cur.note, &text, &err);
	if (s == ST_OFFLINE) {
		live_lost(&ui->live, &err);
		ui_error(ui, "%s", _("offline: not sent; try again when live"));
		op_reset();
		return;
	}
	shown = prompt_lines_to_marks(s == ST_OK && text ? text : "");
	free(text);
	snprintf(q, sizeof q, _("Apology to the reporter of %s (edit; empty for none): "), cur.ref);
	prompt_start(ui, PROMPT_TEXT, q, shown, got_apology, NULL);
	free(shown);
}

static void got_confirm(struct ui *ui, int answer, void *ctx)
{
	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', false)) {
		op_reset();
		return;
	}
	cur.confirmed = true;
	step(ui);
}

static bool needs_confirm(struct ui *ui)
{
	if (!config_bool(SET_CONFIRM))
		return false;
	switch (cur.act) {
	case ACT_CLOSE:
	case ACT_REOPEN:
		return true;
	case ACT_ASSIGN:
		/* away from whoever holds it (yourself or another: issue 11, 5) */
		return cur.owner[0] && strcmp(cur.owner, cur.login) != 0;
	default:
		return false;
	}
}

/* Ask for the note, offering back a draft of this case and action. */
static void ask_note(struct ui *ui, const char *q)
{
	struct draft d, keep;
	char msg[128], hhmm[16];
	bool have;
	const char *bad;

	cur_draft(&keep);
	have = draft_load(keep.key, &d);
	prompt_start(ui, PROMPT_TEXT, q, have ? d.text : NULL, got_note, NULL);
	prompt_keep_draft(&keep);
	if (have) {
		time_hhmm(d.saved, hhmm, sizeof hhmm);
		snprintf(msg, sizeof msg, _("draft from %s restored"), hhmm);
		prompt_set_hint(msg);
		draft_free(&d);
	}
	else if (*(bad = drafts_problem()))
		ui_error(ui, "%s", bad);
}

/* The questions of a close, in order; true when one was asked. */
static bool close_asked(struct ui *ui, char *q, size_t qsz)
{
	if (!cur.have_note) {
		snprintf(q, qsz, _("Resolution note for %s: "), cur.ref);
		ask_note(ui, q);
		return true;
	}
	if (!cur.reason[0]) {
		snprintf(q, qsz,
		         _("%s reason: [d]one [t]ransferred [n]ot ours d[u]plicate (Esc cancels)"),
		         cur.ref);
		ui_ask(ui, q, "dtnu", got_reason, NULL);
		return true;
	}
	if (!strcmp(cur.reason, "duplicate") && !cur.dup[0]) {
		snprintf(q, qsz, _("%s duplicates which case? "), cur.ref);
		prompt_start(ui, PROMPT_REF, q, NULL, got_dup, NULL);
		return true;
	}
	if (!live_up(&ui->live))
		return false;   /* offline: kept as a draft (send) */
	if (!cur.late_known) {
		struct st_err err = { 0 };

		/* the database's judgement (a reopened case is late against its
		 * first deadline): a late close asks its delay reason first */
		cur.late_known = store_closes_late(ui->live.st, cur.ref, &cur.late, &err) == ST_OK;
	}
	if (cur.late && !cur.delay[0]) {
		ui_pick_delay_reason(ui, cur.ref, got_delay, NULL);
		return true;
	}
	if (cur.late && !cur.have_apology) {
		ask_apology(ui);
		return true;
	}
	return false;
}

static void step(struct ui *ui)
{
	char q[512];

	switch (cur.act) {
	case ACT_ESCALATE:
		if (!cur.have_note) {
			snprintf(q, sizeof q, _("Escalation note for %s (Enter for none): "), cur.ref);
			ask_note(ui, q);
			return;
		}
		break;
	case ACT_CLOSE:
		if (close_asked(ui, q, sizeof q))
			return;
		break;
	case ACT_REOPEN:
		if (!cur.have_note) {
			snprintf(q, sizeof q, _("Why reopen %s? "), cur.ref);
			ask_note(ui, q);
			return;
		}
		break;
	default:
		break;
	}
	if (!cur.confirmed && needs_confirm(ui)) {
		switch (cur.act) {
		case ACT_CLOSE:
			if (cur.late)
				snprintf(q, sizeof q,
				         _("Close %s as %s, late (%s)? This cannot be undone by you. [y/n]"),
				         cur.ref, word_reason_label(cur.reason), cur.delay);
			else
				snprintf(q, sizeof q, _("Close %s as %s? This cannot be undone by you. [y/n]"),
				         cur.ref, word_reason_label(cur.reason));
			break;
		case ACT_REOPEN:
			snprintf(q, sizeof q, _("Reopen %s? [y/n]"), cur.ref);
			break;
		default:
			if (!strcmp(cur.owner, me_login(ui)))
				snprintf(q, sizeof q, _("Give %s away to %s? You will no longer hold it. [y/n]"),
				         cur.ref, cur.login);
			else
				snprintf(q, sizeof q, _("Reassign %s from %s to %s? %s will be told. [y/n]"),
				         cur.ref, cur.owner, cur.login, cur.owner);
			break;
		}
		ui_ask(ui, q, "yn", got_confirm, NULL);
		return;
	}
	send(ui);
}

/* Before a note is asked for (a key, or a : command without its note):
 * may this officer do this to this case now?  The database's own rule
 * answers (wardesk.can), so nobody writes a note for an action that will be
 * refused.  A draft's note is already written: it goes to the database,
 * which says what changed.  Offline, or when the question fails, the note
 * is taken and the database says when it is sent. */
/* Escalating an escalated case: the database's own refusal (WD306), in the
 * officer's language, says why. */
static void say_escalated(struct ui *ui)
{
	char detail[128], buf[512];

	snprintf(detail, sizeof detail, "{\"ref\": \"%s\", \"level\": \"%d\"}", cur.ref,
	         cur.escalation);
	if (refusal_text("WD306", detail, buf, sizeof buf))
		ui_error(ui, "%s", buf);
	else
		ui_error(ui, _("%s: you cannot %s it now"), cur.ref, action_hint(cur.act));
}

static bool may_act(struct ui *ui)
{
	struct st_err err = { 0 };
	int perm = action_perm(cur.act);
	bool yes = true;

	if (!has_note(cur.act) || perm == WD_PERM_NONE || !live_up(&ui->live) ||
	    store_can(ui->live.st, (enum wd_perm)perm, cur.ref, &yes, &err) != ST_OK || yes)
		return true;
	if (cur.act == ACT_ESCALATE && cur.escalation >= 1)
		say_escalated(ui);
	else if (*cur.owner && strcmp(cur.owner, me_login(ui)) && cur.act == ACT_ESCALATE)
		ui_error(ui, _("%s is held by %s; only the holder or the ward chair can escalate it"),
		         cur.ref, cur.owner);
	else if (*cur.owner && strcmp(cur.owner, me_login(ui)) && cur.act == ACT_CLOSE)
		ui_error(ui, _("%s is held by %s; only the holder or the ward chair can close it"),
		         cur.ref, cur.owner);
	else
		ui_error(ui, _("%s: you cannot %s it now"), cur.ref, action_hint(cur.act));
	return false;
}

static bool begin(struct ui *ui, enum action_id act, int64_t id, const char *ref, int seen)
{
	const char *why;

	/* offline, a note is still taken down, as a draft */
	if (!has_note(act) && refuse_offline(ui))
		return false;
	op_reset();
	cur.act = act;
	if (!resolve(ui, id, ref)) {
		op_reset();
		return false;
	}
	if (seen > 0)
		cur.version = seen;   /* as drawn: the database says if it changed */
	cur.busy = true;
	/* Refuse early, in plain words, what the state forbids anyway. */
	why = act == ACT_CLOSE ? case_state_refusal(CASE_CLOSE, cur.state) :
	      act == ACT_ACK ? case_state_refusal(CASE_ACK, cur.state) :
	      act == ACT_REOPEN ? case_state_refusal(CASE_REOPEN, cur.state) : NULL;
	if (why) {
		/* the msgid has the reference and (but for ack) the state's label */
		ui_error(ui, _(why), cur.ref, word_label(WORD_STATE, (int)cur.state));
		op_reset();
		return false;
	}
	return true;
}

bool caseop_note_pending(void)
{
	return cur.busy && cur.have_note && cur.note && *cur.note;
}

static void pick_assignee(struct ui *ui, int64_t id, const char *holder);

void caseop_start(struct ui *ui, enum action_id act, int64_t id, int seen)
{
	seen_mark(id);   /* acted on: no longer NEW */
	if (!begin(ui, act, id, NULL, seen))
		return;
	if (!may_act(ui)) {
		op_reset();
		return;
	}
	if (act == ACT_ASSIGN) {
		int64_t pid = cur.id;
		char holder[sizeof cur.owner];

		memcpy(holder, cur.owner, sizeof holder);
		op_reset();
		pick_assignee(ui, pid, holder);
		return;
	}
	step(ui);
}

void caseop_command(struct ui *ui, enum action_id act, const char *ref, const char *arg,
                    const char *note)
{
	if (!begin(ui, act, 0, ref, 0))
		return;
	if (act == ACT_ASSIGN) {
		if (!arg || !*arg) {
			int64_t pid = cur.id;
			char holder[sizeof cur.owner];

			memcpy(holder, cur.owner, sizeof holder);
			op_reset();
			pick_assignee(ui, pid, holder);
			return;
		}
		snprintf(cur.login, sizeof cur.login, "%s", arg);
	}
	if (act == ACT_CLOSE && arg && *arg) {
		const char *r = arg;

		if (!strcmp(r, "not-ours") || !strcmp(r, "notours"))
			r = "not_ours";
		if (!strncmp(r, "duplicate:", 10) || !strncmp(r, "duplicate=", 10)) {
			snprintf(cur.dup, sizeof cur.dup, "%s", r + 10);
			r = "duplicate";
		}
		snprintf(cur.reason, sizeof cur.reason, "%s", r);
	}
	if (note && *note) {
		cur.note = xstrdup(note);
		cur.have_note = true;
	} else if (!may_act(ui)) {
		op_reset();
		return;
	}
	step(ui);
}

void caseop_from_draft(struct ui *ui, const struct draft *d)
{
	int act = action_parse(d->action);

	if (act < 0 || !has_note((enum action_id)act)) {
		ui_error(ui, _("draft %s: unknown action %s"), d->ref, d->action);
		return;
	}
	/* with the version the officer saw, not what is now */
	if (!begin(ui, (enum action_id)act, 0, d->ref, d->version))
		return;
	cur.note = xstrdup(d->text[strspn(d->text, " ")] ? d->text : "");
	cur.have_note = true;
	if (act == ACT_CLOSE && d->extra[0])
		snprintf(cur.reason, sizeof cur.reason, "%.15s", d->extra);
	cur.confirmed = true;
	step(ui);
}

void caseop_assign_to(struct ui *ui, int64_t id, const char *login)
{
	if (!begin(ui, ACT_ASSIGN, id, NULL, 0))
		return;
	snprintf(cur.login, sizeof cur.login, "%s", login);
	step(ui);
}

static int64_t assignee_case;   /* the case the open picker assigns */

static void assignee_picked(struct ui *ui, const char *login, void *ctx)
{
	(void)ctx;
	caseop_assign_to(ui, assignee_case, login);
}

/* The holder is left out of the list: assigning to them changes nothing
 * (the database refuses it, WD305). */
static void pick_assignee(struct ui *ui, int64_t id, const char *holder)
{
	assignee_case = id;
	ui_pick_officer_for(ui, id, holder, assignee_picked, NULL);
}

void caseop_pick_assignee(struct ui *ui, int64_t id)
{
	const struct mcase *c = model_find(ui->model, id);

	pick_assignee(ui, id, c ? model_owner(ui->model, c) : NULL);
}
