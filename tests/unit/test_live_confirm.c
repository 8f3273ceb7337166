/* test_live_confirm.c - when a live console confirms the cases it drew
 * from payloads (live.h, live_confirm_due / live_timeout_ms): not before
 * its planned moment, then at the first moment LIVE_CONFIRM_QUIET_MS
 * after the last notification (not while the ward's consoles paint the
 * case all of them just heard), but by confirm_by whatever keeps coming
 * (issue 14).  The fields are set as live.c's notification handler sets
 * them; no connection is needed (a NULL store has no statement on its
 * way). */
#include "wardesk/wardesk.h"
#include "wardesk/live.h"

#include "unit.h"

static void up_with_one(struct live *l, int64_t at, int64_t by, int64_t heard)
{
	live_init(l, NULL, NULL);
	l->state = LIVE_UP;
	idq_add(&l->unconf, 42);
	l->confirm_at = at;
	l->confirm_by = by;
	l->heard_at = heard;
}

/* A quiet ward: due at its planned moment, as before. */
static void test_quiet(void)
{
	struct live l;

	up_with_one(&l, 1000, 1500, 100);
	CHECK(!live_confirm_due(&l, 999));
	CHECK_INT(live_timeout_ms(&l, 999), 1);
	CHECK(live_confirm_due(&l, 1000));
	CHECK_INT(live_timeout_ms(&l, 1000), 0);
	l.state = LIVE_DOWN;
	CHECK(!live_confirm_due(&l, 1000));
	live_free(&l);
}

/* A notification just came: wait until LIVE_CONFIRM_QUIET_MS after it. */
static void test_after_the_paint(void)
{
	struct live l;

	up_with_one(&l, 1000, 1500, 990);
	CHECK(!live_confirm_due(&l, 1000));
	CHECK_INT(live_timeout_ms(&l, 1000), 990 + LIVE_CONFIRM_QUIET_MS - 1000);
	CHECK(!live_confirm_due(&l, 990 + LIVE_CONFIRM_QUIET_MS - 1));
	CHECK(live_confirm_due(&l, 990 + LIVE_CONFIRM_QUIET_MS));
	live_free(&l);
}

/* Notifications every millisecond (a flood): never quiet, due by
 * confirm_by all the same, and the timeout never runs past it. */
static void test_flood_bound(void)
{
	struct live l;
	bool early = false, late = false;

	up_with_one(&l, 1000, 1500, 0);
	for (int64_t now = 1000; now < 1500; now++) {
		l.heard_at = now;
		early |= live_confirm_due(&l, now);
		late |= now + live_timeout_ms(&l, now) > 1500;
	}
	CHECK(!early);
	CHECK(!late);
	l.heard_at = 1500;
	CHECK(live_confirm_due(&l, 1500));
	CHECK_INT(live_timeout_ms(&l, 1499), 1);
	live_free(&l);
}

/* Nothing queued: nothing due, whatever the times say. */
static void test_nothing_queued(void)
{
	struct live l;
	size_t n;

	up_with_one(&l, 0, 0, 0);
	free(idq_take(&l.unconf, 10, &n));
	CHECK(!live_confirm_due(&l, 100000));
	live_free(&l);
}

int main(void)
{
	RUN(test_quiet);
	RUN(test_after_the_paint);
	RUN(test_flood_bound);
	RUN(test_nothing_queued);
	return unit_done();
}
