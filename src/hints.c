/* hints.c - the footer's words for the actions (hints.h): short words for
 * people in both languages ("PgDn page down", "Space include"), not the
 * action names one binds and types after `:` (move-down, handover-toggle):
 * tests/unit/test_actions.c checks that no English word is a hyphenated
 * action name. */
#include "wardesk/wardesk.h"

#include "wardesk/hints.h"
#include "wardesk/model.h"

/* TRANSLATORS: the short words of the footer, after the key: keep them
 * short (the whole footer is one line of 80 columns). */
static const char *const hints[ACT_COUNT] = {
	[ACT_HELP] = N_("help"),
	[ACT_QUIT] = N_("quit"),
	[ACT_BACK] = N_("back"),
	[ACT_COMMAND] = N_("command"),
	[ACT_REDRAW] = N_("redraw"),
	[ACT_UP] = N_("up"),
	[ACT_DOWN] = N_("down"),
	[ACT_PAGE_UP] = N_("page up"),
	[ACT_PAGE_DOWN] = N_("page down"),
	[ACT_FIRST] = N_("first"),
	[ACT_LAST] = N_("last"),
	[ACT_OPEN] = N_("open"),
	[ACT_TAKE] = N_("take"),
	[ACT_ASSIGN] = N_("assign"),
	[ACT_ESCALATE] = N_("escalate"),
	[ACT_CLOSE] = N_("close"),
	[ACT_REOPEN] = N_("reopen"),
	[ACT_ACK] = N_("ack"),
	[ACT_FILTER] = N_("filter"),
	[ACT_VIEW_NEXT] = N_("next view"),
	[ACT_PICK] = N_("pick"),
	[ACT_TICKET] = N_("ticket"),
	[ACT_FORM_NEXT] = N_("next field"),
	[ACT_FORM_PREV] = N_("prev field"),
	[ACT_FORM_ENTER] = N_("next/save"),
	[ACT_FORM_SAVE] = N_("save"),
	[ACT_FORM_RESTORE] = N_("restore"),
	[ACT_FORM_LINK] = N_("link"),
	[ACT_FORM_SEL_NEXT] = N_("next choice"),
	[ACT_FORM_SEL_PREV] = N_("prev choice"),
	[ACT_BOARD] = N_("board"),
	[ACT_HANDOVER] = N_("handover"),
	[ACT_STATS] = N_("stats"),
	[ACT_SHIFT_START] = N_("start shift"),
	[ACT_SHIFT_END] = N_("end shift"),
	[ACT_HO_TOGGLE] = N_("include"),
	[ACT_HO_WRITE] = N_("write"),
	[ACT_HO_ACK] = N_("accept"),
	[ACT_HO_READ] = N_("read"),
	[ACT_HO_DECLINE] = N_("decline"),
	[ACT_HO_CANCEL] = N_("cancel"),
	[ACT_REASSIGN] = N_("reassign"),
	[ACT_REASSIGN_ALL] = N_("reassign all"),
	[ACT_STATS_TODAY] = N_("today"),
	[ACT_STATS_WEEK] = N_("7 days"),
	[ACT_STATS_MONTH] = N_("30 days"),
	[ACT_HALF_UP] = N_("half up"),
	[ACT_HALF_DOWN] = N_("half down"),
	[ACT_MERGE] = N_("merge"),
	[ACT_PHOTO] = N_("photo"),
	[ACT_PRIORITY] = N_("priority"),
	[ACT_MATCH_NEXT] = N_("next match"),
	[ACT_MATCH_PREV] = N_("prev match"),
	[ACT_FORM_URGENT] = N_("urgent"),
	[ACT_CALLBACKS] = N_("callbacks"),
	[ACT_CB_REACHED] = N_("reached"),
	[ACT_CB_NO_ANSWER] = N_("no answer"),
	[ACT_CB_WRONG] = N_("wrong number"),
	[ACT_MAP] = N_("map"),
	[ACT_CLUSTER_MERGE] = N_("merge cluster"),
};

const char *action_hint(enum action_id act)
{
	if ((unsigned)act >= ACT_COUNT)
		return "?";
	if (act >= ACT_VIEW_INCOMING && act < ACT_VIEW_INCOMING + VIEW_COUNT)
		return view_title((enum view_id)(act - ACT_VIEW_INCOMING));   /* "Incoming" */
	return hints[act] ? _(hints[act]) : action_table[act].name;
}
