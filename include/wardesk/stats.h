/* stats.h - pure formatting for statistics, the board and handovers:
 * durations, rates, bars and sparklines drawn with terminal characters.
 * No I/O, no allocation except where a function returns char * (the
 * caller frees it). */
#ifndef WARDESK_STATS_H
#define WARDESK_STATS_H

/* A duration in seconds as "0:45" (h:mm), "12:05", "3d 4:10" from 24 hours
 * on; negative (= none) gives "-". */
void stats_duration(double secs, char *out, size_t outsz);

/* The decimal separator of the user's LC_NUMERIC ("," under vi_VN), read
 * from the environment once: the program runs with LC_NUMERIC=C so that
 * JSON, CSV and TSV keep '.'; text for people goes through these. */
const char *stats_radix(void);
/* v with decimals digits after the user's decimal separator: "4,25". */
void stats_decimal(double v, int decimals, char *out, size_t outsz);

/* A rate 0..1 as "87.5%" (one decimal, "100%" and "0%" without; the
 * user's decimal separator: "87,5%" under vi_VN); negative (= none)
 * gives "-". */
void stats_percent(double rate, char *out, size_t outsz);

/* "7/8 (87.5%)" or "0/0 (-)". */
void stats_ratio(long part, long whole, char *out, size_t outsz);

/* A sparkline of n values, one cell each: 0 is a space, any positive value
 * one of the eight blocks "▁▂▃▄▅▆▇█" scaled so the largest is "█" (a positive
 * value is never drawn as a space).  Negative values count as 0. */
char *stats_sparkline(const int *v, size_t n);
/* A heat strip of n values, one cell each: 0 is a space, 1..max the shades
 * ░▒▓█ (max the darkest; the same max for strips that are compared).
 * The caller frees it. */
char *stats_heat(const int *v, size_t n, int max);

/* A horizontal bar of value/max in width cells with eighth blocks
 * ("█" ... "▏"), no padding; value <= 0 or max <= 0 gives "", a positive
 * value at least "▏". */
char *stats_bar(double value, double max, int width);

/* Median and p-th percentile (0..1) by linear interpolation between closest
 * ranks, like PostgreSQL's percentile_cont; v is sorted in place.  n == 0
 * gives -1. */
double stats_percentile(double *v, size_t n, double p);

#endif
