/* store_map.h - the map of a ward in the store (src/store_map.c; SQL in
 * sql/code/58_map.sql, the streets' table in sql/migrations/022_map.sql):
 * the open cases by latitude and longitude, the ward's main streets, the
 * clusters (the same category within 100 m, received in the last 24 h),
 * and merging a cluster into its earliest case (the ward chair).
 *
 * Ownership: store_map fills *out; wd_map_free frees it. */
#ifndef WARDESK_STORE_MAP_H
#define WARDESK_STORE_MAP_H

#include "wardesk/store.h"

/* How pressing an open case on the map is, worst last. */
enum wd_map_kind { WD_MAP_OK, WD_MAP_DUE_SOON, WD_MAP_OVERDUE, WD_MAP_URGENT, WD_MAP_KINDS };

struct wd_map_point {
	char *ref;
	double lat, lon;
	enum wd_map_kind kind;   /* urgent before overdue before due soon (warn, critical) */
};
struct wd_map_street {
	char *name;
	double (*pt)[2];         /* [i][0] latitude, [i][1] longitude */
	size_t n;
};
struct wd_cluster {
	char *key;               /* the ref of its earliest case: the one a merge keeps */
	char *category, *category_vi, *category_en;
	int count;
	time_t oldest_deadline;
	double lat, lon;         /* the mean of its cases */
	char **refs;             /* count refs, earliest first */
	char *channels;          /* "app,hotline" */
};
struct wd_map {
	char *ward;
	struct wd_map_point *pt;  /* the open cases in the ward's area (wardesk.map_area) */
	size_t npt;
	struct wd_map_point *out; /* those outside it: counted and listed apart, not drawn */
	size_t nout;
	long no_coords;          /* open cases without coordinates */
	struct wd_map_street *street;
	size_t nstreet;
	struct wd_cluster *cl;
	size_t ncl;
	char *json;              /* the database's document (wardesk.map_doc()) */
};
void wd_map_free(struct wd_map *m);

/* The map of the caller's ward (wardesk.map_doc()). */
enum st_status store_map(struct store *st, struct wd_map *out, struct st_err *err);

/* Merge the cluster of ref into its earliest case (wardesk.cluster_merge):
 * seen, the number of cases the chair saw in it (0: no check).  kept gets
 * the kept case's ref, *merged how many were merged into it. */
enum st_status store_cluster_merge(struct store *st, const char *ref, int seen, const char *note,
                                   char *kept, size_t keptsz, int *merged, struct st_err *err);

#endif
