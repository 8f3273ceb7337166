/* cli_intake.c - import, export, rate, merge and dupes from the command line. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/phone.h"
#include "wardesk/intake_feed.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

static void eprint(const char *s)
{
	cli_fprintf(stderr, "wardesk: %s\n", s);
}

/* Read a whole file ("-": stdin), at most O311_MAX_DOC + 1 bytes. */
static char *slurp(const char *path, size_t *len, char *why, size_t whysz)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct strbuf sb = { 0 };
	char buf[65536];
	size_t n;

	*len = 0;
	if (!fp) {
		snprintf(why, whysz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		sb_add(&sb, buf, n);
		if (sb.len > O311_MAX_DOC)
			break;
	}
	if (ferror(fp)) {
		snprintf(why, whysz, "%s: %s", path, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		sb_free(&sb);
		return NULL;
	}
	if (fp != stdin)
		fclose(fp);
	*len = sb.len;
	return sb.s ? sb.s : xstrdup("");
}

/* ---- import ---------------------------------------------------------- */

/* Parse the feed at path; prints every problem.  false: nothing to import. */
static bool read_feed(const char *path, struct o311_feed *feed)
{
	struct o311_errors errs;
	size_t len;
	char why[300], *doc;

	if (!(doc = slurp(path, &len, why, sizeof why))) {
		eprint(why);
		return false;
	}
	if (!o311_parse(doc, len, feed, &errs)) {
		for (size_t i = 0; i < errs.n && errs.v[i]; i++)
			eprint(errs.v[i]);
		if (errs.n > 200)
			cli_fprintf(stderr, _("wardesk: ... and %zu more problems\n"), errs.n - 200);
		cli_fprintf(stderr, _("wardesk: %s: nothing was imported\n"), path);
		o311_errors_free(&errs);
		free(doc);
		return false;
	}
	free(doc);
	return true;
}

/* "5 new, 0 already imported, 1 flagged", "1 closed in the app" when the
 * feed closed any, then a line per flagged case. */
static void import_summary(const struct o311_feed *feed, const struct wd_import_item *items)
{
	size_t created = 0, existing = 0, flagged = 0, closed = 0;

	for (size_t i = 0; i < feed->n; i++) {
		if (!items[i].created)
			existing++;
		else if (items[i].flags && items[i].flags[0])
			flagged++;
		created += items[i].created;
		closed += items[i].closed;
	}
	cli_printf(_("%zu new, %zu already imported, %zu flagged\n"), created, existing, flagged);
	if (closed)
		cli_printf(ngettext("%zu closed in the app\n", "%zu closed in the app\n", closed), closed);
	for (size_t i = 0; i < feed->n; i++) {
		struct strbuf line = { 0 };
		char buf[200];
		char *safe;

		if (!items[i].created || !items[i].flags || !items[i].flags[0])
			continue;
		sb_printf(&line, "  %s (%s): ", items[i].ref, feed->v[i].id);
		for (char **f = items[i].flags; *f; f++)
			sb_printf(&line, "%s%s", f == items[i].flags ? "" : "; ",
			          wd_flag_text(*f, buf, sizeof buf));
		safe = text_sanitize(line.s, false);
		cli_printf("%s\n", safe);
		free(safe);
		sb_free(&line);
	}
}

/* A refused feed: every refused item when the store listed more than one
 * (else the one refusal), then that nothing was imported. */
static int import_refused(const char *path, const struct o311_feed *feed,
                          const struct wd_import_item *items, const struct st_err *err)
{
	size_t listed = 0;

	for (size_t i = 0; i < feed->n; i++)
		listed += items[i].problem != NULL;
	if (listed < 2)   /* the one refusal says it: "...; nothing was imported" */
		return cli_fail(err);
	for (size_t i = 0, k = 0; i < feed->n && k < 200; i++)
		if (items[i].problem) {
			cli_fprintf(stderr, "wardesk: %s\n", items[i].problem);
			k++;
		}
	if (listed > 200)
		cli_fprintf(stderr, _("wardesk: ... and %zu more problems\n"), listed - 200);
	cli_fprintf(stderr, _("wardesk: %s: nothing was imported\n"), path);
	return err->status == ST_BADINPUT ? WD_EXIT_USAGE : err->status == ST_OFFLINE ? WD_EXIT_OFFLINE
	                                                                               : WD_EXIT_REFUSED;
}

int cmd_import(const struct cli_global *g, const struct cli_args *a)
{
	struct o311_feed feed;
	struct wd_import_item *items;
	struct cli_progress prog;
	struct st_err err = { 0 };
	struct store *st;
	size_t bad;
	int rc = WD_EXIT_OK;

	if (!read_feed(a->pos[0], &feed))
		return WD_EXIT_USAGE;
	if (cli_flag(a, "dry-run")) {
		cli_printf(ngettext("%zu valid service request (dry run: nothing imported)\n",
		                    "%zu valid service requests (dry run: nothing imported)\n", feed.n), feed.n);
		o311_feed_free(&feed);
		return WD_EXIT_OK;
	}
	st = cli_connect(g);
	items = xcalloc(feed.n + 1, sizeof *items);
	cli_progress_start(&prog, _("import"));
	if (store_import(st, &feed, items, &bad, cli_progress_step, &prog, &err) != ST_OK) {
		cli_progress_end(&prog);
		rc = import_refused(a->pos[0], &feed, items, &err);
		wd_import_items_free(items, feed.n);
	} else {
		cli_progress_end(&prog);
		import_summary(&feed, items);
		wd_import_items_free(items, feed.n);
	}
	free(items);
	o311_feed_free(&feed);
	store_close(&st);
	return rc;
}

/* ---- export ---------------------------------------------------------- */

int cmd_export(const struct cli_global *g, const struct cli_args *a)
{
	const char *path = a->npos ? a->pos[0] : "-";
	struct cli_progress prog;
	struct o311_feed feed;
	struct st_err err = { 0 };
	struct store *st;
	time_t since = cli_time(a, "since");
	char *json;
	int rc = WD_EXIT_OK;

	st = cli_connect(g);
	cli_progress_start(&prog, _("export"));
	if (store_export(st, since, &feed, prog.tty ? cli_progress_step : NULL, &prog, &err) != ST_OK) {
		cli_progress_end(&prog);
		store_close(&st);
		return cli_fail(&err);
	}
	cli_progress_end(&prog);
	store_close(&st);
	{
		/* control, bidi and format characters as \uXXXX, like every JSON output */
		char *raw = o311_to_json(&feed);

		json = xasprintf("%s\n", raw);
		free(raw);
		raw = text_escape_json(json);
		free(json);
		json = raw;
	}
	if (!strcmp(path, "-")) {
		fputs(json, stdout);
		if (fflush(stdout) != 0)
			rc = WD_EXIT_USAGE;
	} else if (cli_write_file(path, json, strlen(json)) != 0) {
		cli_fprintf(stderr, "wardesk: %s: %s\n", path, strerror(errno));
		rc = WD_EXIT_USAGE;
	}
	if (rc == WD_EXIT_OK && isatty(STDERR_FILENO) && strcmp(path, "-"))
		cli_fprintf(stderr, ngettext("wardesk: %zu request written to %s\n",
		                             "wardesk: %zu requests written to %s\n", feed.n), feed.n, path);
	free(json);
	o311_feed_free(&feed);
	return rc;
}

/* ---- rate, merge ----------------------------------------------------- */

int cmd_rate(const struct cli_global *g, const struct cli_args *a)
{
	const char *score_word = a->pos[1];
	struct st_err err = { 0 };
	struct store *st;
	char *end;
	long score = strtol(score_word, &end, 10);
	enum st_status rc;

	if (end == score_word || *end || score < 1 || score > 5)
		return cli_usage_error(a->cmd, _("the score is a whole number from 1 to 5"));
	st = cli_connect(g);
	rc = store_rate(st, a->pos[0], (int)score, cli_str(a, "comment"), &err);
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

int cmd_merge(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status rc = store_merge(st, a->pos[0], a->pos[1], cli_str(a, "note"), &err);

	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

/* ---- dupes ----------------------------------------------------------- */

static void dupes_json(const struct wd_dupe_list *l)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < l->n; i++) {
		struct json_object *o = json_object_new_object();
		char t[40];

		time_iso(l->v[i].received_at, t, sizeof t);
		json_object_object_add(o, "ref", json_object_new_string(l->v[i].ref));
		json_object_object_add(o, "state", json_object_new_string(wd_state_name(l->v[i].state)));
		json_object_object_add(o, "received", json_object_new_string(t));
		json_object_object_add(o, "distance_m", l->v[i].distance_m < 0 ? NULL
		                       : json_object_new_int((int)(l->v[i].distance_m + 0.5)));
		json_object_object_add(o, "same_address", json_object_new_boolean(l->v[i].same_address));
		json_object_object_add(o, "same_phone", json_object_new_boolean(l->v[i].same_phone));
		json_object_object_add(o, "address", cli_jstr(l->v[i].address));
		json_object_object_add(o, "description", json_object_new_string(l->v[i].description));
		json_object_array_add(arr, o);
	}
	cli_print_json(arr);
}

static void dupes_tsv(const struct wd_dupe_list *l)
{
	fputs("ref\tstate\treceived\tdistance_m\tsame_address\taddress\tdescription\n", stdout);
	for (size_t i = 0; i < l->n; i++) {
		char t[40], d[32];

		time_iso(l->v[i].received_at, t, sizeof t);
		if (l->v[i].distance_m < 0)
			d[0] = '\0';
		else
			snprintf(d, sizeof d, "%d", (int)(l->v[i].distance_m + 0.5));
		cli_tsv_cell(stdout, l->v[i].ref, false);
		cli_tsv_cell(stdout, wd_state_name(l->v[i].state), false);
		cli_tsv_cell(stdout, t, false);
		cli_tsv_cell(stdout, d, false);
		cli_tsv_cell(stdout, l->v[i].same_address ? "t" : "f", false);
		cli_tsv_cell(stdout, l->v[i].address, false);
		cli_tsv_cell(stdout, l->v[i].description, true);
	}
}

static void dupes_table(const struct wd_dupe_list *l)
{
	static const char *head[] = {
		N_("REF"), N_("STATE"), N_("RECEIVED"), N_("DISTANCE"), N_("ADDRESS"), N_("DESCRIPTION"),
	};
	struct cli_table t;

	cli_table_init(&t, ARRAY_SIZE(head), head);
	t.maxw[4] = 32;
	t.maxw[5] = 40;
	for (size_t i = 0; i < l->n; i++) {
		char when[40], dist[96];
		size_t n;

		time_short(l->v[i].received_at, when, sizeof when);
		if (l->v[i].distance_m >= 0)
			snprintf(dist, sizeof dist, "%d m%s", (int)(l->v[i].distance_m + 0.5),
			         l->v[i].same_address ? _(", same address") : "");
		else
			snprintf(dist, sizeof dist, "%s", l->v[i].same_address ? _("same address") : "");
		n = strlen(dist);
		if (l->v[i].same_phone)
			snprintf(dist + n, sizeof dist - n, "%s%s", n ? ", " : "", _("same phone"));
		cli_table_row(&t, l->v[i].ref, wd_state_name(l->v[i].state), when, dist,
		              l->v[i].address, l->v[i].description);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

int cmd_dupes(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_dupe_list l;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int fmt = cli_fmt(a, FMT_TABLE);

	if (store_dupes(st, a->pos[0], &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON)
		dupes_json(&l);
	else if (fmt == FMT_TSV)
		dupes_tsv(&l);
	else if (l.n == 0)
		cli_printf(_("no likely duplicates of %s\n"), a->pos[0]);
	else
		dupes_table(&l);
	wd_dupe_list_free(&l);
	return WD_EXIT_OK;
}

/* ---- show: the intake part of a case --------------------------------- */

/* The same phone number under another name (issue 11, section 5). */
static void phone_names_show(struct store *st, const struct wd_case *c, struct json_object *json)
{
	struct wd_phone_name_list l;
	struct st_err err = { 0 };
	struct json_object *arr;
	char t[32];

	if (!c->reporter_phone || store_phone_names(st, c->ref, &l, &err) != ST_OK)
		return;   /* no number, an older schema or a lost connection */
	if (json) {
		arr = json_object_new_array();
		for (size_t i = 0; i < l.n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "ref", cli_jstr(l.v[i].ref));
			json_object_object_add(o, "name", cli_jstr(l.v[i].name));
			json_object_object_add(o, "at", cli_jtime(l.v[i].at));
			json_object_array_add(arr, o);
		}
		json_object_object_add(json, "same_phone_other_names", arr);
	}
	for (size_t i = 0; !json && i < l.n; i++) {
		char *ref = text_sanitize(l.v[i].ref, false), *name = text_sanitize(l.v[i].name, false);

		time_short(l.v[i].at, t, sizeof t);
		cli_label(stdout, _("Same phone:"), 13);
		cli_printf(_("%s under another name: %s (%s)\n"), ref, name, t);
		free(ref);
		free(name);
	}
	wd_phone_name_list_free(&l);
}

void cli_intake_show(struct store *st, const struct wd_case *c, struct json_object *json)
{
	struct wd_case_intake x;
	struct st_err err = { 0 };
	char buf[256];

	phone_names_show(st, c, json);
	if (store_case_intake(st, c->id, &x, &err) != ST_OK)
		return;   /* an older schema or a lost connection: show the rest */
	if (json) {
		struct json_object *flags = json_object_new_array(), *reps = json_object_new_array();

		json_object_object_add(json, "rating", x.rating ? json_object_new_int(x.rating) : NULL);
		json_object_object_add(json, "rating_comment",
		                       cli_jstr(x.rating_comment));
		json_object_object_add(json, "service_code",
		                       cli_jstr(x.service_code));
		for (char **f = x.flags; f && *f; f++)
			json_object_array_add(flags, json_object_new_string(*f));
		json_object_object_add(json, "flags", flags);
		for (size_t i = 0; i < x.nreporters; i++) {
			struct json_object *o = json_object_new_object();
			const struct wd_reporter *r = &x.reporters[i];

			json_object_object_add(o, "name", cli_jstr(r->name));
			json_object_object_add(o, "phone", cli_jstr(r->phone));
			json_object_object_add(o, "channel", cli_jstr(r->channel));
			json_object_object_add(o, "external_id",
			                       cli_jstr(r->external_id));
			json_object_object_add(o, "merged_from",
			                       cli_jstr(r->from_ref));
			json_object_array_add(reps, o);
		}
		json_object_object_add(json, "other_reporters", reps);
		wd_case_intake_free(&x);
		return;
	}
	if (x.rating) {
		char *safe = text_sanitize(x.rating_comment ? x.rating_comment : "", false);

		cli_label(stdout, _("Rating:"), 13);
		cli_printf("%d/5%s%s\n", x.rating, *safe ? "  " : "", safe);
		free(safe);
	}
	for (char **f = x.flags; f && *f; f++) {
		char *safe = text_sanitize(wd_flag_text(*f, buf, sizeof buf), false);

		cli_label(stdout, _("Flag:"), 13);
		cli_printf("%s\n", safe);
		free(safe);
	}
	for (size_t i = 0; i < x.nreporters; i++) {
		const struct wd_reporter *r = &x.reporters[i];
		struct strbuf sb = { 0 };
		char *safe;

		/* what is known of them, no "-" for a part missing */
		sb_puts(&sb, r->name ? r->name : "");
		if (r->phone) {
			phone_format(r->phone, buf, sizeof buf);
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", buf);
		}
		if (r->external_id)
			sb_printf(&sb, "%s%s%s%s", sb.len ? ", " : "", r->channel ? r->channel : "",
			          r->channel ? " " : "", r->external_id);
		if (!sb.len)
			sb_puts(&sb, "-");
		if (r->from_ref)
			sb_printf(&sb, _(" (merged from %s)"), r->from_ref);
		safe = text_sanitize(sb.s, false);
		cli_label(stdout, _("Also reported:"), 13);
		cli_printf("%s\n", safe);
		free(safe);
		sb_free(&sb);
	}
	wd_case_intake_free(&x);
}
