/* cli_deadline.c - watch (the headless sweep), ack, categories, alerts,
 * delay reasons and settings from the command line. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/config.h"
#include "wardesk/notify.h"
#include "wardesk/store_deadline.h"
#include "wardesk/sweep.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

static bool parse_minutes(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 60 * 24 * 60)
		return false;
	*out = (int)v;
	return true;
}



static int get_format(const struct cli_command *self, const char *arg, int *fmt)
{
	*fmt = cli_parse_format(arg, 1u << FMT_TABLE | 1u << FMT_TSV | 1u << FMT_JSON);
	if (*fmt < 0)
		return cli_usage_error(self, _("format must be table, tsv or json"));
	return 0;
}

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
};

static void print_transitions(const struct wd_transition_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_transition *t = &l->v[i];
		char at[40];
		char *ref = text_sanitize(t->ref, false), *to = text_sanitize(t->alerted, false);

		time_iso(t->at, at, sizeof at);
		printf("%s %s %s level %d -> %s\n", at, ref, t->action, t->escalation,
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
	fprintf(stderr, _("wardesk: desktop notifications unavailable: %s\n"), why);
	w->said_why = true;
}

static void on_alert(void *ctx, int64_t alert_id, int64_t case_id, const char *kind, const char *to)
{
	struct watch *w = ctx;

	(void)case_id;
	(void)kind;
	if (alert_id > w->after_id &&
	    (w->notify == NOTIFY_MODE_ALL || !strcmp(to, store_login(w->st))))
		w->alerts_pending = true;
}

/* Notify the alerts made since after_id (the caller's own, or all). */
static enum st_status notify_new_alerts(struct watch *w, struct st_err *err)
{
	struct st_alert_query q = {
		.mine = w->notify == NOTIFY_MODE_MINE, .after_id = w->after_id, .limit = 500,
	};
	struct wd_alert_list l;
	int64_t *mine;
	size_t nmine = 0;
	enum st_status rc;

	w->alerts_pending = false;
	if ((rc = store_alerts(w->st, &q, &l, err)) != ST_OK)
		return rc;
	mine = xcalloc(l.n + 1, sizeof *mine);
	for (size_t i = 0; i < l.n; i++) {
		enum alert_notify_result r = alert_notify(&l.v[i]);

		if (r == ALERT_NOTIFIED)
			w->notified++;
		else if (r == ALERT_FALLBACK)
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
				fprintf(stderr, "wardesk: %s\n", err.msg);
				store_close(&w->st);
				p[1].fd = -1;
				return false;
			}
			if (w->alerts_pending)
				return false;
		}
	}
}

int cmd_watch(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, '1' },
		{ "notify", optional_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("watch");
	struct watch w = { .g = g };
	struct sigaction sa = { .sa_handler = on_signal };
	struct st_err err = { 0 };
	bool once = false, stop = false;
	long interval = 30, iterations = 0;
	int c, rc = WD_EXIT_OK;
	time_t next = 0;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i': {
			char *end;

			interval = strtol(optarg, &end, 10);
			if (*end || interval < 1 || interval > 3600)
				return cli_usage_error(self, _("--interval needs seconds (1..3600)"));
			break;
		}
		case '1': once = true; break;
		case 'n':
			if (!optarg || !strcmp(optarg, "mine"))
				w.notify = NOTIFY_MODE_MINE;
			else if (!strcmp(optarg, "all"))
				w.notify = NOTIFY_MODE_ALL;
			else
				return cli_usage_error(self, _("--notify takes mine or all"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		die(WD_EXIT_USAGE, "pipe: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (w.notify != NOTIFY_MODE_OFF) {
		char *path = g->config ? xstrdup(g->config) : config_default_path();

		config_load(path);
		free(path);
		notify_init_async("wardesk");
	}
	if (watch_connect(&w, &err) != ST_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	while (!stop) {
		if (!w.st) {
			/* lost the database: try again every interval */
			if (watch_connect(&w, &err) != ST_OK) {
				fprintf(stderr, "wardesk: %s\n", err.msg);
				store_close(&w.st);
				if (once) {
					rc = WD_EXIT_OFFLINE;
					break;
				}
				stop = watch_wait(&w, (int)interval * 1000);
				continue;
			}
			next = 0;
		}
		if (time(NULL) >= next) {
			struct wd_transition_list l;

			if (store_sweep(w.st, &l, &err) != ST_OK) {
				fprintf(stderr, "wardesk: %s\n", err.msg);
				if (err.status == ST_OFFLINE || !store_ok(w.st)) {
					store_close(&w.st);
					if (once) {
						rc = WD_EXIT_OFFLINE;
						break;
					}
					continue;
				}
				rc = cli_fail(&err);
				break;
			}
			print_transitions(&l);
			wd_transition_list_free(&l);
			next = time(NULL) + interval;
			iterations++;
			if (w.notify != NOTIFY_MODE_OFF)
				w.alerts_pending = true;
		}
		if (w.alerts_pending && w.st && notify_new_alerts(&w, &err) != ST_OK) {
			fprintf(stderr, "wardesk: %s\n", err.msg);
			if (!store_ok(w.st))
				store_close(&w.st);
		}
		if (once || (g->max_iterations > 0 && iterations >= g->max_iterations))
			break;
		stop = watch_wait(&w, (int)(next - time(NULL)) * 1000);
	}
out:
	if (w.notify != NOTIFY_MODE_OFF) {
		if (!notify_flush(5000))
			fprintf(stderr, "%s", _("wardesk: the notification server is slow; "
			                        "leaving notifications behind\n"));
		notify_drain();
		say_notify_state(&w);
		notify_shutdown(500);
		if (!w.said_why && w.fallback)
			say_notify_state(&w);
	}
	store_close(&w.st);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	return rc;
}

/* ---- ack ------------------------------------------------------------- */

int cmd_ack(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seen", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("ack");
	struct st_err err = { 0 };
	struct store *st;
	int c, seen = 0;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		long v;

		if (c != 's')
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		v = strtol(optarg, &end, 10);
		if (*end || v < 1 || v > 2000000000)
			return cli_usage_error(self, _("--seen needs a version number"));
		seen = (int)v;
	}
	if (optind + 1 != argc)
		return cli_usage_error(self, _("need one case reference"));
	st = cli_connect(g);
	rc = store_ack(st, argv[optind], seen, &err);
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

/* ---- categories ------------------------------------------------------ */

int cmd_category_set(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "deadline", required_argument, NULL, 'd' },
		{ "warn", required_argument, NULL, 'w' },
		{ "escalate", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("category set");
	int dl = -1, warn = -1, esc = -1, c;
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int *dst = c == 'd' ? &dl : c == 'w' ? &warn : c == 'e' ? &esc : NULL;

		if (!dst)
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		if (!parse_minutes(optarg, dst))
			return cli_usage_error(self, _("%s needs a number of minutes"), argv[optind - 1]);
	}
	if (optind + 1 != argc)
		return cli_usage_error(self, _("need one category code"));
	if (dl < 0 && warn < 0 && esc < 0)
		return cli_usage_error(self, _("give --deadline, --warn or --escalate"));
	st = cli_connect(g);
	rc = store_category_set(st, argv[optind], dl, warn, esc, &err);
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

int cmd_categories(const struct cli_global *g, int argc, char **argv)
{
	static const char *head[] = {
		N_("CODE"), N_("DEADLINE"), N_("WARN"), N_("ESCALATE"), N_("NAME"), N_("NAME (EN)"),
	};
	const struct cli_command *self = cli_find("categories");
	struct wd_category_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = FMT_TABLE, r;

	if ((r = cli_format_args(self, argc, argv, FMTS(FMT_TABLE, FMT_TSV, FMT_JSON), 0, &fmt)))
		return r < 0 ? WD_EXIT_OK : r;
	st = cli_connect(g);
	if (store_categories(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "code", cli_jstr(l.v[i].code));
			json_object_object_add(o, "name_vi", cli_jstr(l.v[i].name_vi));
			json_object_object_add(o, "name_en", cli_jstr(l.v[i].name_en));
			json_object_object_add(o, "deadline_min", json_object_new_int(l.v[i].deadline_min));
			json_object_object_add(o, "warn_min", json_object_new_int(l.v[i].warn_min));
			json_object_object_add(o, "escalate_min", json_object_new_int(l.v[i].escalate_min));
			json_object_object_add(o, "active", json_object_new_boolean(l.v[i].active));
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else if (fmt == FMT_TSV) {
		printf("code\tdeadline_min\twarn_min\tescalate_min\tactive\tname_vi\tname_en\n");
		for (size_t i = 0; i < l.n; i++) {
			char d[16], w[16], e[16];

			snprintf(d, sizeof d, "%d", l.v[i].deadline_min);
			snprintf(w, sizeof w, "%d", l.v[i].warn_min);
			snprintf(e, sizeof e, "%d", l.v[i].escalate_min);
			cli_tsv_cell(stdout, l.v[i].code, false);
			cli_tsv_cell(stdout, d, false);
			cli_tsv_cell(stdout, w, false);
			cli_tsv_cell(stdout, e, false);
			cli_tsv_cell(stdout, l.v[i].active ? "t" : "f", false);
			cli_tsv_cell(stdout, l.v[i].name_vi, false);
			cli_tsv_cell(stdout, l.v[i].name_en, true);
		}
	} else {
		struct cli_table t;

		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < l.n; i++) {
			char d[16], w[16], e[16];

			snprintf(d, sizeof d, "%d", l.v[i].deadline_min);
			snprintf(w, sizeof w, "%d", l.v[i].warn_min);
			snprintf(e, sizeof e, "%d", l.v[i].escalate_min);
			cli_table_row(&t, l.v[i].code, d, w, e, l.v[i].name_vi, l.v[i].name_en);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_category_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- alerts ---------------------------------------------------------- */

int cmd_alerts(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mine", no_argument, NULL, 'm' },
		{ "undelivered", no_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *head[] = {
		N_("ID"), N_("AT"), N_("CASE"), N_("KIND"), N_("LEVEL"), N_("TO"), N_("BY"),
		N_("DELIVERED"),
	};
	const struct cli_command *self = cli_find("alerts");
	struct st_alert_query q = { .limit = 100 };
	struct wd_alert_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = FMT_TABLE, c, r;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'm': q.mine = true; break;
		case 'u': q.undelivered = true; break;
		case 'l':
			if (!parse_minutes(optarg, &q.limit) || q.limit < 1)
				return cli_usage_error(self, _("--limit needs a positive number"));
			break;
		case 'f':
			if ((r = get_format(self, optarg, &fmt)))
				return r;
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	st = cli_connect(g);
	if (store_alerts(st, &q, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			const struct wd_alert *a = &l.v[i];
			struct json_object *o = json_object_new_object();
			char at[40], dl[40];

			time_iso(a->created_at, at, sizeof at);
			time_iso(a->delivered_at, dl, sizeof dl);
			json_object_object_add(o, "id", json_object_new_int64(a->id));
			json_object_object_add(o, "at", json_object_new_string(at));
			json_object_object_add(o, "ref", cli_jstr(a->ref));
			json_object_object_add(o, "kind", json_object_new_string(wd_alert_kind_name(a->kind)));
			json_object_object_add(o, "level", json_object_new_int(a->level));
			json_object_object_add(o, "to", cli_jstr(a->recipient));
			json_object_object_add(o, "by", cli_jstr(a->actor));
			json_object_object_add(o, "delivered", a->delivered_at ? json_object_new_string(dl) : NULL);
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else if (fmt == FMT_TSV) {
		printf("id\tat\tref\tkind\tlevel\tto\tby\tdelivered\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct wd_alert *a = &l.v[i];
			char id[32], at[40], lv[16], dl[40] = "";

			snprintf(id, sizeof id, "%lld", (long long)a->id);
			snprintf(lv, sizeof lv, "%d", a->level);
			time_iso(a->created_at, at, sizeof at);
			if (a->delivered_at)
				time_iso(a->delivered_at, dl, sizeof dl);
			cli_tsv_cell(stdout, id, false);
			cli_tsv_cell(stdout, at, false);
			cli_tsv_cell(stdout, a->ref, false);
			cli_tsv_cell(stdout, wd_alert_kind_name(a->kind), false);
			cli_tsv_cell(stdout, lv, false);
			cli_tsv_cell(stdout, a->recipient, false);
			cli_tsv_cell(stdout, a->actor, false);
			cli_tsv_cell(stdout, dl, true);
		}
	} else {
		struct cli_table t;

		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < l.n; i++) {
			const struct wd_alert *a = &l.v[i];
			char id[32], at[40], lv[16], dl[40] = "";

			snprintf(id, sizeof id, "%lld", (long long)a->id);
			snprintf(lv, sizeof lv, "%d", a->level);
			time_short(a->created_at, at, sizeof at);
			if (a->delivered_at)
				time_short(a->delivered_at, dl, sizeof dl);
			cli_table_row(&t, id, at, a->ref, wd_alert_kind_name(a->kind), lv, a->recipient,
			              a->actor, dl);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_alert_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- delay reasons and settings -------------------------------------- */

static int named_cmd(const struct cli_global *g, const char *name, int argc, char **argv,
                     enum st_status (*fetch)(struct store *, struct wd_named_list *, struct st_err *),
                     const char *const heads[3], const char *const keys[3])
{
	const struct cli_command *self = cli_find(name);
	struct wd_named_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = FMT_TABLE, r;

	if ((r = cli_format_args(self, argc, argv, FMTS(FMT_TABLE, FMT_TSV, FMT_JSON), 0, &fmt)))
		return r < 0 ? WD_EXIT_OK : r;
	st = cli_connect(g);
	if (fetch(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, keys[0], cli_jstr(l.v[i].code));
			json_object_object_add(o, keys[1], cli_jstr(l.v[i].name_vi));
			json_object_object_add(o, keys[2], cli_jstr(l.v[i].name_en));
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else if (fmt == FMT_TSV) {
		printf("%s\t%s\t%s\n", keys[0], keys[1], keys[2]);
		for (size_t i = 0; i < l.n; i++) {
			cli_tsv_cell(stdout, l.v[i].code, false);
			cli_tsv_cell(stdout, l.v[i].name_vi, false);
			cli_tsv_cell(stdout, l.v[i].name_en, true);
		}
	} else {
		struct cli_table t;
		const char *head[3] = { heads[0], heads[1], heads[2] };

		cli_table_init(&t, 3, head);
		t.maxw[1] = 60;
		for (size_t i = 0; i < l.n; i++)
			cli_table_row(&t, l.v[i].code, l.v[i].name_vi, l.v[i].name_en);
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_named_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

int cmd_delay_reasons(const struct cli_global *g, int argc, char **argv)
{
	static const char *const heads[3] = { N_("CODE"), N_("NAME"), N_("NAME (EN)") };
	static const char *const keys[3] = { "code", "name_vi", "name_en" };

	return named_cmd(g, "delay-reasons", argc, argv, store_delay_reasons, heads, keys);
}

int cmd_settings(const struct cli_global *g, int argc, char **argv)
{
	static const char *const heads[3] = { N_("KEY"), N_("VALUE"), N_("WHAT") };
	static const char *const keys[3] = { "key", "value", "description" };

	return named_cmd(g, "settings", argc, argv, store_settings, heads, keys);
}

int cmd_setting_set(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("setting set");
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc != 3)
		return cli_usage_error(self, _("need a key and a value"));
	st = cli_connect(g);
	rc = store_setting_set(st, argv[1], argv[2], &err);
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

int cmd_apology(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("apology");
	struct st_err err = { 0 };
	struct store *st;
	char *text = NULL;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc != 2)
		return cli_usage_error(self, _("need one case reference"));
	st = cli_connect(g);
	rc = store_apology_text(st, argv[1], NULL, &text, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	{
		char *safe = text_sanitize(text, true);

		printf("%s\n", safe);
		free(safe);
	}
	free(text);
	return WD_EXIT_OK;
}
