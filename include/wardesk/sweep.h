/* sweep.h - alerts as desktop notifications, shared by `wardesk watch` and
 * the console.
 *
 * alert_notify turns one alert (store_deadline.h) into a notification
 * (notify.h): summary and body in the user's language (gettext), urgency
 * by kind (escalation, overdue, reminder, urgent: critical; others normal), "new"
 * alerts grouped into "N new cases".  It honours the config settings
 * notify, notify-events and notify-quiet-categories (config.h; quiet
 * categories never silence escalations, overdue cases or reminders). */
#ifndef WARDESK_SWEEP_H
#define WARDESK_SWEEP_H

#include "wardesk/notify.h"
#include "wardesk/store_deadline.h"

enum alert_notify_result {
	ALERT_NOTIFIED,     /* queued for the desktop */
	ALERT_FILTERED,     /* the officer's settings say no */
	ALERT_FALLBACK,     /* notifications do not work: ring the bell / flash */
};

/* true when the settings want a notification for this kind and category
 * (events and quiet are comma-separated lists, as in the config). */
bool alert_wanted(const char *events, const char *quiet, enum wd_alert_kind kind,
                  const char *category);

enum notify_urgency alert_urgency(enum wd_alert_kind kind);

/* Summary and body for an alert (caller frees both; unsanitised text:
 * notify.c sanitises). */
void alert_text(const struct wd_alert *a, char **summary, char **body);

enum alert_notify_result alert_notify(const struct wd_alert *a);

/* Whether alert i of l is a step of the deadline chain overtaken in the
 * same list (one sweep warned, escalated and marked a case overdue at
 * once): only the furthest is announced.  A summary is never overtaken. */
bool alert_superseded(const struct wd_alert_list *l, size_t i);

#endif
