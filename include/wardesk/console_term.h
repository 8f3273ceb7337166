/* console_term.h - what the terminal can take, decided before curses starts.
 *
 * Layer: console. */
#ifndef WARDESK_CONSOLE_TERM_H
#define WARDESK_CONSOLE_TERM_H

/* A terminal that cannot place the cursor (TERM=dumb, unset, or unknown to
 * terminfo): print a one-line refusal naming the CLI and return false. */
bool console_term_usable(void);

/* The locale's character set.  UTF-8: nothing to do (true).  Otherwise
 * (LANG unset or C, common over SSH and for service accounts) the terminal
 * may or may not take UTF-8 and nothing tells: with WARDESK_UTF8=1 the
 * console switches LC_CTYPE to a UTF-8 locale the system has (C.UTF-8,
 * then en_US.UTF-8) and draws UTF-8 (true); otherwise, or when no UTF-8
 * locale exists, it draws ASCII, Vietnamese without its marks
 * (draw_set_ascii), and returns false. */
bool console_term_utf8(void);

#endif
