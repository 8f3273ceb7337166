-- 019_callbacks.sql - call-backs (issue 16 §0): every reporter who came by
-- phone or in person, or asked to be called, hears the result of a resolved
-- case from the hotline.  The table of call attempts and the ward setting
-- callback_hours.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns, grants and data, as a superuser inside db init's transaction.
-- The code: sql/code/57_callbacks.sql (callback_list, callback_record, the
-- hours); the ward_isolation policy of the new table is in 90_policies.sql.
--
-- A reporter is named by a key: the ref of a case for that case's own
-- reporter (cases.reporter_*: the resolved case's, or a duplicate's closed
-- into it), 'r' and the id of a wardesk.case_reporters row otherwise.  cycle:
-- the number of times the case had been reopened when the call was made, so
-- a reopened and again resolved case puts its reporters back on the list
-- with no attempts.  Staff read the rows of their ward (row-level
-- security); only callback_record writes them.

set role wardesk_owner;

insert into wardesk.settings(key, value, description) values
	('callback_hours', '07:00-21:00',
	 'daytime hours in which the hotline calls reporters back (HH:MM-HH:MM, Asia/Ho_Chi_Minh)')
on conflict (key) do nothing;

create table wardesk.callback_attempts (
	id bigint generated always as identity primary key,
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	reporter text not null check (reporter ~ '^([A-Z]{1,8}-[1-9][0-9]*|r[1-9][0-9]*)$'),
	cycle int not null default 0 check (cycle >= 0),
	attempt int not null check (attempt between 1 and 3),
	at timestamptz not null default wardesk.now(),
	by text not null default session_user,
	outcome text not null check (outcome in ('reached', 'no_answer', 'wrong_number')),
	rating smallint check (rating between 1 and 5),
	comment text check (char_length(comment) <= 4000),
	next_at timestamptz,
	constraint callback_attempts_rating_reached check (rating is null or outcome = 'reached'),
	constraint callback_attempts_next_no_answer check (next_at is null or outcome = 'no_answer'),
	constraint callback_attempts_at_finite check (isfinite(at)),
	constraint callback_attempts_next_at_finite check (isfinite(next_at)),
	constraint callback_attempts_one_per_try unique (case_id, reporter, cycle, attempt)
);
create index on wardesk.callback_attempts(ward_id, at);

alter table wardesk.callback_attempts enable row level security;
alter table wardesk.callback_attempts force row level security;

reset role;
