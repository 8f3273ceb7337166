/* photo.h - a report's photo: checked, decoded and turned into terminal
 * cells (issue 16 section 1).
 *
 * Decoding uses gdk-pixbuf (Debian's libgdk-pixbuf-2.0: the GNOME image
 * loaders, security-maintained, with JPEG scaled while it decodes), but only
 * for PNG and JPEG recognised by their first bytes (never SVG or the
 * other loaders: phones send JPEG or PNG, and any other loader is code a
 * hostile file could reach for nothing), and only after the width and height read from the header
 * are within PHOTO_MAX_SIDE and the caller's pixel limit: a 30000x30000 PNG
 * is refused before a byte of its pixels is touched.  The cells come from
 * libchafa in symbols mode (block and half-block characters, narrow and
 * unambiguous only), with colours as palette indices of the terminal.
 * chafa runs on the caller's thread (chafa_set_n_threads(1)) with work
 * factor 0.2: measured on this machine (2 shared cores) from a 640x480
 * image, 14-35 ms for the detail's 64x16 cells and 115-125 ms (180 ms at
 * chafa's default 0.5) for a 154x58 full screen; callers keep the cells.
 *
 * Nothing here touches curses or the network; photo_decode may take a
 * while on a big photo (the fetch worker calls it, never the loop).
 * Layer: base.  Ownership: the caller owns every struct filled here and
 * frees it with the matching _free. */
#ifndef WARDESK_PHOTO_H
#define WARDESK_PHOTO_H

#include <stdint.h>

#define PHOTO_MAX_SIDE   10000        /* pixels, either side */
#define PHOTO_MAX_PIXELS 40000000L    /* the photo fetcher's limit */

/* Decoded pixels, RGBA 8 bits per channel, rows w*4 bytes apart. */
struct photo_img {
	int w, h;
	uint8_t *rgba;
};

/* One terminal cell: a character and palette indices (-1: default). */
struct photo_cell {
	uint32_t ch;
	int16_t fg, bg;
};

struct photo_cells {
	int cols, rows;
	struct photo_cell *v;   /* rows * cols */
};

/* How many colours the cells may use: 256 (indices 16-255), 16 or 8. */
enum photo_palette { PHOTO_256, PHOTO_16, PHOTO_8 };

/* The format by its first bytes ("png", "jpeg") and the size from
 * its header; false with a one-line reason (translated) in why. */
bool photo_probe(const void *buf, size_t len, const char **type, int *w, int *h, char *why,
                 size_t whysz);

/* Decode into out, scaled down so that neither side exceeds max_side
 * (aspect kept); refuses photos of more than max_pixels.  false with a
 * reason in why (out untouched). */
bool photo_decode(const void *buf, size_t len, int max_side, long max_pixels,
                  struct photo_img *out, char *why, size_t whysz);
void photo_img_free(struct photo_img *img);

/* The largest cell grid of at most cols x rows showing img with its
 * aspect (cells twice as high as wide). */
void photo_fit(const struct photo_img *img, int cols, int rows, int *out_cols, int *out_rows);

/* Cells for img in exactly cols x rows (use photo_fit first); false when
 * the size is out of range (1..1000) or chafa cannot be loaded (then
 * photo_fit gives 0 x 0; photo_decode said why). */
bool photo_cells(const struct photo_img *img, int cols, int rows, enum photo_palette pal,
                 struct photo_cells *out);
void photo_cells_free(struct photo_cells *c);

/* A photo file to attach (wardesk photo, :attach): at most
 * PHOTO_FILE_MAX bytes into *buf (malloc'd); false with "PATH: reason"
 * (the path sanitised) in why.  The database's limit (2 MB) is the rule;
 * this only stops reading a file far beyond it. */
#define PHOTO_FILE_MAX (8L * 1024 * 1024)
bool photo_read_file(const char *path, unsigned char **buf, size_t *len, char *why, size_t whysz);

#endif
