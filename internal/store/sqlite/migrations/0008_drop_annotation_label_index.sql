-- 0008: annotations are only ever read by document (their primary key), so
-- the (kind, label) index from 0001 cost every insert and served no query;
-- it was the most expensive secondary index when storing analyses.
DROP INDEX IF EXISTS annotations_kind_label;
