/* actions.h - every user action, in one table.
 *
 * The key parser (bindings.c), the `:` command prompt, the `?` help screen
 * and the key list in man/wardesk.1 (tools/doc-gen) are all generated from
 * ACTIONS.  X(id, "name", keymap, "default key", permission, "help text
 * (English msgid)").  The default key is one key name, or several
 * separated by spaces ("Down j": both are bound); NULL means "no default
 * key" (reachable by `:name`).  The permission is the wd_perm (store_shift.h, the
 * database's wardesk.action_names()) the officer needs, without its
 * WD_PERM_ prefix; NONE: any login may.  Whether the officer has it comes
 * from the database (store_permissions) on every connect (ui_permitted). */
#ifndef WARDESK_ACTIONS_H
#define WARDESK_ACTIONS_H

#include "wardesk/keymap.h"
#include "wardesk/store_shift.h"

/* No permission needed (the perm column's NONE). */
#define WD_PERM_NONE (-1)

#define ACTIONS(X) \
	X(ACT_HELP,          "help",          KM_GENERIC, "?",    NONE,     N_("Show the help screen with every key")) \
	X(ACT_QUIT,          "quit",          KM_GENERIC, "q",    NONE,     N_("Close this screen; quit from the queue")) \
	X(ACT_BACK,          "back",          KM_GENERIC, "Esc",  NONE,     N_("Close this screen; clear the filter in the queue")) \
	X(ACT_COMMAND,       "command",       KM_GENERIC, ":",    NONE,     N_("Open the command prompt")) \
	X(ACT_REDRAW,        "redraw",        KM_GENERIC, "C-l",  NONE,     N_("Redraw the screen")) \
	X(ACT_UP,            "move-up",       KM_GENERIC, "Up k", NONE,     N_("Move up")) \
	X(ACT_DOWN,          "move-down",     KM_GENERIC, "Down j",NONE,    N_("Move down")) \
	X(ACT_PAGE_UP,       "page-up",       KM_GENERIC, "PgUp", NONE,     N_("Move one page up")) \
	X(ACT_PAGE_DOWN,     "page-down",     KM_GENERIC, "PgDn", NONE,     N_("Move one page down")) \
	X(ACT_HALF_UP,       "half-page-up",  KM_GENERIC, "C-u",  NONE,     N_("Move half a page up")) \
	X(ACT_HALF_DOWN,     "half-page-down",KM_GENERIC, "C-d",  NONE,     N_("Move half a page down")) \
	X(ACT_FIRST,         "first",         KM_GENERIC, "Home g",NONE,    N_("Go to the first line")) \
	X(ACT_LAST,          "last",          KM_GENERIC, "End G",NONE,     N_("Go to the last line")) \
	X(ACT_OPEN,          "open",          KM_QUEUE,   "Enter",NONE,     N_("Open the selected case")) \
	X(ACT_TAKE,          "take",          KM_GENERIC, "t",    TAKE,     N_("Take the case (you become its owner)")) \
	X(ACT_ASSIGN,        "assign",        KM_GENERIC, "a",    ASSIGN,   N_("Assign the case to an officer")) \
	X(ACT_ESCALATE,      "escalate",      KM_GENERIC, "e",    ESCALATE, N_("Escalate the case to the ward chair")) \
	X(ACT_CLOSE,         "close",         KM_GENERIC, "c",    CLOSE,    N_("Close the case with a resolution note")) \
	X(ACT_REOPEN,        "reopen",        KM_GENERIC, "o",    REOPEN,   N_("Reopen a resolved case")) \
	X(ACT_ACK,           "ack",           KM_GENERIC, "A",    NONE,     N_("Acknowledge the case's warning or escalation (stops the reminders)")) \
	X(ACT_MERGE,         "merge",         KM_DETAIL,  "M",    TAKE,     N_("Merge the case with one of its likely duplicates: the later call is closed into the earlier case")) \
	X(ACT_PHOTO,         "photo",         KM_DETAIL,  "p",    NONE,     N_("Show the report's photo on the whole screen (again: back to the detail)")) \
	X(ACT_PRIORITY,      "priority",      KM_GENERIC, "U",    PRIORITY, N_("Make the case urgent or normal (asks first)")) \
	X(ACT_FILTER,        "filter",        KM_QUEUE,   "/",    NONE,     N_("Filter by text, reference, address or phone")) \
	X(ACT_MATCH_NEXT,    "match-next",    KM_QUEUE,   "]",    NONE,     N_("Next case matching the filter (also after Esc cleared it)")) \
	X(ACT_MATCH_PREV,    "match-prev",    KM_QUEUE,   "[",    NONE,     N_("Previous case matching the filter (also after Esc cleared it)")) \
	X(ACT_VIEW_INCOMING, "view-incoming", KM_QUEUE,   "1",    NONE,     N_("View: incoming (unowned)")) \
	X(ACT_VIEW_MINE,     "view-mine",     KM_QUEUE,   "2",    NONE,     N_("View: my cases")) \
	X(ACT_VIEW_OPEN,     "view-open",     KM_QUEUE,   "3",    NONE,     N_("View: all open cases")) \
	X(ACT_VIEW_DUE,      "view-due",      KM_QUEUE,   "4",    NONE,     N_("View: due soon and overdue")) \
	X(ACT_VIEW_ESCALATED,"view-escalated",KM_QUEUE,   "5",    NONE,     N_("View: escalated")) \
	X(ACT_VIEW_RESOLVED, "view-resolved", KM_QUEUE,   "6",    NONE,     N_("View: resolved today")) \
	X(ACT_VIEW_NEXT,     "view-next",     KM_QUEUE,   "Tab",  NONE,     N_("Switch to the next view")) \
	X(ACT_PICK,          "pick",          KM_PICKER,  "Enter",NONE,     N_("Assign to the highlighted officer")) \
	X(ACT_TICKET,        "ticket",        KM_GENERIC, "n",    REPORT,   N_("New phone ticket (hotline call)")) \
	X(ACT_FORM_NEXT,     "next-field",    KM_FORM,    "Tab",  NONE,     N_("Next field (in the category field, first complete the code)")) \
	X(ACT_FORM_PREV,     "prev-field",    KM_FORM,    "Shift-Tab",NONE,  N_("Previous field")) \
	X(ACT_FORM_ENTER,    "next-or-save",  KM_FORM,    "Enter",NONE,     N_("Next field (in the description: a new line); on the last field, save the ticket")) \
	X(ACT_FORM_SAVE,     "save",          KM_FORM,    "F2",   NONE,     N_("Save the ticket from any field (Enter in the description starts a new line)")) \
	X(ACT_FORM_RESTORE,  "restore",       KM_FORM,    "C-r",  NONE,     N_("Bring back the ticket discarded last (until the next ticket is saved)")) \
	X(ACT_FORM_LINK,     "link",          KM_FORM,    "C-l",  NONE,     N_("Link the call to the selected earlier open case instead of a new case")) \
	X(ACT_FORM_SEL_NEXT, "select-next",   KM_FORM,    "C-n",  NONE,     N_("Select the next earlier case (in the category field: the next category)")) \
	X(ACT_FORM_SEL_PREV, "select-prev",   KM_FORM,    "C-p",  NONE,     N_("Select the previous earlier case (in the category field: the previous category)")) \
	X(ACT_FORM_URGENT,   "urgent",        KM_FORM,    "F3",   NONE,     N_("Urgent or normal: urgent tickets go first in every queue and alert everyone on duty")) \
	X(ACT_BOARD,         "board",         KM_GENERIC, "B",    BOARD,    N_("The chair's board: officers on duty, their load, the unowned queue")) \
	X(ACT_HANDOVER,      "handover",      KM_GENERIC, "H",    HANDOVER, N_("Shift handover: hand your cases over, acknowledge one for you")) \
	X(ACT_STATS,         "stats",         KM_GENERIC, "S",    STATS,    N_("Statistics: received, resolved, on time, by category, channel, officer")) \
	X(ACT_SHIFT_START,   "shift-start",   KM_HANDOVER,"s",    SHIFT,    N_("Start your shift (you are on duty)")) \
	X(ACT_SHIFT_END,     "shift-end",     KM_HANDOVER,"E",    SHIFT,    N_("End your shift")) \
	X(ACT_HO_TOGGLE,     "handover-toggle",KM_HANDOVER,"Space",HANDOVER, N_("Include or leave out the highlighted case")) \
	X(ACT_HO_WRITE,      "handover-write",KM_HANDOVER,"w",    HANDOVER, N_("Write the handover: note, incoming officer, confirmation")) \
	X(ACT_HO_ACK,        "handover-ack",  KM_HANDOVER,"A",    HANDOVER, N_("Read the handover for you, then acknowledge it: its cases become yours")) \
	X(ACT_HO_READ,       "handover-read", KM_HANDOVER,"Enter",NONE,     N_("Read the highlighted handover for you (as A does), then A or D")) \
	X(ACT_HO_DECLINE,    "handover-decline",KM_HANDOVER,"D",  HANDOVER, N_("Decline the handover being read, with a note (the cases stay)")) \
	X(ACT_HO_CANCEL,     "handover-cancel",KM_HANDOVER,"x",    HANDOVER, N_("Cancel the highlighted pending handover")) \
	X(ACT_REASSIGN,      "reassign",      KM_BOARD,   "r",    ASSIGN,   N_("Reassign one case of the highlighted officer")) \
	X(ACT_REASSIGN_ALL,  "reassign-all",  KM_BOARD,   "R",    ASSIGN,   N_("Reassign every case of the highlighted officer")) \
	X(ACT_STATS_TODAY,   "stats-today",   KM_STATS,   "d",    STATS,    N_("Statistics of today")) \
	X(ACT_STATS_WEEK,    "stats-7days",   KM_STATS,   "w",    STATS,    N_("Statistics of the last 7 days")) \
	X(ACT_STATS_MONTH,   "stats-30days",  KM_STATS,   "m",    STATS,    N_("Statistics of the last 30 days")) \
	X(ACT_CALLBACKS,     "callbacks",     KM_GENERIC, "C",    REPORT,   N_("Call-backs: tell reporters the result")) \
	X(ACT_CB_REACHED,    "reached",       KM_CALLBACKS,"r",  REPORT,   N_("The call reached the reporter: record it with their rating (1-5) and comment")) \
	X(ACT_CB_NO_ANSWER,  "no-answer",     KM_CALLBACKS,"N",  REPORT,   N_("Nobody answered: record it; the reporter is called again later")) \
	X(ACT_CB_WRONG,      "wrong-number",  KM_CALLBACKS,"w",  REPORT,   N_("Wrong number: record it; the reporter leaves the list")) \
	X(ACT_MAP,           "map",           KM_QUEUE,   "M",    NONE,     N_("The map: open cases by place, the ward's streets, clusters of the same problem")) \
	X(ACT_CLUSTER_MERGE, "merge-cluster", KM_MAP,     "m",    MERGE_CLUSTER, N_("Merge the highlighted cluster into its earliest case (asks first)"))

enum action_id {
#define X(id, name, km, key, perm, help) id,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

struct action {
	enum action_id id;
	const char *name;
	enum keymap keymap;
	const char *default_key;   /* NULL: none; "Down j": several */
	int perm;                  /* enum wd_perm, or WD_PERM_NONE */
	const char *help;          /* msgid; translate with _() when shown */
};

extern const struct action action_table[ACT_COUNT];
int action_parse(const char *name);   /* -1 when unknown */
/* The permission act needs (enum wd_perm), WD_PERM_NONE when none. */
int action_perm(enum action_id act);

#endif
