-- 15_views.sql - the views: case_list, case_queue, category_list, setting_list,
-- officer_list, on_duty_now, handover_list, pending_handovers; case_rows.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: cases, categories, wards, officers (001_core.sql; cases gets
-- columns in 002_intake.sql and 003_deadlines.sql), shifts, handovers,
-- handover_cases (004_roles_shifts.sql), settings (003_deadlines.sql),
-- setting_ward (009_ward_scope.sql).  Early in the order because the
-- SQL functions of later files (board, board_summary) read these views.
--
-- create or replace view keeps grants and dependent objects, but may only
-- add columns at the end, and "*" is expanded when a view is made: a
-- migration that adds a column to cases drops case_list (cases.*) with
-- "drop view if exists ... cascade" (case_rows below returns its row type),
-- and this file makes both again with the new column; likewise
-- pending_handovers (handover_list.*) when handover_list changes.
-- security_invoker: row-level security applies to the reader.

set role wardesk_owner;

-- Cases with their category, holder, ward and duplicate's ref.  due: ok |
-- warn | critical | overdue for open cases (by the category thresholds of
-- the case's priority, 014_priority.sql, and wardesk.now()), NULL when
-- resolved.  deadline_min/warn_min/escalate_min: those of its priority.
-- Readers list urgent cases first: order by (priority = 'urgent') desc,
-- deadline_at, id.  late: resolved after the deadline
-- (NULL while open).
create or replace view wardesk.case_list with (security_invoker = true) as
select c.*,
       k.name_vi as category_vi,
       k.name_en as category_en,
       l.deadline_min, l.warn_min, l.escalate_min,
       o.full_name as owner_name,
       w.code as ward_code,
       d.ref as duplicate_of_ref,
       -- (select wardesk.now()): evaluated once per query, not per row
       case when c.state = 'resolved' then null
            when c.deadline_at <= (select wardesk.now()) then 'overdue'
            when c.deadline_at <= (select wardesk.now()) + make_interval(mins => l.escalate_min) then 'critical'
            when c.deadline_at <= (select wardesk.now()) + make_interval(mins => l.warn_min) then 'warn'
            else 'ok' end as due,
       case when c.state = 'resolved' then c.closed_at > c.deadline_at end as late
  from wardesk.cases c
  join wardesk.categories k on k.code = c.category
  -- the ward's thresholds for the case's priority (12_ward_scope.sql)
  join wardesk.priority_limits l on l.ward_id = c.ward_id and l.code = c.category and l.priority = c.priority
  join wardesk.wards w on w.id = c.ward_id
  left join wardesk.officers o on o.login = c.owner
  left join wardesk.cases d on d.id = c.duplicate_of;

-- The queue's columns of cases (what the console's case model keeps:
-- QUEUE_COLUMNS in src/store_cases.c; and what its lists filter and sort
-- on) with the warn minutes of the case's priority: case_list without the
-- joins the queue does not need (the category's names, the holder's name,
-- the ward's code, the duplicate's reference).  The console's first page
-- and its whole-ward snapshot read it: a new backend plans and runs the
-- first page in about 5 ms less than over case_list (issue 14).  Named
-- columns, not c.*: a column added to cases does not change it.
create or replace view wardesk.case_queue with (security_invoker = true) as
select c.id, c.ward_id, c.ref, c.version, c.state, c.channel, c.escalation, c.category,
       c.description, c.address, c.reporter_name, c.reporter_phone, c.owner,
       c.received_at, c.deadline_at, c.closed_at, c.warned_at, c.ack_at,
       c.hotline_line, c.callback_wanted, c.flags, c.priority,
       l.warn_min
  from wardesk.cases c
  -- the ward's thresholds for the case's priority, as case_list
  join wardesk.priority_limits l on l.ward_id = c.ward_id and l.code = c.category and l.priority = c.priority;

-- Categories with the thresholds of the reader's ward (the city-wide
-- defaults for a reader who is no officer); own: the ward set them
-- (`wardesk categories`); words: the search words of the phone-ticket
-- form's category chooser (013_category_words.sql); default_priority and
-- the urgent deadline and thresholds (014_priority.sql).
create or replace view wardesk.category_list with (security_invoker = true) as
select k.code, k.name_vi, k.name_en, l.deadline_min, l.warn_min, l.escalate_min, k.sort, k.active,
       l.own, k.words,
       coalesce(e.default_priority, k.default_priority) as default_priority,
       coalesce(e.urgent_deadline_min, k.urgent_deadline_min) as urgent_deadline_min,
       coalesce(e.urgent_warn_min, k.urgent_warn_min) as urgent_warn_min,
       coalesce(e.urgent_escalate_min, k.urgent_escalate_min) as urgent_escalate_min
  from wardesk.categories k
  cross join lateral wardesk.category_limits(
	(select o.ward_id from wardesk.officers o where o.login = wardesk.session_login()), k.code) l
  left join wardesk.category_effective e
    on e.code = k.code and e.ward_id = (select o.ward_id from wardesk.officers o where o.login = wardesk.session_login());

-- Settings with the values of the reader's ward (the city-wide defaults for
-- a reader who is no officer); own: the ward set it (`wardesk settings`).
create or replace view wardesk.setting_list with (security_invoker = true) as
select s.key, coalesce(w.value, s.value) as value, s.description,
       coalesce(w.updated_at, s.updated_at) as updated_at,
       coalesce(w.updated_by, s.updated_by) as updated_by,
       w.ward_id is not null as own
  from wardesk.settings s
  left join wardesk.setting_ward w
    on w.key = s.key
   and w.ward_id = (select o.ward_id from wardesk.officers o where o.login = wardesk.session_login());

-- Officers with their ward and load (for `wardesk officers`).
create or replace view wardesk.officer_list with (security_invoker = true) as
select o.login, o.full_name, o.role, o.ward_id, w.code as ward_code, w.name as ward_name,
       o.active,
       (select count(*)::int from wardesk.cases c
         where c.owner = o.login and c.state = 'in_progress') as open_cases
  from wardesk.officers o
  join wardesk.wards w on w.id = o.ward_id;

-- Who is on duty now.
create or replace view wardesk.on_duty_now with (security_invoker = true) as
select s.id as shift_id, s.officer, o.full_name, o.role, s.ward_id, s.started_at
  from wardesk.shifts s join wardesk.officers o on o.login = s.officer
 where s.ended_at is null;

-- Handovers with names, their shift and the window "during the shift":
-- from the shift's start (else the last handover acknowledged by the
-- outgoing officer, else 12 hours before the handover) to the shift's end
-- (else the handover's creation).
create or replace view wardesk.handover_list with (security_invoker = true) as
select h.id, h.ward_id, h.from_officer, f.full_name as from_name, f.role as from_role,
       h.to_officer, t.full_name as to_name, t.role as to_role,
       h.shift_id, s.started_at as shift_started, s.ended_at as shift_ended,
       h.note, h.state, h.created_at, h.acked_at, h.cancelled_at, h.cancelled_by,
       h.declined_at, h.decline_note,
       coalesce(s.started_at,
                (select max(p.acked_at) from wardesk.handovers p
                  where p.to_officer = h.from_officer and p.acked_at <= h.created_at),
                h.created_at - interval '12 hours') as window_from,
       coalesce(s.ended_at, h.created_at) as window_to,
       (select count(*)::int from wardesk.handover_cases x where x.handover_id = h.id and x.included)
           as n_included,
       (select count(*)::int from wardesk.handover_cases x where x.handover_id = h.id and not x.included)
           as n_excluded
  from wardesk.handovers h
  join wardesk.officers f on f.login = h.from_officer
  join wardesk.officers t on t.login = h.to_officer
  left join wardesk.shifts s on s.id = h.shift_id;

-- Not yet acknowledged (the chair keeps seeing them).
create or replace view wardesk.pending_handovers with (security_invoker = true) as
select * from wardesk.handover_list where state = 'pending';

-- The case_list rows of some cases (the console's confirmation of the
-- cases it drew from notifications, and the rows of those notified without
-- one).  A function for one reason: its query keeps the generic plan
-- (cases_pkey) from the first call of a session on.  Prepared by a client
-- over the view itself, it was planned again at each of its first five
-- executions (PostgreSQL's plan_cache_mode = auto), 2-5 ms of the backend's
-- CPU each for the nine-way join and the ward policies, against 0.3 ms to
-- run it: with 200 consoles confirming, a second of the server's CPU per
-- wave (bench/notes/live.md).  security invoker: the reader's policies.
create or replace function wardesk.case_rows(p_ids bigint[])
returns setof wardesk.case_list
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
begin
	return query select * from wardesk.case_list where id = any (p_ids);
end $$;

grant execute on function wardesk.case_rows(bigint[]) to wardesk_staff;

grant select on wardesk.case_list, wardesk.case_queue, wardesk.officer_list, wardesk.on_duty_now, wardesk.handover_list,
	wardesk.pending_handovers
to wardesk_staff;

reset role;
