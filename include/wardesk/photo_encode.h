/* photo_encode.h - the full-screen photo's sixel or kitty string, made on
 * a thread of its own (photo_gfx_seq takes 70-780 ms for a large photo:
 * never on the console's loop).
 *
 * One job at a time: photo_encode_get(key, ...) answers at once.  The
 * first call for a key and size starts the job (the pixels are copied, so
 * the image may go away) and answers BUSY; when the thread is done it
 * wakes the loop through the photo worker's pipe (photo_fetch_wake), and
 * the next call for the same key and size answers READY with the string
 * (the caller takes it over) or FAILED.  A string that comes after the
 * caller stopped asking is kept for its next call with the same key and
 * size; a call for another key or size, or photo_encode_cancel, forgets
 * the job (a string still being made for it is thrown away when it comes).
 *
 * Layer: base (libchafa through photo_gfx; no curses). */
#ifndef WARDESK_PHOTO_ENCODE_H
#define WARDESK_PHOTO_ENCODE_H

#include "wardesk/photo_gfx.h"

enum photo_enc { PHOTO_ENC_BUSY, PHOTO_ENC_READY, PHOTO_ENC_FAILED };

/* What photo_gfx_seq would answer for these arguments; READY: *seq (caller
 * frees), *out_cols and *out_rows are set. */
enum photo_enc photo_encode_get(const char *key, const struct photo_img *img, enum photo_gfx g,
                                int cols, int rows, int cell_w, int cell_h, char **seq,
                                int *out_cols, int *out_rows);
/* Forget the job (the photo screen closed). */
void photo_encode_cancel(void);
/* Wait for the thread and free everything (at exit). */
void photo_encode_shutdown(void);

#endif
