/* test_alert_hints.c - the alerts a console showed from payloads (hints)
 * and their confirmation, sent without waiting (store.h: background
 * statements): ahints_confirm(h, rows, n) judges the n hints the statement
 * covered and keeps those shown after it was sent for the next one. */
#include "wardesk/wardesk.h"
#include "wardesk/alert_hints.h"

#include "unit.h"

/* Hear and show one hint: alert id on case case_id, of kind. */
static void show(struct alert_hints *h, int64_t id, int64_t case_id, enum wd_alert_kind kind)
{
	struct wd_alert a = { .id = id, .case_id = case_id, .kind = kind };

	ahints_hear(h, &a);
	ahints_shown(h);
	ahints_heard_clear(h);
}

static void test_partial(void)
{
	struct alert_hints h = { 0 };
	struct wd_alert rows[2] = {
		{ .id = 11, .case_id = 1, .kind = WD_ALERT_WARNING },
		{ .id = 12, .case_id = 2, .kind = WD_ALERT_OVERDUE },
	};
	struct wd_alert_list l = { rows, 2 };

	show(&h, 11, 1, WD_ALERT_WARNING);
	show(&h, 12, 2, WD_ALERT_OVERDUE);
	/* the confirmation of 11 and 12 is on its way; 13 is shown meanwhile */
	show(&h, 13, 3, WD_ALERT_ESCALATION);
	CHECK_INT(h.nunconf, 3);
	CHECK(!ahints_confirm(&h, &l, 2));            /* both true */
	CHECK_INT(h.nunconf, 1);                      /* 13 waits for its own */
	CHECK(ahints_unconfirmed(&h, 13));
	CHECK(!ahints_unconfirmed(&h, 11));
	CHECK_INT(h.upto, 13);
	/* its own confirmation does not hold it: it was forged */
	CHECK(ahints_confirm(&h, &l, 1));
	CHECK_INT(h.nunconf, 0);
	ahints_free(&h);
}

static void test_forged(void)
{
	struct alert_hints h = { 0 };
	struct wd_alert rows[1] = { { .id = 21, .case_id = 5, .kind = WD_ALERT_WARNING } };
	struct wd_alert_list l = { rows, 1 };

	show(&h, 21, 5, WD_ALERT_OVERDUE);            /* another kind than the database's */
	show(&h, 22, 6, WD_ALERT_WARNING);
	CHECK(ahints_confirm(&h, &l, 1));
	CHECK_INT(h.nunconf, 1);
	CHECK(ahints_unconfirmed(&h, 22));
	CHECK(!ahints_confirm(&h, &(struct wd_alert_list){ (struct wd_alert[]){ { .id = 22,
	        .case_id = 6, .kind = WD_ALERT_WARNING } }, 1 }, 5));   /* n over what waits */
	CHECK_INT(h.nunconf, 0);
	ahints_free(&h);
}

int main(void)
{
	RUN(test_partial);
	RUN(test_forged);
	return unit_done();
}
