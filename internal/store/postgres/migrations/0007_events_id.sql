-- 0007: an index on the event ID alone.
--
-- The primary key is (doc_id, id), so a lookup by ID alone (the anchors of
-- the happenings a list page shows, in HappeningCounts) read every event:
-- 600 ms per event page at 1 M events. SQLite has had its own since 0001.
CREATE INDEX events_id ON events (id);
