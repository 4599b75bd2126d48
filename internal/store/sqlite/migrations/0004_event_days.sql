-- 0004: current versions only, and a daily summary of the events.
--
-- events.live is 1 unless the event's document has been superseded by a
-- newer version at the same URL: a corrected article's events must not be
-- counted twice. Triggers keep it in step with documents.superseded_by.
--
-- event_days holds, per (source, target, day, quad class, status), how
-- many live events there are and the sum of their Goldstein values in
-- millionths (an integer, so that adding and removing events never drifts).
-- Triggers on events maintain it in the transaction that writes the
-- events, so it always equals a direct count; the dyad series, volume over
-- time and top dyads read it instead of the events.
--
-- The covering indexes of 0002 are rebuilt with live, so that the event
-- list and the actor queries still read index entries only.

ALTER TABLE events ADD COLUMN live INTEGER NOT NULL DEFAULT 1;
UPDATE events SET live = 0 WHERE doc_id IN (SELECT id FROM documents WHERE superseded_by <> '');

DROP INDEX events_date;
DROP INDEX events_dyad;
DROP INDEX events_target_dyad;
DROP INDEX events_day_quad;
CREATE INDEX events_date ON events (date, id, source_code, target_code, quad, status, live);
CREATE INDEX events_dyad ON events (source_code, target_code, date, quad, goldstein, status, live, id);
CREATE INDEX events_target_dyad ON events (target_code, source_code, date, quad, goldstein, status, live, id);

CREATE TABLE event_days (
	source_code TEXT    NOT NULL,
	target_code TEXT    NOT NULL,
	date        TEXT    NOT NULL,
	quad        INTEGER NOT NULL,
	status      TEXT    NOT NULL,
	events      INTEGER NOT NULL,  -- live events, always > 0
	goldstein   INTEGER NOT NULL,  -- sum of their Goldstein values, in millionths
	PRIMARY KEY (source_code, target_code, date, quad, status)
) WITHOUT ROWID;
CREATE INDEX event_days_target ON event_days (target_code, source_code, date, quad, status, events, goldstein);
CREATE INDEX event_days_date ON event_days (date, quad, status, events, goldstein);

INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein)
	SELECT source_code, target_code, date, quad, status, count(*), sum(CAST(round(goldstein * 1000000) AS INTEGER))
	FROM events WHERE live = 1 GROUP BY source_code, target_code, date, quad, status;

-- A new event counts when it is live; an event stored for a document that
-- is already superseded is then marked dead, which the update trigger
-- takes back out of the summary. One trigger, so the order is fixed.
CREATE TRIGGER events_days_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1,
			CAST(round(new.goldstein * 1000000) AS INTEGER) WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	UPDATE events SET live = 0 WHERE rowid = new.rowid AND new.live = 1
		AND EXISTS (SELECT 1 FROM documents WHERE id = new.doc_id AND superseded_by <> '');
END;

CREATE TRIGGER events_days_delete AFTER DELETE ON events WHEN old.live = 1 BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE source_code = old.source_code AND target_code = old.target_code AND date = old.date
		AND quad = old.quad AND status = old.status;
	DELETE FROM event_days WHERE source_code = old.source_code AND target_code = old.target_code
		AND date = old.date AND quad = old.quad AND status = old.status AND events <= 0;
END;

CREATE TRIGGER events_days_update AFTER UPDATE OF source_code, target_code, date, quad, status, goldstein, live ON events BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND date = old.date
		AND quad = old.quad AND status = old.status;
	DELETE FROM event_days WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code
		AND date = old.date AND quad = old.quad AND status = old.status AND events <= 0;
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1,
			CAST(round(new.goldstein * 1000000) AS INTEGER) WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
END;

-- Superseding a document (or undoing it) switches its events.
CREATE TRIGGER documents_live_events AFTER UPDATE OF superseded_by ON documents BEGIN
	UPDATE events SET live = (new.superseded_by = '') WHERE doc_id = new.id AND live <> (new.superseded_by = '');
END;
