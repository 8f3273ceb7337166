/* cli_cmds.h - the command functions behind cli_commands[] (src/cli_table.c). */
#ifndef WARDESK_CLI_CMDS_H
#define WARDESK_CLI_CMDS_H

#include "wardesk/cli.h"

/* A command reads its parsed arguments (a->pos, cli_str(a, "note"), ...);
 * the parser has already checked them against the command's row. */
#define CLI_CMD(fn) int fn(const struct cli_global *g, const struct cli_args *a)
CLI_CMD(cmd_db_init);
CLI_CMD(cmd_db_demo);
CLI_CMD(cmd_db_status);
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
CLI_CMD(cmd_priority);
/* intake (src/cli_intake.c, src/simulate.c) */
CLI_CMD(cmd_import);
CLI_CMD(cmd_export);
CLI_CMD(cmd_rate);
CLI_CMD(cmd_merge);
CLI_CMD(cmd_dupes);
CLI_CMD(cmd_callbacks);
CLI_CMD(cmd_callback);
CLI_CMD(cmd_map);
CLI_CMD(cmd_cluster_merge);
CLI_CMD(cmd_photo);
/* Attach the photo in file path to case ref (src/cli_photo.c); prints
 * what was done, returns the exit status. */
struct store;
int cli_photo_send(struct store *st, const char *ref, const char *path, int seen);
/* Read a photo file to attach (photo_read_file); false with the reason
 * on stderr. */
bool cli_photo_read(const char *path, unsigned char **buf, size_t *len);
CLI_CMD(cmd_simulate);
/* roles, shifts, handovers, board, statistics (src/cli_shift.c,
 * src/cli_handover.c, src/cli_stats.c) */
CLI_CMD(cmd_deescalate);
CLI_CMD(cmd_reassign);
CLI_CMD(cmd_shift_start);
CLI_CMD(cmd_shift_end);
CLI_CMD(cmd_handover_create);
CLI_CMD(cmd_handover_ack);
CLI_CMD(cmd_handover_cancel);
CLI_CMD(cmd_handover);
CLI_CMD(cmd_handovers);
CLI_CMD(cmd_board);
CLI_CMD(cmd_stats);
/* deadlines, escalation, alerts (src/cli_deadline.c, src/cli_watch.c) */
CLI_CMD(cmd_watch);
CLI_CMD(cmd_ack);
CLI_CMD(cmd_category_set);
CLI_CMD(cmd_category_agency);
CLI_CMD(cmd_categories);
CLI_CMD(cmd_alerts);
CLI_CMD(cmd_delay_reasons);
CLI_CMD(cmd_apology);
CLI_CMD(cmd_setting_set);
CLI_CMD(cmd_settings);
/* the audit chain, officer deactivation (src/cli_audit.c) */
CLI_CMD(cmd_audit_verify);
CLI_CMD(cmd_officer_deactivate);
CLI_CMD(cmd_officer_activate);
CLI_CMD(cmd_officer_set);

/* The audit chain heads a handover record prints: pinned by handover
 * handover_id when written and acknowledged, or (handover_id 0, a preview)
 * the head now. */
struct cli_chain_heads {
	bool now;
	long long event, ack_event;
	char *hash, *ack_hash;    /* hex; NULL: not recorded */
};
enum st_status cli_chain_heads_get(struct store *st, int64_t handover_id, struct cli_chain_heads *h,
                                   struct st_err *err);
void cli_chain_heads_print(const struct cli_chain_heads *h, bool acknowledged, bool markdown);
void cli_chain_heads_free(struct cli_chain_heads *h);

/* The intake part of `show` (rating, flags, other reporters): printed as
 * text lines when json is NULL, else added to json (src/cli_intake.c). */
struct json_object;
void cli_intake_show(struct store *st, const struct wd_case *c, struct json_object *json);

#endif
