-- 0002: covering indexes for the aggregates of internal/query (dyad series,
-- volume over time, top dyads, networks), so that they read an index and
-- never the wide events rows. events_dyad grows into a covering index.
--
-- Actor filters are prefix ranges (RUS matches RUSGOV), so an index on
-- (source_code, date) never yields date order; the covering indexes below
-- answer those filters without reading rows, and replace events_source and
-- events_target. events_status is dropped: nearly every query asks for the
-- counted statuses (most rows), and without statistics the planner took
-- it for a selective index and scanned the whole table (seconds on a
-- million events). events_date grows to hold what the event list filters
-- on, so that a busy actor's page is found by walking dates.

DROP INDEX events_dyad;
DROP INDEX events_source;
DROP INDEX events_target;
DROP INDEX events_status;
DROP INDEX events_date;
-- (date, id) is the listing order; the codes, quad class and status let a
-- walk in that order test its filters on the index entry alone.
CREATE INDEX events_date ON events (date, id, source_code, target_code, quad, status);
CREATE INDEX events_dyad ON events (source_code, target_code, date, quad, goldstein, status, id);
CREATE INDEX events_target_dyad ON events (target_code, source_code, date, quad, goldstein, status, id);
CREATE INDEX events_day_quad ON events (date, quad, goldstein, status, id);
