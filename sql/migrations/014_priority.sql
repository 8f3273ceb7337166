-- 014_priority.sql - urgent or normal (issue 11, section 3).
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns and data only, as a superuser inside db init's transaction.
--
--   cases.priority            'urgent' | 'normal' (default normal)
--   categories                default_priority: what a new case of the
--                             category gets when nobody says (the feed
--                             importer, report without --urgent);
--                             urgent_deadline_min / urgent_warn_min /
--                             urgent_escalate_min: the deadline and
--                             thresholds of an urgent case (city-wide)
--   category_ward             the same four, a ward's own (its chair sets
--                             them with the normal thresholds: one row,
--                             every value together, as in 009)
--   alerts.kind               + 'urgent' (an urgent case arrived, or a case
--                             became urgent: every officer on duty and the
--                             ward's chairs), with 'reassigned' and
--                             'reopened' so that this list is the one 015
--                             sets too
--
-- The code: sql/code/12_ward_scope.sql (category_effective, priority_limits,
-- case_limits), 15_views.sql (case_list with the case's priority's
-- thresholds, category_list), 30_cases.sql (set_priority, reopen),
-- 40_intake.sql (report, intake_case, import_request take a priority),
-- 50_deadlines.sql (the sweep by priority, the 'urgent' alert, category_set).
-- No timestamptz column is added.

set role wardesk_owner;

-- case_list is cases.* (15_views.sql makes it again with the column)
drop view if exists wardesk.case_list;

alter table wardesk.cases
	add column priority text not null default 'normal' check (priority in ('urgent', 'normal'));

-- urgent cases first in every list (the console's queue, ls)
create index cases_open_priority on wardesk.cases(ward_id, priority, deadline_at, id) where state <> 'resolved';

alter table wardesk.categories
	add column default_priority text not null default 'normal' check (default_priority in ('urgent', 'normal')),
	add column urgent_deadline_min int not null default 30 check (urgent_deadline_min > 0),
	add column urgent_warn_min int not null default 10 check (urgent_warn_min >= 0),
	add column urgent_escalate_min int not null default 5 check (urgent_escalate_min >= 0),
	add constraint categories_urgent_order
		check (urgent_escalate_min <= urgent_warn_min and urgent_warn_min < urgent_deadline_min);

alter table wardesk.category_ward
	add column default_priority text not null default 'normal' check (default_priority in ('urgent', 'normal')),
	add column urgent_deadline_min int not null default 30 check (urgent_deadline_min > 0),
	add column urgent_warn_min int not null default 10 check (urgent_warn_min >= 0),
	add column urgent_escalate_min int not null default 5 check (urgent_escalate_min >= 0),
	add constraint category_ward_urgent_order
		check (urgent_escalate_min <= urgent_warn_min and urgent_warn_min < urgent_deadline_min);

-- A ward's own row starts from the city-wide urgent values.
update wardesk.category_ward w
   set default_priority = k.default_priority, urgent_deadline_min = k.urgent_deadline_min,
       urgent_warn_min = k.urgent_warn_min, urgent_escalate_min = k.urgent_escalate_min
  from wardesk.categories k
 where k.code = w.code;

alter table wardesk.alerts drop constraint if exists alerts_kind_check;
alter table wardesk.alerts add constraint alerts_kind_check
	check (kind in ('new', 'assigned', 'warning', 'escalation', 'overdue', 'reminder', 'urgent',
	                'reassigned', 'reopened'));

-- category_set, report, intake_case and import_request take more arguments
-- (the code files make the new ones)
drop function if exists wardesk.category_set(text, int, int, int);
drop function if exists wardesk.report(text, text, text, text, text, text, timestamptz, double precision,
                                       double precision, text[], text, text, boolean);
drop function if exists wardesk.intake_case(wardesk.officers, text, text, text, text, text, text, timestamptz,
                                            double precision, double precision, text[], text, text, boolean,
                                            text[], text);

reset role;
