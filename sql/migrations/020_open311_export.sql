-- 020_open311_export.sql - the Open311 export and the app feed (issue 17
-- items 6-11): cases.app_updated_at, the time of the last change the app can
-- see; the request's own service_name, address_id and zipcode as the feed
-- sent them; the agency a transferred or not-ours request goes to, per
-- category (the city's default) and per ward.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns, grants and data, as a superuser inside db init's transaction.
-- The code: sql/code/40_intake.sql (app_requests, the trigger
-- t30_app_updated that keeps app_updated_at, import_requests,
-- transfer_agency_set).
--
-- app_updated_at is what the export calls updated_datetime: it moves when
-- the status (open/closed), the status notes (resolution note, close reason,
-- duplicate), the expected time (deadline), the category or what the request
-- said (description, address, place, media) changes; a closed request's is
-- its closing time.  Sweep steps, reminders, acks, takes and internal notes
-- do not move it.  Existing cases: from their history (case_events), once.

set role wardesk_owner;

drop view if exists wardesk.case_list;   -- 15_views.sql makes it again
alter table wardesk.cases
	add column if not exists app_updated_at timestamptz,
	add column if not exists service_name text
		constraint cases_service_name_length check (char_length(service_name) <= 200),
	add column if not exists address_id text
		constraint cases_address_id_length check (char_length(address_id) <= 200),
	add column if not exists zipcode text
		constraint cases_zipcode_length check (char_length(zipcode) <= 32);

alter table wardesk.categories
	add column if not exists transfer_agency text
		constraint categories_transfer_agency_length
		check (char_length(transfer_agency) <= 200 and transfer_agency ~ '[^[:space:]]');
-- a ward's own receiving agency of a category (the chair sets it; the
-- city's default is categories.transfer_agency, the administrator's)
create table wardesk.category_agency (
	ward_id int not null references wardesk.wards(id),
	code text not null references wardesk.categories(code),
	agency text not null
		constraint category_agency_agency_length
		check (char_length(agency) <= 200 and agency ~ '[^[:space:]]'),
	updated_at timestamptz not null default wardesk.now(),
	updated_by text,
	primary key (ward_id, code),
	constraint category_agency_updated_at_finite check (isfinite(updated_at))
);
alter table wardesk.category_agency enable row level security;
alter table wardesk.category_agency force row level security;
grant select on wardesk.category_agency to wardesk_staff;

reset role;

-- the last app-visible change of every case, from its history, without the
-- cases' triggers (no audit event, no version bump for a derived column)
alter table wardesk.cases disable trigger user;
update wardesk.cases c
   set app_updated_at = case when c.state = 'resolved' and c.closed_at is not null then c.closed_at
                             else greatest(c.received_at,
                                           (select max(e.at) from wardesk.case_events e
                                             where e.case_id = c.id and isfinite(e.at)
                                               and (e.old is null
                                                    or e.new ?| array['resolution_note', 'close_reason',
                                                                      'duplicate_of', 'closed_at',
                                                                      'deadline_at', 'category',
                                                                      'description', 'address', 'lat',
                                                                      'lon', 'media_urls'])))
                        end;
alter table wardesk.cases enable trigger user;

alter table wardesk.cases
	alter column app_updated_at set default wardesk.now(),
	alter column app_updated_at set not null,
	add constraint cases_app_updated_at_finite check (isfinite(app_updated_at));

-- app_requests returns address_id and zipcode too (sql/code/40_intake.sql
-- makes it again)
drop function if exists wardesk.app_requests(timestamptz);
-- intake_items and import_items carry service_name, address_id and zipcode
drop function if exists wardesk.intake_items(jsonb);
drop function if exists wardesk.import_items(jsonb);
