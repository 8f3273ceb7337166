/* commands.h - the ":" command line.
 *
 * :take REF, :assign REF LOGIN, :escalate REF [NOTE], :close REF [REASON
 * [NOTE]], :reopen REF [NOTE], :view NAME, :filter [TEXT], :open REF,
 * :set NAME VALUE, :bind KEYMAP KEY ACTION, :color ELEMENT FG BG [ATTR],
 * :messages, :help, :quit; and every action name (":view-mine", ":redraw"). */
#ifndef WARDESK_COMMANDS_H
#define WARDESK_COMMANDS_H

struct ui;

enum compl_kind {
	COMPL_NONE, COMPL_COMMAND, COMPL_REF, COMPL_LOGIN, COMPL_VIEW, COMPL_CATEGORY,
	COMPL_SETTING, COMPL_ELEMENT, COMPL_KEYMAP, COMPL_ACTION, COMPL_REASON,
};

void command_run(struct ui *ui, const char *line);
/* Names for completion: i = 0, 1, ... until NULL. */
const char *command_name(size_t i);
/* What argument argi (1 = first after the command) of cmd takes. */
enum compl_kind command_completion(const char *cmd, int argi);

#endif
