/* test_photo.c - a photo's header check, decoding and cells (photo.h):
 * the size is read from the header and a photo too large is refused before
 * decoding; the scaled size keeps the aspect; the cells are block symbols
 * with colour indices; damaged bytes fail with a reason, a PNG cut short
 * gives what arrived or fails, never more. */
#include "wardesk/wardesk.h"

#include "unit.h"
#include "wardesk/photo.h"

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t crc(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return ~c;
}

static size_t chunk(uint8_t *out, const char *type, const uint8_t *data, uint32_t len)
{
	be32(out, len);
	memcpy(out + 4, type, 4);
	if (len)
		memcpy(out + 8, data, len);
	be32(out + 8 + len, crc(out + 4, 4 + (size_t)len));
	return 12 + len;
}

/* zlib data of one stored (uncompressed) deflate block: no zlib needed. */
static size_t stored(uint8_t *z, const uint8_t *raw, size_t n)
{
	uint32_t a = 1, b = 0;

	z[0] = 0x78;
	z[1] = 0x01;
	z[2] = 1;
	z[3] = (uint8_t)n;
	z[4] = (uint8_t)(n >> 8);
	z[5] = (uint8_t)~n;
	z[6] = (uint8_t)(~n >> 8);
	memcpy(z + 7, raw, n);
	for (size_t i = 0; i < n; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	be32(z + 7 + n, b << 16 | a);
	return n + 11;
}

/* A w x h RGB PNG: horizontal stripes, red and blue, 2 pixels each. */
static size_t png(uint8_t *out, uint32_t w, uint32_t h)
{
	uint8_t ihdr[13] = { 0 }, raw[4096], z[4200];
	size_t n = 8, r = 0;

	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	be32(ihdr, w);
	be32(ihdr + 4, h);
	ihdr[8] = 8;
	ihdr[9] = 2;
	n += chunk(out + n, "IHDR", ihdr, 13);
	for (uint32_t y = 0; y < h && w * h * 3 + h < sizeof raw; y++) {
		raw[r++] = 0;
		for (uint32_t x = 0; x < w; x++) {
			raw[r++] = (y / 2) % 2 ? 20 : 230;
			raw[r++] = 30;
			raw[r++] = (y / 2) % 2 ? 230 : 20;
		}
	}
	n += chunk(out + n, "IDAT", z, (uint32_t)stored(z, raw, r));
	n += chunk(out + n, "IEND", NULL, 0);
	return n;
}

static void test_probe(void)
{
	uint8_t b[8400];
	const char *type;
	char why[192];
	int w, h;
	size_t n = png(b, 30000, 30000);
	static const uint8_t jpeg[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08,
		0x01, 0x2c, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
	};

	CHECK(photo_probe(b, n, &type, &w, &h, why, sizeof why));
	CHECK_STR(type, "png");
	CHECK(w == 30000 && h == 30000);
	CHECK(!photo_decode(b, n, 64, PHOTO_MAX_PIXELS, &(struct photo_img){ 0 }, why, sizeof why));
	CHECK(strstr(why, "30000×30000") != NULL);
	CHECK(photo_probe(jpeg, sizeof jpeg, &type, &w, &h, why, sizeof why));
	CHECK_STR(type, "jpeg");
	CHECK(w == 600 && h == 300);
	CHECK(!photo_probe("GIF89a\x01\x00\x01\x00", 10, &type, &w, &h, why, sizeof why));
	CHECK(!photo_probe("hello, not a photo", 18, &type, &w, &h, why, sizeof why));
	CHECK(strstr(why, "not a photo") != NULL);
	CHECK(!photo_probe(jpeg, 4, &type, &w, &h, why, sizeof why));   /* no frame header yet */
}

static void test_decode_cells(void)
{
	uint8_t b[8400];
	struct photo_img img = { 0 };
	struct photo_cells c = { 0 };
	char why[192] = "";
	int cols, rows, blocks = 0, coloured = 0;
	size_t n = png(b, 40, 20);

	CHECK(photo_decode(b, n, 20, PHOTO_MAX_PIXELS, &img, why, sizeof why));
	CHECK(img.w == 20 && img.h == 10);   /* scaled to 20 a side, aspect kept */
	photo_fit(&img, 30, 30, &cols, &rows);
	CHECK(cols <= 30 && rows <= 30 && cols >= rows);
	CHECK(photo_cells(&img, cols, rows, PHOTO_256, &c));
	for (int i = 0; i < c.cols * c.rows; i++) {
		blocks += c.v[i].ch >= 0x2580 && c.v[i].ch <= 0x259f;
		coloured += c.v[i].fg >= 16 && c.v[i].fg <= 255;
	}
	CHECK(blocks > 0);
	CHECK(coloured == c.cols * c.rows);
	photo_cells_free(&c);
	CHECK(!photo_cells(&img, 0, 5, PHOTO_256, &c));
	photo_img_free(&img);
	/* cut short: libpng gives the rows that came (as viewers do) or fails */
	why[0] = '\0';
	if (photo_decode(b, n / 2, 20, PHOTO_MAX_PIXELS, &img, why, sizeof why))
		CHECK(img.w == 20 && img.h == 10 && img.rgba != NULL);
	else
		CHECK(img.rgba == NULL && why[0]);
	photo_img_free(&img);
	b[29] ^= 0xff;   /* IHDR's checksum: damaged */
	why[0] = '\0';
	CHECK(!photo_decode(b, n, 20, PHOTO_MAX_PIXELS, &img, why, sizeof why));
	CHECK(img.rgba == NULL && strstr(why, "damaged") != NULL);
	b[29] ^= 0xff;
	CHECK(!photo_decode(b, n, 20, 100, &img, why, sizeof why));   /* 800 pixels over a limit of 100 */
}

int main(void)
{
	RUN(test_probe);
	RUN(test_decode_cells);
	return unit_done();
}
