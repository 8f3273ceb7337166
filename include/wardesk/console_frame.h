/* console_frame.h - draw the whole frame: header, the top screen's body,
 * key hints, status line; then refresh the terminal.  Layer: the console. */
#ifndef WARDESK_CONSOLE_FRAME_H
#define WARDESK_CONSOLE_FRAME_H

struct ui;

void console_draw_frame(struct ui *ui);

#endif
