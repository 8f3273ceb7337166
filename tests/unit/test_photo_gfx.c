/* test_photo_gfx.c - the full-screen photo's way of drawing (photo_gfx.h):
 * every combination of the setting, what the terminal database says, and
 * the reasons never to write pixels (not a terminal, TERM dumb, NO_COLOR,
 * monochrome); the setting's values; what the terminal database makes
 * of the environment (foot, mlterm, kitty, WezTerm; not inside tmux); the escape strings chafa makes (a
 * sixel DCS, kitty's APC) fitted to the cells given. */
#include "wardesk/wardesk.h"

#include "unit.h"
#include "wardesk/photo_gfx.h"

static void test_choose(void)
{
	static const struct {
		enum photo_gfx_pref pref;
		struct photo_term t;
		enum photo_gfx want;
	} cases[] = {
		/* auto follows the terminal database, kitty first */
		{ PHOTO_PREF_AUTO, { .tty = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_AUTO, { .tty = true, .sixel = true }, PHOTO_GFX_SIXEL },
		{ PHOTO_PREF_AUTO, { .tty = true, .kitty = true }, PHOTO_GFX_KITTY },
		{ PHOTO_PREF_AUTO, { .tty = true, .sixel = true, .kitty = true }, PHOTO_GFX_KITTY },
		/* forced: whatever the database says */
		{ PHOTO_PREF_SIXEL, { .tty = true }, PHOTO_GFX_SIXEL },
		{ PHOTO_PREF_SIXEL, { .tty = true, .kitty = true }, PHOTO_GFX_SIXEL },
		{ PHOTO_PREF_KITTY, { .tty = true }, PHOTO_GFX_KITTY },
		{ PHOTO_PREF_KITTY, { .tty = true, .sixel = true }, PHOTO_GFX_KITTY },
		{ PHOTO_PREF_SYMBOLS, { .tty = true, .sixel = true, .kitty = true }, PHOTO_GFX_SYMBOLS },
		/* never pixels: not a terminal, dumb, NO_COLOR, monochrome */
		{ PHOTO_PREF_SIXEL, { .sixel = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_AUTO, { .kitty = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_SIXEL, { .tty = true, .dumb = true, .sixel = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_KITTY, { .tty = true, .dumb = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_SIXEL, { .tty = true, .no_color = true, .sixel = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_AUTO, { .tty = true, .no_color = true, .kitty = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_SIXEL, { .tty = true, .mono = true, .sixel = true }, PHOTO_GFX_SYMBOLS },
		{ PHOTO_PREF_KITTY, { .tty = true, .mono = true, .kitty = true }, PHOTO_GFX_SYMBOLS },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		enum photo_gfx got = photo_gfx_choose(cases[i].pref, &cases[i].t);

		CHECK(got == cases[i].want);
		if (got != cases[i].want)
			fprintf(stderr, "  case %zu: got %d, want %d\n", i, (int)got, (int)cases[i].want);
	}
}

static void test_pref(void)
{
	enum photo_gfx_pref p = PHOTO_PREF_AUTO;

	CHECK(photo_gfx_pref_parse("sixel", &p) && p == PHOTO_PREF_SIXEL);
	CHECK(photo_gfx_pref_parse("KITTY", &p) && p == PHOTO_PREF_KITTY);
	CHECK(photo_gfx_pref_parse("symbols", &p) && p == PHOTO_PREF_SYMBOLS);
	CHECK(photo_gfx_pref_parse("auto", &p) && p == PHOTO_PREF_AUTO);
	CHECK(!photo_gfx_pref_parse("sixels", NULL));
	CHECK(!photo_gfx_pref_parse("", NULL));
	CHECK(!photo_gfx_pref_parse(NULL, NULL));
}

/* The terminal database through the environment (chafa_term_db_detect). */
static void test_detect(void)
{
	static const struct {
		const char *term, *program, *tmux;
		bool sixel, kitty, dumb;
	} cases[] = {
		{ "foot", NULL, NULL, true, false, false },
		{ "mlterm", NULL, NULL, true, false, false },
		{ "xterm-kitty", NULL, NULL, false, true, false },
		{ "xterm-256color", "WezTerm", NULL, true, false, false },
		{ "xterm-256color", NULL, NULL, false, false, false },
		{ "tmux-256color", "tmux", "/tmp/tmux-0/default,1,0", false, false, false },
		/* inside tmux, a TERM left from foot: tmux drops the sixels */
		{ "foot", NULL, "/tmp/tmux-0/default,1,0", false, false, false },
		{ "xterm-256color", "WezTerm", "/tmp/tmux-0/default,1,0", false, false, false },
		{ "dumb", NULL, NULL, false, false, true },
		{ NULL, NULL, NULL, false, false, true },
	};

	unsetenv("STY");
	unsetenv("NO_COLOR");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct photo_term t = { 0 };

		cases[i].term ? setenv("TERM", cases[i].term, 1) : unsetenv("TERM");
		cases[i].program ? setenv("TERM_PROGRAM", cases[i].program, 1) : unsetenv("TERM_PROGRAM");
		cases[i].tmux ? setenv("TMUX", cases[i].tmux, 1) : unsetenv("TMUX");
		photo_term_detect(&t);
		CHECK(t.sixel == cases[i].sixel && t.kitty == cases[i].kitty && t.dumb == cases[i].dumb);
		if (t.sixel != cases[i].sixel || t.kitty != cases[i].kitty || t.dumb != cases[i].dumb)
			fprintf(stderr, "  case %zu (%s): sixel %d kitty %d dumb %d\n", i,
			        cases[i].term ? cases[i].term : "no TERM", t.sixel, t.kitty, t.dumb);
		CHECK(!t.no_color);
	}
	setenv("NO_COLOR", "1", 1);
	{
		struct photo_term t = { 0 };

		photo_term_detect(&t);
		CHECK(t.no_color);
	}
	unsetenv("NO_COLOR");
}

/* A 40x20 image: red left half, blue right half. */
static void test_seq(void)
{
	struct photo_img img = { .w = 40, .h = 20 };
	char *s;
	int c = 0, r = 0;

	img.rgba = xcalloc(40 * 20, 4);
	for (int i = 0; i < 40 * 20; i++) {
		img.rgba[i * 4 + (i % 40 < 20 ? 0 : 2)] = 255;
		img.rgba[i * 4 + 3] = 255;
	}
	CHECK(photo_gfx_seq(&img, PHOTO_GFX_SYMBOLS, 80, 20, 10, 20, &c, &r) == NULL);
	CHECK(photo_gfx_seq(&img, PHOTO_GFX_SIXEL, 0, 20, 10, 20, &c, &r) == NULL);
	CHECK(photo_gfx_seq(&img, PHOTO_GFX_SIXEL, 80, 20, 0, 20, &c, &r) == NULL);

	/* 2:1 in pixels, cells of 10x20 pixels: four columns to a line */
	s = photo_gfx_seq(&img, PHOTO_GFX_SIXEL, 100, 10, 10, 20, &c, &r);
	CHECK(s != NULL && c == 40 && r == 10);   /* the height limits it */
	free(s);
	s = photo_gfx_seq(&img, PHOTO_GFX_SIXEL, 80, 30, 10, 20, &c, &r);
	CHECK(s != NULL && c == 80 && r == 20);   /* the width: enlarged to fill */
	CHECK(s && !strncmp(s, "\033P", 2) && strchr(s, 'q') != NULL);
	CHECK(s && strlen(s) > 4 && !strcmp(s + strlen(s) - 2, "\033\\"));
	free(s);

	s = photo_gfx_seq(&img, PHOTO_GFX_KITTY, 30, 30, 10, 20, &c, &r);
	CHECK(s != NULL && c == 30 && r == 7);   /* the width fills, 30 / 4 lines */
	CHECK(s && !strncmp(s, "\033_G", 3));
	{   /* the photo's own pixels, kitty enlarges them to c= x r= cells */
		int pw = 0, ph = 0, pc = 0, pr = 0;

		CHECK(s && sscanf(s, "\033_Ga=T,f=32,s=%d,v=%d,c=%d,r=%d", &pw, &ph, &pc, &pr) == 4);
		CHECK(pw > 0 && pw <= 40 && ph > 0 && ph <= 40 && pc == 30 && pr == 7);
	}
	free(s);
	photo_img_free(&img);
}

int main(void)
{
	RUN(test_choose);
	RUN(test_pref);
	RUN(test_detect);
	RUN(test_seq);
	return unit_done();
}
