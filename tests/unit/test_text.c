/* test_text.c - UTF-8 validation, NFC, width, fitting, sanitising, folding,
 * ASCII for terminals without UTF-8. */
#include "wardesk/wardesk.h"
#include "wardesk/text.h"

#include <json.h>
#include <uninorm.h>
#include <unistr.h>
#include <unictype.h>

#include "unit.h"

/* The same names, composed (NFC) and decomposed (NFD, as some phones send). */
#define NGUYEN_NFC "Nguy\xe1\xbb\x85n V\xc4\x83n An"          /* Nguyễn Văn An */
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An"
#define DINH_NFC "\xc4\x90inh B\xe1\xbb\x99 L\xc4\xa9nh"     /* Đinh Bộ Lĩnh */
#define DINH_NFD "\xc4\x90inh Bo\xcc\xa3\xcc\x82 Li\xcc\x83nh"
#define DIEN_NFD "\xc4\x90ie\xcc\xa3\xcc\x82n Bie\xcc\x82n Phu\xcc\x89"
#define CJK "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97"            /* 中文字 */
#define ELL "\xe2\x80\xa6"                                    /* … */
#define DOTTED "\xe2\x97\x8c"                                 /* ◌ */

static void test_valid_utf8(void)
{
	size_t bad = 99;

	CHECK(text_valid_utf8("", 0, NULL));
	CHECK(text_valid_utf8(NGUYEN_NFC, strlen(NGUYEN_NFC), NULL));
	CHECK(text_valid_utf8(NGUYEN_NFD, strlen(NGUYEN_NFD), NULL));
	CHECK(!text_valid_utf8("ab\xff", 3, &bad));
	CHECK_INT(bad, 2);
	CHECK(!text_valid_utf8("\xc0\xaf", 2, &bad));          /* overlong '/' */
	CHECK_INT(bad, 0);
	CHECK(!text_valid_utf8("x\xe0\x80\x80", 4, &bad));    /* overlong NUL */
	CHECK_INT(bad, 1);
	CHECK(!text_valid_utf8("\xed\xa0\x80", 3, NULL));     /* surrogate */
	CHECK(!text_valid_utf8("\xf4\x90\x80\x80", 4, NULL)); /* > U+10FFFF */
	CHECK(!text_valid_utf8("a\xe1\xbb", 3, &bad));        /* truncated */
	CHECK_INT(bad, 1);
	CHECK(text_valid_utf8("a\xe1\xbb", 1, NULL));         /* only n bytes count */
}

static void test_nfc(void)
{
	CHECK_STR_FREE(text_nfc(NGUYEN_NFD), NGUYEN_NFC);
	CHECK_STR_FREE(text_nfc(NGUYEN_NFC), NGUYEN_NFC);
	CHECK_STR_FREE(text_nfc(DINH_NFD), DINH_NFC);
	CHECK_STR_FREE(text_nfc(""), "");
	CHECK_STR_FREE(text_nfc("abc"), "abc");
	CHECK(text_nfc("a\xff") == NULL);
	CHECK(text_nfc("\xc0\xaf") == NULL);
}

static void test_length(void)
{
	CHECK_INT(text_length(""), 0);
	CHECK_INT(text_length(NGUYEN_NFC), 13);
	CHECK_INT(text_length(NGUYEN_NFD), 13);        /* counted in NFC */
	CHECK_INT(text_length(CJK), 3);
	CHECK_INT(text_length("a\xff\xfe"), 3);         /* not UTF-8: bytes */
}

static void test_width(void)
{
	CHECK_INT(text_width(""), 0);
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width(NGUYEN_NFC), 13);
	CHECK_INT(text_width(NGUYEN_NFD), 13);
	CHECK_INT(text_width(NGUYEN_NFC), text_width(NGUYEN_NFD));
	CHECK_INT(text_width(DINH_NFD), text_width(DINH_NFC));
	CHECK_INT(text_width(CJK), 6);
	CHECK_INT(text_width("a" CJK "b"), 8);
	CHECK_INT(text_width("\xf0\x9f\x98\x80"), 2);             /* 😀 */
	CHECK_INT(text_width(ELL), 1);
	CHECK_INT(text_width("e\xcc\x81\xcc\x82\xcc\x83"), 1);   /* stacked marks */
	CHECK_INT(text_width("\xc2\xa0"), 1);                     /* NBSP */
}

static void test_prefix(void)
{
	int w = -1;

	CHECK_INT(text_prefix_for_width("abcdef", 6, 3, &w), 3);
	CHECK_INT(w, 3);
	CHECK_INT(text_prefix_for_width("abcdef", 2, 3, &w), 2);
	CHECK_INT(w, 2);
	CHECK_INT(text_prefix_for_width("abc", 99, 10, &w), 3);  /* n past the NUL */
	CHECK_INT(text_prefix_for_width("abc", 3, 0, &w), 0);
	CHECK_INT(w, 0);
	CHECK_INT(text_prefix_for_width("abc", 3, -5, &w), 0);
	/* the marks stay with their base */
	CHECK_INT(text_prefix_for_width("e\xcc\x81x", 4, 1, &w), 3);
	CHECK_INT(w, 1);
	CHECK_INT(text_prefix_for_width(NGUYEN_NFD, strlen(NGUYEN_NFD), 6, &w),
	          strlen("Nguye\xcc\x82\xcc\x83n"));
	CHECK_INT(w, 6);
	CHECK_INT(text_prefix_for_width(NGUYEN_NFD, strlen(NGUYEN_NFD), 5, &w),
	          strlen("Nguye\xcc\x82\xcc\x83"));
	CHECK_INT(w, 5);
	/* a wide char that does not fit is left out whole */
	CHECK_INT(text_prefix_for_width(CJK, strlen(CJK), 3, &w), 3);
	CHECK_INT(w, 2);
	CHECK_INT(text_prefix_for_width(CJK, strlen(CJK), 1, &w), 0);
	CHECK_INT(w, 0);
	/* n cutting a character in the middle: stop before it */
	CHECK_INT(text_prefix_for_width(CJK, 4, 10, &w), 3);
	CHECK(text_prefix_for_width("ab", 2, 5, NULL) == 2);
}

static void test_fit(void)
{
	CHECK_STR_FREE(text_fit(NGUYEN_NFC, 6, false, false), "Nguy\xe1\xbb\x85n");
	CHECK_STR_FREE(text_fit(NGUYEN_NFD, 6, false, false), "Nguy\xe1\xbb\x85n");
	CHECK_STR_FREE(text_fit(NGUYEN_NFC, 6, true, true), "Nguy\xe1\xbb\x85" ELL);
	CHECK_STR_FREE(text_fit(NGUYEN_NFD, 6, true, true), "Nguy\xe1\xbb\x85" ELL);
	CHECK_STR_FREE(text_fit(NGUYEN_NFD, 13, false, true), NGUYEN_NFC);
	CHECK_STR_FREE(text_fit(NGUYEN_NFD, 15, true, true), NGUYEN_NFC "  ");
	CHECK_STR_FREE(text_fit(NGUYEN_NFC, 15, false, true), NGUYEN_NFC);
	/* the space before the cut is dropped, then padding restores the width */
	CHECK_STR_FREE(text_fit(NGUYEN_NFC, 8, true, true), "Nguy\xe1\xbb\x85n" ELL " ");
	CHECK_STR_FREE(text_fit(NGUYEN_NFC, 8, false, true), "Nguy\xe1\xbb\x85n" ELL);
	/* width 0 and below: empty, never NULL */
	CHECK_STR_FREE(text_fit("abc", 0, true, true), "");
	CHECK_STR_FREE(text_fit("abc", -3, true, true), "");
	CHECK_STR_FREE(text_fit("", 3, true, false), "   ");
	CHECK_STR_FREE(text_fit("", 0, false, false), "");
	CHECK_STR_FREE(text_fit("abc", 1, false, true), ELL);
	CHECK_STR_FREE(text_fit("a", 1, false, true), "a");
	/* wide characters */
	CHECK_STR_FREE(text_fit(CJK, 5, false, false), "\xe4\xb8\xad\xe6\x96\x87");
	CHECK_STR_FREE(text_fit(CJK, 5, true, false), "\xe4\xb8\xad\xe6\x96\x87 ");
	CHECK_STR_FREE(text_fit(CJK, 5, true, true), "\xe4\xb8\xad\xe6\x96\x87" ELL);
	CHECK_STR_FREE(text_fit(CJK, 4, true, true), "\xe4\xb8\xad" ELL " ");
	CHECK_STR_FREE(text_fit(CJK, 1, true, false), " ");
	CHECK_STR_FREE(text_fit(CJK, 6, true, true), CJK);
	/* the result always has the width asked for when padding */
	for (int cols = 0; cols < 16; cols++) {
		char *a = text_fit(NGUYEN_NFD, cols, true, true);
		char *b = text_fit("x" CJK CJK, cols, true, true);

		CHECK_NAMED(text_width(a) == cols, "fit NFD name to %d cols", cols);
		CHECK_NAMED(text_width(b) == cols, "fit CJK to %d cols", cols);
		free(a);
		free(b);
	}
	/* unsanitised input is sanitised */
	CHECK_STR_FREE(text_fit("a\x1b[2Jb", 20, false, false), "a^[[2Jb");
	CHECK_STR_FREE(text_fit("a\nb", 20, false, false), "a^Jb");
}

static void test_sanitize(void)
{
	CHECK_STR_FREE(text_sanitize("", false), "");
	CHECK_STR_FREE(text_sanitize("plain text 123/4", false), "plain text 123/4");
	CHECK_STR_FREE(text_sanitize(NGUYEN_NFC, false), NGUYEN_NFC);
	CHECK_STR_FREE(text_sanitize(NGUYEN_NFD, false), NGUYEN_NFC);
	CHECK_STR_FREE(text_sanitize(CJK "\xf0\x9f\x98\x80", false), CJK "\xf0\x9f\x98\x80");
	/* CSI, OSC 52 (clipboard write), DCS */
	CHECK_STR_FREE(text_sanitize("\x1b[31mred\x1b[0m", false), "^[[31mred^[[0m");
	CHECK_STR_FREE(text_sanitize("\x1b]52;c;ZXZpbA==\x07", false), "^[]52;c;ZXZpbA==^G");
	CHECK_STR_FREE(text_sanitize("\x1b]52;c;ZXZpbA==\x1b\\", false),
	               "^[]52;c;ZXZpbA==^[\\");
	CHECK_STR_FREE(text_sanitize("\x1bP+q544e\x1b\\", false), "^[P+q544e^[\\");
	/* C1 controls as code points and as raw bytes */
	CHECK_STR_FREE(text_sanitize("\xc2\x9b" "31m", false), "<U+009B>31m");
	CHECK_STR_FREE(text_sanitize("\xc2\x9d" "52;c;x\xc2\x9c", false),
	               "<U+009D>52;c;x<U+009C>");
	CHECK_STR_FREE(text_sanitize("\xc2\x80\xc2\x85\xc2\x9f", false),
	               "<U+0080><U+0085><U+009F>");
	CHECK_STR_FREE(text_sanitize("\x9b" "31m", false), "<9B>31m");
	CHECK_STR_FREE(text_sanitize("a\x90q\x9c", false), "a<90>q<9C>");
	/* bidi and other format controls */
	CHECK_STR_FREE(text_sanitize("abc\xe2\x80\xae" "fed", false), "abc<U+202E>fed");
	CHECK_STR_FREE(text_sanitize("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", false),
	               "<U+202A><U+202B><U+202C><U+202D>");
	CHECK_STR_FREE(text_sanitize("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", false),
	               "<U+2066><U+2067><U+2068><U+2069>");
	CHECK_STR_FREE(text_sanitize("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", false),
	               "<U+200E><U+200F><U+061C>");
	CHECK_STR_FREE(text_sanitize("\xef\xbb\xbfx", false), "<U+FEFF>x");
	CHECK_STR_FREE(text_sanitize("a\xe2\x80\x8b" "b\xe2\x80\x8d" "c\xc2\xad" "d", false),
	               "a<U+200B>b<U+200D>c<U+00AD>d");
	CHECK_STR_FREE(text_sanitize("\xf3\xa0\x81\x81", false), "<U+E0041>");   /* tag A */
	CHECK_STR_FREE(text_sanitize("\xe2\x80\xa8", false), "<U+2028>");
	CHECK_STR_FREE(text_sanitize("\xee\x80\x80", false), "<U+E000>");        /* private */
	CHECK_STR_FREE(text_sanitize("\xcd\xb8", false), "<U+0378>");            /* unassigned */
	CHECK_STR_FREE(text_sanitize("\xef\xbf\xbf", false), "<U+FFFF>");
	/* invalid UTF-8 */
	CHECK_STR_FREE(text_sanitize("\xff\xfe", false), "<FF><FE>");
	CHECK_STR_FREE(text_sanitize("\xc0\xaf", false), "<C0><AF>");
	CHECK_STR_FREE(text_sanitize("\xed\xa0\x80", false), "<ED><A0><80>");
	CHECK_STR_FREE(text_sanitize("x\xe1\xbb", false), "x<E1><BB>");
	CHECK_STR_FREE(text_sanitize("Nguy\xe1\xbb\x85n\xff" "An", false),
	               "Nguy\xe1\xbb\x85n<FF>An");
	/* C0, DEL, tabs and newlines */
	CHECK_STR_FREE(text_sanitize("\x01\x7f", false), "^A^?");
	CHECK_STR_FREE(text_sanitize("a\tb", false), "a^Ib");
	CHECK_STR_FREE(text_sanitize("a\tb", true), "a b");
	CHECK_STR_FREE(text_sanitize("a\nb", false), "a^Jb");
	CHECK_STR_FREE(text_sanitize("a\nb\n", true), "a\nb\n");
	CHECK_STR_FREE(text_sanitize("a\r\nb", true), "a\nb");
	CHECK_STR_FREE(text_sanitize("a\r\nb", false), "a^M^Jb");
	CHECK_STR_FREE(text_sanitize("a\rb", true), "a^Mb");
	CHECK_STR_FREE(text_sanitize("\x08\x1b", true), "^H^[");
	/* a combining mark with nothing to sit on gets a dotted circle */
	CHECK_STR_FREE(text_sanitize("\xcc\x81" "a", false), DOTTED "\xcc\x81" "a");
	CHECK_STR_FREE(text_sanitize("x\n\xcc\x81", true), "x\n" DOTTED "\xcc\x81");
	/* kept: NBSP, ideographic space, punctuation, symbols */
	CHECK_STR_FREE(text_sanitize("1\xc2\xa0" "2\xe3\x80\x80\xe2\x82\xab", false),
	               "1\xc2\xa0" "2\xe3\x80\x80\xe2\x82\xab");
}

/* Everything text_sanitize returns must be harmless, whatever went in. */
static bool safe_output(const char *s, bool keep_newlines)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	if (u8_check(p, n) != NULL)
		return false;
	while (n > 0) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p, n);

		if ((uc < 0x20 && !(uc == '\n' && keep_newlines)) || (uc >= 0x7f && uc <= 0x9f))
			return false;
		if (uc_is_general_category(uc, UC_CATEGORY_C) ||
		    uc_is_general_category(uc, UC_CATEGORY_Zl) ||
		    uc_is_general_category(uc, UC_CATEGORY_Zp))
			if (!(uc == '\n' && keep_newlines))
				return false;
		p += len;
		n -= (size_t)len;
	}
	return true;
}

static void test_sanitize_fuzz(void)
{
	/* Bytes weighted towards the troublesome ones. */
	static const unsigned char pool[] = {
		0x1b, '[', ']', 'P', '\\', 0x07, '\n', '\t', '\r', 0x7f, 'a', ' ', ';',
		0x80, 0x85, 0x9b, 0x9d, 0xc2, 0xc0, 0xe2, 0x80, 0xae, 0xa6, 0x8e, 0xcc,
		0x81, 0xed, 0xa0, 0xef, 0xbb, 0xbf, 0xf0, 0xf3, 0xa0, 0xff, 0xfe, 0xd8, 0x9c,
	};
	unsigned long seed = 12345;
	int bad = 0, tested = 0;

	for (int i = 0; i < 20000; i++) {
		char in[24];
		int len = (int)(seed % 23);

		for (int j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			in[j] = (char)((seed >> 33) % 3 == 0 ? (seed >> 40) & 0xff
			                                     : pool[(seed >> 40) % sizeof pool]);
			if (in[j] == '\0')
				in[j] = 'z';
		}
		in[len] = '\0';
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		for (int k = 0; k < 2; k++) {
			char *out = text_sanitize(in, k == 1);
			char *fit = text_fit(in, 7, true, true);
			char **lines = text_wrap(in, 5);

			tested++;
			if (!safe_output(out, k == 1) || !safe_output(fit, false) ||
			    text_width(fit) != 7)
				bad++;
			for (char **l = lines; *l != NULL; l++)
				if (!safe_output(*l, false))
					bad++;
			free(out);
			free(fit);
			text_lines_free(lines);
		}
	}
	CHECK_INT(bad, 0);
	CHECK(tested == 40000);
}

/* ---- escaping for JSON and TSV ---- */

/* Read a text_escape_tsv cell back. */
static char *tsv_unescape(const char *s)
{
	struct strbuf sb = { 0 };

	sb_add(&sb, "", 0);
	for (const char *p = s; *p; p++) {
		unsigned long v;
		uint8_t buf[6];
		int n;

		if (*p != '\\') {
			sb_putc(&sb, *p);
			continue;
		}
		switch (*++p) {
		case '\\': sb_putc(&sb, '\\'); continue;
		case 't': sb_putc(&sb, '\t'); continue;
		case 'n': sb_putc(&sb, '\n'); continue;
		case 'r': sb_putc(&sb, '\r'); continue;
		case 'e': sb_putc(&sb, 0x1b); continue;
		case 'x': n = 2; break;
		case 'u': n = 4; break;
		case 'U': n = 8; break;
		default: sb_free(&sb); return xstrdup("<bad escape>");
		}
		{
			char hex[9] = { 0 };

			memcpy(hex, p + 1, (size_t)n);
			v = strtoul(hex, NULL, 16);
			p += n;
		}
		n = u8_uctomb(buf, (ucs4_t)v, (ptrdiff_t)sizeof buf);
		sb_add(&sb, (const char *)buf, (size_t)n);
	}
	return sb_steal(&sb);
}

/* Only printable ASCII and safe characters (text_sanitize keeps them). */
static bool escaped_clean(const char *s, bool json_ws)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	if (u8_check(p, n) != NULL)
		return false;
	while (n > 0) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p, n);

		if (uc < 0x20 && !(json_ws && (uc == '\n' || uc == '\t' || uc == '\r')))
			return false;
		if (uc >= 0x7f && uc <= 0x9f)
			return false;
		if (uc >= 0x80 && (uc_is_general_category(uc, UC_CATEGORY_C) ||
		                   uc_is_general_category(uc, UC_CATEGORY_Zl) ||
		                   uc_is_general_category(uc, UC_CATEGORY_Zp)))
			return false;
		p += len;
		n -= (size_t)len;
	}
	return true;
}

/* ESC ] 0 ; title BEL, CSI, C1 CSI, RLO, ZWSP */
#define HOSTILE "a\x1b]0;title\x07" "b\x1b[2Jc\xc2\x9b" "31md\xe2\x80\xae" "e\xe2\x80\x8b" "f"

static void test_escape_tsv(void)
{
	CHECK_STR_FREE(text_escape_tsv(""), "");
	CHECK_STR_FREE(text_escape_tsv(NGUYEN_NFC " 123/4"), NGUYEN_NFC " 123/4");
	CHECK_STR_FREE(text_escape_tsv(NGUYEN_NFD), NGUYEN_NFD);        /* not normalised */
	CHECK_STR_FREE(text_escape_tsv("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
	CHECK_STR_FREE(text_escape_tsv(HOSTILE),
	               "a\\e]0;title\\x07b\\e[2Jc\\x9b31md\\u202ee\\u200bf");
	CHECK_STR_FREE(text_escape_tsv("\x01\x7f\xc2\x80\xc2\x9f"), "\\x01\\x7f\\x80\\x9f");
	CHECK_STR_FREE(text_escape_tsv("\xd8\x9c\xe2\x80\x8e\xe2\x81\xa6\xef\xbb\xbf\xe2\x80\xa8"),
	               "\\u061c\\u200e\\u2066\\ufeff\\u2028");
	CHECK_STR_FREE(text_escape_tsv("\xf3\xa0\x81\x81"), "\\U000e0041");      /* tag A */
	CHECK_STR_FREE(text_escape_tsv("x\xff"), "x\\ufffd");
	CHECK_STR_FREE(text_escape_tsv("1\xc2\xa0" "2\xe2\x82\xab"), "1\xc2\xa0" "2\xe2\x82\xab");
}

static char *json_round(const char *s, char **escaped)
{
	struct json_object *o = json_object_new_string(s), *back;
	char *got;

	*escaped = text_escape_json(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
	back = json_tokener_parse(*escaped);
	got = xstrdup(back && json_object_is_type(back, json_type_string)
	              ? json_object_get_string(back) : "<not a JSON string>");
	json_object_put(o);
	json_object_put(back);
	return got;
}

static void test_escape_json(void)
{
	char *esc, *back;

	CHECK_STR_FREE(text_escape_json("[\n  \"a\",\n\t1\r\n]"), "[\n  \"a\",\n\t1\r\n]");
	CHECK_STR_FREE(text_escape_json("\"" NGUYEN_NFD "\""), "\"" NGUYEN_NFD "\"");
	CHECK_STR_FREE(text_escape_json("\"c\xc2\x9b" "d\x7f\xe2\x80\xae\xe2\x80\x8b\""),
	               "\"c\\u009bd\\u007f\\u202e\\u200b\"");
	CHECK_STR_FREE(text_escape_json("\"\xf3\xa0\x81\x81\""), "\"\\udb40\\udc41\"");
	CHECK_STR_FREE(text_escape_json("\"x\xff\""), "\"x\\ufffd\"");
	back = json_round(HOSTILE, &esc);
	CHECK_STR(back, HOSTILE);
	CHECK(escaped_clean(esc, true));
	free(esc);
	free(back);
}

/* Random text with the troublesome characters: the escaped forms are clean
 * and read back to the very same string. */
static void test_escape_fuzz(void)
{
	static const char *const pool[] = {
		"\x1b", "[", "]", "\x07", "\n", "\t", "\r", "\\", "\"", "\x7f", "a", " ", "u",
		"\xc2\x9b", "\xc2\x85", "\xe2\x80\xae", "\xe2\x80\x8b", "\xef\xbb\xbf", "\xd8\x9c",
		"\xe2\x81\xa6", "\xe2\x80\xa8", "\xf3\xa0\x81\x81", "\xee\x80\x80", "\xcc\x81",
		"\xe1\xbb\x85", "\xf0\x9f\x98\x80", "\x01", "\xc2\xa0",
	};
	unsigned long seed = 4242;
	int bad = 0;

	for (int i = 0; i < 5000; i++) {
		struct strbuf in = { 0 };
		int len = (int)(seed % 17);
		char *t, *back, *esc;

		sb_add(&in, "", 0);
		for (int j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			sb_puts(&in, pool[(seed >> 33) % ARRAY_SIZE(pool)]);
		}
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		t = text_escape_tsv(in.s);
		back = tsv_unescape(t);
		if (!escaped_clean(t, false) || strchr(t, '\t') || strcmp(back, in.s))
			bad++;
		free(t);
		free(back);
		back = json_round(in.s, &esc);
		if (!escaped_clean(esc, true) || strcmp(back, in.s))
			bad++;
		free(esc);
		free(back);
		sb_free(&in);
	}
	CHECK_INT(bad, 0);
}

/* text_nfc_quick's characters, one by one: combining class 0, not a mark
 * (nor a Hangul vowel or trailing consonant: the ccc-0 seconds of a
 * composition), NFC of itself is itself.  And the quick check says "no" for
 * what is not NFC: NFD, a lone mark, a singleton (U+2126 OHM -> U+03A9). */
static void test_nfc_quick_chars(void)
{
	long yes = 0, bad = 0;

	for (ucs4_t uc = 0; uc <= 0x10ffff; uc++) {
		uint8_t b[6], *nfc;
		int n;
		size_t len = 0;

		if (uc >= 0xd800 && uc <= 0xdfff)
			continue;
		n = u8_uctomb(b, uc, (ptrdiff_t)sizeof b);
		if (n <= 0 || !text_nfc_quick((const char *)b, (size_t)n))
			continue;
		yes++;
		nfc = u8_normalize(UNINORM_NFC, b, (size_t)n, NULL, &len);
		if (uc_combining_class(uc) != 0 || uc_is_general_category(uc, UC_CATEGORY_M) ||
		    (uc >= 0x1160 && uc <= 0x11ff) || nfc == NULL || len != (size_t)n ||
		    memcmp(nfc, b, len) != 0) {
			if (bad++ < 5)
				printf("# not NFC-stable: U+%04X\n", (unsigned)uc);
		}
		free(nfc);
	}
	CHECK_INT(bad, 0);
	CHECK(yes > 0x300 + 0x100);
	CHECK(text_nfc_quick(NGUYEN_NFC, strlen(NGUYEN_NFC)));
	CHECK(text_nfc_quick(DINH_NFC "\xe2\x89\x88\xe2\x98\x8e" ELL, strlen(DINH_NFC) + 9));
	CHECK(!text_nfc_quick(NGUYEN_NFD, strlen(NGUYEN_NFD)));
	CHECK(!text_nfc_quick("e\xcc\x81", 3));
	CHECK(!text_nfc_quick("\xe2\x84\xa6", 3));   /* U+2126 */
	CHECK(!text_nfc_quick("a\xff", 2));
	CHECK(!text_nfc_quick("a\xe1\xbb", 3));       /* cut in a character */
}

/* The quick path of text_sanitize against normalising every run: random
 * strings of NFC and NFD Vietnamese, lone and stacked marks, bidi and
 * format characters, C0/C1 controls, escape sequences, Hangul jamo,
 * singletons and invalid bytes.  s and s with every valid run put in NFC
 * (by u8_normalize) must sanitise the same; a quick "yes" means NFC. */
static void test_sanitize_quick(void)
{
	static const char *const pool[] = {
		"a", " ", "Z", "\x1b[31m", "\x07", "\n", "\t", "\x7f", "\xc2\x9b", "\xc2\x85",
		"\xe2\x80\xae", "\xe2\x81\xa6", "\xd8\x9c", "\xe2\x80\x8b", "\xef\xbb\xbf",
		"\xcc\x81", "\xcc\x82", "\xcc\xa3", "\xcc\x83", "\xcd\x80", "\xe2\x84\xa6",
		"\xe1\x84\x80", "\xe1\x85\xa1", "\xe1\x86\xa8", "\xea\xb0\x80",
		"\xe1\xbb\x85", "\xc4\x83", "\xc6\xa1", "\xc6\xb0", "\xc4\x91", "e", "o", "u",
		NGUYEN_NFD, DINH_NFD, DIEN_NFD, NGUYEN_NFC, CJK, ELL, "\xe2\x89\x88",
		"\xe2\x98\x8e", "\xf0\x9f\x98\x80", "\xff", "\xc0\xaf", "\xe1\xbb",
		"\xed\xa0\x80", "\xe0\xa4\x95", "\xe0\xa4\xbc", "\xe0\xaf\x86",
		"\xe0\xae\xbe", "\xc2\xa0", "\xe2\x80\xa8",
	};
	unsigned long seed = 1414;
	int bad = 0, quick = 0;

	for (int i = 0; i < 20000; i++) {
		struct strbuf in = { 0 }, nfc = { 0 };
		int len = (int)(seed % 9);
		const char *p;
		char *a, *b;

		sb_add(&in, "", 0);
		sb_add(&nfc, "", 0);
		for (int j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			sb_puts(&in, pool[(seed >> 33) % ARRAY_SIZE(pool)]);
		}
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		/* the same with each valid run in NFC, the invalid bytes kept */
		for (p = in.s; *p;) {
			const uint8_t *badp = u8_check((const uint8_t *)p, strlen(p));
			size_t run = badp ? (size_t)(badp - (const uint8_t *)p) : strlen(p);
			char *r = xstrndup(p, run), *n = text_nfc(r);

			sb_puts(&nfc, n);
			free(r);
			free(n);
			p += run;
			if (*p)
				sb_putc(&nfc, *p++);
		}
		if (text_nfc_quick(in.s, in.len)) {
			quick++;
			if (strcmp(in.s, nfc.s) != 0)
				bad++;
		}
		for (int k = 0; k < 2; k++) {
			a = text_sanitize(in.s, k);
			b = text_sanitize(nfc.s, k);
			if (strcmp(a, b) != 0 && bad++ < 5)
				printf("# sanitised differently: %s\n", a);
			free(a);
			free(b);
		}
		sb_free(&in);
		sb_free(&nfc);
	}
	CHECK_INT(bad, 0);
	CHECK(quick > 1000);
}

static void check_lines(char **got, const char *const *want, const char *name)
{
	size_t i = 0;
	bool ok = true;

	for (; want[i] != NULL; i++)
		if (got[i] == NULL || strcmp(got[i], want[i]) != 0) {
			ok = false;
			break;
		}
	if (ok && got[i] != NULL)
		ok = false;
	CHECK_NAMED(ok, "wrap: %s", name);
	if (!ok)
		for (i = 0; got[i] != NULL; i++)
			printf("#   line %zu: [%s]\n", i, got[i]);
	text_lines_free(got);
}

static void test_wrap(void)
{
	{
		const char *w[] = { "Nguy\xe1\xbb\x85n V\xc4\x83n", "An s\xe1\xbb\x91ng \xe1\xbb\x9f",
		                    "B\xc3\xacnh Th\xe1\xba\xa1nh", NULL };
		check_lines(text_wrap("Nguy\xe1\xbb\x85n V\xc4\x83n An s\xe1\xbb\x91ng \xe1\xbb\x9f "
		                      "B\xc3\xacnh Th\xe1\xba\xa1nh", 10), w, "greedy, NFC");
	}
	{
		const char *w[] = { "Nguy\xe1\xbb\x85n", "V\xc4\x83n An", NULL };
		check_lines(text_wrap(NGUYEN_NFD, 6), w, "NFD word exactly fills");
	}
	{
		const char *w[] = { "abcd", "efgh", "ij k", NULL };
		check_lines(text_wrap("abcdefghij k", 4), w, "long word cut");
	}
	{
		const char *w[] = { "x", "abcd", "ef", NULL };
		check_lines(text_wrap("x abcdef", 4), w, "long word after a short one");
	}
	{
		const char *w[] = { "\xc3\xa9\xc3\xa9", "\xc3\xa9\xc3\xa9", "\xc3\xa9", NULL };
		check_lines(text_wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2),
		            w, "marks never split from base");
	}
	{
		const char *w[] = { "\xe4\xb8\xad", "\xe6\x96\x87", NULL };
		check_lines(text_wrap("\xe4\xb8\xad\xe6\x96\x87", 1), w, "wide char in 1 column");
	}
	{
		const char *w[] = { "\xe4\xb8\xad\xe6\x96\x87", "\xe5\xad\x97", NULL };
		check_lines(text_wrap(CJK, 5), w, "CJK without spaces");
	}
	{
		const char *w[] = { "a", "", "b", NULL };
		check_lines(text_wrap("a\n\nb", 10), w, "blank line kept");
	}
	{
		const char *w[] = { "a", NULL };
		check_lines(text_wrap("a\n", 10), w, "final newline");
	}
	{
		const char *w[] = { NULL };
		check_lines(text_wrap("", 10), w, "empty text, no lines");
	}
	{
		const char *w[] = { "a b", "c", NULL };
		check_lines(text_wrap("  a \t b   c ", 3), w, "spaces and tabs collapse");
	}
	{
		const char *w[] = { "^[[2J", "x", NULL };
		check_lines(text_wrap("\x1b[2J x", 5), w, "escapes sanitised");
	}
	{
		const char *w[] = { "a", "b", NULL };
		check_lines(text_wrap("a\r\nb", 0), w, "cols 0 acts as 1; CRLF");
	}
	text_lines_free(NULL);
}

static void test_fold(void)
{
	CHECK_STR_FREE(text_fold(DINH_NFC), "dinh bo linh");
	CHECK_STR_FREE(text_fold(DINH_NFD), "dinh bo linh");
	CHECK_STR_FREE(text_fold("NGUY\xe1\xbb\x84N"), "nguyen");              /* NGUYỄN */
	CHECK_STR_FREE(text_fold(NGUYEN_NFD), "nguyen van an");
	CHECK_STR_FREE(text_fold(DIEN_NFD), "dien bien phu");
	CHECK_STR_FREE(text_fold("\xc4\x91\xc6\xb0\xe1\xbb\x9dng \xc4\x91i\xe1\xbb\x87n"),
	               "duong dien");                                        /* đường điện */
	CHECK_STR_FREE(text_fold("\xc6\xaf\xe1\xbb\x9cNG"), "uong");          /* ƯỜNG */
	CHECK_STR_FREE(text_fold("  X\xc3\xb4   Vi\xe1\xba\xbft\t\nNgh\xe1\xbb\x87  "),
	               "xo viet nghe");
	CHECK_STR_FREE(text_fold("123/4 L\xc3\xaa Quang \xc4\x90\xe1\xbb\x8bnh"),
	               "123/4 le quang dinh");
	CHECK_STR_FREE(text_fold("a\xff" "b\xc0\xaf" "c"), "abc");
	CHECK_STR_FREE(text_fold("Nguy\xc2\xad" "en\xe2\x80\x8b"), "nguyen");
	CHECK_STR_FREE(text_fold("a\xc2\xa0" "b\xe3\x80\x80" "c"), "a b c");
	CHECK_STR_FREE(text_fold(""), "");
	CHECK_STR_FREE(text_fold("   "), "");
}

static void test_fold_match(void)
{
	char *hay = text_fold("Nguy\xe1\xbb\x85n V\xc4\x83n An, 12 \xc4\x90i\xe1\xbb\x87n "
	                      "Bi\xc3\xaan Ph\xe1\xbb\xa7");

	CHECK(text_fold_match(hay, "nguyen"));
	CHECK(text_fold_match(hay, "nguyen an"));
	CHECK(text_fold_match(hay, "an nguyen"));
	CHECK(text_fold_match(hay, "dien bien phu"));
	CHECK(text_fold_match(hay, "guy"));
	CHECK(text_fold_match(hay, ""));
	CHECK(text_fold_match(hay, "   "));
	CHECK(text_fold_match(hay, " van  12 "));
	CHECK(!text_fold_match(hay, "nguyen z"));
	CHECK(!text_fold_match(hay, "van ann"));
	CHECK(!text_fold_match(hay, "xo"));
	{
		char *needle = text_fold("NGUY\xe1\xbb\x84N  v\xc4\x83n");

		CHECK(text_fold_match(hay, needle));
		free(needle);
	}
	CHECK(!text_fold_match("", "a"));
	CHECK(text_fold_match("", ""));
	free(hay);
}

/* For a terminal without UTF-8: case kept, marks dropped, symbols in ASCII,
 * nothing >= 0x80 left. */
static void test_ascii(void)
{
	char *a;

	CHECK_STR_FREE(text_ascii(DINH_NFC), "Dinh Bo Linh");
	CHECK_STR_FREE(text_ascii(DINH_NFD), "Dinh Bo Linh");
	CHECK_STR_FREE(text_ascii(NGUYEN_NFD), "Nguyen Van An");
	CHECK_STR_FREE(text_ascii("Ph\xc6\xb0\xe1\xbb\x9dng B\xc3\xacnh Th\xe1\xba\xa1nh"),
	               "Phuong Binh Thanh");
	CHECK_STR_FREE(text_ascii("\xc6\xaf\xe1\xbb\x9cNG \xc4\x91i"), "UONG di");
	CHECK_STR_FREE(text_ascii("BT-1 \xc2\xb7 x" ELL), "BT-1 . x...");
	CHECK_STR_FREE(text_ascii("\xe2\x98\x8e" "P \xe2\x94\x82 !!\xe2\x9c\x93"), "TP | !!v");
	CHECK_STR_FREE(text_ascii(CJK), "???");
	CHECK_STR_FREE(text_ascii("a\xff" "b"), "a?b");
	a = text_ascii("\xe2\x80\x9c" NGUYEN_NFC "\xe2\x80\x9d " CJK " \xf0\x9f\x98\x80");
	for (const char *p = a; *p; p++)
		CHECK((unsigned char)*p < 0x80);
	free(a);
}

int main(void)
{
	RUN(test_valid_utf8);
	RUN(test_nfc);
	RUN(test_length);
	RUN(test_width);
	RUN(test_prefix);
	RUN(test_fit);
	RUN(test_sanitize);
	RUN(test_sanitize_fuzz);
	RUN(test_escape_tsv);
	RUN(test_escape_json);
	RUN(test_escape_fuzz);
	RUN(test_nfc_quick_chars);
	RUN(test_sanitize_quick);
	RUN(test_wrap);
	RUN(test_fold);
	RUN(test_fold_match);
	RUN(test_ascii);
	return unit_done();
}
