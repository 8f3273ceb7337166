-- 033_alert_category_en.sql - alerts_seen (sql/code/50_deadlines.sql)
-- returns the category's English name too (category_en, after marked), so
-- that a console in English names the category of a desktop notification
-- in English (it had only category_vi).  Its result type changes, which
-- CREATE OR REPLACE cannot do: the old one goes here, the code file makes
-- the new one.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.

drop function if exists wardesk.alerts_seen(bigint, bigint[]);
