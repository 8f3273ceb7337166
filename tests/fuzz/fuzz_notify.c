/* fuzz_notify.c - libFuzzer target for the NOTIFY payload decoder.
 *
 * PostgreSQL notifications (wardesk_case, wardesk_alert, wardesk_shift) are
 * decoded inside store_drain_all (store_live.c; the JSON helpers there
 * are static), a case payload's queue row by st_case_payload
 * (store_notify.c), an alert payload's hint (the login's own alert) by
 * store_alert_hint (store_alert_hint.c) from what the drain read, and wardesk_shift payloads by
 * store_shift_payload.  Any
 * login can NOTIFY these channels, so their payloads are outside input.
 * This target drives the real store_drain_all through a fake connection: it
 * defines PQstatus, PQconsumeInput, PQnotifies, PQfreemem and PQerrorMessage
 * itself (the executable's definitions win over libpq's), and PQnotifies
 * hands out the notifications the input describes.
 *
 * Input: records separated by NUL bytes; a record's first byte picks the
 * channel (wardesk_case, wardesk_alert, wardesk_shift or another one), the
 * rest is the payload.  Invariants checked: every callback gets positive ids
 * and non-NULL strings; a decoded case row matches its notification and
 * holds only in-range enums and valid UTF-8; a decoded alert hint has a
 * positive id and case, a known kind, the login as recipient, a ref, and
 * sanitised valid UTF-8 (no control character); store_shift_payload accepts only a positive id and
 * fits kind/op into their buffers; drains of a budget say more only when a
 * notification waits (budget_drains); a drain asked to stop by its callback
 * (store_drain_stop, as the console does after a case drawn from its row)
 * reads nothing more, says more only when a notification waits, and the
 * next drains lose none (stop_drains).
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/notify. */
#include "wardesk/wardesk.h"

#include <libpq-fe.h>

#include "wardesk/store.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_impl.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the fake connection ------------------------------------------------ */

static const char *const channels[] = { "wardesk_case", "wardesk_alert", "wardesk_shift",
	                                "wardesk_other" };
static const uint8_t *in_p, *in_end;
static size_t handed, freed;
/* stop_drains: the store of the drain, and whether its callback stopped it */
static struct store *stop_st;
static bool stopped;

ConnStatusType PQstatus(const PGconn *conn)
{
	return conn ? CONNECTION_OK : CONNECTION_BAD;
}

int PQconsumeInput(PGconn *conn)
{
	return 1;
}

char *PQerrorMessage(const PGconn *conn)
{
	return (char *)"";
}

PGnotify *PQnotifies(PGconn *conn)
{
	const uint8_t *rec, *nul;
	size_t len;
	PGnotify *n;
	char *extra;

	if (in_p >= in_end)
		return NULL;
	rec = in_p;
	nul = memchr(rec, 0, (size_t)(in_end - rec));
	len = nul ? (size_t)(nul - rec) : (size_t)(in_end - rec);
	in_p = nul ? nul + 1 : in_end;
	/* one block, as libpq allocates it: the struct, then the payload */
	n = xcalloc(1, sizeof *n + (len ? len : 1));
	extra = (char *)(n + 1);
	n->relname = (char *)channels[len ? rec[0] % 4 : 0];
	if (len > 1)
		memcpy(extra, rec + 1, len - 1);
	extra[len ? len - 1 : 0] = '\0';
	n->extra = extra;
	n->be_pid = 1;
	handed++;
	return n;
}

void PQfreemem(void *ptr)
{
	if (ptr)
		freed++;
	free(ptr);
}

/* ---- callbacks ---------------------------------------------------------- */

static void str_ok(const char *s, bool may_be_null)
{
	if (!s) {
		if (!may_be_null)
			abort();
		return;
	}
	if (!text_valid_utf8(s, strlen(s), NULL))
		abort();
}

/* A decoded queue row (store_notify.c): the notification's id and
 * version, sane enums and times, valid UTF-8 strings. */
static void on_case(void *ctx, int64_t id, int32_t version, int ward, const char *op,
                    const struct wd_case *row)
{
	if (id <= 0 || op == NULL || stopped)
		abort();   /* (stopped: a notification read after the stop) */
	(void)strlen(op);
	if (!row)
		return;
	if (stop_st) {
		store_drain_stop(stop_st);
		stopped = true;
	}
	if (row->id != id || row->version != version || row->version <= 0 || row->ward_id != ward ||
	    ward <= 0)
		abort();
	if ((unsigned)row->state >= WD_STATE_COUNT || (unsigned)row->channel >= WD_CH_COUNT ||
	    (unsigned)row->hotline_line > WD_LINE_COMMITTEE || row->escalation < 0 ||
	    row->escalation > 255 || row->warn_min < 0 || row->deadline_at <= 0 || row->closed_at < 0)
		abort();
	if (!row->ref || !row->ref[0] || !row->category)
		abort();
	str_ok(row->ref, false);
	str_ok(row->category, false);
	str_ok(row->owner, true);
	str_ok(row->address, true);
	str_ok(row->description, true);
	str_ok(row->reporter_phone, true);
	str_ok(row->reporter_name, true);
}

/* A string of a hint: valid UTF-8 without a control character. */
static void clean_ok(const char *s)
{
	if (!s)
		return;
	str_ok(s, false);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
}

static void on_alert(void *ctx, int64_t id, int64_t case_id, const char *kind, const char *to,
                     const struct st_alert_payload *payload)
{
	struct wd_alert_list l = { .v = xcalloc(1, sizeof *l.v), .n = 1 };
	const struct wd_alert *a = l.v;

	if (id <= 0 || kind == NULL || to == NULL || payload == NULL || stopped)
		abort();
	(void)strlen(kind);
	(void)strlen(to);
	if (store_alert_hint(payload, "o1", l.v)) {   /* the store's login */
		if (strcmp(to, "o1") || a->id <= 0 || a->case_id <= 0 ||
		    (unsigned)a->kind >= WD_ALERT_KIND_COUNT || !a->recipient ||
		    strcmp(a->recipient, "o1") || !a->ref || !a->ref[0] || a->case_count < 0 ||
		    a->case_count == 1 || a->level < 0 || a->level > 3)
			abort();
		clean_ok(a->ref);
		clean_ok(a->category);
		clean_ok(a->category_vi);
		clean_ok(a->category_en);
		clean_ok(a->address);
		clean_ok(a->description);
		clean_ok(a->about);
	} else if (a->id || a->ref || a->recipient || a->about) {
		abort();   /* zeroed when there is no hint */
	}
	wd_alert_list_free(&l);
}

static void on_shift(void *ctx, const char *payload)
{
	char kind[16], op[16];
	int64_t id = 0;
	int ward = 0;

	if (payload == NULL || stopped)
		abort();
	memset(kind, 0x55, sizeof kind);
	memset(op, 0x55, sizeof op);
	if (store_shift_payload(payload, kind, op, sizeof kind, &id, &ward)) {
		if (id <= 0 || !memchr(kind, 0, sizeof kind) || !memchr(op, 0, sizeof op))
			abort();
	}
}

/* Drains of a budget (max_ms 0: each stops after its second
 * notification), as the console's: one that says more leaves one waiting
 * (the next drain frees at least one), and the last leaves none. */
static void budget_drains(struct store *st, const uint8_t *data, size_t size)
{
	struct st_err err;
	bool more = true, said_more = false;
	size_t before;

	in_p = data, in_end = data + size;
	handed = freed = 0;
	while (more) {
		before = freed;
		memset(&err, 0, sizeof err);
		if (store_drain_for(st, on_case, on_alert, on_shift, NULL, 0, &more, &err) != ST_OK)
			abort();
		if (said_more && freed == before)
			abort();   /* it said more, and none waited */
		said_more = more;
	}
	if (in_p != in_end || st->held || handed != freed)
		abort();
}

/* Drains whose case callback stops them at every case row (no budget):
 * nothing is read after the stop, more says whether one waits, and the
 * drains together read and free every notification. */
static void stop_drains(struct store *st, const uint8_t *data, size_t size)
{
	struct st_err err;
	bool more = true;

	in_p = data, in_end = data + size;
	handed = freed = 0;
	stop_st = st;
	while (more) {
		size_t before = freed;

		stopped = false;
		memset(&err, 0, sizeof err);
		if (store_drain_for(st, on_case, on_alert, on_shift, NULL, -1, &more, &err) != ST_OK)
			abort();
		if (more != (st->held != NULL) || (more && !stopped) || (!stopped && in_p != in_end) ||
		    (more && freed == before))
			abort();   /* stopped or at the end; more when one waits, held */
	}
	stop_st = NULL;
	stopped = false;
	if (in_p != in_end || st->held || handed != freed)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store st = { .conn = (PGconn *)&st, .login = (char *)"o1" };
	struct st_err err;

	if (size > 65536)
		return 0;
	memset(&err, 0, sizeof err);
	in_p = data, in_end = data + size;
	handed = freed = 0;
	if (store_drain_all(&st, on_case, on_alert, on_shift, NULL, &err) != ST_OK)
		abort();
	if (handed != freed || in_p != in_end)
		abort();               /* every notification read and freed */
	/* the plain drain (case channel only) must skip the others */
	in_p = data, in_end = data + size;
	handed = freed = 0;
	if (store_drain(&st, on_case, NULL, &err) != ST_OK || handed != freed)
		abort();
	budget_drains(&st, data, size);
	stop_drains(&st, data, size);
	return 0;
}
