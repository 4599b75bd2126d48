-- 0002: covering indexes for the aggregates of internal/query (dyad series,
-- volume over time, top dyads, networks), so that they read an index and
-- never the wide events rows. events_dyad grows into a covering index.

DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events (source_code, target_code, date, quad, goldstein, status);
CREATE INDEX events_target_dyad ON events (target_code, source_code, date, quad, goldstein, status);
CREATE INDEX events_day_quad ON events (date, quad, goldstein, status);
