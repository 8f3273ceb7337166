/* photo.c - check, decode and draw a photo as terminal cells (photo.h).
 *
 * gdk-pixbuf and chafa are loaded by the first photo_decode (dynlib.h): a
 * console that never shows a photo never maps them.  Without them
 * photo_decode says so, and nothing is drawn. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <limits.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "wardesk/chafa_lib.h"
#include "wardesk/dynlib.h"
#include "wardesk/photo.h"
#include "wardesk/text.h"

/* gdk-pixbuf, and GObject's functions through it */
#define PB_FNS(X) \
	X(loader_new, gdk_pixbuf_loader_new_with_type) X(set_size, gdk_pixbuf_loader_set_size) \
	X(write, gdk_pixbuf_loader_write) X(close, gdk_pixbuf_loader_close) \
	X(pixbuf, gdk_pixbuf_loader_get_pixbuf) X(add_alpha, gdk_pixbuf_add_alpha) \
	X(has_alpha, gdk_pixbuf_get_has_alpha) X(width, gdk_pixbuf_get_width) \
	X(height, gdk_pixbuf_get_height) X(rowstride, gdk_pixbuf_get_rowstride) \
	X(channels, gdk_pixbuf_get_n_channels) X(bits, gdk_pixbuf_get_bits_per_sample) \
	X(pixels, gdk_pixbuf_read_pixels) X(ref, g_object_ref) X(unref, g_object_unref) \
	X(connect, g_signal_connect_data)
static struct {
	PB_FNS(DYNLIB_FIELD)
} PB;
#define PB_SYM(field, sym) DYNLIB_SYM(PB, field, sym)
static const struct dynsym pb_syms[] = { PB_FNS(PB_SYM) };
static struct dynlib pb_lib = DYNLIB("libgdk_pixbuf-2.0.so.0", pb_syms);


/* Both libraries, or why not. */
static bool load_libs(char *why, size_t whysz)
{
	char e[256];

	if (dynlib_load(&pb_lib, e, sizeof e) && chafa_lib_load(e, sizeof e))
		return true;
	snprintf(why, whysz, _("cannot load the photo libraries: %s"), e);
	return false;
}

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const uint8_t *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* JPEG: the first start-of-frame marker's height and width.  Only the
 * Huffman-coded baseline, extended and progressive frames (SOF0-SOF2) that
 * cameras and phones make: an arithmetic-coded frame (SOF9) of 342 bytes
 * kept libjpeg busy for good (fuzz_photo, corpus file sof9_spin);
 * *other: a frame of another coding, refused. */
static bool jpeg_size(const uint8_t *p, size_t len, int *w, int *h, bool *other)
{
	size_t i = 2;

	while (i + 4 <= len) {
		unsigned m;

		if (p[i] != 0xFF)
			return false;
		m = p[i + 1];
		if (m == 0xFF) {            /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += 2;
			continue;
		}
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*other = m > 0xC2;
			if (i + 9 > len || *other)
				return false;
			*h = (int)be16(p + i + 5);
			*w = (int)be16(p + i + 7);
			return true;
		}
		if (m == 0xD9 || m == 0xDA)  /* end, or scan data before any frame */
			return false;
		i += 2 + be16(p + i + 2);
	}
	return false;
}

bool photo_probe(const void *buf, size_t len, const char **type, int *w, int *h, char *why,
                 size_t whysz)
{
	const uint8_t *p = buf;
	bool sized = false, other = false;

	*type = NULL;
	*w = *h = 0;
	if (len >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) {
		*type = "png";
		if (!memcmp(p + 12, "IHDR", 4) && be32(p + 16) <= INT_MAX && be32(p + 20) <= INT_MAX) {
			*w = (int)be32(p + 16);
			*h = (int)be32(p + 20);
			sized = true;
		}
	} else if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		*type = "jpeg";
		sized = jpeg_size(p, len, w, h, &other);
	} else {
		snprintf(why, whysz, "%s", _("not a photo (wardesk reads PNG and JPEG)"));
		return false;
	}
	if (other) {
		snprintf(why, whysz, "%s", _("the photo is a JPEG of a kind cameras do not make (wardesk reads baseline and progressive JPEG)"));
		return false;
	}
	if (!sized || *w <= 0 || *h <= 0) {
		snprintf(why, whysz, "%s", _("the photo is damaged (no size in its header)"));
		return false;
	}
	return true;
}

struct probe_ctx {
	int max_side;
	bool too_big;
};

/* Before the pixels: ask the loader for the scaled size (JPEG decodes
 * straight into it). */
static void size_prepared(GdkPixbufLoader *ld, int w, int h, gpointer data)
{
	struct probe_ctx *ctx = data;
	double k;

	if (w <= 0 || h <= 0 || w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE) {
		ctx->too_big = true;
		PB.set_size(ld, 1, 1);
		return;
	}
	if (w <= ctx->max_side && h <= ctx->max_side)
		return;
	k = (double)ctx->max_side / (w > h ? w : h);
	PB.set_size(ld, w * k >= 1 ? (int)(w * k) : 1, h * k >= 1 ? (int)(h * k) : 1);
}

/* The loader's pixbuf as RGBA bytes of our own. */
static bool copy_rgba(GdkPixbuf *pb, struct photo_img *out)
{
	GdkPixbuf *a = PB.has_alpha(pb) ? PB.ref(pb)
	               : PB.add_alpha(pb, FALSE, 0, 0, 0);
	int w, h, stride;
	const guchar *px;

	if (!a)
		return false;
	w = PB.width(a);
	h = PB.height(a);
	stride = PB.rowstride(a);
	if (PB.channels(a) != 4 || PB.bits(a) != 8 || w <= 0 ||
	    h <= 0) {
		PB.unref(a);
		return false;
	}
	px = PB.pixels(a);
	out->w = w;
	out->h = h;
	out->rgba = xmalloc((size_t)w * (size_t)h * 4);
	for (int y = 0; y < h; y++)
		memcpy(out->rgba + (size_t)y * (size_t)w * 4, px + (size_t)y * (size_t)stride, (size_t)w * 4);
	PB.unref(a);
	return true;
}

bool photo_decode(const void *buf, size_t len, int max_side, long max_pixels,
                  struct photo_img *out, char *why, size_t whysz)
{
	struct probe_ctx ctx = { .max_side = max_side > 0 ? max_side : 1 };
	GdkPixbufLoader *ld;
	GdkPixbuf *pb;
	const char *type;
	bool ok;
	int w, h;

	if (!photo_probe(buf, len, &type, &w, &h, why, whysz))
		return false;
	if (w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE || (long)w * h > max_pixels) {
		snprintf(why, whysz, _("the photo is too large to draw (%d×%d pixels)"), w, h);
		return false;
	}
	if (!load_libs(why, whysz))
		return false;
	ld = PB.loader_new(type, NULL);
	if (!ld) {
		snprintf(why, whysz, _("this computer cannot read %s photos"), type);
		return false;
	}
	PB.connect(ld, "size-prepared", G_CALLBACK(size_prepared), &ctx, NULL, (GConnectFlags)0);
	ok = PB.write(ld, buf, len, NULL) && !ctx.too_big;
	ok = PB.close(ld, NULL) && ok;
	pb = ok ? PB.pixbuf(ld) : NULL;
	ok = pb && copy_rgba(pb, out);
	PB.unref(ld);
	if (!ok)
		snprintf(why, whysz, "%s", ctx.too_big ? _("the photo is too large to draw")
		                       : _("the photo is damaged or cut short"));
	return ok;
}

void photo_img_free(struct photo_img *img)
{
	FREE(&img->rgba);
	img->w = img->h = 0;
}

void photo_fit(const struct photo_img *img, int cols, int rows, int *out_cols, int *out_rows)
{
	gint w = cols, h = rows;

	if (cols < 1 || rows < 1 || img->w < 1 || img->h < 1 || !chafa_lib_load(NULL, 0)) {
		*out_cols = *out_rows = 0;
		return;
	}
	CH.geometry(img->w, img->h, &w, &h, 0.5f, TRUE, FALSE);
	*out_cols = w < 1 ? 1 : w > cols ? cols : w;
	*out_rows = h < 1 ? 1 : h > rows ? rows : h;
}

static const ChafaCanvasMode modes[] = {
	[PHOTO_256] = CHAFA_CANVAS_MODE_INDEXED_240,
	[PHOTO_16] = CHAFA_CANVAS_MODE_INDEXED_16,
	[PHOTO_8] = CHAFA_CANVAS_MODE_INDEXED_8,
};

bool photo_cells(const struct photo_img *img, int cols, int rows, enum photo_palette pal,
                 struct photo_cells *out)
{
	ChafaSymbolMap *sm;
	ChafaCanvasConfig *cfg;
	ChafaCanvas *cv;

	if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000 || !img->rgba || img->w < 1 ||
	    img->h < 1 || (unsigned)pal > PHOTO_8 || !chafa_lib_load(NULL, 0))
		return false;
	/* On the caller's thread: the cells are few (a screen at most), and
	 * chafa's thread pool left GLib's per-thread slice caches behind when
	 * its threads ended (fuzz_photo's leak report). */
	if (CH.n_threads() != 1)
		CH.set_n_threads(1);
	sm = CH.sm_new();
	CH.sm_add(sm, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE |
	                                 CHAFA_SYMBOL_TAG_SOLID);
	CH.sm_remove(sm, CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_AMBIGUOUS |
	                                    CHAFA_SYMBOL_TAG_SEXTANT | CHAFA_SYMBOL_TAG_LEGACY);
	cfg = CH.cfg_new();
	CH.cfg_mode(cfg, modes[pal]);
	CH.cfg_pixel(cfg, CHAFA_PIXEL_MODE_SYMBOLS);
	CH.cfg_geometry(cfg, cols, rows);
	CH.cfg_symbols(cfg, sm);
	CH.cfg_work(cfg, 0.2f);
	cv = CH.cv_new(cfg);
	CH.cv_draw(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, img->rgba, img->w, img->h,
	                             img->w * 4);
	out->cols = cols;
	out->rows = rows;
	out->v = xcalloc((size_t)cols * (size_t)rows, sizeof *out->v);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			struct photo_cell *c = &out->v[(size_t)y * (size_t)cols + (size_t)x];
			gint fg = -1, bg = -1;

			c->ch = CH.cv_char(cv, x, y);
			CH.cv_colors(cv, x, y, &fg, &bg);
			c->fg = (int16_t)(fg >= 0 && fg < 256 ? fg : -1);
			c->bg = (int16_t)(bg >= 0 && bg < 256 ? bg : -1);
		}
	CH.cv_unref(cv);
	CH.cfg_unref(cfg);
	CH.sm_unref(sm);
	return true;
}

void photo_cells_free(struct photo_cells *c)
{
	FREE(&c->v);
	c->cols = c->rows = 0;
}

bool photo_read_file(const char *path, unsigned char **buf, size_t *len, char *why, size_t whysz)
{
	FILE *fp = fopen(path, "rb");
	char *safe;

	if (fp) {
		*buf = xmalloc(PHOTO_FILE_MAX + 1);
		*len = fread(*buf, 1, PHOTO_FILE_MAX + 1, fp);
		if (!ferror(fp) && *len <= (size_t)PHOTO_FILE_MAX) {
			fclose(fp);
			return true;
		}
		FREE(buf);
		if (!ferror(fp))
			errno = EFBIG;
		fclose(fp);
	}
	safe = text_sanitize(path, false);
	snprintf(why, whysz, "%s: %s", safe ? safe : "?", strerror(errno));
	free(safe);
	return false;
}
