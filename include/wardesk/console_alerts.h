/* console_alerts.h - deadlines in the console: the sweep, alerts addressed
 * to the officer, desktop notifications with their fallback (issue 5).
 * The queue's escalation mark is
 * caserules.h's chain_mark; the delay-reason picker is dialogs.h's.
 *
 * Layer: UI services (polled by the event loop; under the screens).
 *
 * The sweep: every `sweep-seconds` (config, default 20; 0: never) the
 * console runs store_sweep on its live connection, from the event loop's
 * timer (one statement; the database makes each step happen once however
 * many consoles and `wardesk watch` run).  Notifications left in libpq's
 * queue by the sweep's own transaction are applied at once.
 *
 * Alerts: live.c LISTENs to wardesk_alert and passes every payload here
 * (live.alert); one addressed to the session user is shown a moment later
 * (a burst in one line) from the payload itself when it carries the
 * user's own alert (store_alert_hint: no query), and those shown are
 * confirmed and marked delivered in one statement 2-5 s after the first
 * (store_alerts_seen; a forged one leaves the status line, alert_hints.h).
 * A payload without it (the short form, an older database) and every
 * (re)connection (live.up) fetch instead (store_alerts mine+undelivered,
 * then store_alerts_delivered).  From the event loop, never from inside
 * the drain; shown as desktop notifications (alert_notify: the officer's
 * notify, notify-events and notify-quiet-categories settings, "N new
 * cases" for a burst).  When notifications cannot be shown (no bus, no
 * server, a failing server: notify_send refuses or the worker reports
 * NOTIFY_EV_FAILED) the console rings the bell (`bell yes`) or flashes,
 * writes the alert on the status line and, once per run, why.
 *
 * Nothing here blocks on D-Bus: libnotify runs on notify.c's worker.
 * Ownership: all state is this module's (one console per process). */
#ifndef WARDESK_CONSOLE_ALERTS_H
#define WARDESK_CONSOLE_ALERTS_H

#include <stdint.h>

struct ui;

/* Hook into ui->live (alert, up) and start the notification worker when
 * `notify` is on.  Call after the config is loaded and live_init. */
void calerts_init(struct ui *ui);
/* Start-up (issue 11): the first line also offers an officer or a hotline
 * officer with no open shift to start one ("You are not on shift. Start
 * your shift now? y/n"), once per run.  Whether that offer is still on the
 * status line (y takes it); calerts_offer_clear: any key ends it. */
bool calerts_offer_shown(const struct ui *ui);
void calerts_offer_clear(void);
/* Stop the worker (waits a little for a call in progress). */
void calerts_shutdown(struct ui *ui);

/* For poll(): the notifier's fd (-1: none); readable -> calerts_readable. */
int calerts_fd(void);
void calerts_readable(struct ui *ui);
/* Milliseconds until calerts_tick has work (sweep due, alerts pending);
 * -1: nothing scheduled. */
int calerts_timeout_ms(struct ui *ui, int64_t now_ms);
/* Run the sweep when due, then handle pending alerts. */
void calerts_tick(struct ui *ui, int64_t now_ms);

#endif
