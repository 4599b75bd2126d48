-- 0011: the summaries count happenings beside events.
--
-- A happening is counted once, by its anchoring event (happening = id, see
-- 0010 and package happening): event_days and event_periods gain
-- happenings, the live anchoring events of the row, and hap_goldstein,
-- the sum of their Goldstein values in millionths. Queries that count
-- happenings (the default) read these; those that count mentions read
-- events and goldstein as before. The triggers of 0005 are replaced by
-- ones that keep all four, and also fire when linking changes an event's
-- happening. Before this migration every event was its own happening
-- (0010), so the new columns start equal to the old ones.

ALTER TABLE event_days ADD COLUMN happenings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_days ADD COLUMN hap_goldstein INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_periods ADD COLUMN happenings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_periods ADD COLUMN hap_goldstein INTEGER NOT NULL DEFAULT 0;
UPDATE event_days SET happenings = events, hap_goldstein = goldstein;
UPDATE event_periods SET happenings = events, hap_goldstein = goldstein;

DROP TRIGGER events_summaries_insert;
DROP TRIGGER events_summaries_delete;
DROP TRIGGER events_summaries_update;

CREATE TRIGGER events_summaries_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT 'week', new.source_code, new.target_code, date(new.date, '-6 days', 'weekday 1'), new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT 'month', new.source_code, new.target_code, substr(new.date, 1, 8) || '01', new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
	UPDATE events SET live = 0 WHERE rowid = new.rowid AND new.live = 1
		AND EXISTS (SELECT 1 FROM documents WHERE id = new.doc_id AND superseded_by <> '');
END;

CREATE TRIGGER events_summaries_delete AFTER DELETE ON events WHEN old.live = 1 BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = old.date;
	DELETE FROM event_days WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = old.date AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = date(old.date, '-6 days', 'weekday 1');
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = date(old.date, '-6 days', 'weekday 1') AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = substr(old.date, 1, 8) || '01';
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = substr(old.date, 1, 8) || '01' AND events <= 0;
END;

CREATE TRIGGER events_summaries_update AFTER UPDATE OF source_code, target_code, date, quad, status, goldstein, live, happening ON events BEGIN
	UPDATE event_days SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = old.date;
	DELETE FROM event_days WHERE old.live = 1 AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = old.date AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = date(old.date, '-6 days', 'weekday 1');
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'week' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = date(old.date, '-6 days', 'weekday 1') AND events <= 0;
	UPDATE event_periods SET events = events - 1, goldstein = goldstein - CAST(round(old.goldstein * 1000000) AS INTEGER), happenings = happenings - (old.happening = old.id), hap_goldstein = hap_goldstein - (CASE WHEN old.happening = old.id THEN CAST(round(old.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = substr(old.date, 1, 8) || '01';
	DELETE FROM event_periods WHERE old.live = 1 AND date(old.date, '+0 days') = old.date AND kind = 'month' AND source_code = old.source_code AND target_code = old.target_code AND quad = old.quad AND status = old.status AND date = substr(old.date, 1, 8) || '01' AND events <= 0;
	INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT new.source_code, new.target_code, new.date, new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT 'week', new.source_code, new.target_code, date(new.date, '-6 days', 'weekday 1'), new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
	INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
		SELECT 'month', new.source_code, new.target_code, substr(new.date, 1, 8) || '01', new.quad, new.status, 1, CAST(round(new.goldstein * 1000000) AS INTEGER), (new.happening = new.id), (CASE WHEN new.happening = new.id THEN CAST(round(new.goldstein * 1000000) AS INTEGER) ELSE 0 END)
		WHERE new.live = 1 AND date(new.date, '+0 days') = new.date
		ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein,
			happenings = happenings + excluded.happenings, hap_goldstein = hap_goldstein + excluded.hap_goldstein;
END;
