/* test_actions.c - the action table (actions.h), its permission column as
 * the UI services read it (ui_permitted / ui_permit), and the key bindings
 * made from it (bindings.h): no terminal, no database. */
#include "wardesk/wardesk.h"

#include "unit.h"

#include <curses.h>

#include "wardesk/bindings.h"
#include "wardesk/hints.h"
#include "wardesk/ui.h"

static void test_table(void)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct action *x = &action_table[a];

		CHECK_NAMED(x->id == (enum action_id)a, "%s: row %d has its id", x->name, a);
		CHECK_NAMED(action_parse(x->name) == a, "%s parses back", x->name);
		CHECK_NAMED((unsigned)x->keymap < KM_COUNT, "%s: keymap in range", x->name);
		CHECK_NAMED(!x->default_key || key_list_parse(x->default_key, (int[4]){ 0 }, 4) > 0,
		            "%s: default key %s parses",
		            x->name, x->default_key ? x->default_key : "-");
		CHECK_NAMED(x->perm == WD_PERM_NONE || (x->perm >= 0 && x->perm < WD_PERM_COUNT),
		            "%s: permission in range", x->name);
		CHECK_NAMED(x->help && *x->help, "%s: has help", x->name);
		{
			int same = 0;

			for (int b = 0; b < ACT_COUNT; b++)
				same += !strcmp(x->name, action_table[b].name);
			CHECK_NAMED(same == 1, "%s: name unique", x->name);
		}
	}
	CHECK(action_parse("no-such-action") == -1);
	CHECK(action_parse(NULL) == -1);
}

/* The English footer words (hints.c, no catalog here) are words for people:
 * none is a hyphenated action name ("Space handover-toggle"). */
static void test_hints(void)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		const char *h = action_hint((enum action_id)a);

		CHECK_NAMED(h && *h, "%s: has a footer word", action_table[a].name);
		for (int b = 0; b < ACT_COUNT; b++)
			CHECK_NAMED(!strchr(action_table[b].name, '-') || strcmp(h, action_table[b].name),
			            "%s: footer word \"%s\" is not the action name %s",
			            action_table[a].name, h, action_table[b].name);
	}
}

/* The permission column: what the database's wardesk.action_names() calls
 * each guarded action. */
static void test_perm_column(void)
{
	static const struct { enum action_id act; const char *perm; } want[] = {
		{ ACT_TAKE, "take" }, { ACT_ASSIGN, "assign" }, { ACT_REASSIGN, "assign" },
		{ ACT_REASSIGN_ALL, "assign" }, { ACT_ESCALATE, "escalate" }, { ACT_CLOSE, "close" },
		{ ACT_REOPEN, "reopen" }, { ACT_BOARD, "board" }, { ACT_TICKET, "report" },
		{ ACT_STATS, "stats" }, { ACT_STATS_TODAY, "stats" }, { ACT_STATS_WEEK, "stats" },
		{ ACT_STATS_MONTH, "stats" }, { ACT_HANDOVER, "handover" }, { ACT_HO_WRITE, "handover" },
		{ ACT_HO_ACK, "handover" }, { ACT_HO_DECLINE, "handover" }, { ACT_HO_CANCEL, "handover" }, { ACT_HO_TOGGLE, "handover" },
		{ ACT_SHIFT_START, "shift" }, { ACT_SHIFT_END, "shift" }, { ACT_MERGE, "take" },
		{ ACT_PRIORITY, "priority" },
		/* call-backs: whoever may record a case (hotline, officers, chairs) */
		{ ACT_CALLBACKS, "report" }, { ACT_CB_REACHED, "report" }, { ACT_CB_NO_ANSWER, "report" },
		{ ACT_CB_WRONG, "report" },
		/* the map's cluster merge: the ward chair */
		{ ACT_CLUSTER_MERGE, "merge_cluster" },
	};
	size_t guarded = 0;

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		int p = action_perm(want[i].act);

		CHECK_NAMED(p >= 0 && !strcmp(wd_perm_name((enum wd_perm)p), want[i].perm), "%s needs %s",
		            action_table[want[i].act].name, want[i].perm);
	}
	for (int a = 0; a < ACT_COUNT; a++)
		guarded += action_perm((enum action_id)a) != WD_PERM_NONE;
	CHECK_INT(guarded, ARRAY_SIZE(want));
	CHECK(action_perm(ACT_HELP) == WD_PERM_NONE);
	CHECK(action_perm(ACT_ACK) == WD_PERM_NONE);
	CHECK(action_perm(ACT_COUNT) == WD_PERM_NONE);
}

static void test_permitted(void)
{
	struct ui ui;

	memset(&ui, 0, sizeof ui);
	/* permissions unknown: everything allowed, the database decides */
	CHECK(ui_permitted(&ui, ACT_REASSIGN_ALL));
	ui.live.have_perms = true;
	ui.live.perms = WD_PERM_BIT(WD_PERM_TAKE) | WD_PERM_BIT(WD_PERM_CLOSE);
	CHECK(ui_permitted(&ui, ACT_TAKE));
	CHECK(ui_permitted(&ui, ACT_CLOSE));
	CHECK(!ui_permitted(&ui, ACT_ASSIGN));
	CHECK(!ui_permitted(&ui, ACT_BOARD));
	CHECK(ui_permitted(&ui, ACT_HELP));        /* no permission needed */
	CHECK(ui_permitted(&ui, ACT_ACK));
	CHECK(ui_permit(&ui, ACT_TAKE));
	CHECK(!ui.status[0]);
	CHECK(!ui_permit(&ui, ACT_REOPEN));
	CHECK(ui.status_error);
	CHECK_STR(ui.status, "reopen: only the ward chair can reopen a case (you are not an officer)");
	ui.live.have_me = true;
	ui.live.me.role = WD_ROLE_HOTLINE;
	CHECK(!ui_permit(&ui, ACT_REASSIGN_ALL));
	CHECK_STR(ui.status, "reassign all: only the ward chair can reassign (you are hotline)");
}

static void test_bindings(void)
{
	bindings_defaults();
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct action *x = &action_table[a];

		int keys[4], n = key_list_parse(x->default_key, keys, 4);

		for (int i = 0; i < n; i++)
			CHECK_NAMED(bindings_lookup(x->keymap, keys[i]) == a, "%s: %s %s runs it",
			            x->name, keymap_name(x->keymap), key_name(keys[i]));
	}
	/* the keys people know from tig, mutt and less (issue 11) */
	CHECK_INT(bindings_lookup(KM_QUEUE, 'j'), ACT_DOWN);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'k'), ACT_UP);
	CHECK_INT(bindings_lookup(KM_BOARD, 'g'), ACT_FIRST);
	CHECK_INT(bindings_lookup(KM_PICKER, 'G'), ACT_LAST);
	CHECK_INT(bindings_lookup(KM_HANDOVER, 4), ACT_HALF_DOWN);
	CHECK_INT(bindings_lookup(KM_STATS, 21), ACT_HALF_UP);
	CHECK_INT(bindings_lookup(KM_QUEUE, ']'), ACT_MATCH_NEXT);
	CHECK_INT(bindings_lookup(KM_QUEUE, '['), ACT_MATCH_PREV);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'n'), ACT_TICKET);
	CHECK_INT(bindings_key_for(KM_QUEUE, ACT_DOWN), KEY_DOWN);   /* the footer's */
	CHECK_INT(key_list_parse("Down j", (int[4]){ 0 }, 4), 2);
	CHECK_INT(key_list_parse("Down Nope", (int[4]){ 0 }, 4), -1);
	CHECK_INT(key_parse("t"), 't');
	CHECK_INT(key_parse("C-l"), 12);
	CHECK_STR(key_name(key_parse("Enter")), "Enter");
	CHECK_INT(key_parse("M-x"), KEYB_ALT | 'x');
	CHECK_INT(key_parse("Up"), KEY_UP);
	CHECK_INT(key_parse("F5"), KEY_F(5));
	CHECK(key_parse("Nope") < 0);
	CHECK_STR(key_name(key_parse("PgDn")), "PgDn");
	/* a screen's keymap falls back to generic */
	CHECK_INT(bindings_lookup(KM_BOARD, 't'), ACT_TAKE);
	CHECK_INT(bindings_lookup(KM_BOARD, 'R'), ACT_REASSIGN_ALL);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'R'), -1);
	CHECK_INT(bindings_key_for(KM_HANDOVER, ACT_HO_ACK), 'A');
	CHECK_STR(ui_key_for(KM_GENERIC, ACT_BOARD), "B");
	CHECK_STR(ui_key_for(KM_QUEUE, ACT_REASSIGN_ALL), "");
	{
		char err[256];

		CHECK(bindings_set("queue", "x", "take", err, sizeof err));
		CHECK_INT(bindings_lookup(KM_QUEUE, 'x'), ACT_TAKE);
		CHECK(bindings_set("queue", "x", "none", err, sizeof err));
		CHECK_INT(bindings_lookup(KM_QUEUE, 'x'), -1);
		CHECK(!bindings_set("nowhere", "x", "take", err, sizeof err));
		CHECK(!bindings_set("queue", "x", "fly", err, sizeof err));
		CHECK(!bindings_set("queue", "Nope", "take", err, sizeof err));
	}
}

int main(void)
{
	RUN(test_table);
	RUN(test_hints);
	RUN(test_perm_column);
	RUN(test_permitted);
	RUN(test_bindings);
	return unit_done();
}
