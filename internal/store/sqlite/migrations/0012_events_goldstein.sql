-- 0012: the event list by Goldstein value (most conflictual or most cooperative
-- first) walks this index in (goldstein, date, id) order; like events_date
-- it holds what the unfiltered list and the actor filters test.
CREATE INDEX events_goldstein ON events (goldstein, date, id, source_code, target_code, quad, status, live);
