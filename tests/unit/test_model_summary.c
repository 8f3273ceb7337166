/* test_model_summary.c - the queue summary and the address kept against
 * coded (model_text.c; model_summary, model_address): every one comes
 * back byte for byte, coded or kept as it is (capitals,
 * Vietnamese letters in NFC, NFD marks, tabs and doubled spaces, other
 * scripts, a description cut inside a character, an empty one, an address
 * longer than MCASE_ADDRESS_PACKED), through the model too after updates
 * and a resync; and a Vietnamese summary packs to fewer bytes. */
#include "wardesk/wardesk.h"

#include "unit.h"
#include "wardesk/deskclock.h"
#include "wardesk/model.h"
#include "wardesk/model_impl.h"

static time_t T0;

/* The description's first MCASE_SUMMARY bytes, as the model cuts them. */
static size_t cut(const char *d)
{
	size_t full = strlen(d), ls = full < MCASE_SUMMARY ? full : MCASE_SUMMARY;

	while (ls > 0 && ls < full && ((unsigned char)d[ls] & 0xc0) == 0x80)
		ls--;
	return ls;
}

static const char *texts[] = {
	"Phản ánh số 54321: rác thải ùn ứ, nước ngập sau cơn mưa chiều, người dân đề nghị"
	" phường xử lý sớm tại khu vực hẻm 21, gần chợ",
	"ĐƯỜNG NGUYỄN ĐÌNH CHIỂU BỊ NGẬP, XE CHẾT MÁY HÀNG LOẠT",
	"Cây đổ chắn đường Lê Lợi",
	"Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A: NFD marks fold away, so this one is kept as it is",
	"tab\there  and  two spaces",
	"Xe 摩托 đậu trên vỉa hè",
	"",
	"a",
	"Ổ gà ở hẻm 12/3 Bến Thành, ống nước vỡ; đèn đường hỏng ở ngã tư, đề nghị phường cử người"
	" đến kiểm tra và xử lý trong ngày hôm nay, xin cảm ơn quý cán bộ",
	"  leading spaces and an ending space ",
};

static char long_addr[400];

/* The address of case id: one of texts[] or a long one. */
static const char *addr_of(int64_t id)
{
	if (id % 7 == 0)
		return long_addr;
	return texts[(size_t)(id * 3) % (sizeof texts / sizeof *texts)];
}

static void put(struct model *m, int64_t id, const char *desc)
{
	struct wd_case c = { 0 };
	char ref[16];

	snprintf(ref, sizeof ref, "CT-%lld", (long long)id);
	c.id = id;
	c.ref = ref;
	c.description = (char *)desc;
	c.address = (char *)addr_of(id);
	c.reporter_name = (char *)"Trần Thị Lan";
	c.reporter_phone = (char *)"0901234567";
	c.state = WD_NEW;
	c.deadline_at = T0 + id * 60;
	c.version = 1;
	model_put(m, &c, 0);
}

static void check_case(struct model *m, int64_t id, const char *desc)
{
	char buf[MCASE_SUMMARY + 1], want[MCASE_SUMMARY + 1], abuf[MCASE_ADDRESS_PACKED + 1];
	const struct mcase *c = model_find(m, id);
	size_t ls = cut(desc);

	memcpy(want, desc, ls);
	want[ls] = '\0';
	CHECK(c != NULL);
	if (c) {
		CHECK_STR(model_summary(c, buf), want);
		CHECK_STR(model_address(c, abuf), addr_of(id));
	}
}

static void test_roundtrip(void)
{
	struct model *m = model_new("an");
	size_t n = sizeof texts / sizeof *texts;

	for (size_t i = 0; i < n; i++)
		put(m, (int64_t)i + 1, texts[i]);
	for (size_t i = 0; i < n; i++)
		check_case(m, (int64_t)i + 1, texts[i]);
	/* updates move the texts around in the arena; a resync keeps them */
	for (size_t i = 0; i < n; i++)
		put(m, (int64_t)i + 1, texts[(i + 3) % n]);
	model_sweep_begin(m);
	for (size_t i = 0; i < n; i++)
		put(m, (int64_t)i + 1, texts[(i + 3) % n]);
	model_sweep_end(m);
	for (size_t i = 0; i < n; i++)
		check_case(m, (int64_t)i + 1, texts[(i + 3) % n]);
	/* the filter still sees the description past the summary */
	model_set_filter(m, "cam on quy can bo");
	CHECK_INT(model_visible(m), 1);
	model_free(&m);
}

/* The body of case id (after "ref\0"): its kind (MTEXT_*) and its record's length. */
static unsigned body_of(struct model *m, int64_t id, size_t *n)
{
	const struct mcase *c = model_find(m, id);
	const char *t = c ? ms_text(c, n) : NULL;

	return t ? (unsigned char)t[strlen(t) + 1] : 0;
}

/* Coded: a Vietnamese text in far fewer bytes than it has, and a second
 * case with the same words in fewer still; what cannot be coded is kept
 * as it is (and its filter still works). */
static void test_coded(void)
{
	struct model *m = model_new("an");
	size_t n1 = 0, n2 = 0, n3 = 0, raw = strlen(texts[0]) + strlen(addr_of(1)) + 40;
	char buf[MCASE_SUMMARY + 1];

	put(m, 1, texts[0]);
	put(m, 2, texts[0]);
	put(m, 3, texts[5]);   /* another script: not model_fast_fold's */
	CHECK(body_of(m, 1, &n1) == MTEXT_CODED);
	CHECK(body_of(m, 2, &n2) == MTEXT_CODED);
	CHECK(body_of(m, 3, &n3) == MTEXT_RAW);
	CHECK(n1 < raw / 2);
	CHECK(n2 < raw / 3);
	CHECK(strcmp(model_summary(model_find(m, 3), buf), texts[5]) == 0);
	model_set_filter(m, "xe 摩托");
	CHECK_INT(model_visible(m), 1);
	model_set_filter(m, "ct-3");
	CHECK_INT(model_visible(m), 1);
	model_set_filter(m, "HEM 21");
	CHECK_INT(model_visible(m), 2);
	model_set_filter(m, "0901234567 lan TRAN");
	CHECK_INT(model_visible(m), 3);
	/* a reference that is not plain ASCII is coded with the rest */
	struct wd_case c = { .id = 4, .ref = (char *)"Kỳ 4 Ạ", .description = (char *)"x", .version = 1 };
	model_put(m, &c, 0);
	CHECK(body_of(m, 4, &n3) == MTEXT_CODED_REF);
	CHECK_STR(model_find(m, 4)->ref, "Kỳ 4 Ạ");
	model_set_filter(m, "ky 4");
	CHECK_INT(model_visible(m), 1);
	CHECK(model_case_matches(model_find(m, 4), "KỲ"));
	CHECK(!model_case_matches(model_find(m, 3), "KỲ"));
	model_set_filter(m, "ct-");
	CHECK_INT(model_visible(m), 3);
	model_free(&m);
}

/* More words than the one- and two-byte codes hold (31 + 3,072): every
 * one comes back, and a filter word is found in every fold that holds it. */
static void test_many_words(void)
{
	struct model *m = model_new("an");
	char d[64], buf[MCASE_SUMMARY + 1];
	size_t n;

	for (int i = 0; i < 5000; i++) {
		snprintf(d, sizeof d, "Mục%d ổ gà", i);
		put(m, i + 1, d);
	}
	for (int i = 0; i < 5000; i += 499) {
		snprintf(d, sizeof d, "Mục%d ổ gà", i);
		CHECK_STR(model_summary(model_find(m, i + 1), buf), d);
	}
	CHECK(body_of(m, 4999 + 1, &n) == MTEXT_CODED);
	model_set_filter(m, "muc12");      /* 12, 120-129, 1200-1299 */
	CHECK_INT(model_visible(m), 111);
	model_set_filter(m, "muc4999 ga");
	CHECK_INT(model_visible(m), 1);
	model_set_filter(m, "MỤC4998");
	CHECK_INT(model_visible(m), 1);
	CHECK(model_case_matches(model_find(m, 4999), "muc4998 O"));
	model_free(&m);
}

/* Random Vietnamese-looking descriptions of every length through the model. */
static void test_random(void)
{
	static const char *w[] = { "Phường", "ĐẶNG", "ổ", "gà", "ống", "nước", "vỡ", "Ưu", "tiên",
		                   "xử", "lý", "12/3", "hẻm", "Ấp", "Bình", "Lợi", "ỵ", "ề", "x", "Ý" };
	unsigned st = 7;
	struct model *m = model_new("an");
	static char desc[400][640];   /* 59 words of at most 9 bytes and a space */

	for (int i = 0; i < 400; i++) {
		size_t len = 0;
		int nw = i % 60;

		desc[i][0] = '\0';
		for (int k = 0; k < nw && len + 16 < sizeof desc[i]; k++) {
			st = st * 1103515245u + 12345u;
			len += (size_t)snprintf(desc[i] + len, sizeof desc[i] - len, "%s%s",
			                        k ? " " : "", w[(st >> 8) % (sizeof w / sizeof *w)]);
		}
		put(m, i + 1, desc[i]);
	}
	for (int i = 0; i < 400; i++)
		check_case(m, i + 1, desc[i]);
	model_free(&m);
}

int main(void)
{
	T0 = desk_now();
	while (strlen(long_addr) < 300)   /* longer than MCASE_ADDRESS_PACKED: kept as it is */
		strcat(long_addr, "Đường Lê Lợi ");
	strcat(long_addr, "Q1");
	RUN(test_roundtrip);
	RUN(test_coded);
	RUN(test_many_words);
	RUN(test_random);
	return unit_done();
}
