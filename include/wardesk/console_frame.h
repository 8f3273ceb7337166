/* console_frame.h - draw the whole frame: header, the top screen's body,
 * key hints, status line; then refresh the terminal.  Layer: the console. */
#ifndef WARDESK_CONSOLE_FRAME_H
#define WARDESK_CONSOLE_FRAME_H

#include "wardesk/actions.h"

struct ui;

/* Draw the frame and the top screen; then the pixel graphics a screen
 * asked for (ui->pix), written past curses.  Nothing while they are up. */
void console_draw_frame(struct ui *ui);
/* Take the pixel graphics away (any key): kitty's image deleted, every
 * cell repainted, then act (ACT_BACK; the photo key: ACT_PHOTO, the next
 * photo) to the screen that showed them. */
void console_pixels_end(struct ui *ui, enum action_id act);

#endif
