/* console.c - the event loop and the frame around the screens.
 *
 * One poll() over the terminal, the database socket, a self-pipe for
 * signals and a timer.  The timer wakes at the next wall-clock minute (the
 * header clock and the countdowns are shown in minutes), when a NEW mark
 * expires, and when a reconnection attempt is due; an idle console writes
 * only what changed in those cells (curses diffs the frame; nothing calls
 * clear() or erase() per tick). */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "wardesk/bindings.h"
#include "wardesk/caseops.h"
#include "wardesk/commands.h"
#include "wardesk/config.h"
#include "wardesk/console.h"
#include "wardesk/console_alerts.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/prompt.h"
#include "wardesk/screen.h"
#include "wardesk/store_shift.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/words.h"

static int sig_pipe[2] = { -1, -1 };
static struct ui *the_ui;   /* for the die() hook */

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;

	if (sig_pipe[1] >= 0 && write(sig_pipe[1], &b, 1) < 0) {
		/* pipe full: a wake-up is already pending */
	}
	errno = saved;
}

static void setup_signals(void)
{
	struct sigaction sa;
	int i;

	if (pipe(sig_pipe) == 0) {
		for (i = 0; i < 2; i++) {
			fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
			fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void restore_terminal(void)
{
	if (the_ui && the_ui->curses_up) {
		the_ui->curses_up = false;
		endwin();
	}
}

/* ---- screens ---- */

void ui_dirty(struct ui *ui)
{
	ui->dirty = true;
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

static void vstatus(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	ui->status_error = error;
	ui->status_ms = mono_ms();
	ui->status_bg = false;
	ui->dirty = true;
}

bool ui_status_fresh(struct ui *ui)
{
	return ui->status[0] && !ui->status_bg && mono_ms() - ui->status_ms < UI_STATUS_FRESH_MS;
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

void ui_ask(struct ui *ui, const char *question, const char *keys, ask_fn fn, void *ctx)
{
	free(ui->ask_question);
	ui->ask_question = xstrdup(question);
	snprintf(ui->ask_keys, sizeof ui->ask_keys, "%s", keys);
	ui->ask_cb = fn;
	ui->ask_ctx = ctx;
	ui->dirty = true;
}

int64_t ui_selected(struct ui *ui)
{
	struct screen *s;

	for (s = ui->top; s; s = s->below)
		if (s->ops->selected)
			return s->ops->selected(ui, s);
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
		if (st == ST_OFFLINE)
			live_lost(&ui->live, &err);
		return ui->have_officers;
	}
	if (ui->have_officers)
		wd_officer_list_free(&ui->officers);
	ui->officers = l;
	ui->have_officers = true;
	return true;
}

const char *ui_key_for(enum keymap km, enum action_id act)
{
	int k = bindings_key_for(km, (int)act);

	return k < 0 ? "" : key_name(k);
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
	case ACT_BOARD: why = _("the board is not available to your role"); break;
	case ACT_STATS: why = _("statistics are not available to your role"); break;
	default: why = _("your role cannot do this"); break;
	}
	ui_error(ui, _("%s: %s (you are %s)"), action_table[act].name, why,
	         ui->live.have_me ? wd_role_name(ui->live.me.role) : _("not an officer"));
	return false;
}

/* ---- generic actions ---- */

static void filter_done(struct ui *ui, const char *line, void *ctx)
{
	char *old = ctx;

	if (!line)
		model_set_filter(ui->model, old);   /* cancelled: back to what it was */
	free(old);
	if (line) {
		model_set_filter(ui->model, line);
		if (*line)
			ui_status(ui, _("filter: %s (%zu shown; Esc clears)"), line,
			          model_visible(ui->model));
	}
	if (ui->top && ui->top->ops->changed)
		ui->top->ops->changed(ui, ui->top, 0);
	ui->dirty = true;
}

static void command_done(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (line && *line)
		command_run(ui, line);
	ui->dirty = true;
}

void ui_action(struct ui *ui, enum action_id act)
{
	if (ui->top && ui->top->ops->action && ui->top->ops->action(ui, ui->top, act))
		return;
	switch (act) {
	case ACT_HELP:
		if (ui->top && ui->top->ops != &help_ops)
			ui_push(ui, &help_ops, NULL);
		break;
	case ACT_QUIT:
	case ACT_BACK:
		if (ui->top && ui->top->below)
			ui_pop(ui);
		else if (act == ACT_QUIT)
			ui->quit = true;
		break;
	case ACT_COMMAND:
		prompt_start(ui, PROMPT_COMMAND, ":", NULL, command_done, NULL);
		break;
	case ACT_FILTER:
		prompt_start(ui, PROMPT_FILTER, "/", model_filter(ui->model), filter_done,
		             xstrdup(model_filter(ui->model)));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		ui->dirty = true;
		break;
	case ACT_TICKET:
		/* the phone-ticket form (screen_ticket.c), over any screen */
		if (ui->top && ui->top->ops != &ticket_ops && ui_permit(ui, act))
			ui_push(ui, &ticket_ops, NULL);
		break;
	case ACT_BOARD:
	case ACT_HANDOVER:
	case ACT_STATS: {
		const struct screen_ops *ops = act == ACT_BOARD ? &board_ops :
		                               act == ACT_HANDOVER ? &handover_ops : &stats_ops;

		if (!ui_permit(ui, act))
			break;
		if (ui->top && ui->top->ops == ops)
			break;
		/* one of the three at a time, on top of the queue / detail */
		while (ui->top && ui->top->below &&
		       (ui->top->ops == &board_ops || ui->top->ops == &handover_ops ||
		        ui->top->ops == &stats_ops || ui->top->ops == &help_ops))
			ui_pop(ui);
		ui_push(ui, ops, NULL);
		break;
	}
	case ACT_SHIFT_START:
	case ACT_SHIFT_END:
		if (ui_permit(ui, act))
			shift_set(ui, act == ACT_SHIFT_START);
		break;
	case ACT_REASSIGN:
	case ACT_REASSIGN_ALL:
		if (ui_permit(ui, act))
			ui_error(ui, _("%s works on the board (%s)"), action_table[act].name,
			         ui_key_for(KM_GENERIC, ACT_BOARD));
		break;
	case ACT_TAKE:
	case ACT_ASSIGN:
	case ACT_ESCALATE:
	case ACT_CLOSE:
	case ACT_REOPEN:
	case ACT_ACK: {
		int64_t id = ui_selected(ui);

		if (!ui_permit(ui, act))
			break;
		if (!id)
			ui_error(ui, _("no case selected"));
		else
			caseop_start(ui, act, id);
		break;
	}
	case ACT_VIEW_INCOMING:
	case ACT_VIEW_MINE:
	case ACT_VIEW_OPEN:
	case ACT_VIEW_DUE:
	case ACT_VIEW_ESCALATED:
	case ACT_VIEW_RESOLVED:
	case ACT_VIEW_NEXT:
	case ACT_OPEN:
		/* queue actions from another screen: go back to the queue first */
		if (ui->top && ui->top->below) {
			while (ui->top->below)
				ui_pop(ui);
			ui_action(ui, act);
		}
		break;
	default:
		break;
	}
	ui->dirty = true;
}

/* ---- frame ---- */

static void draw_header(struct ui *ui, int cols)
{
	struct live *l = &ui->live;
	char clock[16], since[16], right[128], left[512];
	int attr = ui_attr(EL_HEADER), sattr, rw;
	const char *state;

	time_hhmm(desk_now(), clock, sizeof clock);
	switch (l->state) {
	case LIVE_UP:
		state = _("live");
		sattr = ui_attr(EL_STATUS_LIVE);
		snprintf(right, sizeof right, " %s ", state);
		break;
	case LIVE_CONNECTING:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		snprintf(right, sizeof right, " %s ", _("connecting…"));
		break;
	case LIVE_RECONNECTING:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		snprintf(right, sizeof right, " %s ", _("reconnecting…"));
		break;
	default:
		sattr = ui_attr(EL_STATUS_OFFLINE);
		time_hhmm(l->offline_since ? l->offline_since : time(NULL), since, sizeof since);
		snprintf(right, sizeof right, " %s ", "");
		snprintf(right, sizeof right, _(" offline since %s "), since);
		break;
	}
	if (l->have_me) {
		char duty[64];

		if (l->shift_id) {
			time_hhmm(l->shift_started, since, sizeof since);
			snprintf(duty, sizeof duty, _("on shift since %s"), since);
		} else {
			snprintf(duty, sizeof duty, "%s", _("off shift"));
		}
		/* the ward's name only when there is room: the shift matters more */
		snprintf(left, sizeof left, " %s%s%s │ %s %s (%s) │ %s",
		         l->me.ward_code ? l->me.ward_code : "", l->me.ward_name && cols >= 100 ? " " : "",
		         l->me.ward_name && cols >= 100 ? l->me.ward_name : "",
		         l->me.login ? l->me.login : "", l->me.full_name ? l->me.full_name : "",
		         word_role_label(l->me.role), duty);
	}
	else
		snprintf(left, sizeof left, " wardesk │ %s", l->st ? store_login(l->st) : "");
	rw = draw_width(right);
	draw_text(NULL, 0, 0, cols, left, attr);
	if (cols > rw + 8) {
		draw_text(NULL, 0, cols - rw - 7, 7, clock, attr | (int)A_BOLD);
		draw_text(NULL, 0, cols - rw, rw, right, sattr);
	}
}

static void draw_footer(struct ui *ui, int y, int cols)
{
	const struct screen_ops *ops = ui->top->ops;
	int x = 0, kattr = ui_attr(EL_KEY), fattr = ui_attr(EL_FOOTER);
	size_t i;

	if (prompt_active() && *prompt_hint()) {
		draw_text(NULL, y, 0, cols, prompt_hint(), fattr);
		return;
	}
	for (i = 0; ops->footer && ops->footer[i] != ACT_COUNT && x < cols; i++) {
		enum action_id a = ops->footer[i];
		const char *k = ui_key_for(ops->keymap, a);
		char buf[64];
		int w;

		if (!*k || !ui_permitted(ui, a))
			continue;   /* unbound, or not for this role: hidden */
		snprintf(buf, sizeof buf, "%s", k);
		w = draw_width(buf);
		snprintf(buf, sizeof buf, " %s ", action_table[a].name);
		if (x + w + draw_width(buf) > cols)
			break;
		x += draw_text_np(NULL, y, x, cols - x, k, kattr);
		x += draw_text_np(NULL, y, x, cols - x, buf, fattr);
	}
	if (x < cols)
		draw_blank(NULL, y, x, cols - x, fattr);
}

static void draw_status(struct ui *ui, int y, int cols)
{
	if (prompt_active()) {
		prompt_draw(ui, y, cols);
		return;
	}
	if (ui->ask_cb) {
		draw_text(NULL, y, 0, cols, ui->ask_question, ui_attr(EL_PROMPT));
		return;
	}
	if (!ui->status[0] && ui->live.ho_for_me > 0) {
		char buf[512], hk[32], ak[32];

		/* key_name's buffer is static: copy each */
		snprintf(hk, sizeof hk, "%s", ui_key_for(KM_GENERIC, ACT_HANDOVER));
		snprintf(ak, sizeof ak, "%s", ui_key_for(KM_HANDOVER, ACT_HO_ACK));

		/* until acknowledged: it is the incoming officer's next job */
		if (ui->live.ho_for_me > 1)
			snprintf(buf, sizeof buf, _("%d handovers wait for your acknowledgement (%s, then %s)"),
			         ui->live.ho_for_me, hk, ak);
		else
			snprintf(buf, sizeof buf,
			         _("handover #%lld from %s waits for your acknowledgement (%s, then %s)"),
			         (long long)ui->live.ho_for_me_id, ui->live.ho_for_me_from, hk, ak);
		draw_text(NULL, y, 0, cols, buf, ui_attr(EL_ESCALATED) | (int)A_BOLD);
		return;
	}
	if (!ui->status[0] && *model_filter(ui->model)) {
		char buf[512];

		snprintf(buf, sizeof buf, _("filter: %s (%zu shown; Esc clears)"),
		         model_filter(ui->model), model_visible(ui->model));
		draw_text(NULL, y, 0, cols, buf, ui_attr(EL_DIM));
		return;
	}
	draw_text(NULL, y, 0, cols, ui->status,
	          ui_attr(ui->status_error ? EL_STATUS_ERROR : EL_STATUS));
}

static void draw_frame(struct ui *ui)
{
	int rows = LINES, cols = COLS;

	if (rows < 3 || cols < 10) {
		draw_text(NULL, 0, 0, cols, _("terminal too small"), A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_header(ui, cols);
	if (ui->top && ui->top->ops->draw)
		ui->top->ops->draw(ui, ui->top, 1, rows - 3);
	draw_footer(ui, rows - 2, cols);
	draw_status(ui, rows - 1, cols);
	if (prompt_active()) {
		leaveok(stdscr, FALSE);
		curs_set(1);
	} else {
		leaveok(stdscr, TRUE);
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = false;
}

/* ---- input ---- */

static void handle_resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		if (ws.ws_row != LINES || ws.ws_col != COLS)
			resizeterm(ws.ws_row, ws.ws_col);
	}
	ui->dirty = true;
}

static void handle_key(struct ui *ui, int key, bool code)
{
	int act;

	if (code && key == KEY_RESIZE) {
		ui->dirty = true;
		return;
	}
	if (prompt_active()) {
		prompt_feed(ui, key, code);
		ui->dirty = true;
		return;
	}
	if (ui->ask_cb) {
		ask_fn fn = ui->ask_cb;
		void *ctx = ui->ask_ctx;
		int answer = 0;

		if (!code && key > 0 && key < 128 && strchr(ui->ask_keys, key))
			answer = key;
		else if (!code && key > 0 && key < 128 && strchr(ui->ask_keys, key | 0x20))
			answer = key | 0x20;
		ui->ask_cb = NULL;
		FREE(&ui->ask_question);
		ui->dirty = true;
		fn(ui, answer, ctx);
		return;
	}
	ui->status[0] = '\0';
	ui->status_error = false;
	/* Characters U+0101..U+01FF (ă, đ, ơ, ư ...) have the same numbers as
	 * curses KEY_* codes (ă is KEY_UP's): they are never bound, so they
	 * must not run the function key's action. */
	if (!code && key >= KEY_MIN && key <= KEY_MAX)
		act = -1;
	else
		act = bindings_lookup(ui->top->ops->keymap, key);
	if (act >= 0) {
		ui_action(ui, (enum action_id)act);
	} else if (!(ui->top->ops->key && ui->top->ops->key(ui, ui->top, key))) {
		char ch[8];
		wchar_t w[2] = { (wchar_t)key, 0 };

		if (!code && key >= KEY_MIN && key <= KEY_MAX && wcstombs(ch, w, sizeof ch) != (size_t)-1)
			ui_status(ui, _("%s: no action here (? for help)"), ch);
		else
			ui_status(ui, _("%s: no action here (? for help)"), key_name(key));
	}
	ui->dirty = true;
}

static void read_keys(struct ui *ui)
{
	wint_t wc;
	int r;

	while ((r = get_wch(&wc)) != ERR) {
		handle_key(ui, (int)wc, r == KEY_CODE_YES);
		if (ui->quit)
			break;
	}
}

static void read_signals(struct ui *ui)
{
	unsigned char b[32];
	ssize_t n, i;

	while ((n = read(sig_pipe[0], b, sizeof b)) > 0) {
		for (i = 0; i < n; i++) {
			switch (b[i]) {
			case SIGWINCH:
				handle_resize(ui);
				break;
			case SIGCONT:
				handle_resize(ui);
				clearok(curscr, TRUE);
				break;
			case SIGINT:
				if (prompt_active())
					prompt_cancel(ui);
				else if (ui->ask_cb)
					handle_key(ui, 7, false);
				else
					ui->quit = true;
				break;
			default:   /* SIGTERM, SIGHUP */
				ui->quit = true;
				break;
			}
		}
	}
}

/* ---- live hooks ---- */

static void on_changed(void *ctx, int64_t id)
{
	struct ui *ui = ctx;
	struct screen *s;

	static int64_t ho_announced;   /* last handover for me put on the status line */

	for (s = ui->top; s; s = s->below)
		if (s->ops->changed)
			s->ops->changed(ui, s, id);
	ui->dirty = true;
	/* A new handover addressed to me: clear the status line, which then
	 * shows it (draw_status) until it is acknowledged. */
	if (id == SCREEN_SHIFT_CHANGED && ui->live.ho_for_me_id &&
	    ui->live.ho_for_me_id != ho_announced && !ui->ask_cb) {
		ho_announced = ui->live.ho_for_me_id;
		ui->status[0] = '\0';
		ui->status_error = false;
		if (config_bool(SET_BELL) && ui->curses_up)
			beep();
	}
	/* A blocking connection attempt is about to start: show it. */
	if (id == 0 && ui->curses_up && ui->top &&
	    (ui->live.state == LIVE_CONNECTING || ui->live.state == LIVE_RECONNECTING))
		draw_frame(ui);
}

/* ---- timing ---- */

static int timeout_ms(struct ui *ui, long max_iter)
{
	struct timespec ts;
	int64_t now_ms, t, best;
	int lt;

	clock_gettime(CLOCK_REALTIME, &ts);
	now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	/* next wall-clock minute, plus a little so the minute has turned */
	best = ((now_ms / 60000) + 1) * 60000 + 20 - now_ms;
	/* the earliest NEW mark to expire */
	if (config_int(SET_NEW_MARK_SECONDS) > 0) {
		time_t now = (time_t)ts.tv_sec, soonest = 0;
		long keep = config_int(SET_NEW_MARK_SECONDS);
		size_t i, n = model_visible(ui->model);

		/* only visible rows matter; a case is rarely new, so this is cheap
		 * enough, but bound the scan for huge views */
		for (i = 0; i < n && i < 5000; i++) {
			const struct mcase *c = model_row(ui->model, i);

			if (c->seen_at && c->seen_at + keep > now &&
			    (!soonest || c->seen_at + keep < soonest))
				soonest = c->seen_at + keep;
		}
		if (soonest) {
			t = ((int64_t)soonest * 1000) - now_ms + 20;
			if (t < best)
				best = t;
		}
	}
	lt = live_timeout_ms(&ui->live, mono_ms());
	if (lt >= 0 && lt < best)
		best = lt;
	lt = calerts_timeout_ms(ui, mono_ms());   /* the sweep, pending alerts */
	if (lt >= 0 && lt < best)
		best = lt;
	if (max_iter > 0 && best > 200)
		best = 200;
	if (best < 0)
		best = 0;
	return (int)best;
}

/* ---- run ---- */

static void load_config(struct ui *ui, const struct console_opts *o)
{
	char err[512];
	char *path = o->config ? xstrdup(o->config) : config_default_path();
	const char *theme;

	bindings_defaults();
	snprintf(ui->config_path, sizeof ui->config_path, "%s", path ? path : "");
	if (path)
		config_load(path);
	free(path);
	theme = o->theme ? o->theme : config_str(SET_THEME);
	if (theme && *theme && !theme_load(theme, err, sizeof err))
		ui_error(ui, "%s", err);
	if (config_error_count() > 0)
		ui_error(ui, _("%s (and %zu more; :messages lists them)"), config_error(0),
		         config_error_count() - 1);
}

static void ui_free(struct ui *ui)
{
	while (ui->top)
		ui_pop(ui);
	live_free(&ui->live);
	model_free(&ui->model);
	if (ui->have_officers)
		wd_officer_list_free(&ui->officers);
	free(ui->ask_question);
}

int console_run(const struct console_opts *o)
{
	struct ui ui;
	long iterations = 0;
	time_t last_minute = desk_now() / 60;
	int view;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("wardesk: the console needs a terminal (see wardesk --help for commands)\n"));
		return WD_EXIT_USAGE;
	}
	memset(&ui, 0, sizeof ui);
	the_ui = &ui;
	load_config(&ui, o);
	ui.model = model_new(NULL);
	view = view_parse(config_str(SET_DEFAULT_VIEW));
	model_set_view(ui.model, view >= 0 ? (enum view_id)view : VIEW_OPEN);
	live_init(&ui.live, o->conninfo, ui.model);
	{
		/* Ask for a password (if the server wants one) before curses owns
		 * the terminal; reconnects reuse it and never prompt. */
		struct st_err perr = { 0 };
		struct store *probe = store_open(o->conninfo, &perr);

		store_close(&probe);
		store_prompt_password(false);
	}
	ui.live.changed = on_changed;
	ui.live.ctx = &ui;
	calerts_init(&ui);   /* alerts hooks and the notification worker */

	setup_signals();
	die_set_hook(restore_terminal);
	prompt_init();   /* before curses: readline's terminal set-up must come first */
	if (!initscr())
		die(WD_EXIT_USAGE, "%s", _("cannot start the terminal screen"));
	ui.curses_up = true;
	theme_apply();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	timeout(0);
	set_escdelay(25);
	leaveok(stdscr, TRUE);
	curs_set(0);

	ui_push(&ui, &queue_ops, NULL);
	draw_frame(&ui);
	if (!live_connect(&ui.live))
		ui_error(&ui, _("offline: %s"), ui.live.err.msg);
	else if (!ui.live.have_me)
		ui_error(&ui, "%s", ui.live.err.msg);

	while (!ui.quit) {
		struct pollfd pfd[4];
		int nfd = 0, dbfd, nfyfd, dbi = -1, nfyi = -1, r, to;

		if (ui.dirty)
			draw_frame(&ui);
		to = timeout_ms(&ui, o->max_iterations);
		pfd[nfd].fd = STDIN_FILENO;
		pfd[nfd++].events = POLLIN;
		pfd[nfd].fd = sig_pipe[0];
		pfd[nfd++].events = POLLIN;
		dbfd = live_fd(&ui.live);
		if (dbfd >= 0) {
			dbi = nfd;
			pfd[nfd].fd = dbfd;
			pfd[nfd++].events = POLLIN;
		}
		nfyfd = calerts_fd();
		if (nfyfd >= 0) {
			nfyi = nfd;
			pfd[nfd].fd = nfyfd;
			pfd[nfd++].events = POLLIN;
		}
		r = poll(pfd, (nfds_t)nfd, to);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0 && (pfd[1].revents & POLLIN))
			read_signals(&ui);
		if (r > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			if (pfd[0].revents & (POLLHUP | POLLERR) && !(pfd[0].revents & POLLIN))
				ui.quit = true;   /* the terminal went away */
			else
				read_keys(&ui);
		}
		/* Every turn, not only when the socket is readable: a notification
		 * that arrived while a query ran (a key's action, the sweep) is
		 * already in libpq's queue and would not wake poll(). */
		if (!ui.quit && dbi >= 0) {
			live_readable(&ui.live);
			/* Show a new case before the alert round trips below. */
			if (ui.dirty)
				draw_frame(&ui);
		}
		if (!ui.quit && nfyi >= 0 && r > 0 && pfd[nfyi].revents)
			calerts_readable(&ui);
		if (!ui.quit) {
			time_t now = desk_now();

			live_poll(&ui.live, mono_ms());
			calerts_tick(&ui, mono_ms());
			if (now / 60 != last_minute) {
				last_minute = now / 60;
				model_tick(ui.model, now);
				if (ui.top->ops->changed)
					ui.top->ops->changed(&ui, ui.top, -1);
				ui.dirty = true;
			}
			if (r == 0)
				ui.dirty = true;   /* a NEW mark expired */
		}
		if (o->max_iterations > 0 && ++iterations >= o->max_iterations)
			break;
	}

	prompt_shutdown();
	calerts_shutdown(&ui);
	if (ui.curses_up) {
		ui.curses_up = false;
		endwin();
	}
	die_set_hook(NULL);
	ui_free(&ui);
	the_ui = NULL;
	return WD_EXIT_OK;
}
