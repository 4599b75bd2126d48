-- 0014: smaller summaries beside event_days, for the pages that filter on
-- less than a dyad (store/summaries.go states which filters each answers).
--
-- Each has the four counts of event_days with the same meaning (live
-- events, the sum of their Goldstein values in millionths, the live
-- anchors of happenings and their sum), and a row only while it counts a
-- live event:
--   event_totals  the whole store per (day, quad class, status);
--   actor_days    per actor key and (day, quad class, status): an event is
--                 counted once under each of store.ActorKeys(source, target),
--                 the prefixes of its codes whose length is a multiple of 3;
--   code_days     per CAMEO code and per root and (day, quad class, status):
--                 an event is counted under (code, is_root 0) and under
--                 (root, is_root 1), so that a code filter and a root filter
--                 of the same value (19) each read only their own events
--                 (store.CodeKeys names both values as one key);
--   dyad_totals   per (source, target, quad class, status), over all days.
-- The writer keeps them with event_days, once per batch (summaries.go).

CREATE TABLE event_totals (
	date          TEXT    NOT NULL,
	quad          INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	events        INTEGER NOT NULL,
	goldstein     INTEGER NOT NULL,
	happenings    INTEGER NOT NULL,
	hap_goldstein INTEGER NOT NULL,
	PRIMARY KEY (date, quad, status)
) WITHOUT ROWID;

CREATE TABLE actor_days (
	actor         TEXT    NOT NULL,
	date          TEXT    NOT NULL,
	quad          INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	events        INTEGER NOT NULL,
	goldstein     INTEGER NOT NULL,
	happenings    INTEGER NOT NULL,
	hap_goldstein INTEGER NOT NULL,
	PRIMARY KEY (actor, date, quad, status)
) WITHOUT ROWID;

CREATE TABLE code_days (
	code          TEXT    NOT NULL,
	is_root       INTEGER NOT NULL,  -- 1: code is the events' root, 0: their code
	date          TEXT    NOT NULL,
	quad          INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	events        INTEGER NOT NULL,
	goldstein     INTEGER NOT NULL,
	happenings    INTEGER NOT NULL,
	hap_goldstein INTEGER NOT NULL,
	PRIMARY KEY (code, is_root, date, quad, status)
) WITHOUT ROWID;

CREATE TABLE dyad_totals (
	source_code   TEXT    NOT NULL,
	target_code   TEXT    NOT NULL,
	quad          INTEGER NOT NULL,
	status        TEXT    NOT NULL,
	events        INTEGER NOT NULL,
	goldstein     INTEGER NOT NULL,
	happenings    INTEGER NOT NULL,
	hap_goldstein INTEGER NOT NULL,
	PRIMARY KEY (source_code, target_code, quad, status)
) WITHOUT ROWID;
-- An actor's dyads where it is the target (Dyads with an actor filter).
CREATE INDEX dyad_totals_target ON dyad_totals (target_code, source_code, quad, status, events, goldstein, happenings, hap_goldstein);

INSERT INTO event_totals (date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
	FROM event_days GROUP BY date, quad, status;

INSERT INTO dyad_totals (source_code, target_code, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT source_code, target_code, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
	FROM event_days GROUP BY source_code, target_code, quad, status;

-- Every actor key of an event once: the prefixes of lengths 3, 6, ... of
-- its source and target codes, the union dropping a key both give.
INSERT INTO actor_days (actor, date, quad, status, events, goldstein, happenings, hap_goldstein)
	WITH RECURSIVE lens(n) AS (
		SELECT 3 UNION ALL SELECT n + 3 FROM lens
		WHERE n + 3 <= (SELECT max(length(source_code)) FROM events) OR n + 3 <= (SELECT max(length(target_code)) FROM events)),
	keys(r, actor) AS (
		SELECT e.rowid, substr(e.source_code, 1, l.n) FROM events e JOIN lens l ON l.n <= length(e.source_code) WHERE e.live = 1
		UNION
		SELECT e.rowid, substr(e.target_code, 1, l.n) FROM events e JOIN lens l ON l.n <= length(e.target_code) WHERE e.live = 1)
	SELECT k.actor, e.date, e.quad, e.status, count(*), sum(CAST(round(e.goldstein * 1000000) AS INTEGER)), sum(e.happening = e.id),
		sum(CASE WHEN e.happening = e.id THEN CAST(round(e.goldstein * 1000000) AS INTEGER) ELSE 0 END)
	FROM keys k JOIN events e ON e.rowid = k.r GROUP BY 1, 2, 3, 4;

-- Every event under its code and under its root.
INSERT INTO code_days (code, is_root, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT k, is_root, date, quad, status, count(*), sum(CAST(round(goldstein * 1000000) AS INTEGER)), sum(happening = id),
		sum(CASE WHEN happening = id THEN CAST(round(goldstein * 1000000) AS INTEGER) ELSE 0 END)
	FROM (SELECT code AS k, 0 AS is_root, date, quad, status, goldstein, happening, id FROM events WHERE live = 1
		UNION ALL
		SELECT root, 1, date, quad, status, goldstein, happening, id FROM events WHERE live = 1)
	GROUP BY 1, 2, 3, 4, 5;
