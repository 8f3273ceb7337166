-- 022_map.sql - the map (issue 16 §2): a ward's main streets, drawn as
-- labelled lines on the map of its open cases (`wardesk map`, the console's
-- M).  Each street is a name and a polyline of 2 to 64 points
-- (points[i][1] latitude, points[i][2] longitude).
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns, grants and data, as a superuser inside db init's transaction.
-- The code: sql/code/58_map.sql (street_set, map_doc, clusters,
-- cluster_merge); the ward_isolation policy of the new table is in
-- 90_policies.sql.  Staff read the rows of their ward (row-level security)
-- through map_doc(); only street_set (the chair) writes them.

set role wardesk_owner;

create table wardesk.ward_streets (
	ward_id int not null references wardesk.wards(id),
	name text not null check (char_length(name) between 1 and 60),
	points double precision[] not null,
	constraint ward_streets_points check (array_ndims(points) = 2
	                                      and array_length(points, 1) between 2 and 64
	                                      and array_length(points, 2) = 2),
	primary key (ward_id, name)
);

alter table wardesk.ward_streets enable row level security;
alter table wardesk.ward_streets force row level security;

reset role;
