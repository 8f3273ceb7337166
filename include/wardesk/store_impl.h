/* store_impl.h - private to the store module family (src/store*.c).
 *
 * The store is one module split by subject: store_conn.c (connection,
 * errors, statement helpers), store_cases.c (cases, officers, actions),
 * store_migrate.c (db init), store_live.c (LISTEN/NOTIFY), and
 * store_<subject>.c files that add typed functions for later features.  Only these files include libpq and write
 * SQL; everything else uses store.h and its siblings. */
#ifndef WARDESK_STORE_IMPL_H
#define WARDESK_STORE_IMPL_H

#include <libpq-fe.h>

#include "wardesk/store.h"

struct store {
	PGconn *conn;
	char *login;
};

/* Fill err (may be NULL) and return status. */
enum st_status st_seterr(struct st_err *err, enum st_status status, const char *sqlstate,
                         const char *fmt, ...) WD_PRINTF(4, 5);
/* Fill err from a failed result (or a dead connection) and clear res. */
enum st_status result_error(struct store *st, PGresult *res, struct st_err *err);
/* Run a constant statement without parameters; ST_OK or err's status. */
enum st_status run_simple(struct store *st, const char *sql, struct st_err *err);
/* Run a parameterised statement ($1..$n, text parameters, NULL = SQL NULL).
 * Returns the result (caller PQclear()s) or NULL with err filled. */
PGresult *st_run(struct store *st, const char *sql, int n, const char *const *params,
                 struct st_err *err);
/* Same, for statements whose result is not needed; checks every parameter
 * is valid UTF-8 first. */
enum st_status st_call(struct store *st, const char *sql, int n, const char *const *params,
                       struct st_err *err);
/* Run a constant multi-statement script without parameters (PQexec). */
enum st_status st_exec_script(struct store *st, const char *text, struct st_err *err);
/* Refuse invalid UTF-8 with the offset ("WHAT is not valid UTF-8"). */
bool st_check_utf8(const char *what, const char *s, struct st_err *err);

/* Row readers: NULL/0 for SQL NULL.  col_str allocates. */
char *st_col_str(PGresult *res, int row, int col);
long long st_col_ll(PGresult *res, int row, int col);
double st_col_dbl(PGresult *res, int row, int col);

/* The list columns of wardesk.case_list, and the reader for them. */
extern const char st_case_columns[];
void st_case_from_row(PGresult *res, int r, struct wd_case *c);

#endif
