/* commands.h - the ":" command line.
 *
 * :take REF, :assign REF LOGIN, :escalate REF [NOTE], :close REF [REASON
 * [NOTE]], :reopen REF [NOTE], :view NAME, :filter [TEXT], :open REF,
 * :set NAME VALUE, :bind KEYMAP KEY ACTION, :color ELEMENT FG BG [ATTR],
 * :messages, :help, :quit; and every action name (":view-mine", ":redraw").
 *
 * Layer: screens and commands (over the case actions and the UI services);
 * the console hands command_name / command_completion to the prompt
 * (prompt_set_commands), which never calls up here itself. */
#ifndef WARDESK_COMMANDS_H
#define WARDESK_COMMANDS_H

#include "wardesk/prompt.h"   /* enum compl_kind */

struct ui;


void command_run(struct ui *ui, const char *line);
/* Names for completion: i = 0, 1, ... until NULL. */
const char *command_name(size_t i);
/* What argument argi (1 = first after the command) of cmd takes. */
enum compl_kind command_completion(const char *cmd, int argi);

#endif
