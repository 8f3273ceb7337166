/* stats.c - formatting for statistics and the board (see stats.h). */
#include "wardesk/wardesk.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>

#include "wardesk/stats.h"

void stats_duration(double secs, char *out, size_t outsz)
{
	long long m;

	if (secs < 0 || isnan(secs)) {
		snprintf(out, outsz, "-");
		return;
	}
	m = llround(secs / 60.0);
	if (m >= 24 * 60)
		snprintf(out, outsz, "%lldd %lld:%02lld", m / (24 * 60), m % (24 * 60) / 60, m % 60);
	else
		snprintf(out, outsz, "%lld:%02lld", m / 60, m % 60);
}

const char *stats_radix(void)
{
	static char radix[8];

	if (!radix[0]) {
		locale_t loc = newlocale(LC_NUMERIC_MASK, "", (locale_t)0);
		const char *r = loc ? nl_langinfo_l(RADIXCHAR, loc) : NULL;

		snprintf(radix, sizeof radix, "%s", r && *r ? r : ".");
		if (loc)
			freelocale(loc);
	}
	return radix;
}

void stats_decimal(double v, int decimals, char *out, size_t outsz)
{
	char buf[64], *dot;

	snprintf(buf, sizeof buf, "%.*f", decimals, v);   /* LC_NUMERIC is C: a '.' */
	dot = strchr(buf, '.');
	if (dot) {
		*dot = '\0';
		snprintf(out, outsz, "%s%s%s", buf, stats_radix(), dot + 1);
	} else {
		snprintf(out, outsz, "%s", buf);
	}
}

void stats_percent(double rate, char *out, size_t outsz)
{
	char num[64];

	double pct;

	if (rate < 0 || isnan(rate)) {
		snprintf(out, outsz, "-");
		return;
	}
	pct = round(rate * 1000.0) / 10.0;
	stats_decimal(pct, pct == floor(pct) ? 0 : 1, num, sizeof num);
	snprintf(out, outsz, "%s%%", num);
}

void stats_ratio(long part, long whole, char *out, size_t outsz)
{
	char pct[16];

	stats_percent(whole > 0 ? (double)part / (double)whole : -1, pct, sizeof pct);
	snprintf(out, outsz, "%ld/%ld (%s)", part, whole, pct);
}

static const char *const blocks[8] = {
	"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
};

char *stats_sparkline(const int *v, size_t n)
{
	struct strbuf sb = { 0 };
	int max = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	sb_puts(&sb, "");
	for (size_t i = 0; i < n; i++) {
		if (v[i] <= 0) {
			sb_putc(&sb, ' ');
			continue;
		}
		/* 1..max -> 0..7, the largest always 7, any positive value >= 0 */
		sb_puts(&sb, blocks[(int)(((long long)v[i] * 8 - 1) / max)]);
	}
	return sb_steal(&sb);
}

static const char *const shades[4] = { "\u2591", "\u2592", "\u2593", "\u2588" };

char *stats_heat(const int *v, size_t n, int max)
{
	struct strbuf sb = { 0 };

	sb_puts(&sb, "");
	for (size_t i = 0; i < n; i++) {
		if (v[i] <= 0 || max <= 0) {
			sb_putc(&sb, ' ');
			continue;
		}
		/* 1..max -> 0..3, max always the darkest */
		sb_puts(&sb, shades[(int)(((long long)(v[i] > max ? max : v[i]) * 4 - 1) / max)]);
	}
	return sb_steal(&sb);
}

static const char *const eighths[8] = {
	"\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589", "\u2588",
};

char *stats_bar(double value, double max, int width)
{
	struct strbuf sb = { 0 };
	long long units;

	sb_puts(&sb, "");
	if (value <= 0 || max <= 0 || width <= 0 || isnan(value) || isnan(max))
		return sb_steal(&sb);
	if (value > max)
		value = max;
	units = llround(value / max * width * 8);
	if (units < 1)
		units = 1;
	for (long long i = 0; i < units / 8; i++)
		sb_puts(&sb, eighths[7]);
	if (units % 8)
		sb_puts(&sb, eighths[units % 8 - 1]);
	return sb_steal(&sb);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double stats_percentile(double *v, size_t n, double p)
{
	double pos, frac;
	size_t lo;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof *v, cmp_dbl);
	if (p <= 0)
		return v[0];
	if (p >= 1)
		return v[n - 1];
	pos = p * (double)(n - 1);
	lo = (size_t)floor(pos);
	frac = pos - (double)lo;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (v[lo + 1] - v[lo]) * frac;
}
