-- 026_case_agency.sql - the receiving agency is fixed on the case when it is
-- closed as transferred or not the ward's (cases.transfer_agency, set by
-- close(), sql/code/30_cases.sql): the Open311 export (app_requests,
-- 40_intake.sql) names the agency the request went to, not the category's
-- agency of today, so a later change of the setting (transfer_agency_set)
-- does not rewrite old transfers behind an unchanged updated_datetime.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  The cases already closed as transferred or
-- not ours get the agency in force now (the ward's own, else the city's
-- default: what the export showed until now), without the cases' triggers:
-- no audit event, no version bump, no new updated_datetime (as 024 did).
-- A new database has no cases: nothing to do.

set role wardesk_owner;

drop view if exists wardesk.case_list;   -- 15_views.sql makes it again (select c.*)
alter table wardesk.cases
	add column if not exists transfer_agency text
		constraint cases_transfer_agency_length
		check (char_length(transfer_agency) <= 200 and transfer_agency ~ '[^[:space:]]');

reset role;

do $$
begin
	alter table wardesk.cases disable trigger user;
	update wardesk.cases c
	   set transfer_agency = coalesce((select a.agency from wardesk.category_agency a
	                                    where a.ward_id = c.ward_id and a.code = c.category),
	                                  (select k.transfer_agency from wardesk.categories k where k.code = c.category))
	 where c.state = 'resolved' and c.close_reason in ('transferred', 'not_ours');
	alter table wardesk.cases enable trigger user;
end $$;
