/* fuzz_photo.c - libFuzzer target for a report's photo: the header check,
 * the decoder (gdk-pixbuf, PNG/JPEG only) and the cells (libchafa), the
 * path every fetched file takes (photo.h; issue 16 section 1).
 *
 * The input is the fetched file.  Invariants checked: photo_decode either
 * fails with a reason or gives an image of at most 64 pixels a side (the
 * size limit of this target) with pixels for every row; a header over the
 * pixel limit is refused before decoding; photo_fit stays inside the space
 * given; photo_cells fills every cell with a block, shade or space
 * character and a palette index in range.  A hang (truncated or crafted
 * data making the decoder spin) is the run's timeout.
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/photo. */
#include "wardesk/wardesk.h"

#include "wardesk/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define SIDE 64
#define PIXELS (1024L * 1024)

static volatile uint8_t sink;

static void check_cells(const struct photo_img *img, int cols, int rows, enum photo_palette pal)
{
	struct photo_cells c = { 0 };
	int w, h;

	photo_fit(img, cols, rows, &w, &h);
	if (w < 1 || h < 1 || w > cols || h > rows)
		abort();
	if (!photo_cells(img, w, h, pal, &c) || c.cols != w || c.rows != h)
		abort();
	for (int i = 0; i < w * h; i++) {
		uint32_t ch = c.v[i].ch;

		if (!(ch == ' ' || (ch >= 0x2580 && ch <= 0x259F) || (ch >= 0x25A0 && ch <= 0x25FF)))
			abort();
		if (c.v[i].fg < -1 || c.v[i].fg > 255 || c.v[i].bg < -1 || c.v[i].bg > 255)
			abort();
	}
	photo_cells_free(&c);
}

/* GLib and gdk-pixbuf set up global state (type classes, quarks, the
 * loaders' first error) on first use, once per process: done here, before
 * the first input, so that leak checking sees only what an input leaks. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t png_head[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
		0x44, 0x52, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0c, 0x08, 0x06, 0x00, 0x00,
		0x00, 0x6b, 0xe7, 0x3d, 0x81, 0x00, 0x00, 0x00, 0x04, 0x73, 0x42, 0x49, 0x54, 0x18,
		0x08, 0x08, 0xff, 0xff, 0x5f, 0xc0, 0x00,
	};
	static const uint8_t jpeg_head[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
	};
	struct photo_img img = { 0 };
	char why[192];

	(void)argc; (void)argv;
	for (int i = 0; i < 2; i++) {
		if (photo_decode(png_head, sizeof png_head, SIDE, PIXELS, &img, why, sizeof why))
			photo_img_free(&img);
		if (photo_decode(jpeg_head, sizeof jpeg_head, SIDE, PIXELS, &img, why, sizeof why))
			photo_img_free(&img);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct photo_img img = { 0 };
	const char *type;
	char why[192];
	int w, h;
	bool probed;

	why[0] = '\0';
	probed = photo_probe(data, size, &type, &w, &h, why, sizeof why);
	if (!probed && !why[0])
		abort();
	if (!photo_decode(data, size, SIDE, PIXELS, &img, why, sizeof why)) {
		if (!why[0] || img.rgba)
			abort();
		return 0;
	}
	if (!probed || (long)w * h > PIXELS)
		abort();                   /* decoded what the header check refuses */
	if (img.w < 1 || img.h < 1 || img.w > SIDE || img.h > SIDE)
		abort();
	for (int y = 0; y < img.h; y++)   /* every row is there: ASan checks the reads */
		sink ^= img.rgba[((size_t)y + 1) * (size_t)img.w * 4 - 1];
	check_cells(&img, 20, 8, PHOTO_256);
	check_cells(&img, 3, 1, PHOTO_8);
	photo_img_free(&img);
	return 0;
}
