/* timefmt.c - deadlines and local time for Asia/Ho_Chi_Minh.
 *
 * Ho Chi Minh City is UTC+7 all year (no daylight saving since 1975), so
 * local time is simply t + 7 h read as UTC: no TZ, no localtime(). */
#include "wardesk/wardesk.h"
#include "wardesk/timefmt.h"

#define LOCAL_OFFSET (7 * 3600)

enum urgency deadline_urgency(time_t now, time_t deadline, int warn_min)
{
	uint64_t left;

	if (now >= deadline)
		return URG_OVERDUE;
	left = (uint64_t)deadline - (uint64_t)now;      /* exact, no overflow */
	if (left <= 10 * 60)
		return URG_CRITICAL;
	if (warn_min > 0 && left <= (uint64_t)warn_min * 60)
		return URG_DUE_SOON;
	return URG_NORMAL;
}

/* Time left and time overdue are shown in started minutes (ceil), so
 * "10m" is critical and "11m" is not, nothing open ever shows "0m", and
 * the moment a case falls due it shows "-1m", never "-0m" (due now is
 * overdue, deadline_urgency). */
void countdown_format(time_t now, time_t deadline, char *out, size_t outsz)
{
	bool late = now >= deadline;
	/* unsigned difference: exact for any two time_t values */
	uint64_t secs = late ? (uint64_t)now - (uint64_t)deadline
	                     : (uint64_t)deadline - (uint64_t)now;
	uint64_t mins = secs / 60 + (secs % 60 != 0);

	if (outsz == 0)
		return;
	if (late && mins == 0)
		mins = 1;   /* the first minute overdue has begun */
	if (mins < 60)
		snprintf(out, outsz, "%s%dm", late ? "-" : "", (int)mins);
	else if (mins < 100 * 60)
		snprintf(out, outsz, "%s%d:%02d", late ? "-" : "", (int)(mins / 60),
		         (int)(mins % 60));
	else                            /* 100 hours or more: whole days */
		snprintf(out, outsz, "%s%dd", late ? "-" : "",
		         mins / 1440 > 99999 ? 99999 : (int)(mins / 1440));
}

/* Local broken-down time; false when t is out of range. */
static bool local_tm(time_t t, struct tm *tm)
{
	if (t > (time_t)(INT64_MAX - LOCAL_OFFSET))
		return false;
	t += LOCAL_OFFSET;
	return gmtime_r(&t, tm) != NULL;
}

void time_hhmm(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	if (outsz == 0)
		return;
	if (!local_tm(t, &tm))
		snprintf(out, outsz, "--:--");
	else
		snprintf(out, outsz, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void time_short(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	if (outsz == 0)
		return;
	if (!local_tm(t, &tm))
		snprintf(out, outsz, "--/-- --:--");
	else
		snprintf(out, outsz, "%02d/%02d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
		         tm.tm_hour, tm.tm_min);
}

void time_iso(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	if (outsz == 0)
		return;
	if (!local_tm(t, &tm))
		snprintf(out, outsz, "?");
	else
		snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d+07:00",
		         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		         tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- parsing ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

/* Read exactly n digits at *p. */
static bool digits(const char **p, int n, int *val)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*val = v;
	return true;
}

int time_parse(const char *s, time_t *out)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = LOCAL_OFFSET;
	int64_t t;

	while (*p == ' ')
		p++;
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 2, &d))
		return -1;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;

	if ((*p == 'T' || *p == 't' || *p == ' ') && p[1] >= '0' && p[1] <= '9') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				return -1;
			if (*p == '.' || *p == ',') {   /* fractions are dropped */
				p++;
				if (*p < '0' || *p > '9')
					return -1;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;

		if (*p == 'Z' || *p == 'z') {
			off = 0;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

			if (!digits(&p, 2, &oh))
				return -1;
			if (*p == ':') {
				p++;
				if (!digits(&p, 2, &om))
					return -1;
			} else if (*p >= '0' && *p <= '9') {
				if (!digits(&p, 2, &om))
					return -1;
			}
			if (oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return -1;

	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	if (sizeof(time_t) < sizeof(int64_t) && (t > INT32_MAX || t < INT32_MIN))
		return -1;
	*out = (time_t)t;
	return 0;
}
