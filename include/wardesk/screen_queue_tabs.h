/* screen_queue_tabs.h - the queue's tabs line (screen_queue_tabs.c). */
#ifndef WARDESK_SCREEN_QUEUE_TABS_H
#define WARDESK_SCREEN_QUEUE_TABS_H

struct ui;

/* The view tabs at line y, in width minus reserve (the room of the
 * position mark pos, "12/47", drawn at the right) and the stale mark's
 * room when offline (attribute stale on every tab): when they do not all
 * fit with their titles, the other views show only key and count; a tab is
 * drawn whole or not.  Drawn only when the line does not hold it already
 * (draw_line_same). */
void queue_tabs_draw(struct ui *ui, int y, int width, const char *pos, int reserve, int stale);

#endif
