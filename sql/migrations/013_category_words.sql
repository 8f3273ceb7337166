-- 013_category_words.sql - search words per category (issue 12, section 2).
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  categories.words: words a caller uses for
-- the category, comma-separated ("rác, nước thải, ..."); the phone-ticket
-- form's category chooser matches them as it matches code and name,
-- diacritics ignored ("rac" -> MT Môi trường).  Read through category_list
-- (sql/code/15_views.sql, which adds the column at the end of the view).
-- The default categories are seeded only where nobody has set words yet;
-- existing columns keep their values (tests/cli/upgrade_010.sh).  No
-- timestamptz column is added.

set role wardesk_owner;

alter table wardesk.categories
	add column words text not null default ''
	check (length(words) <= 1000);

update wardesk.categories k
   set words = s.words
  from (values
	('MT',   'rác, nước thải, khói, tiếng ồn, mùi'),
	('TTDT', 'lấn chiếm, vỉa hè, xây dựng, hàng rong'),
	('ANTT', 'đánh nhau, trộm, gây rối, an ninh'),
	('ATGT', 'tai nạn, kẹt xe, giao thông'),
	('HT',   'ổ gà, đèn đường, ngập, cống'),
	('CX',   'cây đổ, cây xanh, nhánh cây')
  ) as s(code, words)
 where k.code = s.code and k.words = '';

reset role;
