/* test_words.c - the domain words table (words.h) and the small case
 * rules (caserules.h): no terminal, no database.
 *
 * Also prints the table's database spellings as TAP comments,
 *     # words state: new in_progress resolved reopened
 * which tests/cli/words.sh compares with the database's CHECK constraints. */
#include "wardesk/wardesk.h"

#include "unit.h"

#include "wardesk/caserules.h"
#include "wardesk/words.h"

static const int counts[WORD_KIND_COUNT] = {
	[WORD_STATE] = WD_STATE_COUNT, [WORD_ROLE] = WD_ROLE_NONE,
	[WORD_CHANNEL] = WD_CH_COUNT, [WORD_REASON] = WD_REASON_COUNT,
};

/* Every enum value has exactly one row, in enum order, with labels. */
static void test_complete(void)
{
	for (int k = 0; k < WORD_KIND_COUNT; k++) {
		size_t i;

		for (i = 0; word_at((enum word_kind)k, i); i++) {
			const struct word *w = word_at((enum word_kind)k, i);

			CHECK_NAMED(w->value == (int)i, "%s row %zu has value %zu", word_kind_name(w->kind), i, i);
			CHECK_NAMED(w->db && *w->db && w->label && *w->label && w->long_label && *w->long_label,
			            "%s %s has its spellings", word_kind_name(w->kind), w->db);
			CHECK_NAMED(word_find_db((enum word_kind)k, w->db) == w, "%s %s found by spelling",
			            word_kind_name(w->kind), w->db);
			CHECK_NAMED(word_find((enum word_kind)k, w->value) == w, "%s %s found by value",
			            word_kind_name(w->kind), w->db);
		}
		CHECK_NAMED((int)i == counts[k], "%s: %zu rows for %d enum values",
		            word_kind_name((enum word_kind)k), i, counts[k]);
	}
	CHECK(word_find(WORD_STATE, WD_STATE_COUNT) == NULL);
	CHECK(word_find_db(WORD_STATE, "open") == NULL);
	CHECK(word_find_db(WORD_STATE, NULL) == NULL);
}

/* The table agrees with store.c's spellings (the store parses the rows it
 * reads with its own names). */
static void test_store_names(void)
{
	for (int s = 0; s < WD_STATE_COUNT; s++)
		CHECK_STR(word_find(WORD_STATE, s)->db, wd_state_name((enum wd_state)s));
	for (int c = 0; c < WD_CH_COUNT; c++)
		CHECK_STR(word_find(WORD_CHANNEL, c)->db, wd_channel_name((enum wd_channel)c));
	for (int r = 0; r < WD_ROLE_NONE; r++)
		CHECK_STR(word_find(WORD_ROLE, r)->db, wd_role_name((enum wd_role)r));
}

static void test_labels(void)
{
	CHECK_STR(word_label(WORD_STATE, WD_IN_PROGRESS), "in progress");
	CHECK_STR(word_label(WORD_STATE, 99), "?");
	CHECK_STR(word_label(WORD_CHANNEL, WD_CH_HOTLINE), "phone");
	CHECK_STR(word_label(WORD_CHANNEL, WD_CH_WALKIN), "desk");
	CHECK_STR(word_label(WORD_CHANNEL, WD_CH_IMPORT), "feed");
	CHECK_STR(word_reason_label("transferred"), "transferred to another unit");
	CHECK_STR(word_reason_label("not_ours"), "not ours");
	CHECK_STR(word_reason_label("mystery"), "mystery");
	CHECK_STR(word_reason_label(NULL), "");
	CHECK_STR(word_role_label(WD_ROLE_CHAIR), "chair");
	CHECK_STR(word_role_label(WD_ROLE_NONE), "not an officer");
	CHECK_STR(word_long(WORD_STATE, WD_REOPENED), "reopened");
}

static void test_chain_mark(void)
{
	struct mcase c;
	enum mark_tone t;

	memset(&c, 0, sizeof c);
	c.state = WD_IN_PROGRESS;
	CHECK_STR(chain_mark(&c, &t), "");
	CHECK(t == TONE_DEFAULT);
	c.chain = MCHAIN_ACKED;
	CHECK_STR(chain_mark(&c, &t), "\xe2\x9c\x93");
	CHECK(t == TONE_DIM);
	c.chain = 0;
	c.escalation = 1;
	CHECK_STR(chain_mark(&c, &t), "!");
	CHECK(t == TONE_ESCALATED);
	c.chain = MCHAIN_ACKED;
	CHECK_STR(chain_mark(&c, &t), "!\xe2\x9c\x93");
	CHECK(t == TONE_DIM);
	c.chain = 0;
	c.escalation = 2;
	CHECK_STR(chain_mark(&c, &t), "!!");
	CHECK(t == TONE_OVERDUE);
	c.chain = MCHAIN_ACKED | MCHAIN_WARNED;
	CHECK_STR(chain_mark(&c, &t), "!!\xe2\x9c\x93");
	CHECK(t == TONE_DIM);
	c.state = WD_RESOLVED;   /* a resolved case shows no mark */
	CHECK_STR(chain_mark(&c, &t), "");
	CHECK(t == TONE_DEFAULT);
}

/* The queue's footer until wardesk.can() answers (screen_queue_can.c):
 * the same rule as 60_roles.sql, read from the row. */
static void test_row_allows(void)
{
	struct mcase c = { .id = 1, .state = WD_RESOLVED };

	CHECK(!case_row_allows(WD_PERM_TAKE, &c, false, false));
	CHECK(!case_row_allows(WD_PERM_CLOSE, &c, false, true));
	CHECK(!case_row_allows(WD_PERM_ESCALATE, &c, false, true));
	CHECK(!case_row_allows(WD_PERM_ACK, &c, false, true));
	CHECK(case_row_allows(WD_PERM_REOPEN, &c, false, true));
	c.state = WD_NEW;
	CHECK(case_row_allows(WD_PERM_TAKE, &c, false, false));
	CHECK(!case_row_allows(WD_PERM_CLOSE, &c, false, true));
	CHECK(!case_row_allows(WD_PERM_REOPEN, &c, false, true));
	CHECK(case_row_allows(WD_PERM_ESCALATE, &c, false, false));
	CHECK(!case_row_allows(WD_PERM_ACK, &c, false, false));
	c.state = WD_IN_PROGRESS;
	c.owner = 3;
	CHECK(!case_row_allows(WD_PERM_TAKE, &c, true, false));
	CHECK(case_row_allows(WD_PERM_CLOSE, &c, true, false));
	CHECK(!case_row_allows(WD_PERM_CLOSE, &c, false, false));
	CHECK(case_row_allows(WD_PERM_CLOSE, &c, false, true));
	CHECK(!case_row_allows(WD_PERM_ESCALATE, &c, false, false));
	c.chain = MCHAIN_WARNED;
	CHECK(case_row_allows(WD_PERM_ACK, &c, true, false));
	CHECK(!case_row_allows(WD_PERM_ACK, &c, false, false));
	c.escalation = 1;   /* escalated: only the chair acknowledges */
	CHECK(!case_row_allows(WD_PERM_ACK, &c, true, false));
	CHECK(case_row_allows(WD_PERM_ACK, &c, false, true));
	CHECK(!case_row_allows(WD_PERM_ESCALATE, &c, true, true));
	c.chain |= MCHAIN_ACKED;
	CHECK(!case_row_allows(WD_PERM_ACK, &c, false, true));
	CHECK(case_row_allows(WD_PERM_REPORT, &c, false, false));
}

/* The start-up line's overdue count says whose they are. */
static void test_overdue_text(void)
{
	char *t;

	CHECK_STR((t = overdue_text(5, 2)), "5 overdue, 2 of them yours");
	free(t);
	CHECK_STR((t = overdue_text(3, 0)), "3 overdue, none of them yours");
	free(t);
	CHECK_STR((t = overdue_text(1, 1)), "1 overdue, yours");
	free(t);
}

static void test_state_refusal(void)
{
	CHECK(case_state_refusal(CASE_CLOSE, WD_IN_PROGRESS) == NULL);
	CHECK(case_state_refusal(CASE_CLOSE, WD_NEW) != NULL);
	CHECK(case_state_refusal(CASE_CLOSE, WD_RESOLVED) != NULL);
	/* closing a resolved case: not the advice to take it (a resolved case
	 * cannot be taken; the newcomer's trial of 2026-12-02 was told to) */
	CHECK(case_state_refusal(CASE_CLOSE, WD_RESOLVED) &&
	      strstr(case_state_refusal(CASE_CLOSE, WD_RESOLVED), "take it first") == NULL);
	CHECK(case_state_refusal(CASE_ACK, WD_NEW) == NULL);
	CHECK(case_state_refusal(CASE_ACK, WD_RESOLVED) != NULL);
	CHECK(case_state_refusal(CASE_REOPEN, WD_RESOLVED) == NULL);
	CHECK(case_state_refusal(CASE_REOPEN, WD_REOPENED) != NULL);
}

/* For tests/cli/words.sh: "# words KIND: db db db" */
static void print_lists(void)
{
	for (int k = 0; k < WORD_KIND_COUNT; k++) {
		const struct word *w;

		printf("# words %s:", word_kind_name((enum word_kind)k));
		for (size_t i = 0; (w = word_at((enum word_kind)k, i)); i++)
			printf(" %s", w->db);
		putchar('\n');
	}
}

int main(void)
{
	RUN(test_complete);
	RUN(test_store_names);
	RUN(test_labels);
	RUN(test_chain_mark);
	RUN(test_state_refusal);
	RUN(test_row_allows);
	RUN(test_overdue_text);
	print_lists();
	return unit_done();
}
