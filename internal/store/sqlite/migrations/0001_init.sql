-- 0001: documents with versions and a coding state, full-text search over
-- title and text, and the tables later stages fill: annotations, diagnostics
-- and events with their character spans.

CREATE TABLE documents (
	seq             INTEGER PRIMARY KEY,          -- rowid, the FTS content key
	id              TEXT    NOT NULL UNIQUE,      -- doc.ContentID of the text
	url             TEXT    NOT NULL DEFAULT '',
	title           TEXT    NOT NULL DEFAULT '',
	outlet          TEXT    NOT NULL DEFAULT '',
	author          TEXT    NOT NULL DEFAULT '',
	published       TEXT    NOT NULL DEFAULT '',  -- UTC, fixed width, sortable; '' when unknown
	published_local TEXT    NOT NULL DEFAULT '',  -- RFC 3339 with the source's own offset
	lang            TEXT    NOT NULL DEFAULT '',
	text            TEXT    NOT NULL,
	meta            TEXT    NOT NULL DEFAULT '{}', -- JSON object of strings
	origin          TEXT    NOT NULL DEFAULT '',
	format          TEXT    NOT NULL DEFAULT '',
	ingested        TEXT    NOT NULL,
	version         INTEGER NOT NULL DEFAULT 1,
	supersedes      TEXT    NOT NULL DEFAULT '',  -- id of the previous version at url
	superseded_by   TEXT    NOT NULL DEFAULT '',  -- id of the next version at url
	-- coding state, so that workers can take pending documents as a queue:
	-- pending, coded, skipped
	status          TEXT    NOT NULL DEFAULT 'pending',
	skipped         TEXT    NOT NULL DEFAULT '',  -- why coding was skipped
	status_changed  TEXT    NOT NULL DEFAULT '',
	claimed_by      TEXT    NOT NULL DEFAULT '',  -- worker holding the document
	claimed_until   TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX documents_published ON documents (published DESC, id);
CREATE INDEX documents_outlet ON documents (outlet, published DESC);
CREATE INDEX documents_lang ON documents (lang);
CREATE INDEX documents_url ON documents (url) WHERE url <> '';
CREATE INDEX documents_status ON documents (status, seq);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, text,
	content = 'documents', content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
	INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- Diagnostics: phase 'ingest' ones arrive with the document and stay;
-- phase 'analysis' ones are replaced with each stored analysis.
CREATE TABLE diagnostics (
	doc_id     TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	phase      TEXT    NOT NULL,
	ord        INTEGER NOT NULL,
	stage      TEXT    NOT NULL DEFAULT '',
	severity   TEXT    NOT NULL DEFAULT '',
	span_start INTEGER,
	span_end   INTEGER,
	message    TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, phase, ord)
) WITHOUT ROWID;

CREATE TABLE annotations (
	doc_id    TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	kind      TEXT    NOT NULL,
	start     INTEGER NOT NULL,
	end       INTEGER NOT NULL,
	label     TEXT    NOT NULL DEFAULT '',
	note      TEXT    NOT NULL DEFAULT '',
	ref_start INTEGER,
	ref_end   INTEGER,
	PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

CREATE INDEX annotations_kind_label ON annotations (kind, label);

CREATE TABLE events (
	id               TEXT    PRIMARY KEY,
	doc_id           TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ord              INTEGER NOT NULL,

	source_code      TEXT    NOT NULL DEFAULT '',
	source_name      TEXT    NOT NULL DEFAULT '',
	source_text      TEXT    NOT NULL DEFAULT '',
	source_start     INTEGER,
	source_end       INTEGER,
	source_country   TEXT    NOT NULL DEFAULT '',
	source_sector    TEXT    NOT NULL DEFAULT '',

	target_code      TEXT    NOT NULL DEFAULT '',
	target_name      TEXT    NOT NULL DEFAULT '',
	target_text      TEXT    NOT NULL DEFAULT '',
	target_start     INTEGER,
	target_end       INTEGER,
	target_country   TEXT    NOT NULL DEFAULT '',
	target_sector    TEXT    NOT NULL DEFAULT '',

	code             TEXT    NOT NULL,
	root             TEXT    NOT NULL DEFAULT '',
	name             TEXT    NOT NULL DEFAULT '',
	goldstein        REAL    NOT NULL DEFAULT 0,
	quad             INTEGER NOT NULL DEFAULT 0,
	plover_type      TEXT    NOT NULL DEFAULT '',
	plover_mode      TEXT    NOT NULL DEFAULT '',

	status           TEXT    NOT NULL,
	cue_start        INTEGER,
	cue_end          INTEGER,
	cue_text         TEXT    NOT NULL DEFAULT '',

	attributed       INTEGER NOT NULL DEFAULT 0,  -- 1 when the attributed_* columns hold an actor
	attributed_code    TEXT  NOT NULL DEFAULT '',
	attributed_name    TEXT  NOT NULL DEFAULT '',
	attributed_text    TEXT  NOT NULL DEFAULT '',
	attributed_start   INTEGER,
	attributed_end     INTEGER,
	attributed_country TEXT  NOT NULL DEFAULT '',
	attributed_sector  TEXT  NOT NULL DEFAULT '',

	date             TEXT    NOT NULL DEFAULT '',
	date_value       TEXT    NOT NULL DEFAULT '',
	precision        TEXT    NOT NULL DEFAULT '',
	date_start       INTEGER,
	date_end         INTEGER,

	location         TEXT    NOT NULL DEFAULT '',
	lat              REAL,
	lon              REAL,

	confidence       REAL    NOT NULL DEFAULT 0,
	trigger_start    INTEGER NOT NULL DEFAULT 0,
	trigger_end      INTEGER NOT NULL DEFAULT 0,
	trigger_text     TEXT    NOT NULL DEFAULT '',
	sentence_start   INTEGER NOT NULL DEFAULT 0,
	sentence_end     INTEGER NOT NULL DEFAULT 0,
	rule             TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_source ON events (source_code, date);
CREATE INDEX events_target ON events (target_code, date);
CREATE INDEX events_dyad ON events (source_code, target_code, date);
CREATE INDEX events_code ON events (code, date);
CREATE INDEX events_root ON events (root, date);
CREATE INDEX events_quad ON events (quad, date);
CREATE INDEX events_doc ON events (doc_id, ord);
CREATE INDEX events_status ON events (status, date);
