/* ui_log.h - the status line's past messages, whole (ui_log.c).  The status
 * line shows at most two lines (console_frame.c): a longer message is cut
 * there with "…", and the next one replaces it; `:messages` (the messages
 * screen) lists the last UI_LOG_MAX of them in full, newest first.
 *
 * Layer: UI services (no curses, no database). */
#ifndef WARDESK_UI_LOG_H
#define WARDESK_UI_LOG_H

#define UI_LOG_MAX 50

/* Keep msg (copied; "" and the newest one again are not kept twice). */
void ui_log_add(const char *msg, bool error, time_t at);
size_t ui_log_count(void);
/* The i-th message, 0 the newest (NULL past the last); *error and *at
 * (may be NULL) get how it was said and when.  Owned by the log. */
const char *ui_log_get(size_t i, bool *error, time_t *at);

#endif
