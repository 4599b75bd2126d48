-- 0015: Stats counts from indexes and summaries instead of reading every
-- document and event.
--
-- The events Stats counts are the live ones, which event_totals (0014)
-- adds up, and the dead ones (of superseded versions), which this partial
-- index holds alone; the superseded versions are those of the second.
-- Both hold only what a newer version at a URL replaced, so they are
-- small, and only superseding writes to them.
CREATE INDEX events_dead ON events (doc_id) WHERE live = 0;
CREATE INDEX documents_superseded ON documents (superseded_by) WHERE superseded_by <> '';
