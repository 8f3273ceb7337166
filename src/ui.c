/* ui.c - the UI services (ui.h): the screen stack, the status line,
 * questions, the officer cache, roles, keys and colours.  Knows no screen by
 * name: the console registers them (ui_set_screens) and takes the actions no
 * screen took (ui->generic). */
#include "wardesk/wardesk.h"

#include "wardesk/bindings.h"
#include "wardesk/config.h"
#include "wardesk/draw.h"
#include "wardesk/hints.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"
#include "wardesk/ui_log.h"
#include "wardesk/words.h"

/* ---- screens ---- */

void ui_dirty(struct ui *ui)
{
	ui->dirty = true;
}

void ui_pixels(struct ui *ui, char *seq, int y, int x, bool kitty)
{
	free(ui->pix.seq);
	ui->pix.seq = seq;
	ui->pix.y = y;
	ui->pix.x = x;
	ui->pix.kitty = kitty;
	ui->pix.owner = ui->top;
}

void ui_set_screens(struct ui *ui, const struct screen_ops *const *screens)
{
	ui->screens = screens;
}

void ui_push(struct ui *ui, const struct screen_ops *ops, const void *arg)
{
	struct screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->below = ui->top;
	ui->top = s;
	if (ops->open)
		ops->open(ui, s, arg);
	ui->dirty = true;
}

void ui_pop(struct ui *ui)
{
	struct screen *s = ui->top;

	if (!s)
		return;
	ui->top = s->below;
	if (s->ops->close)
		s->ops->close(ui, s);
	free(s);
	ui->dirty = true;
}

void ui_open(struct ui *ui, enum screen_id id, const void *arg)
{
	if ((unsigned)id < SCR_COUNT && ui->screens && ui->screens[id])
		ui_push(ui, ui->screens[id], arg);
}

bool ui_screen_is(const struct ui *ui, const struct screen *s, enum screen_id id)
{
	return s && (unsigned)id < SCR_COUNT && ui->screens && s->ops == ui->screens[id];
}

void ui_pop_to_bottom(struct ui *ui)
{
	while (ui->top && ui->top->below)
		ui_pop(ui);
}

/* The message whole into the log (ui_log.h: `:messages`), and as much as
 * fits into ui->status, cut at a character boundary. */
static void vstatus(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	char *full;
	size_t n;

	if (vasprintf(&full, fmt, ap) < 0)
		full = xstrdup("");
	n = ui_copy(ui->status, sizeof ui->status, full);
	if (n < strlen(full))   /* not in the middle of a UTF-8 sequence */
		while (n > 0 && ((unsigned char)full[n] & 0xC0) == 0x80)
			ui->status[--n] = '\0';
	ui_log_add(full, error, time(NULL));
	free(full);
	ui->status_error = error;
	ui->status_ms = mono_ms();
	ui->status_bg = false;
	ui->dirty = true;
}

bool ui_status_fresh(struct ui *ui)
{
	return ui->status[0] && !ui->status_bg && mono_ms() - ui->status_ms < UI_STATUS_FRESH_MS;
}

bool ui_need_live(struct ui *ui)
{
	if (live_up(&ui->live))
		return true;
	ui_error(ui, "%s", _("offline: not sent; try again when live"));
	return false;
}

bool ui_go_ahead(struct ui *ui, bool yes, bool need_live)
{
	if (!yes) {
		ui_status(ui, "%s", _("cancelled: nothing sent"));
		return false;
	}
	return !need_live || ui_need_live(ui);
}

void ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vstatus(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vstatus(ui, true, fmt, ap);
	va_end(ap);
	if (config_bool(SET_BELL) && ui->curses_up)
		beep();
}

void ui_store_failed(struct ui *ui, const struct st_err *err, enum ui_fail_say say)
{
	bool offline = err->status == ST_OFFLINE;

	if (offline)
		live_lost(&ui->live, err);
	if (say == UI_FAIL_SAY || (say == UI_FAIL_SAY_REFUSAL && !offline))
		ui_error(ui, "%s", err->msg);
}

void ui_ask(struct ui *ui, const char *question, const char *keys, ask_fn fn, void *ctx)
{
	free(ui->ask_question);
	ui->ask_question = xstrdup(question);
	snprintf(ui->ask_keys, sizeof ui->ask_keys, "%s", keys);
	ui->ask_cb = fn;
	ui->ask_ctx = ctx;
	ui->dirty = true;
}

void ui_action(struct ui *ui, enum action_id act)
{
	if (ui->top && ui->top->ops->action && ui->top->ops->action(ui, ui->top, act))
		return;
	/* C-d / C-u (less, vi): half a body's height of single moves, on any
	 * screen that moves line by line and has no half page of its own */
	if ((act == ACT_HALF_DOWN || act == ACT_HALF_UP) && ui->top && ui->top->ops->action) {
		int n = (LINES - 3) / 2;

		for (; n > 0; n--)
			ui->top->ops->action(ui, ui->top, act == ACT_HALF_DOWN ? ACT_DOWN : ACT_UP);
		ui->dirty = true;
		return;
	}
	if (ui->generic)
		ui->generic(ui, act);
	ui->dirty = true;
}

bool ui_key_space_pages(struct ui *ui, struct screen *s, int key)
{
	(void)s;
	if (key != ' ')
		return false;
	ui_action(ui, ACT_PAGE_DOWN);
	return true;
}

void ui_changed(struct ui *ui, int64_t id)
{
	struct screen *s;

	for (s = ui->top; s; s = s->below)
		if (s->ops->changed)
			s->ops->changed(ui, s, id);
	ui->dirty = true;
}

void ui_shift_refresh(struct ui *ui)
{
	live_refresh_shift(&ui->live);
	ui_changed(ui, SCREEN_SHIFT_CHANGED);
}

int64_t ui_selected(struct ui *ui)
{
	struct screen *s;

	for (s = ui->top; s; s = s->below)
		if (s->ops->selected)
			return s->ops->selected(ui, s);
	return 0;
}

int ui_selected_seen(struct ui *ui, const char **refusal)
{
	struct screen *s;

	*refusal = NULL;
	for (s = ui->top; s; s = s->below)
		if (s->ops->selected) {
			if (s->ops->refusal)
				*refusal = s->ops->refusal(ui, s);
			return s->ops->seen ? s->ops->seen(ui, s) : 0;
		}
	return 0;
}

bool ui_officers(struct ui *ui)
{
	struct st_err err = { 0 };
	struct wd_officer_list l;
	enum st_status st;

	if (!live_up(&ui->live))
		return ui->have_officers;
	st = store_officers(ui->live.st, &l, &err);
	if (st != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
		return ui->have_officers;
	}
	if (ui->have_officers)
		wd_officer_list_free(&ui->officers);
	ui->officers = l;
	ui->have_officers = true;
	return true;
}

/* key_label of a key, kept: a key's label depends on the key and the
 * language only (set at start-up, main.c), and the footer and the tabs
 * ask for a dozen every frame (key_name, the key words' gettext). */
static const char *key_label_kept(int k)
{
	static struct { int key; bool set; char label[96]; } memo[128];
	unsigned h = ((unsigned)k * 2654435761u) >> 25;   /* 0 .. 127 */

	for (unsigned i = 0; i < 8; i++) {   /* a few slots on from h */
		unsigned j = (h + i) % ARRAY_SIZE(memo);

		if (memo[j].set && memo[j].key == k)
			return memo[j].label;
		if (!memo[j].set) {
			h = j;
			break;
		}
	}
	snprintf(memo[h].label, sizeof memo[h].label, "%s", key_label(k));
	memo[h].key = k;
	memo[h].set = true;
	return memo[h].label;
}

const char *ui_key_for(enum keymap km, enum action_id act)
{
	int k = bindings_key_for(km, (int)act);

	return k < 0 ? "" : key_label_kept(k);
}

int ui_attr(int element)
{
	return theme_attr((enum theme_element)element);
}

/* ---- roles ---- */

bool ui_permitted(struct ui *ui, enum action_id act)
{
	int p = action_perm(act);   /* the action table's permission column */

	if (p == WD_PERM_NONE || !ui->live.have_perms)
		return true;
	return (ui->live.perms & WD_PERM_BIT(p)) != 0;
}

bool ui_permit(struct ui *ui, enum action_id act)
{
	const char *why;

	if (ui_permitted(ui, act))
		return true;
	switch (act) {
	case ACT_TAKE: why = _("only duty officers and the ward chair can take cases"); break;
	case ACT_ESCALATE: why = _("only duty officers and the ward chair can escalate cases"); break;
	case ACT_CLOSE: why = _("only duty officers and the ward chair can close cases"); break;
	case ACT_ASSIGN: why = _("only the ward chair can assign cases"); break;
	case ACT_REASSIGN:
	case ACT_REASSIGN_ALL: why = _("only the ward chair can reassign"); break;
	case ACT_REOPEN: why = _("only the ward chair can reopen a case"); break;
	case ACT_CLUSTER_MERGE: why = _("only the ward chair can merge a cluster"); break;
	case ACT_BOARD: why = _("the board is not available to your role"); break;
	case ACT_STATS: why = _("statistics are not available to your role"); break;
	default: why = _("your role cannot do this"); break;
	}
	/* the footer's word for the action, the role as the header says it */
	ui_error(ui, _("%s: %s (you are %s)"), action_hint(act), why,
	         ui->live.have_me ? word_role_label(ui->live.me.role) : _("not an officer"));
	return false;
}

/* ---- strings ---- */

size_t ui_copy(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(s);

	if (outsz == 0)
		return 0;
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

const char *ui_tr(const char *msgid)
{
	static struct { const char *id, *t; } memo[256];
	size_t h = (size_t)(((uintptr_t)msgid * 0x9E3779B97F4A7C15ULL) >> 56);   /* 0 .. 255 */

	/* a few slots on from h: two texts of one frame never take turns */
	for (size_t i = 0; i < 8; i++) {
		size_t k = (h + i) % ARRAY_SIZE(memo);

		if (memo[k].id == msgid)
			return memo[k].t;
		if (!memo[k].id) {
			memo[k].id = msgid;
			return memo[k].t = gettext(msgid);
		}
	}
	memo[h].id = msgid;   /* full around h: take h over */
	return memo[h].t = gettext(msgid);
}
