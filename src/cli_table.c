/* cli_table.c - every CLI command as one row: name, positional words,
 * options, summary.  The parser (cli_args.c), --help, `wardesk help`, the
 * synopses in wardesk(1) (make docs) and the bash completion all read these
 * rows; a command's run function only reads the parsed struct cli_args. */
#include "wardesk/wardesk.h"

#include <limits.h>

#include "wardesk/cli_cmds.h"

/* ---- options shared by several commands ------------------------------ */

/* Most characters of free text, as the Open311 importer takes them
 * (src/open311.c): description, status notes and rating comments 4000,
 * address 500, names 200 (service_name, agency_responsible).  A note goes
 * out again as a feed's status_notes, so it has the same limit. */
#define MAX_TEXT 4000
#define MAX_ADDRESS 500
#define MAX_NAME 200

#define O_SEEN { .name = "seen", .kind = CK_INT, .arg = "VERSION", .min = 1, .max = 2000000000, \
	.help = N_("refuse if the case changed since this version"), \
	.bad = N_("--seen needs a version number") }
#define O_NOTE(fl, missing) { .name = "note", .kind = CK_STRING, .arg = "TEXT", .flags = (fl), \
	.max = MAX_TEXT, \
	.help = N_("a note for the case's history"), .bad = (missing) }
#define O_FORMAT(list, msg) { .name = "format", .kind = CK_FORMAT, .choices = (list), \
	.help = N_("output format"), .bad = (msg) }
#define FMT_TTJ O_FORMAT("table|tsv|json", N_("format must be table, tsv or json"))
#define FMT_TJ O_FORMAT("table|json", N_("format must be table or json"))
#define P_REF { "REF", CK_REF }
#define NEED_REF N_("need one case reference")
#define NEED_NOTE N_("a note is required (--note TEXT)")
#define O_MINUTES(n, what) { .name = (n), .kind = CK_INT, .arg = "MIN", .min = 0, \
	.max = 60 * 24 * 60, .help = (what), .bad = N_("%s needs a number of minutes") }
#define END { 0 }

static const struct cli_opt o_format_ttj[] = { FMT_TTJ, END };
static const struct cli_opt o_format_tj[] = { FMT_TJ, END };
static const struct cli_opt o_seen[] = { O_SEEN, END };

/* ---- cases ------------------------------------------------------------ */

static const struct cli_opt o_ward_add[] = {
	{ .name = "name", .kind = CK_STRING, .arg = "NAME", .flags = CO_REQUIRED, .max = MAX_NAME,
	  .help = N_("the ward's name"), .bad = N_("need a ward code and --name") },
	END,
};
static const struct cli_opt o_officer_add[] = {
	{ .name = "name", .kind = CK_STRING, .arg = "NAME", .flags = CO_REQUIRED, .max = MAX_NAME,
	  .help = N_("the officer's full name"), .bad = N_("need a login and --name") },
	{ .name = "role", .kind = CK_CHOICE, .choices = "hotline|officer|chair",
	  .help = N_("what they may do (default officer)"),
	  .bad = N_("role must be hotline, officer or chair") },
	{ .name = "ward", .kind = CK_CODE, .arg = "CODE", .help = N_("their ward") },
	{ .name = "mobile", .kind = CK_STRING, .arg = "NUMBER", .max = 32,
	  .help = N_("their mobile number, for alerts by SMS (wardesk watch)") },
	END,
};
static const struct cli_opt o_officer_set[] = {
	{ .name = "mobile", .kind = CK_STRING, .arg = "NUMBER", .max = 32,
	  .help = N_("their mobile number, for alerts by SMS (wardesk watch)") },
	{ .name = "no-mobile", .kind = CK_FLAG, .help = N_("remove their mobile number") },
	END,
};
#define REPORT_REQ N_("--category and --text are required")
static const struct cli_opt o_report[] = {
	{ .name = "category", .kind = CK_CATEGORY, .arg = "CODE", .flags = CO_REQUIRED,
	  .help = N_("the category code (MT, HT, ...)"), .bad = REPORT_REQ },
	{ .name = "text", .kind = CK_STRING, .arg = "TEXT", .flags = CO_REQUIRED, .max = MAX_TEXT,
	  .help = N_("what the caller reports"), .bad = REPORT_REQ },
	{ .name = "address", .kind = CK_STRING, .arg = "A", .max = MAX_ADDRESS, .help = N_("where") },
	{ .name = "phone", .kind = CK_STRING, .arg = "P", .help = N_("the caller's phone number") },
	{ .name = "name", .kind = CK_STRING, .arg = "N", .max = MAX_NAME,
	  .help = N_("the caller's name") },
	{ .name = "channel", .kind = CK_CHOICE, .arg = "C", .choices = "app|hotline|walkin|import",
	  .help = N_("how it came in (default hotline)"),
	  .bad = N_("channel must be app, hotline, walkin or import") },
	{ .name = "received", .kind = CK_TIME, .arg = "TIME", .help = N_("when it came in (default now)"),
	  .bad = N_("--received needs a time like 2026-11-23T07:42:10+07:00") },
	{ .name = "line", .kind = CK_CHOICE, .choices = "police|committee",
	  .help = N_("which hotline took the call"), .bad = N_("--line is police or committee") },
	{ .name = "callback", .kind = CK_FLAG, .help = N_("the caller wants to be called back") },
	{ .name = "urgent", .kind = CK_FLAG,
	  .help = N_("urgent: first in every queue, the category's urgent deadline, everyone on duty alerted") },
	{ .name = "normal", .kind = CK_FLAG, .help = N_("normal priority, whatever the category's default") },
	{ .name = "photo", .kind = CK_FILE, .arg = "FILE",
	  .help = N_("a photo the caller sent (PNG or JPEG, at most 2 MB), attached to the case") },
	END,
};
static const struct cli_opt o_ls[] = {
	{ .name = "state", .kind = CK_STRING, .arg = "S,...",
	  .help = N_("new, in_progress, resolved, reopened, open (default) or all") },
	{ .name = "mine", .kind = CK_FLAG, .help = N_("only the cases you hold") },
	{ .name = "limit", .kind = CK_INT, .arg = "N", .min = 1, .max = 1000000,
	  .help = N_("only the N first (urgent first, then by deadline)"),
	  .bad = N_("--limit needs a positive number") },
	FMT_TTJ,
	END,
};
static const struct cli_opt o_show[] = {
	O_FORMAT("text|json", N_("format must be text or json")), END,
};
static const struct cli_opt o_escalate[] = { O_NOTE(0, NULL), O_SEEN, END };
static const struct cli_opt o_priority[] = { O_NOTE(0, NULL), O_SEEN, END };
static const struct cli_opt o_note_seen[] = { O_NOTE(CO_REQUIRED, NEED_NOTE), O_SEEN, END };
static const struct cli_opt o_close[] = {
	O_NOTE(CO_REQUIRED, NEED_NOTE),
	{ .name = "reason", .kind = CK_CHOICE, .arg = "R", .choices = "done|transferred|not_ours|duplicate",
	  .help = N_("why it is closed (default done)") },
	{ .name = "duplicate-of", .kind = CK_REF, .arg = "REF",
	  .help = N_("the case this one duplicates") },
	{ .name = "delay-reason", .kind = CK_DELAY, .arg = "CODE",
	  .help = N_("why a late case is late (see delay-reasons)") },
	{ .name = "apology", .kind = CK_STRING, .arg = "TEXT", .max = MAX_TEXT,
	  .help = N_("an apology note to the reporter") },
	{ .name = "apology-template", .kind = CK_FLAG,
	  .help = N_("the ward's apology template, filled in") },
	O_SEEN,
	END,
};

/* ---- intake ----------------------------------------------------------- */

static const struct cli_opt o_import[] = {
	{ .name = "dry-run", .kind = CK_FLAG, .help = N_("only validate") }, END,
};
static const struct cli_opt o_export[] = {
	{ .name = "since", .kind = CK_TIME, .arg = "TIME", .help = N_("only requests changed since"),
	  .bad = N_("--since needs a time like 2026-11-23T07:42:10+07:00") },
	END,
};
static const struct cli_opt o_rate[] = {
	{ .name = "comment", .kind = CK_STRING, .arg = "TEXT", .max = MAX_TEXT,
	  .help = N_("the reporter's words") },
	END,
};
static const struct cli_opt o_merge[] = { O_NOTE(0, NULL), END };
static const struct cli_opt o_simulate[] = {
	{ .name = "rate", .kind = CK_STRING, .arg = "RATE", .flags = CO_REQUIRED,
	  .help = N_("reports per minute: 12, 12/min, 0.5/s, 300/h"), .bad = N_("--rate is required") },
	{ .name = "duration", .kind = CK_STRING, .arg = "TIME",
	  .help = N_("stop after this long (90s, 5m, 1h)") },
	{ .name = "count", .kind = CK_INT, .arg = "N", .min = 0, .max = LONG_MAX,
	  .help = N_("stop after N reports"), .bad = N_("--count needs a whole number") },
	{ .name = "seed", .kind = CK_STRING, .arg = "N", .help = N_("the same N, the same reports") },
	{ .name = "quiet", .kind = CK_FLAG, .help = N_("print only the summary") },
	END,
};

/* ---- call-backs (src/cli_callbacks.c) --------------------------------- */

static const struct cli_opt o_callback[] = {
	{ .name = "reached", .kind = CK_FLAG, .help = N_("the citizen heard the result") },
	{ .name = "rating", .kind = CK_INT, .arg = "N", .min = 1, .max = 5,
	  .help = N_("the citizen's rating of the result (1-5)"),
	  .bad = N_("--rating is a whole number from 1 to 5") },
	{ .name = "comment", .kind = CK_STRING, .arg = "TEXT", .max = MAX_TEXT,
	  .help = N_("the citizen's words") },
	{ .name = "no-answer", .kind = CK_FLAG, .help = N_("nobody answered: try again later") },
	{ .name = "wrong-number", .kind = CK_FLAG, .help = N_("the number is not the reporter's") },
	{ .name = "reporter", .kind = CK_STRING, .arg = "ID", .max = 32,
	  .help = N_("which reporter (as `wardesk callbacks` names them), when the case has several") },
	O_SEEN,
	END,
};

/* ---- shifts, handovers, board, statistics ---------------------------- */

#define HO_REQ N_("--to LOGIN and --note TEXT are required")
static const struct cli_opt o_handover_create[] = {
	{ .name = "to", .kind = CK_LOGIN, .arg = "LOGIN", .flags = CO_REQUIRED,
	  .help = N_("the incoming officer"), .bad = HO_REQ },
	O_NOTE(CO_REQUIRED, HO_REQ),
	{ .name = "exclude", .kind = CK_REF, .arg = "REF", .flags = CO_LIST,
	  .help = N_("cases you keep (comma-separated, may repeat)") },
	END,
};
static const struct cli_opt o_handover[] = {
	{ .name = "id", .kind = CK_STRING, .arg = "ID", .help = N_("this handover") },
	{ .name = "shift", .kind = CK_STRING, .arg = "ID", .help = N_("the handover of this shift") },
	{ .name = "preview", .kind = CK_FLAG, .help = N_("what a handover now would hold") },
	O_FORMAT("text|markdown", N_("format must be text or markdown")),
	END,
};
static const struct cli_opt o_stats[] = {
	{ .name = "from", .kind = CK_TIME, .arg = "TIME", .help = N_("start (default today 00:00)"),
	  .bad = N_("--from needs a time like 2026-11-23 or 2026-11-23T07:00+07:00") },
	{ .name = "to", .kind = CK_TIME, .arg = "TIME", .help = N_("end (default now)"),
	  .bad = N_("--to needs a time like 2026-11-24 or 2026-11-23T19:00+07:00") },
	O_FORMAT("table|csv|json", N_("format must be table, csv or json")),
	END,
};

/* ---- deadlines, alerts, settings ------------------------------------- */

static const struct cli_opt o_watch[] = {
	{ .name = "interval", .kind = CK_INT, .arg = "SECONDS", .min = 1, .max = 3600,
	  .help = N_("seconds between sweeps (default 30)"),
	  .bad = N_("--interval needs seconds (1..3600)") },
	{ .name = "once", .kind = CK_FLAG, .help = N_("sweep once and exit") },
	{ .name = "notify", .kind = CK_CHOICE, .choices = "mine|all", .flags = CO_OPTARG,
	  .help = N_("desktop notifications for your alerts (mine) or all"),
	  .bad = N_("--notify takes mine or all") },
	END,
};
static const struct cli_opt o_category_set[] = {
	O_MINUTES("deadline", N_("minutes to handle a case")),
	O_MINUTES("warn", N_("warn this many minutes before the deadline")),
	O_MINUTES("escalate", N_("escalate this many minutes after the deadline")),
	O_MINUTES("urgent-deadline", N_("minutes to handle an urgent case")),
	O_MINUTES("urgent-warn", N_("warn this many minutes before an urgent case's deadline")),
	O_MINUTES("urgent-escalate", N_("escalate an urgent case this many minutes before its deadline")),
	{ .name = "default-priority", .kind = CK_CHOICE, .arg = "P", .choices = "urgent|normal",
	  .help = N_("the priority of a new case when nobody says (the app's feed, report)"),
	  .bad = N_("--default-priority is urgent or normal") },
	END,
};
static const struct cli_opt o_category_agency[] = {
	{ .name = "city", .kind = CK_FLAG,
	  .help = N_("the city's default, for wards without their own (the administrator)") },
	{ .name = "clear", .kind = CK_FLAG, .help = N_("remove it") },
	END,
};
static const struct cli_opt o_audit_verify[] = {
	{ .name = "ward", .kind = CK_CODE, .arg = "CODE",
	  .help = N_("this ward (a superuser: any; default your own, or every ward)") },
	END,
};
static const struct cli_opt o_alerts[] = {
	{ .name = "mine", .kind = CK_FLAG, .help = N_("only alerts to you") },
	{ .name = "undelivered", .kind = CK_FLAG, .help = N_("only alerts not yet delivered") },
	{ .name = "limit", .kind = CK_INT, .arg = "N", .min = 1, .max = 60 * 24 * 60,
	  .help = N_("at most N (default 100)"), .bad = N_("--limit needs a positive number") },
	FMT_TTJ,
	END,
};

/* ---- the map (src/cli_map.c) ------------------------------------------- */

static const struct cli_opt o_map[] = {
	O_FORMAT("text|json", N_("format must be text or json")),
	{ .name = "width", .kind = CK_INT, .arg = "COLS", .min = 40, .max = 400,
	  .help = N_("columns to draw in (default: the terminal's, else 80)"),
	  .bad = N_("--width needs a number from 40 to 400") },
	{ .name = "height", .kind = CK_INT, .arg = "LINES", .min = 10, .max = 200,
	  .help = N_("lines to draw in (default: the terminal's, else 24)"),
	  .bad = N_("--height needs a number from 10 to 200") },
	END,
};
static const struct cli_opt o_cluster_merge[] = {
	{ .name = "seen", .kind = CK_INT, .arg = "N", .min = 2, .max = 100000,
	  .help = N_("refuse if the cluster no longer has the N cases you saw"),
	  .bad = N_("--seen needs the number of cases") },
	O_NOTE(0, NULL),
	END,
};

/* ---- the table -------------------------------------------------------- */

#define ROW(n, f, h, o) { .name = n, .run = f, .help = h, .opts = o }
#define ROWP(n, f, h, o, min, err, ...) \
	{ .name = n, .run = f, .help = h, .opts = o, .pos = { __VA_ARGS__ }, .pos_min = min, \
	  .pos_error = err }

const struct cli_command cli_commands[] = {
	ROW("db init", cmd_db_init,
	    N_("Create or upgrade the schema (idempotent)"), NULL),
	ROW("db demo", cmd_db_demo,
	    N_("Seed the demo ward BT with officers and cases"), NULL),
	ROW("db status", cmd_db_status,
	    N_("Which database node the desk is on, whether it is the primary, its standbys and their lag, the last sweep"), NULL),
	ROWP("ward add", cmd_ward_add,
	     N_("Add a ward (CODE prefixes its references)"), o_ward_add,
	     1, N_("need a ward code and --name"), { "CODE", CK_STRING }),
	ROW("officers", cmd_officers,
	    N_("List officers with their open cases"), o_format_ttj),
	ROWP("officer add", cmd_officer_add,
	     N_("Add an officer and their PostgreSQL login"), o_officer_add,
	     1, N_("need a login and --name"), { "LOGIN", CK_STRING }),
	ROWP("officer deactivate", cmd_officer_deactivate,
	     N_("End an officer's access at once (no login, no reads); lists the cases they hold"), NULL,
	     1, N_("need one login"), { "LOGIN", CK_LOGIN }),
	ROWP("officer activate", cmd_officer_activate,
	     N_("Let a deactivated officer log in and work again"), NULL,
	     1, N_("need one login"), { "LOGIN", CK_LOGIN }),
	ROWP("officer set", cmd_officer_set,
	     N_("Set or remove an officer's mobile number (yourself; the chair: their ward's officers)"),
	     o_officer_set, 1, N_("need one login"), { "LOGIN", CK_LOGIN }),
	ROW("report", cmd_report,
	    N_("Record a new case; prints its reference"), o_report),
	ROW("ls", cmd_ls,
	    N_("List cases by deadline"), o_ls),
	ROWP("show", cmd_show,
	     N_("Show a case and its whole history"), o_show,
	     1, NEED_REF, P_REF),
	ROWP("take", cmd_take,
	     N_("Take a case: you become its owner"), o_seen,
	     1, NEED_REF, P_REF),
	ROWP("assign", cmd_assign,
	     N_("Assign a case to an officer"), o_seen,
	     2, N_("need a case reference and a login"), P_REF, { "LOGIN", CK_LOGIN }),
	ROWP("escalate", cmd_escalate,
	     N_("Escalate a case to the ward chair"), o_escalate,
	     1, NEED_REF, P_REF),
	ROWP("close", cmd_close,
	     N_("Close a case with a resolution note"), o_close,
	     1, NEED_REF, P_REF),
	ROWP("reopen", cmd_reopen,
	     N_("Reopen a resolved case"), o_note_seen,
	     1, NEED_REF, P_REF),
	ROWP("photo", cmd_photo,
	     N_("Attach a photo the caller sent (PNG or JPEG, at most 2 MB) to an open case"), o_seen,
	     2, N_("need a case reference and a file"), P_REF, { "FILE", CK_FILE }),
	ROWP("priority", cmd_priority,
	     N_("Make a case urgent or normal (duty officer, ward chair; hotline: own unheld reports)"),
	     o_priority, 2, N_("need a case reference and urgent or normal"), P_REF, { "urgent|normal", CK_STRING }),
	/* intake (src/cli_intake.c, src/simulate.c) */
	ROWP("import", cmd_import,
	     N_("Import an Open311 GeoReport v2 feed from the app (all or nothing)"), o_import,
	     1, N_("need one file (or - for standard input)"), { "FILE|-", CK_FILE }),
	ROWP("export", cmd_export,
	     N_("Write the app's requests with their status and results (GeoReport v2)"), o_export,
	     0, NULL, { "FILE|-", CK_FILE }),
	ROWP("rate", cmd_rate,
	     N_("Record the reporter's satisfaction (1-5)"), o_rate,
	     2, N_("need a case reference and a score"), P_REF, { "SCORE", CK_STRING }),
	ROWP("merge", cmd_merge,
	     N_("Close DUP as a duplicate of INTO, keeping its reporters"), o_merge,
	     2, N_("need the duplicate and the case to merge it into"), { "DUP", CK_REF }, { "INTO", CK_REF }),
	ROWP("dupes", cmd_dupes,
	     N_("List likely duplicates of a case"), o_format_ttj,
	     1, NEED_REF, P_REF),
	ROW("callbacks", cmd_callbacks,
	    N_("The call-back list: reporters to tell the result of a resolved case, oldest first"),
	    o_format_ttj),
	ROWP("callback", cmd_callback,
	     N_("Record a call-back: reached (with the citizen's rating), no answer or wrong number"),
	     o_callback, 1, NEED_REF, P_REF),
	ROW("map", cmd_map,
	    N_("The map of the ward's open cases, its streets and its clusters (the same category within 100 m, last 24 h)"),
	    o_map),
	ROWP("cluster merge", cmd_cluster_merge,
	     N_("Merge the cluster of a case into its earliest case in one step (ward chair)"),
	     o_cluster_merge, 1, NEED_REF, P_REF),
	ROW("simulate", cmd_simulate,
	    N_("Feed realistic reports and phone tickets (demo, load)"), o_simulate),
	/* roles, shifts, handovers, board, statistics (src/cli_shift.c,
	 * src/cli_handover.c, src/cli_stats.c) */
	ROWP("deescalate", cmd_deescalate,
	     N_("Take an escalation back (ward chair)"), o_note_seen,
	     1, NEED_REF, P_REF),
	ROWP("reassign", cmd_reassign,
	     N_("Move every case FROM holds to TO (ward chair)"), NULL,
	     2, N_("need the login that holds the cases and the login to give them to"), { "FROM", CK_LOGIN }, { "TO", CK_LOGIN }),
	ROW("shift start", cmd_shift_start,
	    N_("Start your shift: you are on duty"), NULL),
	ROW("shift end", cmd_shift_end,
	    N_("End your shift"), NULL),
	ROW("handover create", cmd_handover_create,
	    N_("Hand your cases over to the incoming officer (moved when they acknowledge)"), o_handover_create),
	ROWP("handover ack", cmd_handover_ack,
	     N_("Acknowledge a handover: its cases become yours"), NULL,
	     1, N_("need one handover number"), { "ID", CK_STRING }),
	ROWP("handover cancel", cmd_handover_cancel,
	     N_("Cancel a pending handover"), NULL,
	     1, N_("need one handover number"), { "ID", CK_STRING }),
	ROW("handover", cmd_handover,
	    N_("Print a handover record (the handover log book page)"), o_handover),
	ROW("handovers", cmd_handovers,
	    N_("List handovers not yet acknowledged"), o_format_tj),
	ROW("board", cmd_board,
	    N_("The chair's board: officers on duty, queue, escalations, on-time rate"), o_format_tj),
	ROW("stats", cmd_stats,
	    N_("Statistics for a period (default: today)"), o_stats),
	/* deadlines, escalation, alerts (src/cli_deadline.c, src/cli_watch.c) */
	ROW("watch", cmd_watch,
	    N_("Run the deadline sweep (warnings, escalations, overdue, reminders) headless"), o_watch),
	ROWP("ack", cmd_ack,
	     N_("Acknowledge a case's warning (holder) or escalation (ward chair)"), o_seen,
	     1, NEED_REF, P_REF),
	ROWP("category set", cmd_category_set,
	     N_("Change a category's deadlines, thresholds (minutes) and default priority (ward chair)"),
	     o_category_set,
	     1, N_("need one category code"), { "CODE", CK_CATEGORY }),
	ROWP("category agency", cmd_category_agency,
	     N_("Set the agency a category's transferred and not-ours requests go to (ward chair)"),
	     o_category_agency,
	     1, N_("need one category code"), { "CODE", CK_CATEGORY }, { "AGENCY", CK_STRING }),
	ROW("categories", cmd_categories,
	    N_("List categories with their deadlines and thresholds"), o_format_ttj),
	ROW("alerts", cmd_alerts,
	    N_("List alerts (newest last)"), o_alerts),
	ROW("delay-reasons", cmd_delay_reasons,
	    N_("List the reasons a late case may give when closed"), o_format_ttj),
	ROWP("apology", cmd_apology,
	     N_("Print the apology note for a late case (the template filled in)"), NULL,
	     1, NEED_REF, P_REF),
	ROWP("setting set", cmd_setting_set,
	     N_("Change a ward desk setting: remind_min, unowned_grace_min, apology_template, callback_hours (ward chair)"), NULL,
	     2, N_("need a key and a value"), { "KEY", CK_SETTING }, { "VALUE", CK_STRING }),
	ROW("settings", cmd_settings,
	    N_("List the desk settings"), o_format_ttj),
	/* the audit chain (src/cli_audit.c) */
	ROW("audit verify", cmd_audit_verify,
	    N_("Recompute the audit chain of case events; name the first broken link (exit 1)"),
	    o_audit_verify),
};
const size_t cli_commands_count = ARRAY_SIZE(cli_commands);

const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_commands_count; i++)
		if (!strcmp(cli_commands[i].name, name))
			return &cli_commands[i];
	return NULL;
}

/* "take ...", "handover ack ...", "handover --id 3": two words first. */
const struct cli_command *cli_lookup(int argc, char **argv, int *used)
{
	if (argc >= 2) {
		char *two = xasprintf("%s %s", argv[0], argv[1]);
		const struct cli_command *c = cli_find(two);

		free(two);
		if (c) {
			*used = 2;
			return c;
		}
	}
	*used = 1;
	return argc >= 1 ? cli_find(argv[0]) : NULL;
}
