/* test_model.c - the console's case model (model.h) without a terminal or a
 * database: insert / update / remove by id, order, views and their counts,
 * the filter (diacritic-insensitive, NFC and NFD), full resyncs. */
#include "wardesk/wardesk.h"

#include "unit.h"
#include "wardesk/deskclock.h"
#include "wardesk/model.h"
#include "wardesk/text.h"

#define MIN 60
#define HOUR 3600

static time_t T0;   /* the desk clock when the test started */

/* A case row as the store would hand it over. */
static struct wd_case mk(int64_t id, const char *ref, enum wd_state state, const char *owner,
                         time_t deadline, const char *desc, const char *addr)
{
	struct wd_case c = { 0 };

	c.id = id;
	c.ref = (char *)ref;
	c.version = 1;
	c.state = state;
	c.channel = WD_CH_HOTLINE;
	c.category = (char *)"MT";
	c.description = (char *)desc;
	c.address = (char *)addr;
	c.owner = (char *)owner;
	c.deadline_at = deadline;
	c.warn_min = 30;
	c.received_at = T0 - HOUR;
	return c;
}

static void put(struct model *m, struct wd_case c)
{
	model_put(m, &c, 0);
}

/* ids of the visible rows, as "1,2,3". */
static const char *rows(const struct model *m)
{
	static char buf[256];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < model_visible(m) && len < sizeof buf - 24; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%lld", i ? "," : "",
		                        (long long)model_row(m, i)->id);
	return buf;
}

static const char *all(const struct model *m)
{
	static char buf[256];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < model_count(m) && len < sizeof buf - 24; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%lld", i ? "," : "",
		                        (long long)model_at(m, i)->id);
	return buf;
}

/* The ward of every test: five cases with distinct views. */
static struct model *ward(void)
{
	struct model *m = model_new("an");
	struct wd_case c;

	put(m, mk(1, "BT-1", WD_NEW, NULL, T0 + 5 * HOUR, "Rác thải ùn ứ trước chợ",
	          "Chợ Bến Thành, Lê Lợi"));
	put(m, mk(2, "BT-2", WD_IN_PROGRESS, "an", T0 + 10 * MIN, "Đèn đường hỏng",
	          "Đường Đinh Bộ Lĩnh"));
	c = mk(3, "BT-3", WD_IN_PROGRESS, "binh", T0 + 2 * HOUR, "Nước ngập sau mưa", NULL);
	c.escalation = 1;
	c.reporter_phone = (char *)"0901234567";
	c.reporter_name = (char *)"Nguyễn Văn Hùng";
	put(m, c);
	put(m, mk(4, "BT-4", WD_REOPENED, NULL, T0 - 5 * MIN, "Cây đổ chắn lối đi", "Hẻm 12"));
	c = mk(5, "BT-5", WD_RESOLVED, "an", T0 + HOUR, "Ổ gà trên đường", "Lê Thánh Tôn");
	c.closed_at = T0;
	put(m, c);
	return m;
}

static void test_views_names(void)
{
	CHECK_STR(view_name(VIEW_INCOMING), "incoming");
	CHECK_STR(view_name(VIEW_RESOLVED), "resolved");
	CHECK_INT(view_parse("mine"), VIEW_MINE);
	CHECK_INT(view_parse("overdue"), VIEW_DUE);
	CHECK_INT(view_parse("all"), VIEW_OPEN);
	CHECK_INT(view_parse("today"), VIEW_RESOLVED);
	CHECK_INT(view_parse("unowned"), VIEW_INCOMING);
	CHECK_INT(view_parse("nope"), -1);
	CHECK_INT(view_parse(NULL), -1);
}

static void test_sort(void)
{
	struct model *m = model_new("an");

	put(m, mk(7, "BT-7", WD_NEW, NULL, T0 + 3 * HOUR, "c", NULL));
	put(m, mk(3, "BT-3", WD_NEW, NULL, T0 + HOUR, "a", NULL));
	put(m, mk(9, "BT-9", WD_NEW, NULL, T0 + 2 * HOUR, "b", NULL));
	put(m, mk(4, "BT-4", WD_NEW, NULL, T0 + HOUR, "same deadline: by id", NULL));
	CHECK_INT(model_count(m), 4);
	CHECK_STR(all(m), "3,4,9,7");
	CHECK_STR(rows(m), "3,4,9,7");
	/* a deadline moved: the case moves, nothing else */
	put(m, mk(7, "BT-7", WD_NEW, NULL, T0 + 30 * MIN, "c", NULL));
	CHECK_STR(all(m), "7,3,4,9");
	CHECK_STR(rows(m), "7,3,4,9");
	CHECK_INT(model_row_of(m, 9), 3);
	CHECK_INT(model_row_of(m, 12345), -1);
	model_free(&m);
	CHECK(m == NULL);
}

static void test_insert_update_remove(void)
{
	struct model *m = ward();
	struct wd_case c;
	struct mcase *mc;

	CHECK_INT(model_count(m), 5);
	mc = model_find(m, 3);
	CHECK(mc != NULL);
	CHECK_STR(mc ? mc->ref : NULL, "BT-3");
	CHECK_STR(mc ? model_owner(m, mc) : NULL, "binh");
	CHECK_STR(mc ? model_category(m, mc) : NULL, "MT");
	CHECK(model_find_ref(m, "bt-4") == model_find(m, 4));
	CHECK(model_find_ref(m, "BT-99") == NULL);
	CHECK(model_find(m, 99) == NULL);

	/* update by id: a known case stays arrived (seen_at), the rest follows the row */
	c = mk(77, "BT-77", WD_NEW, NULL, T0 + HOUR, "new one", NULL);
	c.callback = true;
	model_put(m, &c, 1234);
	CHECK_INT(model_find(m, 77)->flags, MCASE_ARRIVED | MCASE_CALLBACK);
	c = mk(77, "BT-77", WD_IN_PROGRESS, "an", T0 + HOUR, "new one", NULL);
	c.version = 2;
	model_put(m, &c, 0);
	mc = model_find(m, 77);
	CHECK_INT(mc->flags, MCASE_ARRIVED);
	c = mk(78, "BT-78", WD_NEW, NULL, T0 + HOUR, "before new_since", NULL);
	model_put(m, &c, 0);
	model_put(m, &c, 1234);
	CHECK_INT(model_find(m, 78)->flags, 0);
	model_remove(m, 78);
	CHECK_INT(mc->version, 2);
	CHECK_INT(mc->state, WD_IN_PROGRESS);
	CHECK_STR(model_owner(m, mc), "an");
	CHECK_INT(model_count(m), 6);

	/* remove by id, twice (the second is a no-op) */
	model_remove(m, 77);
	model_remove(m, 77);
	CHECK(model_find(m, 77) == NULL);
	CHECK_INT(model_count(m), 5);
	model_remove(m, 1);
	CHECK(model_find(m, 1) == NULL);
	CHECK(model_find(m, 2) != NULL);
	CHECK_STR(all(m), "4,2,5,3");
	model_free(&m);
}

static void test_many(void)
{
	struct model *m = model_new(NULL);
	char ref[32];
	bool found = true;

	/* enough to grow the hash several times and shift on delete */
	for (int i = 1; i <= 3000; i++) {
		snprintf(ref, sizeof ref, "BT-%d", i);
		put(m, mk(i, ref, WD_NEW, NULL, T0 + (i % 97) * MIN, "x", NULL));
	}
	for (int i = 1; i <= 3000; i += 2)
		model_remove(m, i);
	CHECK_INT(model_count(m), 1500);
	for (int i = 1; i <= 3000; i++)
		if ((model_find(m, i) != NULL) != (i % 2 == 0))
			found = false;
	CHECK(found);
	for (size_t i = 1; i < model_count(m); i++) {
		const struct mcase *a = model_at(m, i - 1), *b = model_at(m, i);

		if (a->deadline > b->deadline || (a->deadline == b->deadline && a->id >= b->id))
			found = false;
	}
	CHECK(found);   /* still in (deadline, id) order */
	model_free(&m);
}

static void test_views(void)
{
	struct model *m = ward();

	model_set_view(m, VIEW_OPEN);
	CHECK_INT(model_view(m), VIEW_OPEN);
	CHECK_STR(rows(m), "4,2,3,1");
	model_set_view(m, VIEW_INCOMING);
	CHECK_STR(rows(m), "4,1");
	model_set_view(m, VIEW_MINE);
	CHECK_STR(rows(m), "2");
	model_set_view(m, VIEW_DUE);
	CHECK_STR(rows(m), "4,2");       /* overdue, and due within warn_min */
	model_set_view(m, VIEW_ESCALATED);
	CHECK_STR(rows(m), "3");
	model_set_view(m, VIEW_RESOLVED);
	CHECK_STR(rows(m), "5");
	CHECK_INT(model_view_count(m, VIEW_INCOMING), 2);
	CHECK_INT(model_view_count(m, VIEW_MINE), 1);
	CHECK_INT(model_view_count(m, VIEW_OPEN), 4);
	CHECK_INT(model_view_count(m, VIEW_DUE), 2);
	CHECK_INT(model_view_count(m, VIEW_ESCALATED), 1);
	CHECK_INT(model_view_count(m, VIEW_RESOLVED), 1);

	/* an update moves a case between views and counts */
	model_set_view(m, VIEW_INCOMING);
	put(m, mk(1, "BT-1", WD_IN_PROGRESS, "an", T0 + 5 * HOUR, "Rác thải ùn ứ trước chợ",
	          "Chợ Bến Thành, Lê Lợi"));
	CHECK_STR(rows(m), "4");
	CHECK_INT(model_view_count(m, VIEW_INCOMING), 1);
	CHECK_INT(model_view_count(m, VIEW_MINE), 2);
	model_set_view(m, VIEW_MINE);
	CHECK_STR(rows(m), "2,1");

	/* me changes: mine follows */
	model_set_me(m, "binh");
	CHECK_STR(rows(m), "3");
	model_set_me(m, NULL);
	CHECK_STR(rows(m), "");
	model_set_view(m, VIEW_COUNT);   /* ignored */
	CHECK_INT(model_view(m), VIEW_MINE);
	model_free(&m);
}

static void test_filter(void)
{
	struct model *m = ward();

	model_set_view(m, VIEW_OPEN);
	model_set_filter(m, "ben thanh");
	CHECK_STR(model_filter(m), "ben thanh");
	CHECK_STR(rows(m), "1");
	model_set_filter(m, "BẾN THÀNH");                 /* upper case, NFC */
	CHECK_STR(rows(m), "1");
	model_set_filter(m, "Be\xcc\x82\xcc\x81n");     /* "Bến" in NFD */
	CHECK_STR(rows(m), "1");
	model_set_filter(m, "dinh bo linh");              /* đ folds to d */
	CHECK_STR(rows(m), "2");
	model_set_filter(m, "0901");                      /* the phone */
	CHECK_STR(rows(m), "3");
	model_set_filter(m, "hung");                      /* the reporter */
	CHECK_STR(rows(m), "3");
	model_set_filter(m, "bt-4");                      /* the reference */
	CHECK_STR(rows(m), "4");
	model_set_filter(m, "  lợi   chợ ");              /* words in any order, spaces */
	CHECK_STR(rows(m), "1");
	model_set_filter(m, "zzz");
	CHECK_STR(rows(m), "");
	model_set_filter(m, "");
	CHECK_STR(model_filter(m), "");
	CHECK_STR(rows(m), "4,2,3,1");
	model_set_filter(m, "\xcc\x81");                  /* only a combining mark: no filter */
	CHECK_STR(rows(m), "4,2,3,1");

	/* typing narrows, deleting widens: same rows as filtering afresh */
	{
		const char *typed = "duong";
		char part[16];
		bool same = true;

		for (size_t n = 1; n <= strlen(typed); n++) {
			char narrow[64];
			struct model *fresh = ward();

			snprintf(part, n + 1, "%s", typed);
			model_set_filter(m, part);
			snprintf(narrow, sizeof narrow, "%s", rows(m));
			model_set_view(fresh, VIEW_OPEN);
			model_set_filter(fresh, part);
			if (strcmp(narrow, rows(fresh)))
				same = false;
			model_free(&fresh);
		}
		CHECK(same);
		CHECK_STR(rows(m), "2");
		model_set_filter(m, "du");
		CHECK_STR(rows(m), "2");   /* widened again */
	}
	/* the filter applies to new rows and views too */
	model_set_filter(m, "ben thanh");
	put(m, mk(8, "BT-8", WD_NEW, NULL, T0 + 20 * HOUR, "Vỉa hè Bến Thành", NULL));
	CHECK_STR(rows(m), "1,8");
	model_set_view(m, VIEW_INCOMING);
	CHECK_STR(rows(m), "1,8");
	model_free(&m);
}

static void test_fold(void)
{
	char *nfd = model_fold("\xc4\x90inh Bo\xcc\xa3\xcc\x82 Li\xcc\x83nh");

	CHECK_STR_FREE(model_fold("Đinh Bộ Lĩnh"), "dinh bo linh");
	CHECK_STR(nfd, "dinh bo linh");
	free(nfd);
	CHECK_STR_FREE(model_fold("  Chợ\tBến   Thành \n"), "cho ben thanh");
	CHECK_STR_FREE(model_fold("ỨNG DỤNG"), "ung dung");
	/* outside the fast path: the same as text_fold */
	{
		const char *s = "Ωmega 東京 Bến";
		char *a = model_fold(s), *b = text_fold(s);

		CHECK_STR(a, b);
		free(a);
		free(b);
	}
}

static void test_sweep(void)
{
	struct model *m = ward();

	model_set_view(m, VIEW_OPEN);
	model_sweep_begin(m);
	put(m, mk(2, "BT-2", WD_IN_PROGRESS, "an", T0 + 10 * MIN, "Đèn đường hỏng", NULL));
	put(m, mk(6, "BT-6", WD_NEW, NULL, T0 + 4 * HOUR, "Mới", NULL));
	model_sweep_end(m);
	CHECK_STR(all(m), "2,6");
	CHECK_STR(rows(m), "2,6");
	CHECK_INT(model_view_count(m, VIEW_INCOMING), 1);

	/* an aborted resync keeps everything it had */
	model_sweep_begin(m);
	put(m, mk(9, "BT-9", WD_NEW, NULL, T0 + 6 * HOUR, "x", NULL));
	model_sweep_abort(m);
	CHECK_STR(all(m), "2,6,9");
	model_free(&m);
}

static void test_midnight(void)
{
	/* 2026-03-01 00:00 +07 = 2026-02-28 17:00 UTC */
	time_t mid = 1772298000;

	CHECK_INT(model_local_midnight(mid), mid);
	CHECK_INT(model_local_midnight(mid + 86399), mid);
	CHECK_INT(model_local_midnight(mid + 86400), mid + 86400);
	CHECK_INT(model_local_midnight(mid - 1), mid - 86400);
}

/* A ward with no cases: the snapshot sweep of an empty model must not hand
 * qsort a NULL array (UBSan: "null pointer passed as argument 1"; found by
 * make check-asan on the first connect of a console to an empty ward). */
static void test_empty_sweep(void)
{
	struct model *m = model_new("an");

	model_sweep_begin(m);
	model_sweep_end(m);
	CHECK(model_count(m) == 0);
	CHECK(model_visible(m) == 0);
	model_sweep_begin(m);
	model_sweep_end(m);
	CHECK(model_count(m) == 0);
	model_free(&m);
	CHECK(m == NULL);
}

/* struct mcase keeps times in 32 bits (seconds since 1970, to 2106): past
 * 2038 exactly, outside the range held at its ends, in order and views. */
static void test_times32(void)
{
	struct model *m = model_new("an");
	const time_t y2100 = 4102444800;     /* 2100-01-01, past int32_t */
	struct wd_case c;
	const struct mcase *mc;

	CHECK(sizeof(struct mcase) <= 40);
	c = mk(1, "BT-1", WD_NEW, NULL, y2100 + 7, "xa", NULL);
	c.closed_at = y2100 + 9;
	model_put(m, &c, y2100 + 11);
	mc = model_find(m, 1);
	CHECK(mc->deadline == y2100 + 7);
	CHECK(mc->closed_at == y2100 + 9);
	CHECK(mc->flags & MCASE_ARRIVED);
	put(m, mk(2, "BT-2", WD_NEW, NULL, -5, "before 1970", NULL));
	put(m, mk(3, "BT-3", WD_NEW, NULL, (time_t)1 << 40, "after 2106", NULL));
	put(m, mk(4, "BT-4", WD_NEW, NULL, T0 + HOUR, "now", NULL));
	CHECK(model_find(m, 2)->deadline == 0);
	CHECK(model_find(m, 3)->deadline == UINT32_MAX);
	model_set_view(m, VIEW_OPEN);
	CHECK_STR(rows(m), "2,4,1,3");
	model_set_view(m, VIEW_DUE);
	CHECK_STR(rows(m), "2");          /* overdue; the others are hours or years away */
	model_free(&m);
}

/* model_case_key: equal for the same row put again, different when
 * anything the queue draws or filters by changed (live.c draws a
 * confirmation's answer only then). */
static bool key_same(struct model *m, const struct wd_case *c)
{
	struct strbuf a = { 0 }, b = { 0 };
	bool same;

	model_case_key(model_find(m, c->id), &a);
	model_put(m, c, 0);
	model_case_key(model_find(m, c->id), &b);
	same = a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
	sb_free(&a);
	sb_free(&b);
	return same;
}

static void test_case_key(void)
{
	struct model *m = model_new("an");
	struct wd_case c = mk(5, "BT-5", WD_NEW, NULL, T0 + HOUR, "Rác thải", "12 Nguyễn Xí");

	c.reporter_phone = (char *)"0909123456";
	model_put(m, &c, 1234);
	CHECK(key_same(m, &c));
	c.address = (char *)"12 Nguyễn Xí ";
	CHECK(!key_same(m, &c));   /* the text */
	CHECK(key_same(m, &c));
	c.reporter_phone = (char *)"0909123457";
	CHECK(!key_same(m, &c));   /* the searched text only */
	c.owner = (char *)"binh";
	CHECK(!key_same(m, &c));
	c.version = 999;
	CHECK(!key_same(m, &c));
	c.urgent = true;
	CHECK(!key_same(m, &c));
	c.deadline_at++;
	CHECK(!key_same(m, &c));
	c.ack_at = T0;
	CHECK(!key_same(m, &c));
	CHECK(key_same(m, &c));
	model_free(&m);
}

int main(void)
{
	T0 = desk_now();
	RUN(test_empty_sweep);
	RUN(test_views_names);
	RUN(test_sort);
	RUN(test_insert_update_remove);
	RUN(test_many);
	RUN(test_views);
	RUN(test_filter);
	RUN(test_fold);
	RUN(test_sweep);
	RUN(test_midnight);
	RUN(test_times32);
	RUN(test_case_key);
	return unit_done();
}
