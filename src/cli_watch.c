/* cli_watch.c - `wardesk watch`: the deadline sweep run headless every
 * interval, with desktop notifications for new alerts (--notify), and the
 * chair's phone: alerts to officers' mobiles through the configured
 * phone-command (cli_phone.c). */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/cli_phone.h"
#include "wardesk/config.h"
#include "wardesk/notify.h"
#include "wardesk/store_deadline.h"
#include "wardesk/sweep.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- watch ------------------------------------------------------------ */

static int sig_pipe[2] = { -1, -1 };

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t w = write(sig_pipe[1], &b, 1);

	(void)w;
	errno = saved;
}

enum notify_mode { NOTIFY_MODE_OFF, NOTIFY_MODE_MINE, NOTIFY_MODE_ALL };

struct watch {
	const struct cli_global *g;
	struct store *st;
	enum notify_mode notify;
	int64_t after_id;          /* alerts up to here were handled */
	bool alerts_pending;
	bool said_why;             /* "notifications unavailable" printed */
	unsigned long notified, fallback;
	bool once;                 /* --once */
	long interval;             /* --interval, seconds */
	long iterations;           /* sweeps so far */
	time_t next;               /* the next sweep is due */
	struct phone_sender *phone;   /* phone-command is set */
};

static void print_transitions(const struct wd_transition_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_transition *t = &l->v[i];
		char at[40];
		char *ref = text_sanitize(t->ref, false), *to = text_sanitize(t->alerted, false);

		time_iso(t->at, at, sizeof at);
		cli_printf("%s %s %s level %d -> %s\n", at, ref, t->action, t->escalation,
		       *to ? to : "-");
		free(ref);
		free(to);
	}
	fflush(stdout);
}

static void say_notify_state(struct watch *w)
{
	char why[256];
	enum notify_state s = notify_status(why, sizeof why);

	if (w->said_why || s == NOTIFY_OK || s == NOTIFY_UNKNOWN)
		return;
	cli_fprintf(stderr, _("wardesk: desktop notifications unavailable: %s\n"), why);
	w->said_why = true;
}

static void on_alert(void *ctx, int64_t alert_id, int64_t case_id, const char *kind, const char *to,
                     const struct st_alert_payload *payload)
{
	struct watch *w = ctx;

	(void)case_id;
	(void)kind;
	(void)payload;   /* watch fetches: it notifies the full text, and may watch all */
	if (alert_id > w->after_id &&
	    (w->notify == NOTIFY_MODE_ALL || !strcmp(to, store_login(w->st))))
		w->alerts_pending = true;
}

/* A catch-up's summary alerts (sql/023) come one per call of the sweep:
 * those of one fetch with the same recipient and kind are notified once,
 * by the first of them with the cases of all (head[i]: the one that
 * stands for alert i; itself for every other alert). */
static void merge_summaries(struct wd_alert_list *l, size_t *head)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_alert *a = &l->v[i];

		head[i] = i;
		for (size_t j = 0; a->case_count > 1 && a->recipient && j < i; j++) {
			struct wd_alert *b = &l->v[j];

			if (head[j] == j && b->case_count > 1 && b->kind == a->kind && b->recipient &&
			    !strcmp(b->recipient, a->recipient)) {
				head[i] = j;
				b->case_count = b->case_count > INT_MAX - a->case_count ? INT_MAX
				                : b->case_count + a->case_count;
				break;
			}
		}
	}
}

/* Notify the alerts made since after_id (the caller's own, or all). */
static enum st_status notify_new_alerts(struct watch *w, struct st_err *err)
{
	struct st_alert_query q = {
		.mine = w->notify == NOTIFY_MODE_MINE, .after_id = w->after_id, .limit = 500,
	};
	struct wd_alert_list l;
	int64_t *mine;
	size_t nmine = 0, *head;
	enum alert_notify_result *res;
	enum st_status rc;

	w->alerts_pending = false;
	if ((rc = store_alerts(w->st, &q, &l, err)) != ST_OK)
		return rc;
	mine = xcalloc(l.n + 1, sizeof *mine);
	head = xcalloc(l.n + 1, sizeof *head);
	res = xcalloc(l.n + 1, sizeof *res);
	merge_summaries(&l, head);
	for (size_t i = 0; i < l.n; i++) {
		/* a merged summary shares its first one's fate, uncounted */
		enum alert_notify_result r = head[i] == i ? alert_notify(&l.v[i]) : res[head[i]];

		res[i] = r;
		if (r == ALERT_NOTIFIED && head[i] == i)
			w->notified++;
		else if (r == ALERT_FALLBACK && head[i] == i)
			w->fallback++;
		if (r == ALERT_NOTIFIED && !strcmp(l.v[i].recipient, store_login(w->st)))
			mine[nmine++] = l.v[i].id;
		if (l.v[i].id > w->after_id)
			w->after_id = l.v[i].id;
	}
	if (w->fallback)
		say_notify_state(w);
	rc = store_alerts_delivered(w->st, mine, nmine, NULL, err);
	free(mine);
	free(head);
	free(res);
	wd_alert_list_free(&l);
	return rc;
}

static enum st_status watch_connect(struct watch *w, struct st_err *err)
{
	enum st_status rc;

	if (!(w->st = store_open(w->g->conninfo, err)))
		return ST_OFFLINE;
	if (w->notify == NOTIFY_MODE_OFF)
		return ST_OK;
	if ((rc = store_alert_listen(w->st, err)) != ST_OK)
		return rc;
	/* alerts made while we were away are left to the consoles */
	if (w->after_id == 0)
		return store_alert_max_id(w->st, &w->after_id, err);
	return ST_OK;
}

/* Wait up to ms for a signal (true: stop), the database or the notifier. */
static bool watch_wait(struct watch *w, int ms)
{
	struct pollfd p[3] = {
		{ .fd = sig_pipe[0], .events = POLLIN },
		{ .fd = w->st ? store_socket(w->st) : -1, .events = POLLIN },
		{ .fd = notify_fd(), .events = POLLIN },
	};
	struct timespec ts;
	int64_t end;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + ms;
	for (;;) {
		int64_t now, left;
		int r;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		left = end - now;
		if (left <= 0)
			return false;
		r = poll(p, 3, (int)(left > 60000 ? 60000 : left));
		if (r < 0 && errno != EINTR)
			return true;
		if (r <= 0)
			continue;
		if (p[0].revents)
			return true;
		if (p[2].revents) {
			notify_drain();
			say_notify_state(w);
		}
		if (p[1].revents) {
			struct st_err err = { 0 };

			if (store_drain_live(w->st, NULL, on_alert, w, &err) != ST_OK) {
				cli_fprintf(stderr, "wardesk: %s\n", err.msg);
				store_close(&w->st);
				p[1].fd = -1;
				return false;
			}
			if (w->alerts_pending)
				return false;
		}
	}
}

/* The config (notification and phone settings); its bad lines on stderr. */
static void watch_config(const struct cli_global *g)
{
	char *path = g->config ? xstrdup(g->config) : config_default_path();

	config_load(path);
	free(path);
	for (size_t i = 0; i < config_error_count(); i++)
		cli_fprintf(stderr, "wardesk: %s\n", config_error(i));
}

/* The phone sender, when phone-command is set (a bad one is said, not fatal:
 * the sweep matters more). */
static void watch_phone_start(struct watch *w)
{
	char why[512];

	w->phone = phone_sender_new(why, sizeof why);
	if (!w->phone && *why)
		cli_fprintf(stderr, _("wardesk: %s; no phone messages are sent\n"), why);
}

/* Send due phone messages; a login that may not: said once, sending stops. */
static void watch_phone(struct watch *w)
{
	struct st_err err = { 0 };

	if (!w->phone || phone_sender_tick(w->phone, w->st, &err))
		return;
	cli_fprintf(stderr, _("wardesk: %s; no phone messages are sent "
	                      "(the login must be a superuser or a member of wardesk_phone)\n"), err.msg);
	phone_sender_free(&w->phone, w->st);
}

/* How long the loop may wait: until the next sweep, or the phone's next need. */
static int watch_wait_ms(const struct watch *w)
{
	long ms = (long)(w->next - time(NULL)) * 1000;
	int p = w->phone ? phone_sender_wait_ms(w->phone) : INT32_MAX;

	if (ms < 0)
		ms = 0;
	return ms < p ? (int)ms : p;
}

static void watch_notify_stop(struct watch *w)
{
	if (!notify_flush(5000))
		cli_fprintf(stderr, "%s", _("wardesk: the notification server is slow; "
		                        "leaving notifications behind\n"));
	notify_drain();
	say_notify_state(w);
	notify_shutdown(500);
	if (!w->said_why && w->fallback)
		say_notify_state(w);
}

static void watch_signals(bool on)
{
	struct sigaction sa = { .sa_handler = on_signal };

	if (!on) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		close(sig_pipe[0]);
		close(sig_pipe[1]);
		sig_pipe[0] = sig_pipe[1] = -1;
		return;
	}
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		die(WD_EXIT_USAGE, "pipe: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* One sweep.  Returns -1 to go on, else the exit status to stop with. */
static int watch_sweep(struct watch *w)
{
	struct wd_transition_list l;
	struct st_err err = { 0 };

	if (store_sweep(w->st, &l, &err) != ST_OK) {
		if (store_sweep_blocked(&err)) {
			/* someone holds the sweep's lock: nothing was swept.  Say so;
			 * --once fails, the loop tries again next interval */
			cli_fprintf(stderr, "wardesk: %s\n", err.msg);
			w->next = time(NULL) + w->interval;
			w->iterations++;
			return w->once ? WD_EXIT_REFUSED : -1;
		}
		cli_fprintf(stderr, "wardesk: %s\n", err.msg);
		if (err.status == ST_OFFLINE || !store_ok(w->st)) {
			store_close(&w->st);
			return w->once ? WD_EXIT_OFFLINE : -1;
		}
		return cli_fail(&err);
	}
	print_transitions(&l);
	wd_transition_list_free(&l);
	w->next = time(NULL) + w->interval;
	w->iterations++;
	if (w->notify != NOTIFY_MODE_OFF)
		w->alerts_pending = true;
	return -1;
}

/* Sweep every interval until a signal (or --once, or --max-iterations). */
static int watch_loop(struct watch *w)
{
	struct st_err err = { 0 };
	bool stop = false;
	int rc;

	while (!stop) {
		if (!w->st) {
			/* lost the database: try again every interval */
			if (watch_connect(w, &err) != ST_OK) {
				store_close(&w->st);
				if (err.status == ST_BADINPUT)   /* login refused: retrying won't help */
					return cli_fail(&err);
				cli_fprintf(stderr, "wardesk: %s\n", err.msg);
				if (w->once)
					return WD_EXIT_OFFLINE;
				stop = watch_wait(w, (int)w->interval * 1000);
				continue;
			}
			w->next = 0;
		}
		if (time(NULL) >= w->next && (rc = watch_sweep(w)) >= 0)
			return rc;
		if (!w->st)
			continue;
		if (w->alerts_pending && notify_new_alerts(w, &err) != ST_OK) {
			cli_fprintf(stderr, "wardesk: %s\n", err.msg);
			if (!store_ok(w->st))
				store_close(&w->st);
		}
		watch_phone(w);
		if (w->once || (w->g->max_iterations > 0 && w->iterations >= w->g->max_iterations))
			break;
		stop = watch_wait(w, watch_wait_ms(w));
	}
	return WD_EXIT_OK;
}

int cmd_watch(const struct cli_global *g, const struct cli_args *a)
{
	const char *notify = cli_str(a, "notify");
	struct watch w = {
		.g = g, .interval = cli_int(a, "interval", 30), .once = cli_flag(a, "once"),
	};
	struct st_err err = { 0 };
	int rc;

	if (cli_flag(a, "notify"))
		w.notify = notify && !strcmp(notify, "all") ? NOTIFY_MODE_ALL : NOTIFY_MODE_MINE;
	watch_signals(true);
	watch_config(g);
	watch_phone_start(&w);
	if (w.notify != NOTIFY_MODE_OFF)
		notify_init_async("wardesk");
	rc = watch_connect(&w, &err) != ST_OK ? cli_fail(&err) : watch_loop(&w);
	phone_sender_free(&w.phone, w.st);
	if (w.notify != NOTIFY_MODE_OFF)
		watch_notify_stop(&w);
	store_close(&w.st);
	watch_signals(false);
	return rc;
}
