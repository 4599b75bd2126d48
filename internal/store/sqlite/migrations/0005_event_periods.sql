-- 0005: weekly and monthly summaries of the events, beside event_days.
--
-- On a million events spread over 40,000 dyads and three years, a dyad
-- and day rarely hold more than one event, so event_days saves little for
-- a dyad's series; its weeks and months gather many. event_periods holds,
-- per kind ('week', starting on Monday, or 'month'), (source, target,
-- first day of the period, quad class, status), the live events and the
-- sum of their Goldstein values in millionths, like event_days. Events
-- whose date is not a valid calendar day have no period and are left out,
-- as the series leave them out.
--
-- The triggers of 0004 are replaced by ones that keep both summaries in
-- one body each, so that the order of their steps is fixed.

CREATE TABLE event_periods (
	kind        TEXT    NOT NULL,  -- week or month
	source_code TEXT    NOT NULL,
	target_code TEXT    NOT NULL,
	date        TEXT    NOT NULL,  -- first day of the period
	quad        INTEGER NOT NULL,
	status      TEXT    NOT NULL,
	events      INTEGER NOT NULL,  -- live events, always > 0
	goldstein   INTEGER NOT NULL,  -- sum of their Goldstein values, in millionths
	PRIMARY KEY (source_code, target_code, kind, date, quad, status)
) WITHOUT ROWID;
CREATE INDEX event_periods_target ON event_periods (target_code, source_code, kind, date, quad, status, events, goldstein);
CREATE INDEX event_periods_date ON event_periods (kind, date, quad, status, events, goldstein);

INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
	SELECT 'week', source_code, target_code, date(events.date, '-6 days', 'weekday 1') AS start, quad, status, count(*), sum(CAST(round(events.goldstein * 1000000) AS INTEGER))
	FROM events WHERE live = 1 AND date(events.date, '+0 days') = events.date
	GROUP BY source_code, target_code, start, quad, status;
INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
	SELECT 'month', source_code, target_code, substr(events.date, 1, 8) || '01' AS start, quad, status, count(*), sum(CAST(round(events.goldstein * 1000000) AS INTEGER))
	FROM events WHERE live = 1 AND date(events.date, '+0 days') = events.date
	GROUP BY source_code, target_code, start, quad, status;

DROP TRIGGER events_days_insert;
DROP TRIGGER events_days_delete;
DROP TRIGGER events_days_update;

-- A new live event is counted; an event stored for a document that is
-- already superseded is then marked dead, which the update trigger takes
-- back out of the summaries.
CREATE TRIGGER events_summaries_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
		SELECT 'week', new.source_code, new.target_code, date(new.date, '-6 days', 'weekday 1'), new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
		SELECT 'month', new.source_code, new.target_code, substr(new.date, 1, 8) || '01', new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	UPDATE events SET live = 0 WHERE rowid = new.rowid AND new.live = 1
		AND EXISTS (SELECT 1 FROM documents WHERE id = new.doc_id AND superseded_by <> '');
END;

CREATE TRIGGER events_summaries_delete AFTER DELETE ON events WHEN old.live = 1 BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND date = old.date AND quad = old.quad AND status = old.status;
	DELETE FROM event_days WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND date = old.date AND quad = old.quad AND status = old.status AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND date = date(old.date, '-6 days', 'weekday 1') AND quad = old.quad AND status = old.status;
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND date = date(old.date, '-6 days', 'weekday 1') AND quad = old.quad AND status = old.status AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND date = substr(old.date, 1, 8) || '01' AND quad = old.quad AND status = old.status;
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND date = substr(old.date, 1, 8) || '01' AND quad = old.quad AND status = old.status AND events <= 0;
END;

CREATE TRIGGER events_summaries_update AFTER UPDATE OF source_code, target_code, date, quad, status, goldstein, live ON events BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND date = old.date AND quad = old.quad AND status = old.status;
	DELETE FROM event_days WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND date = old.date AND quad = old.quad AND status = old.status AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND date = date(old.date, '-6 days', 'weekday 1') AND quad = old.quad AND status = old.status;
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND date = date(old.date, '-6 days', 'weekday 1') AND quad = old.quad AND status = old.status AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND date = substr(old.date, 1, 8) || '01' AND quad = old.quad AND status = old.status;
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND date = substr(old.date, 1, 8) || '01' AND quad = old.quad AND status = old.status AND events <= 0;
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
		SELECT 'week', new.source_code, new.target_code, date(new.date, '-6 days', 'weekday 1'), new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein)
		SELECT 'month', new.source_code, new.target_code, substr(new.date, 1, 8) || '01', new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;
END;
