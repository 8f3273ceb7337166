/* cli_table.c - every CLI command, its usage and help (also in wardesk(1)). */
#include "wardesk/wardesk.h"

#include "wardesk/cli_cmds.h"

const struct cli_command cli_commands[] = {
	{ "db init", cmd_db_init, "", N_("Create or upgrade the schema (idempotent)") },
	{ "db demo", cmd_db_demo, "", N_("Seed the demo ward BT with officers and cases") },
	{ "ward add", cmd_ward_add, "CODE --name NAME", N_("Add a ward (CODE prefixes its references)") },
	{ "officers", cmd_officers, "[--format table|tsv|json]", N_("List officers with their open cases") },
	{ "officer add", cmd_officer_add, "LOGIN --name NAME --role hotline|officer|chair [--ward CODE]",
	  N_("Add an officer and their PostgreSQL login") },
	{ "report", cmd_report,
	  "--category CODE --text TEXT [--address A] [--phone P] [--name N] [--channel C] [--received T] [--line police|committee] [--callback]",
	  N_("Record a new case; prints its reference") },
	{ "ls", cmd_ls, "[--state S,...] [--mine] [--format table|tsv|json]", N_("List cases by deadline") },
	{ "show", cmd_show, "REF [--format text|json]", N_("Show a case and its whole history") },
	{ "take", cmd_take, "REF [--seen VERSION]", N_("Take a case: you become its owner") },
	{ "assign", cmd_assign, "REF LOGIN [--seen VERSION]", N_("Assign a case to an officer") },
	{ "escalate", cmd_escalate, "REF [--note T] [--seen VERSION]", N_("Escalate a case to the ward chair") },
	{ "close", cmd_close,
	  "REF --note T [--reason done|transferred|not_ours|duplicate] [--duplicate-of REF]"
	  " [--delay-reason CODE] [--apology TEXT | --apology-template] [--seen VERSION]",
	  N_("Close a case with a resolution note") },
	{ "reopen", cmd_reopen, "REF --note T [--seen VERSION]", N_("Reopen a resolved case") },
	{ "import", cmd_import, "FILE|- [--dry-run]",
	  N_("Import an Open311 GeoReport v2 feed from the app (all or nothing)") },
	{ "export", cmd_export, "[--since T] [FILE|-]",
	  N_("Write the app's requests with their status and results (GeoReport v2)") },
	{ "rate", cmd_rate, "REF SCORE [--comment T]", N_("Record the reporter's satisfaction (1-5)") },
	{ "merge", cmd_merge, "DUP INTO [--note T]", N_("Close DUP as a duplicate of INTO, keeping its reporters") },
	{ "dupes", cmd_dupes, "REF [--format table|tsv|json]", N_("List likely duplicates of a case") },
	{ "simulate", cmd_simulate, "--rate N/min [--duration T] [--count N] [--seed N]",
	  N_("Feed realistic reports and phone tickets (demo, load)") },
	/* roles, shifts, handovers, board, statistics (src/cli_shift.c); the
	 * two-word "handover ..." commands must come before "handover" */
	{ "deescalate", cmd_deescalate, "REF --note T [--seen VERSION]",
	  N_("Take an escalation back (ward chair)") },
	{ "reassign", cmd_reassign, "FROM TO", N_("Move every case FROM holds to TO (ward chair)") },
	{ "shift start", cmd_shift_start, "", N_("Start your shift: you are on duty") },
	{ "shift end", cmd_shift_end, "", N_("End your shift") },
	{ "handover create", cmd_handover_create, "--to LOGIN --note T [--exclude REF,...]",
	  N_("Hand your cases over to the incoming officer (moved when they acknowledge)") },
	{ "handover ack", cmd_handover_ack, "ID", N_("Acknowledge a handover: its cases become yours") },
	{ "handover cancel", cmd_handover_cancel, "ID", N_("Cancel a pending handover") },
	{ "handover", cmd_handover, "[--id ID | --shift ID | --preview] [--format text|markdown]",
	  N_("Print a handover record (the handover log book page)") },
	{ "handovers", cmd_handovers, "[--format table|json]", N_("List handovers not yet acknowledged") },
	{ "board", cmd_board, "[--format table|json]",
	  N_("The chair's board: officers on duty, queue, escalations, on-time rate") },
	{ "stats", cmd_stats, "[--from T] [--to T] [--format table|csv|json]",
	  N_("Statistics for a period (default: today)") },
	/* deadlines, escalation, alerts (src/cli_deadline.c) */
	{ "watch", cmd_watch, "[--interval SECONDS] [--once] [--notify[=mine|all]]",
	  N_("Run the deadline sweep (warnings, escalations, overdue, reminders) headless") },
	{ "ack", cmd_ack, "REF [--seen VERSION]",
	  N_("Acknowledge a case's warning (holder) or escalation (ward chair)") },
	{ "category set", cmd_category_set, "CODE [--deadline M] [--warn M] [--escalate M]",
	  N_("Change a category's deadline and thresholds in minutes (ward chair)") },
	{ "categories", cmd_categories, "[--format table|tsv|json]",
	  N_("List categories with their deadlines and thresholds") },
	{ "alerts", cmd_alerts, "[--mine] [--undelivered] [--limit N] [--format table|tsv|json]",
	  N_("List alerts (newest last)") },
	{ "delay-reasons", cmd_delay_reasons, "[--format table|tsv|json]",
	  N_("List the reasons a late case may give when closed") },
	{ "apology", cmd_apology, "REF", N_("Print the apology note for a late case (the template filled in)") },
	{ "setting set", cmd_setting_set, "KEY VALUE",
	  N_("Change a ward desk setting: remind_min, unowned_grace_min, apology_template (ward chair)") },
	{ "settings", cmd_settings, "[--format table|tsv|json]", N_("List the desk settings") },
};
const size_t cli_commands_count = ARRAY_SIZE(cli_commands);

const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_commands_count; i++)
		if (!strcmp(cli_commands[i].name, name))
			return &cli_commands[i];
	abort();
}
