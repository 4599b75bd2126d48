-- 0001: the PostgreSQL schema. It mirrors the SQLite one (documents with
-- versions and a coding state, diagnostics, annotations, events with their
-- byte spans) and adds the columns of the work queue: leases, attempts,
-- the last error and a parked ("failed") flag. Every text column that is
-- sorted or compared by range uses the "C" collation, so that orderings and
-- prefix matches are byte orders, the same as SQLite's, whatever the
-- database's default collation.
--
-- Citus: documents, diagnostics, annotations and events are distributed by
-- document ID (documents.id, the others' doc_id) and co-located, so one
-- document and everything derived from it live on one shard; every primary
-- key therefore starts with the document ID. schema_migrations is small and
-- can be a reference table. See docs/postgres.md.

CREATE TABLE documents (
	id              text COLLATE "C" PRIMARY KEY,   -- doc.ContentID of the text
	seq             bigint GENERATED ALWAYS AS IDENTITY, -- arrival order, the queue's order
	url             text COLLATE "C" NOT NULL DEFAULT '',
	title           text NOT NULL DEFAULT '',
	outlet          text COLLATE "C" NOT NULL DEFAULT '',
	author          text NOT NULL DEFAULT '',
	published       text COLLATE "C" NOT NULL DEFAULT '',  -- UTC, fixed width, sortable; '' when unknown
	published_local text NOT NULL DEFAULT '',              -- RFC 3339 with the source's own offset
	lang            text COLLATE "C" NOT NULL DEFAULT '',
	text            text NOT NULL,
	meta            text NOT NULL DEFAULT '{}',            -- JSON object of strings
	origin          text NOT NULL DEFAULT '',
	format          text NOT NULL DEFAULT '',
	ingested        text COLLATE "C" NOT NULL,
	version         integer NOT NULL DEFAULT 1,
	supersedes      text COLLATE "C" NOT NULL DEFAULT '',
	superseded_by   text COLLATE "C" NOT NULL DEFAULT '',
	-- coding state: pending, coded, skipped
	status          text COLLATE "C" NOT NULL DEFAULT 'pending',
	skipped         text NOT NULL DEFAULT '',
	status_changed  text NOT NULL DEFAULT '',
	-- the queue: a worker leases pending documents until claimed_until;
	-- attempts counts leases; a document whose attempts are used up is
	-- parked (failed) with last_error; codings counts stored analyses.
	claimed_by      text NOT NULL DEFAULT '',
	claimed_until   timestamptz,
	attempts        integer NOT NULL DEFAULT 0,
	last_error      text NOT NULL DEFAULT '',
	failed          boolean NOT NULL DEFAULT false,
	codings         integer NOT NULL DEFAULT 0,
	-- full-text search over title and text (the first million characters)
	fts             tsvector GENERATED ALWAYS AS
	                (to_tsvector('english', left(title || ' ' || text, 1000000))) STORED
);

CREATE INDEX documents_published ON documents (published DESC, id);
CREATE INDEX documents_outlet ON documents (outlet, published DESC);
CREATE INDEX documents_lang ON documents (lang);
CREATE INDEX documents_url ON documents (url) WHERE url <> '';
CREATE INDEX documents_queue ON documents (seq) WHERE status = 'pending' AND NOT failed;
CREATE INDEX documents_leases ON documents (claimed_until) WHERE status = 'pending' AND NOT failed;
CREATE INDEX documents_fts ON documents USING gin (fts);

-- Diagnostics: phase 'ingest' ones arrive with the document and stay;
-- phase 'analysis' ones are replaced with each stored analysis.
CREATE TABLE diagnostics (
	doc_id     text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	phase      text NOT NULL,
	ord        integer NOT NULL,
	stage      text NOT NULL DEFAULT '',
	severity   text NOT NULL DEFAULT '',
	span_start integer,
	span_end   integer,
	message    text NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, phase, ord)
);

CREATE TABLE annotations (
	doc_id    text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ord       integer NOT NULL,
	kind      text COLLATE "C" NOT NULL,
	start     integer NOT NULL,
	"end"     integer NOT NULL,
	label     text COLLATE "C" NOT NULL DEFAULT '',
	note      text NOT NULL DEFAULT '',
	ref_start integer,
	ref_end   integer,
	PRIMARY KEY (doc_id, ord)
);

-- Annotations are read by document only (the primary key); no other index
-- slows the COPY that stores them.

CREATE TABLE events (
	doc_id           text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	id               text COLLATE "C" NOT NULL,  -- event.Event.ID, derived from the document ID
	ord              integer NOT NULL,

	source_code      text COLLATE "C" NOT NULL DEFAULT '',
	source_name      text COLLATE "C" NOT NULL DEFAULT '',
	source_text      text NOT NULL DEFAULT '',
	source_start     integer,
	source_end       integer,
	source_country   text COLLATE "C" NOT NULL DEFAULT '',
	source_sector    text COLLATE "C" NOT NULL DEFAULT '',

	target_code      text COLLATE "C" NOT NULL DEFAULT '',
	target_name      text COLLATE "C" NOT NULL DEFAULT '',
	target_text      text NOT NULL DEFAULT '',
	target_start     integer,
	target_end       integer,
	target_country   text COLLATE "C" NOT NULL DEFAULT '',
	target_sector    text COLLATE "C" NOT NULL DEFAULT '',

	code             text COLLATE "C" NOT NULL,
	root             text COLLATE "C" NOT NULL DEFAULT '',
	name             text NOT NULL DEFAULT '',
	goldstein        double precision NOT NULL DEFAULT 0,
	quad             integer NOT NULL DEFAULT 0,
	plover_type      text COLLATE "C" NOT NULL DEFAULT '',
	plover_mode      text NOT NULL DEFAULT '',

	status           text COLLATE "C" NOT NULL,
	cue_start        integer,
	cue_end          integer,
	cue_text         text NOT NULL DEFAULT '',

	attributed         boolean NOT NULL DEFAULT false,
	attributed_code    text NOT NULL DEFAULT '',
	attributed_name    text NOT NULL DEFAULT '',
	attributed_text    text NOT NULL DEFAULT '',
	attributed_start   integer,
	attributed_end     integer,
	attributed_country text NOT NULL DEFAULT '',
	attributed_sector  text NOT NULL DEFAULT '',

	date             text COLLATE "C" NOT NULL DEFAULT '',
	date_value       text NOT NULL DEFAULT '',
	precision        text NOT NULL DEFAULT '',
	date_start       integer,
	date_end         integer,

	location         text NOT NULL DEFAULT '',
	lat              double precision,
	lon              double precision,

	confidence       double precision NOT NULL DEFAULT 0,
	trigger_start    integer NOT NULL DEFAULT 0,
	trigger_end      integer NOT NULL DEFAULT 0,
	trigger_text     text NOT NULL DEFAULT '',
	sentence_start   integer NOT NULL DEFAULT 0,
	sentence_end     integer NOT NULL DEFAULT 0,
	rule             text NOT NULL DEFAULT '',
	-- false once the document is superseded by a newer version at its URL:
	-- a corrected article counts once (listings and aggregates skip it)
	live             boolean NOT NULL DEFAULT true,
	PRIMARY KEY (doc_id, id)
);

-- The listing's order, the aggregates' covering indexes (the dyad ones
-- also serve source and target prefix filters) and code filters. Lookups
-- by document use the primary key.
CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_dyad ON events (source_code, target_code, date) INCLUDE (quad, goldstein, status, live);
CREATE INDEX events_target_dyad ON events (target_code, source_code, date) INCLUDE (quad, goldstein, status, live);
CREATE INDEX events_day_quad ON events (date, quad) INCLUDE (goldstein, status, live);
CREATE INDEX events_code ON events (code, date);
CREATE INDEX events_root ON events (root, date);
