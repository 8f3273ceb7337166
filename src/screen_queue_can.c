/* screen_queue_can.c - what the queue's footer offers on the selected row
 * (screen_queue_can.h).
 *
 * The detail asks wardesk.allowed_actions() at each load; the queue's
 * cursor moves at every key, so the answers are kept by case id and
 * version (any change of the row's state, holder or escalation is a new
 * version) and asked once, in the background: the footer never waits.
 * The question runs on the live connection, whose notifications wait
 * while it runs: one call, about 0.15 ms (it was can() per action, 1.2
 * ms, and 200 consoles asking at once delayed their new cases 0.3 s).  It is
 * asked once the selection rests on the row for CAN_REST_MS: a cursor
 * that runs over twenty rows (j held down, Home at each new case) asks
 * for the row it stops on, not for each row it passes (issue 14: 50
 * consoles' Home at each new case were 50 questions a case), and no
 * notification for CAN_QUIET_MS: while cases stream in, the question waits
 * for a quiet moment, as the confirmations do (at 200 consoles, each
 * pressing Home at each new case, they were 200 questions a case, and a
 * console's new cases waited behind its question: bench/notes/live.md).
 * Until the answer is there (or offline, or when the question failed)
 * the row as known here decides (case_row_allows, the same rule read
 * from the queue's row). */
#include "wardesk/wardesk.h"

#include "wardesk/caserules.h"
#include "wardesk/screen_queue_can.h"
#include "wardesk/store_shift.h"
#include "wardesk/ui.h"

#define CAN_SLOTS 16
#define CAN_REST_MS 150   /* the selection rests this long before it is asked */
#define CAN_QUIET_MS 1000 /* and the live connection has heard nothing this long */

enum can_state { CAN_FREE, CAN_ASKING, CAN_KNOWN, CAN_FAILED };

struct can_slot {
	int64_t id;
	int32_t version;
	enum can_state state;
	unsigned mask;            /* CAN_KNOWN: WD_PERM_BIT()s */
	unsigned long serial;     /* the connection it was asked on */
};

/* One console, one queue: the answers are the process's (a request still
 * in flight when the queue closes finds its slot here, not in freed
 * memory). */
static struct can_slot slots[CAN_SLOTS];
static unsigned next_slot;

/* The selected row and since when (mono_ms); waiting: its question waits
 * until ask_at, for the rest and a quiet moment (queue_can_timeout_ms
 * wakes the loop then). */
static struct {
	int64_t id;
	int32_t version;
	int64_t since;
	int64_t ask_at;
	bool waiting;
} rest;

static void note_selection(const struct mcase *c)
{
	if (c->id != rest.id || c->version != rest.version) {
		rest.id = c->id;
		rest.version = c->version;
		rest.since = mono_ms();
	}
}

/* Whether the selection has rested long enough, with nothing heard for
 * long enough, to be asked about. */
static bool rested(const struct live *l)
{
	int64_t quiet = l->heard_at + CAN_QUIET_MS;

	rest.ask_at = rest.since + CAN_REST_MS;
	if (l->heard_at && quiet > rest.ask_at)
		rest.ask_at = quiet;
	rest.waiting = mono_ms() < rest.ask_at;
	return !rest.waiting;
}

int queue_can_timeout_ms(int64_t now_ms)
{
	int64_t left;

	if (!rest.waiting)
		return -1;
	left = rest.ask_at - now_ms;
	return left > 0 ? (int)left : 0;
}

void queue_can_tick(struct ui *ui, int64_t now_ms)
{
	if (rest.waiting && now_ms >= rest.ask_at) {
		rest.waiting = false;
		ui_dirty(ui);   /* the footer is drawn again, and asks */
	}
}

struct can_ask {
	struct ui *ui;
	int64_t id;
	int32_t version;
};

static struct can_slot *slot_of(int64_t id, int32_t version)
{
	for (int i = 0; i < CAN_SLOTS; i++)
		if (slots[i].state != CAN_FREE && slots[i].id == id && slots[i].version == version)
			return &slots[i];
	return NULL;
}

static void can_done(void *ctx, enum st_status s, unsigned mask)
{
	struct can_ask *a = ctx;
	struct can_slot *sl = slot_of(a->id, a->version);

	if (!sl)
		return;
	sl->state = s == ST_OK ? CAN_KNOWN : CAN_FAILED;
	sl->mask = mask;
	if (s == ST_OK)
		ui_dirty(a->ui);
}

/* After done, or instead of it (dropped with its connection: asked again
 * on the next). */
static void can_free(void *ctx)
{
	struct can_ask *a = ctx;
	struct can_slot *sl = slot_of(a->id, a->version);

	if (sl && sl->state == CAN_ASKING)
		sl->state = CAN_FREE;
	free(a);
}

/* The answer for c's version, asked now when it is not there. */
static const struct can_slot *answer(struct ui *ui, const struct mcase *c)
{
	struct can_slot *sl = slot_of(c->id, c->version);
	struct can_ask *a;
	unsigned long serial = store_serial(ui->live.st);

	note_selection(c);
	if (sl && (sl->state != CAN_FAILED || sl->serial == serial))
		return sl;
	if (!live_up(&ui->live) || !c->ref || !rested(&ui->live))
		return sl;
	if (!sl) {
		sl = &slots[next_slot++ % CAN_SLOTS];
		sl->id = c->id;
		sl->version = c->version;
	}
	sl->state = CAN_ASKING;
	sl->serial = serial;
	a = xmalloc(sizeof *a);
	*a = (struct can_ask){ ui, c->id, c->version };
	store_can_case_send(ui->live.st, c->ref, can_done, can_free, a);
	return slot_of(c->id, c->version);
}

/* The permissions wardesk.allowed_actions() answers per case (the others: the role's). */
static bool case_perm(int p)
{
	switch (p) {
	case WD_PERM_TAKE: case WD_PERM_ASSIGN: case WD_PERM_ESCALATE: case WD_PERM_DEESCALATE:
	case WD_PERM_CLOSE: case WD_PERM_REOPEN: case WD_PERM_ACK: case WD_PERM_PRIORITY:
	case WD_PERM_MERGE_CLUSTER:
		return true;
	default:
		return false;
	}
}

bool queue_can_offers(struct ui *ui, const struct mcase *c, enum action_id act)
{
	int p = act == ACT_ACK ? WD_PERM_ACK : action_perm(act);
	const struct can_slot *sl;
	const char *owner;
	bool mine, chair;

	if (!c || !case_perm(p))
		return true;
	sl = answer(ui, c);
	if (sl && sl->state == CAN_KNOWN)
		return (sl->mask & WD_PERM_BIT(p)) != 0;
	owner = model_owner(ui->model, c);
	mine = owner && ui->live.have_me && ui->live.me.login && !strcmp(owner, ui->live.me.login);
	chair = ui->live.have_me && ui->live.me.role == WD_ROLE_CHAIR;
	return case_row_allows((enum wd_perm)p, c, mine, chair);
}
