-- 0007: an actor's events in date order. An actor filter naming exactly
-- one code (the usual case: a code with no longer code under it) walks
-- these in page order, the source side and the target side merged, and
-- stops when the page is full, instead of counting and sorting every match
-- or walking the whole date index for them. The codes, quad class, status
-- and live flag let the walk test its filters on the index entry alone.
CREATE INDEX events_source_date ON events (source_code, date, id, target_code, quad, status, live);
CREATE INDEX events_target_date ON events (target_code, date, id, source_code, quad, status, live);
