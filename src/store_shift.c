/* store_shift.c - roles, shifts, handovers and the board (see
 * store_shift.h; SQL in sql/004_roles_shifts.sql). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_impl.h"
#include "wardesk/store_shift.h"

/* ---- names ----------------------------------------------------------- */

static const char *const perm_names[WD_PERM_COUNT] = {
	"report", "take", "assign", "escalate", "deescalate", "close", "reopen", "settings",
	"officer_add", "shift", "handover", "board", "stats", "priority", "merge_cluster", "ack",
};
static const char *const ho_state_names[WD_HO_STATE_COUNT] = {
	"pending", "acknowledged", "cancelled", "declined",
};

const char *wd_perm_name(enum wd_perm p)
{
	return (unsigned)p < WD_PERM_COUNT ? perm_names[p] : "?";
}

int wd_perm_parse(const char *s)
{
	for (int i = 0; s && i < WD_PERM_COUNT; i++)
		if (!strcmp(s, perm_names[i]))
			return i;
	return -1;
}

const char *wd_handover_state_name(enum wd_handover_state s)
{
	return (unsigned)s < WD_HO_STATE_COUNT ? ho_state_names[s] : "?";
}

static enum wd_handover_state ho_state_parse(const char *s)
{
	for (int i = 0; i < WD_HO_STATE_COUNT; i++)
		if (!strcmp(s, ho_state_names[i]))
			return (enum wd_handover_state)i;
	return WD_HO_PENDING;
}

static enum wd_role role_of(PGresult *res, int r, int c)
{
	int v = PQgetisnull(res, r, c) ? -1 : wd_role_parse(PQgetvalue(res, r, c));

	return v < 0 ? WD_ROLE_NONE : (enum wd_role)v;
}

static enum wd_state state_of(PGresult *res, int r, int c)
{
	int v = PQgetisnull(res, r, c) ? -1 : wd_state_parse(PQgetvalue(res, r, c));

	return v < 0 ? WD_NEW : (enum wd_state)v;
}

static bool bool_of(PGresult *res, int r, int c)
{
	return !PQgetisnull(res, r, c) && PQgetvalue(res, r, c)[0] == 't';
}

static int int_of(PGresult *res, int r, int c)
{
	return (int)st_col_ll(res, r, c);
}

static time_t time_of(PGresult *res, int r, int c)
{
	return (time_t)st_col_ll(res, r, c);
}

static const char *fmt_ll(char *buf, size_t sz, long long v)
{
	snprintf(buf, sz, "%lld", v);
	return buf;
}

/* ---- permissions ----------------------------------------------------- */

/* The mask of the permission names in column 0 of res (unknown names left
 * out: a newer database may know more). */
/* What the database allows on case $1, one row per action: one call of
 * allowed_actions; a database older than it (42883) answers through can(),
 * one call per action (1.2 ms a question, issue 14). */
static const char *const can_case_sql[] = {
	"SELECT a FROM wardesk.allowed_actions($1) AS a",
	"SELECT a FROM unnest(wardesk.action_names()) AS a WHERE wardesk.can(a, $1)",
	NULL,
};

static unsigned perm_mask(const PGresult *res)
{
	unsigned mask = 0;

	for (int r = 0; r < PQntuples(res); r++) {
		int p = wd_perm_parse(PQgetvalue(res, r, 0));

		if (p >= 0)
			mask |= WD_PERM_BIT(p);
	}
	return mask;
}

enum st_status store_permissions(struct store *st, unsigned *mask, struct st_err *err)
{
	PGresult *res = st_run(st, "SELECT unnest(wardesk.my_permissions())", 0, NULL, err);

	*mask = 0;
	if (!res)
		return err->status;
	*mask = perm_mask(res);
	PQclear(res);
	return ST_OK;
}

enum st_status store_can(struct store *st, enum wd_perm p, const char *ref, bool *yes,
                         struct st_err *err)
{
	const char *params[] = { wd_perm_name(p), ref };
	PGresult *res;

	*yes = false;
	if (!st_check_utf8(_("the reference"), ref, err))
		return err->status;
	if (!(res = st_run(st, "SELECT wardesk.can($1, $2)", 2, params, err)))
		return err->status;
	*yes = PQntuples(res) == 1 && bool_of(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

enum st_status store_can_case(struct store *st, const char *ref, unsigned *mask,
                              struct st_err *err)
{
	const char *params[] = { ref };
	PGresult *res;

	*mask = 0;
	if (!st_check_utf8(_("the reference"), ref, err))
		return err->status;
	res = st_run(st, can_case_sql[0], 1, params, err);
	if (!res && !strcmp(err->sqlstate, "42883") && store_ok(st))
		res = st_run(st, can_case_sql[1], 1, params, err);
	if (!res)
		return err->status;
	*mask = perm_mask(res);
	PQclear(res);
	return ST_OK;
}

struct can_send {
	st_can_done_fn done;
	void (*free_ctx)(void *ctx);
	void *ctx;
};

static void can_drop(void *ctx)
{
	struct can_send *w = ctx;

	if (w->free_ctx)
		w->free_ctx(w->ctx);
	free(w);
}

static void can_finish(PGresult *res, enum st_status s, const struct st_err *err, void *ctx)
{
	struct can_send *w = ctx;
	unsigned mask = res ? perm_mask(res) : 0;

	(void)err;
	PQclear(res);
	w->done(w->ctx, res ? ST_OK : s, mask);
	can_drop(w);
}

void store_can_case_send(struct store *st, const char *ref, st_can_done_fn done,
                         void (*free_ctx)(void *ctx), void *ctx)
{
	const char *params[] = { ref };
	struct can_send *w = xmalloc(sizeof *w);
	struct st_asend a = { .tries = can_case_sql, .n = 1, .params = params,
	                      .finish = can_finish, .drop = can_drop, .ctx = w };

	*w = (struct can_send){ done, free_ctx, ctx };
	st_async_send(st, &a);
}

enum st_status store_deescalate(struct store *st, const char *ref, int seen, const char *note,
                                struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, NULL, note };

	if (seen > 0) {
		snprintf(sbuf, sizeof sbuf, "%d", seen);
		params[1] = sbuf;
	}
	return st_call(st, "SELECT version FROM wardesk.deescalate($1, $2::int, $3)", 3, params, err);
}

enum st_status store_reassign_all(struct store *st, const char *from, const char *to, int *moved,
                                  struct st_err *err)
{
	const char *params[] = { from, to };
	PGresult *res;

	if (moved)
		*moved = 0;
	if (!st_check_utf8(_("the login"), from, err) || !st_check_utf8(_("the login"), to, err))
		return err->status;
	if (!(res = st_write(st, "SELECT wardesk.reassign_all($1, $2)", 2, params, err)))
		return err->status;
	if (moved && PQntuples(res) == 1)
		*moved = int_of(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

/* ---- shifts ---------------------------------------------------------- */

#define SHIFT_COLUMNS \
	"s.id, s.officer, o.full_name, o.role, extract(epoch FROM s.started_at)::bigint," \
	" extract(epoch FROM s.ended_at)::bigint"

static void shift_from_row(PGresult *res, int r, struct wd_shift *s)
{
	s->id = st_col_ll(res, r, 0);
	s->officer = st_col_str(res, r, 1);
	s->full_name = st_col_str(res, r, 2);
	s->role = role_of(res, r, 3);
	s->started_at = time_of(res, r, 4);
	s->ended_at = time_of(res, r, 5);
}

void wd_shift_free(struct wd_shift *s)
{
	if (!s)
		return;
	free(s->officer);
	free(s->full_name);
	memset(s, 0, sizeof *s);
}

void wd_shift_list_free(struct wd_shift_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		wd_shift_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static enum st_status shift_query(struct store *st, const char *sql, struct wd_shift *out,
                                  struct st_err *err)
{
	struct wd_shift tmp;
	PGresult *res;

	if (!out)
		out = &tmp;
	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, sql, 0, NULL, err)))
		return err->status;
	if (PQntuples(res) == 1)
		shift_from_row(res, 0, out);
	PQclear(res);
	if (out == &tmp)
		wd_shift_free(&tmp);
	return ST_OK;
}

enum st_status store_shift_start(struct store *st, struct wd_shift *out, struct st_err *err)
{
	return shift_query(st, "SELECT " SHIFT_COLUMNS " FROM wardesk.shift_start() s"
	                   " JOIN wardesk.officers o ON o.login = s.officer", out, err);
}

enum st_status store_shift_end(struct store *st, struct wd_shift *out, struct st_err *err)
{
	return shift_query(st, "SELECT " SHIFT_COLUMNS " FROM wardesk.shift_end() s"
	                   " JOIN wardesk.officers o ON o.login = s.officer", out, err);
}

enum st_status store_shift_current(struct store *st, struct wd_shift *out, struct st_err *err)
{
	return shift_query(st, "SELECT " SHIFT_COLUMNS " FROM wardesk.shifts s"
	                   " JOIN wardesk.officers o ON o.login = s.officer"
	                   " WHERE s.officer = session_user AND s.ended_at IS NULL", out, err);
}

enum st_status store_on_duty(struct store *st, struct wd_shift_list *out, struct st_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, "SELECT " SHIFT_COLUMNS " FROM wardesk.shifts s"
	                   " JOIN wardesk.officers o ON o.login = s.officer"
	                   " WHERE s.ended_at IS NULL ORDER BY s.started_at, s.id", 0, NULL, err)))
		return err->status;
	out->n = out->cap = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t r = 0; r < out->n; r++)
		shift_from_row(res, (int)r, &out->v[r]);
	PQclear(res);
	return ST_OK;
}

/* ---- handovers ------------------------------------------------------- */

#define HO_COLUMNS \
	"h.id, h.shift_id, h.state, h.from_officer, h.from_name, h.from_role, h.to_officer," \
	" h.to_name, h.to_role, h.note, h.cancelled_by," \
	" extract(epoch FROM h.created_at)::bigint, extract(epoch FROM h.acked_at)::bigint," \
	" extract(epoch FROM h.cancelled_at)::bigint, extract(epoch FROM h.shift_started)::bigint," \
	" extract(epoch FROM h.shift_ended)::bigint, extract(epoch FROM h.window_from)::bigint," \
	" extract(epoch FROM h.window_to)::bigint, h.n_included, h.n_excluded," \
	" h.decline_note, extract(epoch FROM h.declined_at)::bigint"

static void handover_from_row(PGresult *res, int r, struct wd_handover *h)
{
	int i = 0;

	memset(h, 0, sizeof *h);
	h->id = st_col_ll(res, r, i++);
	h->shift_id = st_col_ll(res, r, i++);
	h->state = ho_state_parse(PQgetvalue(res, r, i++));
	h->from = st_col_str(res, r, i++);
	h->from_name = st_col_str(res, r, i++);
	h->from_role = role_of(res, r, i++);
	h->to = st_col_str(res, r, i++);
	h->to_name = st_col_str(res, r, i++);
	h->to_role = role_of(res, r, i++);
	h->note = st_col_str(res, r, i++);
	h->cancelled_by = st_col_str(res, r, i++);
	h->created_at = time_of(res, r, i++);
	h->acked_at = time_of(res, r, i++);
	h->cancelled_at = time_of(res, r, i++);
	h->shift_started = time_of(res, r, i++);
	h->shift_ended = time_of(res, r, i++);
	h->window_from = time_of(res, r, i++);
	h->window_to = time_of(res, r, i++);
	h->n_included = int_of(res, r, i++);
	h->n_excluded = int_of(res, r, i++);
	h->decline_note = st_col_str(res, r, i++);
	h->declined_at = time_of(res, r, i++);
}

static void free_strv(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

void wd_handover_free(struct wd_handover *h)
{
	if (!h)
		return;
	free(h->from);
	free(h->from_name);
	free(h->to);
	free(h->to_name);
	free(h->note);
	free(h->cancelled_by);
	free(h->decline_note);
	for (size_t i = 0; i < h->ncases; i++) {
		struct wd_handover_case *c = &h->cases[i];

		free(c->ref);
		free(c->category);
		free(c->description);
		free(c->address);
		free(c->reporter_name);
		free(c->reporter_phone);
		free(c->owner_now);
	}
	free(h->cases);
	free_strv(h->late_refs);
	memset(h, 0, sizeof *h);
}

void wd_handover_list_free(struct wd_handover_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		wd_handover_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

enum st_status store_handover_create(struct store *st, const char *to, const char *note,
                                     const char *const *exclude, int64_t *id, struct st_err *err)
{
	struct strbuf ex = { 0 };
	const char *params[3] = { to, note, NULL };
	PGresult *res;

	if (id)
		*id = 0;
	for (const char *const *p = exclude; p && *p; p++)
		if (!st_check_utf8(_("the reference"), *p, err))
			return err->status;
	if (!st_check_utf8(_("the login"), to, err) || !st_check_utf8(_("the note"), note, err))
		return err->status;
	st_text_array(&ex, exclude);
	params[2] = ex.s;
	res = st_write(st, "SELECT id FROM wardesk.handover_create($1, $2, $3::text[])", 3, params,
	               err);
	sb_free(&ex);
	if (!res)
		return err->status;
	if (id && PQntuples(res) == 1)
		*id = st_col_ll(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

enum st_status store_handover_ack(struct store *st, int64_t id, struct st_err *err)
{
	char buf[32];
	const char *params[] = { fmt_ll(buf, sizeof buf, id) };

	return st_call(st, "SELECT id FROM wardesk.handover_ack($1::bigint)", 1, params, err);
}

enum st_status store_handover_decline(struct store *st, int64_t id, const char *note,
                                      struct st_err *err)
{
	char buf[32];
	const char *params[] = { fmt_ll(buf, sizeof buf, id), note };

	return st_call(st, "SELECT id FROM wardesk.handover_decline($1::bigint, $2)", 2, params, err);
}

enum st_status store_handover_cancel(struct store *st, int64_t id, struct st_err *err)
{
	char buf[32];
	const char *params[] = { fmt_ll(buf, sizeof buf, id) };

	return st_call(st, "SELECT id FROM wardesk.handover_cancel($1::bigint)", 1, params, err);
}

enum st_status store_handovers_pending(struct store *st, struct wd_handover_list *out,
                                       struct st_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, "SELECT " HO_COLUMNS " FROM wardesk.pending_handovers h"
	                   " ORDER BY h.created_at, h.id", 0, NULL, err)))
		return err->status;
	out->n = out->cap = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t r = 0; r < out->n; r++)
		handover_from_row(res, (int)r, &out->v[r]);
	PQclear(res);
	return ST_OK;
}

/* Cases: "then" columns come from handover_cases (or the case itself for a
 * preview), "now" columns from case_list. */
#define HC_NOW \
	" c.id, c.ref, c.category, c.description, c.address, c.reporter_name, c.reporter_phone," \
	" c.state, c.owner, extract(epoch FROM c.deadline_at)::bigint," \
	" extract(epoch FROM c.closed_at)::bigint, c.escalation, c.callback_wanted"

static void hcases_from_result(PGresult *res, struct wd_handover *h)
{
	h->ncases = (size_t)PQntuples(res);
	h->cases = xcalloc(h->ncases + 1, sizeof *h->cases);
	for (size_t i = 0; i < h->ncases; i++) {
		struct wd_handover_case *c = &h->cases[i];
		int r = (int)i, k = 0;

		c->included = bool_of(res, r, k++);
		c->moved = PQgetisnull(res, r, k) ? -1 : bool_of(res, r, k);
		k++;
		c->state = state_of(res, r, k++);
		c->deadline_at = time_of(res, r, k++);
		c->version = int_of(res, r, k++);
		c->case_id = st_col_ll(res, r, k++);
		c->ref = st_col_str(res, r, k++);
		c->category = st_col_str(res, r, k++);
		c->description = st_col_str(res, r, k++);
		c->address = st_col_str(res, r, k++);
		c->reporter_name = st_col_str(res, r, k++);
		c->reporter_phone = st_col_str(res, r, k++);
		c->state_now = state_of(res, r, k++);
		c->owner_now = st_col_str(res, r, k++);
		c->deadline_now = time_of(res, r, k++);
		c->closed_at_now = time_of(res, r, k++);
		c->escalation = int_of(res, r, k++);
		c->callback_wanted = bool_of(res, r, k++);
	}
}

/* received / resolved / late in the window (wardesk.window_summary), with
 * the window computed by the database (full precision): sql returns those
 * five columns for the parameter $1. */
static enum st_status window_summary(struct store *st, struct wd_handover *h, const char *sql,
                                     const char *param, struct st_err *err)
{
	const char *params[] = { param };
	PGresult *res = st_run(st, sql, param ? 1 : 0, params, err);
	struct strbuf sb = { 0 };
	size_t n = 0;
	char *save = NULL, *w;

	if (!res)
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return st_seterr(err, ST_REFUSED, "WD004", _("the handover is gone"));
	}
	h->received = int_of(res, 0, 0);
	h->resolved = int_of(res, 0, 1);
	h->resolved_by_from = int_of(res, 0, 2);
	h->late = int_of(res, 0, 3);
	sb_puts(&sb, PQgetvalue(res, 0, 4));
	PQclear(res);
	h->late_refs = xcalloc((size_t)h->late + 1, sizeof *h->late_refs);
	for (w = sb.s ? strtok_r(sb.s, " ", &save) : NULL; w && n < (size_t)h->late;
	     w = strtok_r(NULL, " ", &save))
		h->late_refs[n++] = xstrdup(w);
	sb_free(&sb);
	return ST_OK;
}

#define SUMMARY_COLUMNS \
	"w.received, w.resolved, w.resolved_by, w.late, array_to_string(w.late_refs, ' ')"

enum st_status store_handover_get(struct store *st, int64_t id, int64_t shift_id,
                                  struct wd_handover *out, struct st_err *err)
{
	char ib[32], sb[32];
	const char *params[] = { NULL, NULL };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (id > 0)
		params[0] = fmt_ll(ib, sizeof ib, id);
	else if (shift_id > 0)
		params[1] = fmt_ll(sb, sizeof sb, shift_id);
	if (!(res = st_run(st, "SELECT " HO_COLUMNS " FROM wardesk.handover_list h"
	                   " WHERE ($1::bigint IS NULL OR h.id = $1::bigint)"
	                   "   AND ($2::bigint IS NULL OR h.shift_id = $2::bigint)"
	                   "   AND ($1::bigint IS NOT NULL OR $2::bigint IS NOT NULL"
	                   "        OR session_user IN (h.from_officer, h.to_officer))"
	                   " ORDER BY h.created_at DESC, h.id DESC LIMIT 1", 2, params, err)))
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		if (id > 0)
			return st_seterr(err, ST_REFUSED, "WD004", _("no handover #%lld"), (long long)id);
		if (shift_id > 0)
			return st_seterr(err, ST_REFUSED, "WD004", _("no handover for shift %lld"),
			                 (long long)shift_id);
		return st_seterr(err, ST_REFUSED, "WD004", _("you have no handover yet"));
	}
	handover_from_row(res, 0, out);
	PQclear(res);
	params[0] = fmt_ll(ib, sizeof ib, out->id);
	if (!(res = st_run(st, "SELECT x.included, x.moved, x.state,"
	                   " extract(epoch FROM x.deadline_at)::bigint, x.version," HC_NOW
	                   " FROM wardesk.handover_cases x JOIN wardesk.cases c ON c.id = x.case_id"
	                   " WHERE x.handover_id = $1::bigint"
	                   " ORDER BY x.included DESC, x.deadline_at, c.id", 1, params, err))) {
		wd_handover_free(out);
		return err->status;
	}
	hcases_from_result(res, out);
	PQclear(res);
	if (window_summary(st, out, "SELECT " SUMMARY_COLUMNS " FROM wardesk.handover_list h,"
	                   " wardesk.window_summary(h.window_from, h.window_to, h.from_officer) w"
	                   " WHERE h.id = $1::bigint", ib, err) != ST_OK) {
		wd_handover_free(out);
		return err->status;
	}
	return ST_OK;
}

/* The window of a handover written now (as handover_list computes it). */
#define PREVIEW_WINDOW_FROM \
	"coalesce(s.started_at," \
	" (SELECT max(p.acked_at) FROM wardesk.handovers p WHERE p.to_officer = o.login)," \
	" wardesk.now() - interval '12 hours')"

enum st_status store_handover_preview(struct store *st, struct wd_handover *out,
                                      struct st_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st,
	    "SELECT o.login, o.full_name, o.role, s.id,"
	    " extract(epoch FROM s.started_at)::bigint, extract(epoch FROM s.ended_at)::bigint,"
	    " extract(epoch FROM wardesk.now())::bigint,"
	    " extract(epoch FROM " PREVIEW_WINDOW_FROM ")::bigint"
	    " FROM wardesk.officers o"
	    " LEFT JOIN wardesk.shifts s ON s.officer = o.login AND s.ended_at IS NULL"
	    " WHERE o.login = session_user", 0, NULL, err)))
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return st_seterr(err, ST_REFUSED, "WD006", _("login %s is not a wardesk officer"),
		                 store_login(st));
	}
	out->from = st_col_str(res, 0, 0);
	out->from_name = st_col_str(res, 0, 1);
	out->from_role = role_of(res, 0, 2);
	out->to_role = WD_ROLE_NONE;
	out->shift_id = st_col_ll(res, 0, 3);
	out->shift_started = time_of(res, 0, 4);
	out->shift_ended = time_of(res, 0, 5);
	out->created_at = out->window_to = time_of(res, 0, 6);
	out->window_from = time_of(res, 0, 7);
	PQclear(res);
	if (!(res = st_run(st, "SELECT true, NULL::boolean, c.state,"
	                   " extract(epoch FROM c.deadline_at)::bigint, c.version," HC_NOW
	                   " FROM wardesk.cases c"
	                   " WHERE c.owner = session_user AND c.state = 'in_progress'"
	                   " ORDER BY c.deadline_at, c.id", 0, NULL, err))) {
		wd_handover_free(out);
		return err->status;
	}
	hcases_from_result(res, out);
	out->n_included = (int)out->ncases;
	PQclear(res);
	if (window_summary(st, out, "SELECT " SUMMARY_COLUMNS " FROM wardesk.officers o"
	                   " LEFT JOIN wardesk.shifts s ON s.officer = o.login AND s.ended_at IS NULL,"
	                   " wardesk.window_summary(" PREVIEW_WINDOW_FROM ", wardesk.now(), o.login) w"
	                   " WHERE o.login = session_user", NULL, err) != ST_OK) {
		wd_handover_free(out);
		return err->status;
	}
	return ST_OK;
}

/* ---- board ----------------------------------------------------------- */

enum st_status store_board(struct store *st, struct wd_board *out, struct st_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, "SELECT login, full_name, role, on_duty,"
	                   " extract(epoch FROM shift_started)::bigint, open, due_soon, overdue, escalated"
	                   " FROM wardesk.board()", 0, NULL, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_board_row *b = &out->v[i];
		int r = (int)i;

		b->login = st_col_str(res, r, 0);
		b->full_name = st_col_str(res, r, 1);
		b->role = role_of(res, r, 2);
		b->on_duty = bool_of(res, r, 3);
		b->shift_started = time_of(res, r, 4);
		b->open = int_of(res, r, 5);
		b->due_soon = int_of(res, r, 6);
		b->overdue = int_of(res, r, 7);
		b->escalated = int_of(res, r, 8);
	}
	PQclear(res);
	if (!(res = st_run(st, "SELECT unowned, unowned_due_soon, unowned_overdue, escalated,"
	                   " pending_handovers, on_duty, today_received, today_resolved, today_on_time,"
	                   " coalesce(today_on_time_rate, -1) FROM wardesk.board_summary()",
	                   0, NULL, err))) {
		wd_board_free(out);
		return err->status;
	}
	out->unowned = int_of(res, 0, 0);
	out->unowned_due_soon = int_of(res, 0, 1);
	out->unowned_overdue = int_of(res, 0, 2);
	out->escalated = int_of(res, 0, 3);
	out->pending_handovers = int_of(res, 0, 4);
	out->on_duty = int_of(res, 0, 5);
	out->today_received = int_of(res, 0, 6);
	out->today_resolved = int_of(res, 0, 7);
	out->today_on_time = int_of(res, 0, 8);
	out->today_on_time_rate = st_col_dbl(res, 0, 9);
	PQclear(res);
	return ST_OK;
}

void wd_board_free(struct wd_board *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].login);
		free(b->v[i].full_name);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

/* ---- live ------------------------------------------------------------ */

enum st_status store_listen_shift(struct store *st, struct st_err *err)
{
	return st_listen_kind(st, "shift", err);   /* store_live.c */
}

bool store_shift_payload(const char *payload, char *kindbuf, char *opbuf, size_t bufsz,
                         int64_t *id, int *ward)
{
	struct json_object *o = payload ? json_tokener_parse(payload) : NULL;
	struct json_object *k = st_jget(o, "kind"), *op = st_jget(o, "op");
	bool ok = k && op && json_object_is_type(k, json_type_string) &&
	          json_object_is_type(op, json_type_string) && st_jlong(o, "id") > 0;

	if (ok) {
		snprintf(kindbuf, bufsz, "%s", json_object_get_string(k));
		snprintf(opbuf, bufsz, "%s", json_object_get_string(op));
		*id = st_jlong(o, "id");
		*ward = (int)st_jlong(o, "ward");
	}
	json_object_put(o);
	return ok;
}
