-- 008_audit_chain.sql - issue 13: a trail nobody can quietly rewrite (each
-- case event chained to the previous one of its ward by a sha256 hash) and
-- the head of each ward's chain pinned in handovers.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables and
-- data only, as a superuser inside db init's transaction.  The code:
-- sql/code/26_audit_chain.sql (the hash, the chain trigger, audit_verify,
-- audit_head), 70_shifts.sql (handovers pin the chain head), 90_policies.sql
-- (the policy of audit_heads).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- The chain: per ward, chain_seq 1, 2, 3 ...; hash = sha256(prev_hash ||
-- canonical content) (wardesk.event_hash, 26_audit_chain.sql)
-- ---------------------------------------------------------------------------
alter table wardesk.case_events
	add column chain_seq bigint,
	add column prev_hash bytea,
	add column hash bytea;
create unique index case_events_chain on wardesk.case_events(ward_id, chain_seq);

-- The head of each ward's chain; its row lock serialises the events of a
-- ward.  Owner-only (no privilege for staff: nobody else can lock it).
create table wardesk.audit_heads (
	ward_id int primary key references wardesk.wards(id),
	seq bigint not null default 0,
	event_id bigint,
	hash bytea
);
revoke all on wardesk.audit_heads from wardesk_staff;
alter table wardesk.audit_heads enable row level security;
alter table wardesk.audit_heads force row level security;

-- Handovers pin the head of their ward's chain when written and when
-- acknowledged (the paper log book copies it).
alter table wardesk.handovers
	add column chain_event bigint,
	add column chain_hash bytea,
	add column ack_chain_event bigint,
	add column ack_chain_hash bytea;

reset role;

-- ---------------------------------------------------------------------------
-- Chain the events already there, once, per ward in id order (an upgraded
-- database; a new one has none).  The code file defines the hash.
-- ---------------------------------------------------------------------------
-- @apply code/26_audit_chain.sql
do $$
declare
	e wardesk.case_events;
	v_ward int;
	v_seq bigint := 0;
	v_prev bytea;
	v_last bigint;
begin
	-- case_events is append-only (t00_append_only): the chain columns are
	-- filled with triggers off, this once
	perform set_config('session_replication_role', 'replica', true);
	for e in select * from wardesk.case_events order by ward_id, id loop
		if v_ward is distinct from e.ward_id then
			if v_ward is not null then
				insert into wardesk.audit_heads(ward_id, seq, event_id, hash)
				values (v_ward, v_seq, v_last, v_prev);
			end if;
			v_ward := e.ward_id;
			v_seq := 0;
			v_prev := null;
		end if;
		v_seq := v_seq + 1;
		e.chain_seq := v_seq;
		e.prev_hash := v_prev;
		e.hash := wardesk.event_hash(e);
		update wardesk.case_events set chain_seq = e.chain_seq, prev_hash = e.prev_hash, hash = e.hash
		 where id = e.id;
		v_prev := e.hash;
		v_last := e.id;
	end loop;
	if v_ward is not null then
		insert into wardesk.audit_heads(ward_id, seq, event_id, hash) values (v_ward, v_seq, v_last, v_prev);
	end if;
	perform set_config('session_replication_role', 'origin', true);
end $$;

alter table wardesk.case_events
	alter column chain_seq set not null,
	alter column hash set not null;
