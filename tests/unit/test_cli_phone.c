/* test_cli_phone.c - the chair's phone: the text of a message (at most 160
 * characters, sanitised, ASCII or not), the argv of the command (placeholders
 * inside words, nothing split) and the phone-retry list. */
#include "wardesk/wardesk.h"
#include "wardesk/cli_phone.h"
#include "wardesk/config.h"

#include "unit.h"

static struct wd_phone_msg msg(char *address)
{
	struct wd_phone_msg m = {
		.id = 7, .attempt = 1, .recipient = "chutich", .number = "0912345678",
		.kind = "escalation", .ref = "BT-31", .category = "MT Môi trường", .address = address,
		.deadline_at = 100000 + 14 * 60 + 30, .now = 100000,
	};
	return m;
}

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void test_text(void)
{
	struct wd_phone_msg m = msg("45 Nơ Trang Long");
	char *t = phone_text(&m, true);

	CHECK_STR(t, "BT-31 escalated, 14 min left: MT Moi truong, 45 No Trang Long");
	free(t);
	t = phone_text(&m, false);
	CHECK_STR(t, "BT-31 escalated, 14 min left: MT Môi trường, 45 Nơ Trang Long");
	free(t);
	m.kind = "overdue";
	m.now = m.deadline_at + 5 * 60;
	m.address = NULL;
	t = phone_text(&m, true);
	CHECK_STR(t, "BT-31 OVERDUE, 5 min overdue: MT Moi truong, -");
	free(t);
}

static void test_sanitised_and_cut(void)
{
	struct strbuf sb = { 0 };
	struct wd_phone_msg m;
	char *t;

	sb_puts(&sb, "12 Lê Lợi\x1b[31m\xe2\x80\xae\tX\r\n");
	for (int i = 0; i < 40; i++)
		sb_puts(&sb, "Đường Điện Biên Phủ ");
	m = msg(sb.s);
	t = phone_text(&m, false);
	CHECK(chars(t) == 160);
	CHECK(!strchr(t, '\x1b') && !strchr(t, '\n') && !strchr(t, '\t'));
	CHECK(!strstr(t, "\xe2\x80\xae"));
	CHECK(strstr(t, "12 Lê Lợi^[[31m<U+202E> X ") != NULL);
	free(t);
	t = phone_text(&m, true);
	CHECK(strlen(t) == 160);
	for (const char *p = t; *p; p++)
		CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
	free(t);
	sb_free(&sb);
}

static void test_argv(void)
{
	char *tmpl[] = { "gammu-smsd-inject", "TEXT", "{number}", "-text", "{message}",
	                 "to={login}/{kind}/{ref}", "{intl}", "{other}", NULL };
	struct wd_phone_msg m = msg("x");
	char **argv = phone_argv(tmpl, &m, "a b; $(rm -rf /) 'q' \"d\"");

	CHECK_STR(argv[0], "gammu-smsd-inject");
	CHECK_STR(argv[2], "0912345678");
	CHECK_STR(argv[4], "a b; $(rm -rf /) 'q' \"d\"");
	CHECK_STR(argv[5], "to=chutich/escalation/BT-31");
	CHECK_STR(argv[6], "+84912345678");
	CHECK_STR(argv[7], "{other}");
	CHECK(argv[8] == NULL);
	config_words_free(argv);
}

static void test_retry_list(void)
{
	long v[4];

	CHECK_INT(config_retry_list("30,120,600", v, 4), 3);
	CHECK(v[0] == 30 && v[1] == 120 && v[2] == 600);
	CHECK_INT(config_retry_list("", v, 4), 0);
	CHECK_INT(config_retry_list("30,,60", v, 4), -1);
	CHECK_INT(config_retry_list("30,", v, 4), -1);
	CHECK_INT(config_retry_list("-1", v, 4), -1);
	CHECK_INT(config_retry_list("1,2,3,4,5", v, 4), -1);
	CHECK_INT(config_retry_list("ten", v, 4), -1);
}

int main(void)
{
	RUN(test_text);
	RUN(test_sanitised_and_cut);
	RUN(test_argv);
	RUN(test_retry_list);
	return unit_done();
}
