-- 0003: index new documents for full-text search once per batch instead of
-- once per row. Every INSERT statement on documents opened a savepoint in
-- which FTS5 flushed its pending terms to a new segment, so each document
-- became a segment of its own and most ingest time went to merging them.
-- The store now fills documents_fts with one INSERT ... SELECT over the
-- rows a batch added, in the same transaction. Deletes and text updates
-- keep their triggers.
DROP TRIGGER documents_fts_insert;
