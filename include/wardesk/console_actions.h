/* console_actions.h - the console's handler of the actions no screen took
 * (help, quit, the prompt, the filter, the board / handover / statistics
 * screens, the case actions on the selected case, queue actions from
 * another screen).  Layer: the console, over the screens and case actions;
 * installed as ui->generic. */
#ifndef WARDESK_CONSOLE_ACTIONS_H
#define WARDESK_CONSOLE_ACTIONS_H

#include "wardesk/actions.h"

struct ui;

void console_generic_action(struct ui *ui, enum action_id act);
/* Quit the console (q on the queue): first asks "Quit? ... half
 * written (the draft is kept)" when a note or a form holds text. */
void console_quit(struct ui *ui);
/* C-c outside a prompt: quitting asks first, always (C-c is pressed to
 * cancel things, and twice quit a live console at once). */
void console_interrupt(struct ui *ui);

#endif
