/* cli_cmds.h - the command functions behind cli_commands[] (src/cli_table.c). */
#ifndef WARDESK_CLI_CMDS_H
#define WARDESK_CLI_CMDS_H

#include "wardesk/cli.h"

const struct cli_command *cli_find(const char *name);

#define CLI_CMD(fn) int fn(const struct cli_global *g, int argc, char **argv)
CLI_CMD(cmd_db_init);
CLI_CMD(cmd_db_demo);
CLI_CMD(cmd_ward_add);
CLI_CMD(cmd_officers);
CLI_CMD(cmd_officer_add);
CLI_CMD(cmd_report);
CLI_CMD(cmd_ls);
CLI_CMD(cmd_show);
CLI_CMD(cmd_take);
CLI_CMD(cmd_assign);
CLI_CMD(cmd_escalate);
CLI_CMD(cmd_close);
CLI_CMD(cmd_reopen);

#endif
