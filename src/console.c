/* console.c - the event loop (console.h), at the top of the console side:
 * it sets up the UI services (ui.h) with the screen registry
 * (console_screens.c) and the generic actions (console_actions.c), opens the
 * queue, and draws the frame (console_frame.c) when something changed.
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
#include "wardesk/console_actions.h"
#include "wardesk/console_alerts.h"
#include "wardesk/console_frame.h"
#include "wardesk/console_term.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/drafts.h"
#include "wardesk/model_seen.h"
#include "wardesk/photo_encode.h"
#include "wardesk/photo_fetch.h"
#include "wardesk/prompt.h"
#include "wardesk/screen_queue_can.h"
#include "wardesk/screens.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

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

/* ---- input ---- */

static void handle_resize(struct ui *ui)
{
	struct winsize ws;

	if (ui->pix.up)   /* the picture was placed for the old size */
		console_pixels_end(ui, ACT_BACK);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		if (ws.ws_row != LINES || ws.ws_col != COLS)
			resizeterm(ws.ws_row, ws.ws_col);
	}
	ui->dirty = true;
}

/* The mouse (set mouse, on by default): a click selects the row under the
 * pointer in a list, the wheel moves three lines.  Ignored while a prompt
 * or a question is open (the question stays). */
static void handle_mouse(struct ui *ui)
{
	MEVENT ev;
	int i;

	if (getmouse(&ev) != OK || !config_bool(SET_MOUSE) || prompt_active() || ui->ask_cb ||
	    !ui->top)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++)
			ui_action(ui, ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN);
	} else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
		if (ui->top->ops->click)
			ui->top->ops->click(ui, ui->top, ev.y, ev.x);
	}
	ui->dirty = true;
}

/* Mouse reporting follows the setting (`:set mouse off` takes effect at once). */
static void mouse_apply(struct ui *ui)
{
	static int applied = -1;
	int want = config_bool(SET_MOUSE) ? 1 : 0;

	if (!ui->curses_up || want == applied)
		return;
	applied = want;
	mouseinterval(0);   /* presses at once, no waiting to tell a click */
	mousemask(want ? BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
}

static void handle_key(struct ui *ui, int key, bool code)
{
	int act;

	if (ui->pix.up) {   /* a photo in pixels: any key takes it away; the photo key shows the next */
		act = code || key < KEY_MIN || key > KEY_MAX ? bindings_lookup(ui->top->ops->keymap, key) : -1;
		console_pixels_end(ui, act == ACT_PHOTO ? ACT_PHOTO : ACT_BACK);
		return;
	}
	if (code && key == KEY_RESIZE) {
		ui->dirty = true;
		return;
	}
	if (code && key == KEY_MOUSE) {
		handle_mouse(ui);
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
	/* the start-up offer to start a shift: y takes it, any other key
	 * goes on as usual and the offer is gone (asked once) */
	if (calerts_offer_shown(ui) && !code && key == 'y') {
		calerts_offer_clear();
		ui->status[0] = '\0';
		shift_set(ui, true);
		ui->dirty = true;
		return;
	}
	calerts_offer_clear();
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
					console_interrupt(ui);
				break;
			default:   /* SIGTERM, SIGHUP */
				ui->quit = true;
				break;
			}
		}
	}
}

/* ---- live hooks ---- */

/* A key (or a signal) waits: a drain of notifications stops for it. */
static bool input_waiting(void *ctx)
{
	struct pollfd p[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
	                       { .fd = sig_pipe[0], .events = POLLIN } };

	(void)ctx;
	return poll(p, sig_pipe[0] >= 0 ? 2 : 1, 0) > 0;
}

static void on_changed(void *ctx, int64_t id)
{
	struct ui *ui = ctx;

	static int64_t ho_announced;   /* last handover for me put on the status line */
	static bool refusal_said;

	ui_changed(ui, id);
	/* The server refused the login on reconnect (deactivated, say): say
	 * why once; live.c makes no more attempts. */
	if (ui->live.refused && !refusal_said) {
		refusal_said = true;
		ui_error(ui, _("the console stops here (q quits): %s"), ui->live.err.msg);
	}
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
	/* My handover was declined: say so, with the note (issue 12). */
	if (id == SCREEN_SHIFT_CHANGED && ui->live.ho_declined_id) {
		ui_error(ui, _("handover #%lld declined by %s: %s (the cases stay with you)"),
		         (long long)ui->live.ho_declined_id, ui->live.ho_declined_by,
		         ui->live.ho_declined_note);
		ui->live.ho_declined_id = 0;
		if (config_bool(SET_BELL) && ui->curses_up)
			beep();
	}
	/* My handover was acknowledged: the cases are not mine any more. */
	if (id == SCREEN_SHIFT_CHANGED && ui->live.ho_acked_id) {
		ui_status(ui, _("handover #%lld acknowledged by %s: its cases are theirs now"),
		          (long long)ui->live.ho_acked_id, ui->live.ho_acked_by);
		ui->live.ho_acked_id = 0;
	}
	/* A blocking connection attempt is about to start: show it. */
	if (id == 0 && ui->curses_up && ui->top &&
	    (ui->live.state == LIVE_CONNECTING || ui->live.state == LIVE_RECONNECTING))
		console_draw_frame(ui);
}

/* A case drawn from its payload: on the screen before the notifications
 * after it (its alert) are read (live.h paint). */
static void paint_now(void *ctx)
{
	struct ui *ui = ctx;

	if (ui->dirty && ui->curses_up && ui->top)
		console_draw_frame(ui);
}

/* ---- timing ---- */

/* A slice of a typed filter's scan, between keys: a key that comes
 * meanwhile waits for the rest of the slice (2 ms until issue 14's fourth
 * pass; a slice is 256 cases at least, some microseconds). */
#define FILTER_STEP_US 500

static int timeout_ms(struct ui *ui, long max_iter)
{
	struct timespec ts;
	int64_t now_ms, best;
	int lt;

	clock_gettime(CLOCK_REALTIME, &ts);
	now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	/* next wall-clock minute, plus a little so the minute has turned */
	best = ((now_ms / 60000) + 1) * 60000 + 20 - now_ms;
	/* (NEW marks no longer expire by time: they last until seen) */
	lt = live_timeout_ms(&ui->live, mono_ms());
	if (lt >= 0 && lt < best)
		best = lt;
	lt = calerts_timeout_ms(ui, mono_ms());   /* the sweep, pending alerts */
	if (lt >= 0 && lt < best)
		best = lt;
	lt = queue_can_timeout_ms(mono_ms());   /* the footer's question, once the cursor rests */
	if (lt >= 0 && lt < best)
		best = lt;
	if (max_iter > 0 && best > 200)
		best = 200;
	if (model_filter_counting(ui->model))
		best = 0;   /* the filter's next slice */
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
	free(ui->pix.seq);
}

/* Ask for a password (if the server wants one) before curses owns the
 * terminal; reconnects reuse it and never prompt.  The connection is the
 * live one's first (one server process less before the first screen). */
static bool ask_password_first(struct live *live, const char *conninfo)
{
	struct st_err perr = { 0 };
	struct store *probe = store_open(conninfo, &perr);
	bool refused = !probe && perr.status == ST_BADINPUT;

	live_adopt(live, probe);
	store_prompt_password(false);
	if (refused) {   /* not known, deactivated, wrong password: say so, plainly */
		char *safe = text_sanitize(perr.msg, false);

		fprintf(stderr, "wardesk: %s\n", safe);
		free(safe);
	}
	return !refused;
}

static bool ui_start(struct ui *ui, const struct console_opts *o)
{
	int view;
	const char *once;

	memset(ui, 0, sizeof *ui);
	ui_set_screens(ui, screen_registry);
	ui->generic = console_generic_action;
	load_config(ui, o);
	ui->model = model_new(NULL);
	if ((once = getenv("WARDESK_FILTER_ONCE_US")) && *once) {   /* 0 to 10 s */
		long us = strtol(once, NULL, 10);

		model_set_filter_once(ui->model, us < 0 ? 0 : us > 10000000 ? 10000000 : (int)us);
	}
	view = view_parse(config_str(SET_DEFAULT_VIEW));
	model_set_view(ui->model, view >= 0 ? (enum view_id)view : VIEW_OPEN);
	live_init(&ui->live, o->conninfo, ui->model);
	{
		char login[64];   /* drafts are this login's (live.c confirms on connect) */

		store_conninfo_user(o->conninfo, login, sizeof login);
		drafts_set_owner(login);   /* the place, and the NEW marks, on connect */
	}
	if (!ask_password_first(&ui->live, o->conninfo))
		return false;
	ui->live.changed = on_changed;
	ui->live.input_waiting = input_waiting;
	ui->live.paint = paint_now;
	ui->live.ctx = ui;
	calerts_init(ui);   /* alerts hooks and the notification worker */
	return true;
}

static const struct prompt_commands commands = { command_name, command_completion };

static void curses_start(struct ui *ui)
{
	prompt_set_commands(&commands);
	prompt_init();   /* before curses: readline's terminal set-up must come first */
	if (!initscr())
		die(WD_EXIT_USAGE, "%s", _("cannot start the terminal screen"));
	/* Once out of curses and back, before anything is drawn and before
	 * the modes below are set (keypad's transmit mode would be lost):
	 * until the first endwin() ncurses (6.4, lib_mvcur.c) flushes its
	 * output after every cursor motion, a write(2) per changed span of a
	 * frame (seven for a case sorting in, each waking whoever reads the
	 * terminal); from then on a frame is one write. */
	endwin();
	doupdate();
	ui->curses_up = true;
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
	/* No typeahead check inside doupdate: it polled the terminal before
	 * each changed line (six polls for a case sorting in, strace); keys
	 * are read between frames (turn). */
	typeahead(-1);
}

/* One turn's file descriptors: the terminal, the signal pipe, the database
 * socket and the notifier's (when there are). */
struct turn {
	struct pollfd pfd[5];
	int nfd, dbi, nfyi, photoi;
};

static void turn_fds(struct ui *ui, struct turn *t)
{
	int fd;

	t->nfd = 0;
	t->dbi = t->nfyi = t->photoi = -1;
	t->pfd[t->nfd].fd = STDIN_FILENO;
	t->pfd[t->nfd++].events = POLLIN;
	t->pfd[t->nfd].fd = sig_pipe[0];
	t->pfd[t->nfd++].events = POLLIN;
	if ((fd = live_fd(&ui->live)) >= 0) {
		t->dbi = t->nfd;
		t->pfd[t->nfd].fd = fd;
		/* a flood drains (live.backlog): what came is read after the
		 * rest, LIVE_DRAIN_REST_MS, not at once */
		t->pfd[t->nfd++].events = ui->live.backlog ? 0 : POLLIN;
	}
	if ((fd = calerts_fd()) >= 0) {
		t->nfyi = t->nfd;
		t->pfd[t->nfd].fd = fd;
		t->pfd[t->nfd++].events = POLLIN;
	}
	if ((fd = photo_fetch_fd()) >= 0) {   /* the photo worker answered */
		t->photoi = t->nfd;
		t->pfd[t->nfd].fd = fd;
		t->pfd[t->nfd++].events = POLLIN;
	}
}

/* Timers: reconnection, the sweep and alerts, the minute.  timed_out: poll
 * ran out of time (not: it was told not to wait, a typed filter counting). */
static void turn_timers(struct ui *ui, bool timed_out, time_t *last_minute)
{
	time_t now = desk_now();
	int64_t t = mono_ms();
	/* only the cases' confirmation ran out: it sends, its answer draws
	 * (one frame a case less; issue 14) */
	bool quiet = timed_out && live_confirm_due(&ui->live, t) && calerts_timeout_ms(ui, t) != 0;

	live_poll(&ui->live, t);
	calerts_tick(ui, mono_ms());
	queue_can_tick(ui, mono_ms());
	if (now / 60 != *last_minute) {
		*last_minute = now / 60;
		if (ui->live.ever_up)
			seen_save(ui->model, ui->live.new_since);
		model_tick(ui->model, now);
		if (ui->top->ops->changed)
			ui->top->ops->changed(ui, ui->top, -1);
		ui->dirty = true;
	}
	if (timed_out && !live_loading(&ui->live) && !ui->live.backlog && !(quiet && live_up(&ui->live)))
		ui->dirty = true;   /* a timer ran out (not: snapshot rows or notifications wait): redraw */
}

/* While a flood of notifications drains (live.backlog), the changes it
 * makes are drawn at most this often; a key's answer is drawn at once. */
#define BACKLOG_FRAME_MS 50

/* Draw the frame if something changed, but while notifications wait only
 * when a key came (keyed) or the last frame is BACKLOG_FRAME_MS old: a
 * frame per slice of the drain cost more than the slice (issue 14). */
static void draw_dirty(struct ui *ui, bool keyed)
{
	static int64_t last;
	int64_t now;

	if (!ui->dirty)
		return;
	now = mono_ms();
	if (ui->live.backlog && !keyed && now - last < BACKLOG_FRAME_MS)
		return;
	console_draw_frame(ui);
	last = now;
}

/* One turn of the loop; false when poll failed. */
static bool turn(struct ui *ui, long max_iterations, time_t *last_minute)
{
	struct turn t;
	int r;
	bool keyed, counting;

	mouse_apply(ui);
	draw_dirty(ui, false);   /* (a key's answer was drawn in its own turn) */
	/* a typed filter's first screen is out: the rest of its scan in
	 * slices between keys (poll does not wait meanwhile); its end is
	 * drawn at once, but by the next key's frame when a key waits */
	if (model_filter_counting(ui->model) && !model_filter_step(ui->model, FILTER_STEP_US)) {
		if (ui->top->ops->changed)
			ui->top->ops->changed(ui, ui->top, 0);
		if (input_waiting(NULL))
			ui->dirty = true;
		else
			console_draw_frame(ui);
	}
	turn_fds(ui, &t);
	/* counting: poll does not wait, and its 0 is no timer that ran out
	 * (until issue 14's fourth pass it drew a frame after every slice) */
	counting = model_filter_counting(ui->model);
	r = poll(t.pfd, (nfds_t)t.nfd, timeout_ms(ui, max_iterations));
	if (r < 0 && errno != EINTR)
		return false;
	if (r > 0 && (t.pfd[1].revents & POLLIN))
		read_signals(ui);
	keyed = r > 0 && (t.pfd[0].revents & POLLIN);
	if (keyed) {
		read_keys(ui);
		draw_dirty(ui, true);   /* the key's answer first, before notifications */
	}
	/* The terminal went away (a hang-up also reads as input: the keys
	 * still buffered were read above, then no more will come). */
	if (r > 0 && (t.pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
		ui->quit = true;
	/* Every turn, not only when the socket is readable: a notification
	 * that arrived while a query ran (a key's action, the sweep) is
	 * already in libpq's queue and would not wake poll(). */
	if (!ui->quit && t.dbi >= 0) {
		live_readable(&ui->live);
		/* Show a new case before the alert round trips below (a key's
		 * answer is out already). */
		draw_dirty(ui, false);
	}
	if (!ui->quit && t.nfyi >= 0 && r > 0 && t.pfd[t.nfyi].revents)
		calerts_readable(ui);
	if (t.photoi >= 0 && r > 0 && t.pfd[t.photoi].revents && photo_fetch_drain())
		ui->dirty = true;
	if (!ui->quit)
		turn_timers(ui, r == 0 && !counting, last_minute);
	return true;
}

int console_run(const struct console_opts *o)
{
	struct ui ui;
	long iterations = 0;
	time_t last_minute = desk_now() / 60;
	bool utf8;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("wardesk: the console needs a terminal (see wardesk --help for commands)\n"));
		return WD_EXIT_USAGE;
	}
	if (!console_term_usable())
		return WD_EXIT_USAGE;
	utf8 = console_term_utf8();
	if (!ui_start(&ui, o)) {
		ui_free(&ui);   /* refused before curses: nothing of it outlives us */
		return WD_EXIT_USAGE;
	}
	the_ui = &ui;
	setup_signals();
	die_set_hook(restore_terminal);
	curses_start(&ui);

	ui_open(&ui, SCR_QUEUE, NULL);
	console_draw_frame(&ui);
	if (!live_connect(&ui.live))
		ui_error(&ui, _("offline: %s"), ui.live.err.msg);
	else if (!ui.live.have_me)
		ui_error(&ui, "%s", ui.live.err.msg);
	else if (!utf8)
		ui_status(&ui, "%s", _("the locale is not UTF-8: Vietnamese is shown without marks "
		                       "(WARDESK_UTF8=1 if this terminal takes UTF-8)"));

	while (!ui.quit && turn(&ui, o->max_iterations, &last_minute))
		if (o->max_iterations > 0 && ++iterations >= o->max_iterations)
			break;

	prompt_shutdown();
	seen_save(ui.live.ever_up ? ui.model : NULL, ui.live.new_since);
	calerts_shutdown(&ui);
	photo_encode_shutdown();   /* it wakes the loop through the fetch worker's pipe */
	photo_fetch_shutdown();
	if (ui.curses_up) {
		ui.curses_up = false;
		endwin();
	}
	die_set_hook(NULL);
	ui_free(&ui);
	the_ui = NULL;
	return WD_EXIT_OK;
}
