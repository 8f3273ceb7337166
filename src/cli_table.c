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
	  "--category CODE --text TEXT [--address A] [--phone P] [--name N] [--channel C] [--received T]",
	  N_("Record a new case; prints its reference") },
	{ "ls", cmd_ls, "[--state S,...] [--mine] [--format table|tsv|json]", N_("List cases by deadline") },
	{ "show", cmd_show, "REF [--format text|json]", N_("Show a case and its whole history") },
	{ "take", cmd_take, "REF [--seen VERSION]", N_("Take a case: you become its owner") },
	{ "assign", cmd_assign, "REF LOGIN [--seen VERSION]", N_("Assign a case to an officer") },
	{ "escalate", cmd_escalate, "REF [--note T] [--seen VERSION]", N_("Escalate a case to the ward chair") },
	{ "close", cmd_close,
	  "REF --note T [--reason done|transferred|not_ours|duplicate] [--duplicate-of REF] [--seen VERSION]",
	  N_("Close a case with a resolution note") },
	{ "reopen", cmd_reopen, "REF --note T [--seen VERSION]", N_("Reopen a resolved case") },
};
const size_t cli_commands_count = ARRAY_SIZE(cli_commands);

const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_commands_count; i++)
		if (!strcmp(cli_commands[i].name, name))
			return &cli_commands[i];
	abort();
}
