/* photo_fetch.h - the photos of reports, fetched and decoded on a worker
 * thread (issue 16 section 1), never on the console's loop.
 *
 * photo_get(url) answers at once from a small table in memory: READY (the
 * decoded photo, scaled to at most PHOTO_FETCH_SIDE pixels), FETCHING
 * (queued for the worker, which then fetches and decodes it) or FAILED with
 * a one-line reason in the user's language.  The worker:
 *   - fetches only http and https (libcurl CURLOPT_PROTOCOLS_STR, also for
 *     redirects, at most PHOTO_FETCH_REDIRECTS of them), with a connect
 *     timeout and a total one (PHOTO_FETCH_TIMEOUT s; WARDESK_PHOTO_TIMEOUT=S
 *     overrides it, 1..300), at most PHOTO_FETCH_MAX_BYTES, and only a
 *     Content-Type image/...;
 *   - keeps what it fetched in the desk's cache, $XDG_CACHE_HOME/wardesk/photos
 *     (~/.cache when unset): directory 0700, files 0600 named by the SHA-256
 *     of the link, written to a temporary file and renamed, the oldest
 *     removed beyond PHOTO_CACHE_MAX_BYTES.  A cached photo is not fetched
 *     again; a failure is retried only after a restart;
 *   - decodes with photo_decode (photo.h): hostile files fail with a reason.
 * The worker writes a byte to photo_fetch_fd() when an answer is ready:
 * poll it and call photo_fetch_drain() when it is readable, then redraw.
 *
 * Layer: base (libcurl and the photo decoder; no curses).  Ownership: the
 * image photo_get gives stays owned by this module and valid until the
 * next photo_get or photo_fetch_shutdown. */
#ifndef WARDESK_PHOTO_FETCH_H
#define WARDESK_PHOTO_FETCH_H

#include "wardesk/photo.h"

#define PHOTO_FETCH_TIMEOUT      20                  /* seconds, the whole transfer */
#define PHOTO_FETCH_CONNECT      5                   /* seconds, the connection */
#define PHOTO_FETCH_REDIRECTS    3
#define PHOTO_FETCH_MAX_BYTES    (8L * 1024 * 1024)
#define PHOTO_CACHE_MAX_BYTES    (64L * 1024 * 1024)
#define PHOTO_FETCH_SIDE         640                 /* pixels kept in memory */

enum photo_state { PHOTO_FETCHING, PHOTO_READY, PHOTO_FAILED };

/* The state of url's photo, asking the worker for it the first time (the
 * worker starts then).  READY: *img is set; FAILED: why says why. */
enum photo_state photo_get(const char *url, const struct photo_img **img, char *why,
                           size_t whysz);
/* A photo whose bytes the caller has (one attached in the database, read
 * through the store): key names it for photo_get ("#12"), the worker
 * decodes the bytes (taken over: freed here) and fetches nothing.  Nothing
 * happens when key is known already. */
void photo_put(const char *key, unsigned char *bytes, size_t len);
bool photo_known(const char *key);
/* Whether wardesk would fetch this link at all (http:// or https://). */
bool photo_url_ok(const char *url);

/* For poll(): -1 until the worker started. */
int photo_fetch_fd(void);
/* Wake the loop through that pipe (photo_encode's thread: a string is
 * ready); nothing when the worker never started. */
void photo_fetch_wake(void);
/* Empty the wake-up pipe; true when an answer arrived since last time. */
bool photo_fetch_drain(void);
/* Stop the worker (a transfer under way is aborted) and free the table. */
void photo_fetch_shutdown(void);

#endif
