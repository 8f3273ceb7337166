/* timefmt.h - deadline arithmetic and time formatting (Asia/Ho_Chi_Minh).
 * Pure functions; "now" is always passed in so tests can pin it. */
#ifndef WARDESK_TIMEFMT_H
#define WARDESK_TIMEFMT_H

enum urgency { URG_NORMAL, URG_DUE_SOON, URG_CRITICAL, URG_OVERDUE, URG_CLOSED };

/* Urgency of an open case: overdue when now >= deadline, critical when
 * <= 10 min left, due soon when <= warn_min left, else normal. */
enum urgency deadline_urgency(time_t now, time_t deadline, int warn_min);

/* Countdown text: "1:05" (h:mm left), "9m", "-0:12" / "late 12m" style for
 * overdue.  Exactly: left >= 1h -> "H:MM"; left < 1h -> "MMm"; overdue ->
 * "-H:MM" or "-MMm".  Fits in 7 columns for up to 99 hours. */
void countdown_format(time_t now, time_t deadline, char *out, size_t outsz);

/* Local (Asia/Ho_Chi_Minh, UTC+7, no DST) formatting without touching TZ:
 * "HH:MM", "DD/MM HH:MM", ISO 8601 "2026-11-23T07:42:10+07:00". */
void time_hhmm(time_t t, char *out, size_t outsz);
void time_short(time_t t, char *out, size_t outsz);
void time_iso(time_t t, char *out, size_t outsz);

/* Parse ISO 8601 / W3C ("2026-11-23T07:42:10+07:00", "...Z", date only
 * "2026-11-23" = local midnight, "2026-11-23 07:42"). Returns 0 on success. */
int time_parse(const char *s, time_t *out);

#endif
