/* notify.h - desktop notifications (libnotify) that never block the caller.
 *
 * libnotify calls are synchronous D-Bus calls (up to 25 s with a hung
 * server), so they all run on one worker thread fed by a small queue.  The
 * caller's thread only locks a mutex for a moment.
 *
 * States: NOTIFY_UNKNOWN until the worker has looked (at once, on start),
 * then OK, NO_BUS (no session bus: plain SSH, a service; then libnotify is
 * never loaded, see dynlib.h), NO_SERVER (a bus but nobody owns
 * org.freedesktop.Notifications, or it does not answer), or DISABLED
 * (never initialised / shut down, or libnotify cannot be loaded:
 * notify_status says why).  The fallback (terminal bell, flash, status
 * line) is the caller's job: notify_send returns false when
 * notifications are known not to work, and notify_fd() becomes readable
 * when the state changes or a queued notification could not be shown.
 *
 * Text: summary and body are untrusted; they are sanitised (text_sanitize),
 * cut (summary 64 columns, body 240) and the body's markup escaped here.
 *
 * Grouping: notifications with the same non-NULL group that are still
 * queued are merged into one ("5 new cases"); grouped notifications wait
 * NOTIFY_GROUP_MS before going out so that a burst becomes one.
 *
 * Console integration: call notify_init_async once at start, add
 * notify_fd() to the poll set, call notify_drain() when it is readable (it
 * returns NOTIFY_EV_* bits), show notify_status()'s reason once on the
 * status line when NOTIFY_EV_STATE arrives with a state other than OK, and
 * ring the bell/flash for events when notify_send returns false or
 * NOTIFY_EV_FAILED arrives.  notify_shutdown before exiting. */
#ifndef WARDESK_NOTIFY_H
#define WARDESK_NOTIFY_H

enum notify_state { NOTIFY_UNKNOWN, NOTIFY_OK, NOTIFY_NO_BUS, NOTIFY_NO_SERVER, NOTIFY_DISABLED };
enum notify_urgency { NOTIFY_LOW = 0, NOTIFY_NORMAL = 1, NOTIFY_CRITICAL = 2 };

#define NOTIFY_GROUP_MS 400
#define NOTIFY_QUEUE_MAX 32

/* bits returned by notify_drain */
#define NOTIFY_EV_STATE  1u   /* the state changed: look at notify_status() */
#define NOTIFY_EV_FAILED 2u   /* at least one notification could not be shown */
#define NOTIFY_EV_SENT   4u   /* at least one notification was shown */

/* Start the worker (which connects and checks for a server at once).
 * Returns false only when the thread cannot start (state DISABLED).  A
 * second call does nothing and returns true. */
bool notify_init_async(const char *app_name);

/* Queue a notification; never blocks.  group: NULL, or a key under which
 * queued notifications merge; many_fmt (with group): the summary for N of
 * them, with "%d" standing for N, e.g. _("%d new cases").  Returns false
 * (nothing queued) when notifications are known not to work; a full queue
 * drops its oldest non-critical entry. */
bool notify_send(const char *summary, const char *body, enum notify_urgency urgency);
bool notify_send_grouped(const char *group, const char *summary, const char *many_fmt,
                         const char *body, enum notify_urgency urgency);

/* The state, and in why (may be NULL) a short reason in plain words, e.g.
 * "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)". */
enum notify_state notify_status(char *why, size_t whysz);
/* true when notifications work or may work (state OK or UNKNOWN). */
bool notify_works(void);

/* Readable when notify_drain has something; -1 when not initialised. */
int notify_fd(void);
/* Read what the worker reported since the last call: NOTIFY_EV_* bits. */
unsigned notify_drain(void);

/* Wait until the queue is empty and the worker idle, at most timeout_ms.
 * Returns true when everything queued was handled. */
bool notify_flush(int timeout_ms);

/* Stop the worker: waits at most timeout_ms for a call in progress, then
 * leaves it behind (the process is exiting).  Queued notifications are
 * dropped (flush first to keep them). */
void notify_shutdown(int timeout_ms);

/* Counters since start (for tests and the status screen). */
struct notify_stats { unsigned queued, merged, sent, failed, dropped; };
void notify_get_stats(struct notify_stats *s);

#endif
