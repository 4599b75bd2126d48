-- 0006: every listed event carries its document's outlet and URL. The
-- unique index on documents.id found the row, which was then read from
-- the table: two B-tree searches per event of a page. This index answers
-- the join alone.
CREATE INDEX documents_id_outlet_url ON documents (id, outlet, url);
