/* notify.c - libnotify on a worker thread (see notify.h).
 *
 * One mutex guards everything shared; the worker never holds it during a
 * D-Bus call.  The worker owns its own GMainContext (pushed as the
 * thread-default one), so the signals libnotify's proxy receives are
 * dispatched there and never pile up in the global default context.
 *
 * libnotify (and GLib, GIO under it) is loaded by the worker only when
 * there is a session bus to show notifications on (dynlib.h): a console
 * over SSH or a service never maps it.  Without the library the state is
 * NOTIFY_DISABLED with the loader's reason, and the callers fall back as
 * without a D-Bus. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libnotify/notify.h>

#include "wardesk/dynlib.h"
#include "wardesk/notify.h"
#include "wardesk/text.h"

#define SUMMARY_COLS 64
#define BODY_COLS 120
#define BODY_LINES 3

/* Every function of libnotify, GLib, GObject and GIO used here. */
#define NL_FNS(X) \
	X(init, notify_init) X(uninit, notify_uninit) X(is_initted, notify_is_initted) \
	X(server_info, notify_get_server_info) X(n_new, notify_notification_new) \
	X(n_urgency, notify_notification_set_urgency) \
	X(n_timeout, notify_notification_set_timeout) X(n_show, notify_notification_show) \
	X(bus_get_sync, g_bus_get_sync) X(clear_error, g_clear_error) X(gfree, g_free) \
	X(object_unref, g_object_unref) X(markup_escape, g_markup_escape_text) \
	X(ctx_new, g_main_context_new) X(ctx_unref, g_main_context_unref) \
	X(ctx_push, g_main_context_push_thread_default) \
	X(ctx_pop, g_main_context_pop_thread_default) X(ctx_iteration, g_main_context_iteration)

static struct {
	NL_FNS(DYNLIB_FIELD)
} NL;
#define NL_SYM(field, sym) DYNLIB_SYM(NL, field, sym)
static const struct dynsym nl_syms[] = { NL_FNS(NL_SYM) };
static struct dynlib nl_lib = DYNLIB("libnotify.so.4", nl_syms);

struct item {
	char *group;              /* NULL: never merged */
	char *summary, *many_fmt, *body;
	enum notify_urgency urgency;
	int count;
	int64_t not_before_ms;    /* monotonic */
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;      /* worker: something to do */
	pthread_cond_t idle;      /* callers: queue empty and worker idle, worker done, or state changed */
	pthread_t thread;
	bool started, quit, busy, done, flushing;
	char *app_name;
	enum notify_state state;
	char why[256];
	struct item q[NOTIFY_QUEUE_MAX];
	size_t n;
	int pipe_r, pipe_w;
	struct notify_stats stats;
} N = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.state = NOTIFY_DISABLED,
	.pipe_r = -1,
	.pipe_w = -1,
};

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void item_free(struct item *it)
{
	free(it->group);
	free(it->summary);
	free(it->many_fmt);
	free(it->body);
	memset(it, 0, sizeof *it);
}

/* Tell the caller's poll loop (lock held or not: write() is atomic). */
static void post(unsigned bits)
{
	unsigned char b = (unsigned char)bits;

	if (N.pipe_w >= 0) {
		ssize_t w = write(N.pipe_w, &b, 1);

		(void)w;          /* a full pipe already says "look" */
	}
}

static void deadline_in(struct timespec *ts, int ms);

static void set_state(enum notify_state s, const char *why)
{
	bool changed = s != N.state;

	N.state = s;
	snprintf(N.why, sizeof N.why, "%s", why ? why : "");
	if (changed) {
		post(NOTIFY_EV_STATE);
		pthread_cond_broadcast(&N.idle);   /* wait_probe */
	}
}

/* ---- text ------------------------------------------------------------ */

static char *fit_line(const char *s, int cols)
{
	return text_fit(s, cols, false, true);
}

/* Body: at most BODY_LINES lines of BODY_COLS columns, sanitised. */
static char *prep_body(const char *body)
{
	struct strbuf sb = { 0 };
	char *safe = text_sanitize(body ? body : "", true);
	char *save = NULL;
	int lines = 0;

	for (char *l = strtok_r(safe, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *f;

		if (lines == BODY_LINES) {
			sb_puts(&sb, "\n…");
			break;
		}
		f = fit_line(l, BODY_COLS);
		sb_printf(&sb, "%s%s", lines ? "\n" : "", f);
		free(f);
		lines++;
	}
	free(safe);
	return sb.s ? sb_steal(&sb) : xstrdup("");
}

/* many_fmt with its first "%d" replaced by n (never used as a format). */
static char *many_summary(const char *fmt, int n)
{
	const char *p = strstr(fmt, "%d");
	struct strbuf sb = { 0 };
	char *out;

	if (!p)
		return xstrdup(fmt);
	sb_add(&sb, fmt, (size_t)(p - fmt));
	sb_printf(&sb, "%d", n);
	sb_puts(&sb, p + 2);
	out = fit_line(sb.s, SUMMARY_COLS);
	sb_free(&sb);
	return out;
}

/* ---- the worker ------------------------------------------------------ */

static void probe(void)
{
	GError *e = NULL;
	GDBusConnection *bus;
	char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
	char why[256];
	enum notify_state s;

	bus = NL.bus_get_sync(G_BUS_TYPE_SESSION, NULL, &e);
	if (!bus) {
		const char *addr = getenv("DBUS_SESSION_BUS_ADDRESS");

		snprintf(why, sizeof why, _("no D-Bus session bus (%s)"),
		         !addr || !*addr ? _("DBUS_SESSION_BUS_ADDRESS is not set")
		                         : (e ? e->message : "?"));
		NL.clear_error(&e);
		pthread_mutex_lock(&N.mu);
		set_state(NOTIFY_NO_BUS, why);
		pthread_mutex_unlock(&N.mu);
		return;
	}
	NL.init(N.app_name);
	if (NL.server_info(&name, &vendor, &version, &spec)) {
		snprintf(why, sizeof why, "%s %s", name ? name : "?", version ? version : "");
		s = NOTIFY_OK;
	} else {
		snprintf(why, sizeof why, "%s", _("no desktop notification server on the session bus"));
		s = NOTIFY_NO_SERVER;
	}
	NL.gfree(name);
	NL.gfree(vendor);
	NL.gfree(version);
	NL.gfree(spec);
	NL.object_unref(bus);        /* libnotify keeps its own reference */
	pthread_mutex_lock(&N.mu);
	set_state(s, why);
	pthread_mutex_unlock(&N.mu);
}

static bool show(const struct item *it, char *why, size_t whysz)
{
	NotifyNotification *n;
	GError *e = NULL;
	char *summary = it->count > 1 && it->many_fmt ? many_summary(it->many_fmt, it->count)
	                                              : xstrdup(it->summary);
	char *body = NL.markup_escape(it->body, -1);
	gboolean ok;

	n = NL.n_new(summary, body, NULL);
	NL.n_urgency(n, (NotifyUrgency)it->urgency);
	NL.n_timeout(n, NOTIFY_EXPIRES_DEFAULT);
	ok = NL.n_show(n, &e);
	if (!ok)
		snprintf(why, whysz, _("the notification server failed: %s"), e ? e->message : "?");
	NL.clear_error(&e);
	NL.object_unref(n);
	NL.gfree(body);
	free(summary);
	return ok;
}

/* Drop everything queued (lock held): notifications cannot be shown. */
static void drop_queue(void)
{
	if (N.n == 0)
		return;
	N.stats.failed += (unsigned)N.n;
	for (size_t i = 0; i < N.n; i++)
		item_free(&N.q[i]);
	N.n = 0;
	post(NOTIFY_EV_FAILED);
}

/* Whether GDBus could find a session bus: its address, the user's bus
 * socket, or an X display to autolaunch one on (GLib's own order). */
static bool bus_reachable(void)
{
	const char *addr = getenv("DBUS_SESSION_BUS_ADDRESS"), *rt = getenv("XDG_RUNTIME_DIR"),
	           *dpy = getenv("DISPLAY");
	char path[512];
	struct stat st;

	if ((addr && *addr) || (dpy && *dpy))
		return true;
	if (!rt || *rt != '/' || snprintf(path, sizeof path, "%s/bus", rt) >= (int)sizeof path)
		return false;
	return stat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* Load libnotify and look for a server, at once: the caller says straight
 * away whether notifications work.  Without a session bus (SSH, a service)
 * nothing is loaded: no notification could be shown.  NULL: nothing loaded
 * (the state says why). */
static GMainContext *start_worker(void)
{
	GMainContext *ctx;
	char why[256], msg[320];

	if (!bus_reachable()) {
		snprintf(msg, sizeof msg, _("no D-Bus session bus (%s)"),
		         _("DBUS_SESSION_BUS_ADDRESS is not set"));
		pthread_mutex_lock(&N.mu);
		set_state(NOTIFY_NO_BUS, msg);
		pthread_mutex_unlock(&N.mu);
		return NULL;
	}
	if (!dynlib_load(&nl_lib, why, sizeof why)) {
		snprintf(msg, sizeof msg, _("cannot load libnotify: %s"), why);
		pthread_mutex_lock(&N.mu);
		set_state(NOTIFY_DISABLED, msg);
		pthread_mutex_unlock(&N.mu);
		return NULL;
	}
	ctx = NL.ctx_new();
	NL.ctx_push(ctx);
	probe();
	return ctx;
}

static void *worker(void *arg)
{
	GMainContext *ctx = start_worker();

	(void)arg;
	pthread_mutex_lock(&N.mu);
	for (;;) {
		struct item it;
		char why[256];
		bool ok;

		if (N.state != NOTIFY_OK)
			drop_queue();
		while (!N.quit && N.n == 0) {
			pthread_cond_broadcast(&N.idle);
			pthread_cond_wait(&N.wake, &N.mu);
			if (N.state != NOTIFY_OK)
				drop_queue();
		}
		if (N.quit)
			break;
		/* the first item may wait a little for others of its group */
		if (N.q[0].group && !N.flushing) {
			int64_t left = N.q[0].not_before_ms - mono_ms();

			if (left > 0) {
				struct timespec ts;

				clock_gettime(CLOCK_MONOTONIC, &ts);
				ts.tv_sec += left / 1000;
				ts.tv_nsec += (left % 1000) * 1000000;
				if (ts.tv_nsec >= 1000000000) {
					ts.tv_sec++;
					ts.tv_nsec -= 1000000000;
				}
				pthread_cond_timedwait(&N.wake, &N.mu, &ts);
				continue;
			}
		}
		it = N.q[0];
		memmove(&N.q[0], &N.q[1], (N.n - 1) * sizeof N.q[0]);
		memset(&N.q[--N.n], 0, sizeof N.q[0]);
		N.busy = true;
		pthread_mutex_unlock(&N.mu);

		ok = show(&it, why, sizeof why);
		while (NL.ctx_iteration(ctx, FALSE))
			;
		item_free(&it);

		pthread_mutex_lock(&N.mu);
		N.busy = false;
		if (ok) {
			N.stats.sent++;
			post(NOTIFY_EV_SENT);
		} else {
			N.stats.failed++;
			post(NOTIFY_EV_FAILED);
			set_state(NOTIFY_NO_SERVER, why);
		}
	}
	N.done = true;
	pthread_cond_broadcast(&N.idle);
	pthread_mutex_unlock(&N.mu);
	if (!ctx)
		return NULL;
	if (NL.is_initted())
		NL.uninit();
	/* Dropping libnotify's D-Bus proxy unsubscribes its signals; GDBus frees
	 * each subscription's data from an idle callback in this thread's
	 * context, so run those before dropping the context (else LeakSanitizer
	 * reports 2 x 8 bytes from g_dbus_proxy_new_for_bus_sync). */
	while (NL.ctx_iteration(ctx, FALSE))
		;
	NL.ctx_pop(ctx);
	NL.ctx_unref(ctx);
	return NULL;
}

/* ---- the caller's side ----------------------------------------------- */

bool notify_init_async(const char *app_name)
{
	pthread_condattr_t ca;
	int fds[2];

	pthread_mutex_lock(&N.mu);
	if (N.started) {
		pthread_mutex_unlock(&N.mu);
		return true;
	}
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
		set_state(NOTIFY_DISABLED, strerror(errno));
		pthread_mutex_unlock(&N.mu);
		return false;
	}
	N.pipe_r = fds[0];
	N.pipe_w = fds[1];
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&N.wake, &ca);
	pthread_cond_init(&N.idle, &ca);
	pthread_condattr_destroy(&ca);
	N.app_name = xstrdup(app_name && *app_name ? app_name : "wardesk");
	N.quit = N.done = N.busy = N.flushing = false;
	N.state = NOTIFY_UNKNOWN;
	N.why[0] = '\0';
	if (pthread_create(&N.thread, NULL, worker, NULL) != 0) {
		set_state(NOTIFY_DISABLED, _("cannot start the notification thread"));
		close(N.pipe_r);
		close(N.pipe_w);
		N.pipe_r = N.pipe_w = -1;
		pthread_cond_destroy(&N.wake);
		pthread_cond_destroy(&N.idle);
		FREE(&N.app_name);
		pthread_mutex_unlock(&N.mu);
		return false;
	}
	N.started = true;
	pthread_mutex_unlock(&N.mu);
	return true;
}

static bool usable(void)
{
	return N.started && !N.quit && (N.state == NOTIFY_OK || N.state == NOTIFY_UNKNOWN);
}

/* Lock held.  Until the worker's probe has answered, "queued" does not mean
 * "there is a server to show it": a caller that marks an alert delivered
 * when notify_send returns true (watch --once, the console) would lose it
 * when the probe then finds no server and the queue is dropped.  So the
 * first sends wait for the answer, at most PROBE_WAIT_MS (loading
 * libnotify and one D-Bus round trip; the round trip alone was found slow
 * enough to lose a race of 2 s under ASan). */
#define PROBE_WAIT_MS 3000
static void wait_probe(void)
{
	struct timespec ts;

	if (!N.started || N.state != NOTIFY_UNKNOWN)
		return;
	deadline_in(&ts, PROBE_WAIT_MS);
	while (N.started && !N.quit && !N.done && N.state == NOTIFY_UNKNOWN)
		if (pthread_cond_timedwait(&N.idle, &N.mu, &ts) == ETIMEDOUT)
			break;
}

bool notify_send_grouped(const char *group, const char *summary, const char *many_fmt,
                         const char *body, enum notify_urgency urgency)
{
	struct item it = { 0 };
	char *sum, *bod;

	pthread_mutex_lock(&N.mu);
	wait_probe();
	if (!usable()) {
		pthread_mutex_unlock(&N.mu);
		return false;
	}
	pthread_mutex_unlock(&N.mu);

	/* the text work (libunistring) outside the lock */
	sum = fit_line(summary && *summary ? summary : "wardesk", SUMMARY_COLS);
	bod = prep_body(body);

	pthread_mutex_lock(&N.mu);
	if (!usable()) {
		pthread_mutex_unlock(&N.mu);
		free(sum);
		free(bod);
		return false;
	}
	N.stats.queued++;
	if (group) {
		for (size_t i = 0; i < N.n; i++) {
			struct item *q = &N.q[i];
			struct strbuf sb = { 0 };
			size_t lines = 1;

			if (!q->group || strcmp(q->group, group))
				continue;
			q->count++;
			if (urgency > q->urgency)
				q->urgency = urgency;
			for (const char *p = q->body; *p; p++)
				lines += *p == '\n';
			sb_puts(&sb, q->body);
			if (lines < BODY_LINES)
				sb_printf(&sb, "\n%.*s", (int)strcspn(bod, "\n"), bod);
			else if (!strstr(q->body, "\n…"))
				sb_puts(&sb, "\n…");
			free(q->body);
			q->body = sb_steal(&sb);
			N.stats.merged++;
			pthread_mutex_unlock(&N.mu);
			free(sum);
			free(bod);
			return true;
		}
	}
	if (N.n == NOTIFY_QUEUE_MAX) {
		size_t drop = 0;

		for (size_t i = 0; i < N.n; i++)
			if (N.q[i].urgency != NOTIFY_CRITICAL) {
				drop = i;
				break;
			}
		item_free(&N.q[drop]);
		memmove(&N.q[drop], &N.q[drop + 1], (N.n - drop - 1) * sizeof N.q[0]);
		memset(&N.q[--N.n], 0, sizeof N.q[0]);
		N.stats.dropped++;
	}
	it.group = group ? xstrdup(group) : NULL;
	it.summary = sum;
	it.many_fmt = group && many_fmt ? xstrdup(many_fmt) : NULL;
	it.body = bod;
	it.urgency = urgency;
	it.count = 1;
	it.not_before_ms = mono_ms() + (group ? NOTIFY_GROUP_MS : 0);
	N.q[N.n++] = it;
	pthread_cond_signal(&N.wake);
	pthread_mutex_unlock(&N.mu);
	return true;
}

bool notify_send(const char *summary, const char *body, enum notify_urgency urgency)
{
	return notify_send_grouped(NULL, summary, NULL, body, urgency);
}

enum notify_state notify_status(char *why, size_t whysz)
{
	enum notify_state s;

	pthread_mutex_lock(&N.mu);
	s = N.state;
	if (why && whysz)
		snprintf(why, whysz, "%s", N.state == NOTIFY_DISABLED && !N.why[0]
		                           ? _("desktop notifications are off") : N.why);
	pthread_mutex_unlock(&N.mu);
	return s;
}

bool notify_works(void)
{
	bool ok;

	pthread_mutex_lock(&N.mu);
	ok = usable();
	pthread_mutex_unlock(&N.mu);
	return ok;
}

int notify_fd(void)
{
	return N.pipe_r;
}

unsigned notify_drain(void)
{
	unsigned char buf[64];
	unsigned bits = 0;
	ssize_t r;

	if (N.pipe_r < 0)
		return 0;
	while ((r = read(N.pipe_r, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < r; i++)
			bits |= buf[i];
	return bits;
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

bool notify_flush(int timeout_ms)
{
	struct timespec ts;
	bool empty;

	pthread_mutex_lock(&N.mu);
	if (!N.started) {
		pthread_mutex_unlock(&N.mu);
		return true;
	}
	deadline_in(&ts, timeout_ms);
	N.flushing = true;
	pthread_cond_signal(&N.wake);
	while ((N.n > 0 || N.busy || N.state == NOTIFY_UNKNOWN) && !N.done)
		if (pthread_cond_timedwait(&N.idle, &N.mu, &ts) == ETIMEDOUT)
			break;
	empty = N.n == 0 && !N.busy;
	N.flushing = false;
	pthread_mutex_unlock(&N.mu);
	return empty;
}

void notify_shutdown(int timeout_ms)
{
	struct timespec ts;
	bool done;

	pthread_mutex_lock(&N.mu);
	if (!N.started) {
		pthread_mutex_unlock(&N.mu);
		return;
	}
	N.quit = true;
	for (size_t i = 0; i < N.n; i++)
		item_free(&N.q[i]);
	N.n = 0;
	pthread_cond_signal(&N.wake);
	deadline_in(&ts, timeout_ms);
	while (!N.done)
		if (pthread_cond_timedwait(&N.idle, &N.mu, &ts) == ETIMEDOUT)
			break;
	done = N.done;
	N.started = false;
	N.state = NOTIFY_DISABLED;
	N.why[0] = '\0';
	pthread_mutex_unlock(&N.mu);
	if (!done) {
		/* stuck in a D-Bus call: leave it; the process is on its way out */
		pthread_detach(N.thread);
		return;
	}
	pthread_join(N.thread, NULL);
	pthread_cond_destroy(&N.wake);
	pthread_cond_destroy(&N.idle);
	close(N.pipe_r);
	close(N.pipe_w);
	N.pipe_r = N.pipe_w = -1;
	FREE(&N.app_name);
}

void notify_get_stats(struct notify_stats *s)
{
	pthread_mutex_lock(&N.mu);
	*s = N.stats;
	pthread_mutex_unlock(&N.mu);
}
