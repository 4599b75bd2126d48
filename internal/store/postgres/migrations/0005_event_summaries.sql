-- 0005: daily, weekly and monthly summaries of the events (the SQLite
-- schema's event_days and event_periods, 0004, 0005 and 0011).
--
-- event_days holds, per (source, target, day, quad class, status), the
-- live events (events), the sum of their Goldstein values in millionths
-- (goldstein, an integer, so that adding and removing events never
-- drifts), the live anchoring events of happenings (happenings: happening
-- = id) and their Goldstein sum (hap_goldstein). A row exists only while
-- events > 0. event_periods holds the same per kind ('week', starting on
-- Monday, or 'month') and first day of the period; events whose date is
-- not a valid calendar day have no period and are left out of it.
--
-- They are kept set-wise, never row by row: a statement-level trigger on
-- events (one firing per COPY, INSERT, UPDATE or DELETE) adds up the
-- statement's transition tables by summary key into event_summary_deltas,
-- tagged with the transaction, and marks the transaction in
-- event_summary_flush. A deferred constraint trigger on that mark applies
-- the transaction's deltas once, at commit, in key order (days, then
-- periods): every writer takes its summary row locks last and in one
-- order, holds them only while it commits, and waits for no other lock
-- meanwhile, so concurrent writers never deadlock on the summaries.

CREATE FUNCTION event_valid_day(d text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	-- CASE, not AND: the numbers are read only once the form is known.
	SELECT CASE WHEN d ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND substr(d, 1, 4) <> '0000'
		THEN substr(d, 9, 2)::int <= CASE substr(d, 6, 2)
			WHEN '02' THEN CASE WHEN substr(d, 1, 4)::int % 4 = 0 AND (substr(d, 1, 4)::int % 100 <> 0 OR substr(d, 1, 4)::int % 400 = 0) THEN 29 ELSE 28 END
			WHEN '04' THEN 30 WHEN '06' THEN 30 WHEN '09' THEN 30 WHEN '11' THEN 30 ELSE 31 END
		ELSE false END
$$;

-- event_period returns the first day of the week (a Monday) or month of
-- day d, or NULL when d is not a valid calendar day. Both functions are
-- plain expressions that the planner inlines into the queries calling
-- them (a SQL function called as such costs far more than its body); so
-- event_period is STABLE like the date cast and to_char in it.
CREATE FUNCTION event_period(kind text, d text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN NOT event_valid_day(d) THEN NULL
		WHEN kind = 'month' THEN substr(d, 1, 8) || '01'
		ELSE to_char(d::date - (extract(isodow FROM d::date)::int - 1), 'YYYY-MM-DD') END
$$;

CREATE TABLE event_days (
	source_code   text COLLATE "C" NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	date          text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,  -- live events, always > 0
	goldstein     bigint NOT NULL,  -- sum of their Goldstein values, in millionths
	happenings    bigint NOT NULL,  -- live anchoring events (happening = id)
	hap_goldstein bigint NOT NULL,  -- sum of their Goldstein values, in millionths
	PRIMARY KEY (source_code, target_code, date, quad, status)
);
-- The counts are left out of the indexes, so that the upserts that change
-- them are HOT updates that touch no index.
CREATE INDEX event_days_target ON event_days (target_code, source_code, date);
CREATE INDEX event_days_date ON event_days (date);

CREATE TABLE event_periods (
	kind          text COLLATE "C" NOT NULL,  -- week or month
	source_code   text COLLATE "C" NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	date          text COLLATE "C" NOT NULL,  -- first day of the period
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL,
	PRIMARY KEY (source_code, target_code, kind, date, quad, status)
);
CREATE INDEX event_periods_target ON event_periods (target_code, source_code, kind, date);
CREATE INDEX event_periods_date ON event_periods (kind, date);

INSERT INTO event_days (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT source_code, target_code, date, quad, status, count(*), sum(round(goldstein * 1000000)::bigint),
		count(*) FILTER (WHERE happening = id), coalesce(sum(round(goldstein * 1000000)::bigint) FILTER (WHERE happening = id), 0)
	FROM events WHERE live GROUP BY source_code, target_code, date, quad, status;
INSERT INTO event_periods (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT k.kind, e.source_code, e.target_code, event_period(k.kind, e.date) AS start, e.quad, e.status, count(*),
		sum(round(e.goldstein * 1000000)::bigint), count(*) FILTER (WHERE e.happening = e.id),
		coalesce(sum(round(e.goldstein * 1000000)::bigint) FILTER (WHERE e.happening = e.id), 0)
	FROM events e CROSS JOIN (VALUES ('week'), ('month')) AS k(kind)
	WHERE e.live AND event_valid_day(e.date)
	GROUP BY k.kind, e.source_code, e.target_code, start, e.quad, e.status;

-- The deltas of the transactions in flight: kind is 'day', 'week' or
-- 'month', date the day or the first day of the period. Rows live from a
-- statement to its transaction's commit, so the table is unlogged.
CREATE UNLOGGED TABLE event_summary_deltas (
	xid           bigint NOT NULL,
	kind          text COLLATE "C" NOT NULL,
	source_code   text COLLATE "C" NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	date          text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL
);
CREATE INDEX event_summary_deltas_xid ON event_summary_deltas (xid);

-- One row per transaction with deltas; its insertion queues the flush.
CREATE UNLOGGED TABLE event_summary_flush (xid bigint PRIMARY KEY);

-- event_summaries_stage adds up the live rows of a statement's transition
-- tables, new ones counted in and old ones out, per summary key.
CREATE FUNCTION event_summaries_stage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), p.kind, r.source_code, r.target_code, p.date, r.quad, r.status,
				count(*), sum(r.g), count(*) FILTER (WHERE r.anchor), coalesce(sum(r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT source_code, target_code, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor FROM new_rows WHERE live) r
			CROSS JOIN LATERAL (VALUES ('day', r.date), ('week', event_period('week', r.date)),
				('month', event_period('month', r.date))) AS p(kind, date)
			WHERE p.date IS NOT NULL
			GROUP BY p.kind, r.source_code, r.target_code, p.date, r.quad, r.status;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), p.kind, r.source_code, r.target_code, p.date, r.quad, r.status,
				-count(*), -sum(r.g), -count(*) FILTER (WHERE r.anchor), -coalesce(sum(r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT source_code, target_code, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor FROM old_rows WHERE live) r
			CROSS JOIN LATERAL (VALUES ('day', r.date), ('week', event_period('week', r.date)),
				('month', event_period('month', r.date))) AS p(kind, date)
			WHERE p.date IS NOT NULL
			GROUP BY p.kind, r.source_code, r.target_code, p.date, r.quad, r.status;
	ELSE
		-- Linking rewrites the happening of many events and changes few
		-- anchors: only rows whose summary columns changed are counted,
		-- out as they were and in as they are (a row matched on neither
		-- side, had an UPDATE changed its key, counts on its own side).
		INSERT INTO event_summary_deltas
			WITH ch AS (
				SELECT o.live AS ol, o.source_code AS os, o.target_code AS ot, o.date AS od, o.quad AS oq, o.status AS ost,
					round(o.goldstein * 1000000)::bigint AS og, o.happening = o.id AS oa,
					n.live AS nl, n.source_code AS ns, n.target_code AS nt, n.date AS nd, n.quad AS nq, n.status AS nst,
					round(n.goldstein * 1000000)::bigint AS ng, n.happening = n.id AS na
				FROM old_rows o FULL JOIN new_rows n ON n.doc_id = o.doc_id AND n.id = o.id
				WHERE o.id IS NULL OR n.id IS NULL
					OR (o.live, o.source_code, o.target_code, o.date, o.quad, o.status, o.goldstein, o.happening = o.id)
					IS DISTINCT FROM (n.live, n.source_code, n.target_code, n.date, n.quad, n.status, n.goldstein, n.happening = n.id))
			SELECT txid_current(), p.kind, r.source_code, r.target_code, p.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT ns AS source_code, nt AS target_code, nd AS date, nq AS quad, nst AS status, ng AS g, na AS anchor, 1 AS n
					FROM ch WHERE nl
				UNION ALL SELECT os, ot, od, oq, ost, og, oa, -1 FROM ch WHERE ol) r
			CROSS JOIN LATERAL (VALUES ('day', r.date), ('week', event_period('week', r.date)),
				('month', event_period('month', r.date))) AS p(kind, date)
			WHERE p.date IS NOT NULL
			GROUP BY p.kind, r.source_code, r.target_code, p.date, r.quad, r.status
			HAVING sum(r.n) <> 0 OR sum(r.n * r.g) <> 0 OR coalesce(sum(r.n) FILTER (WHERE r.anchor), 0) <> 0
				OR coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0) <> 0;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		INSERT INTO event_summary_flush VALUES (txid_current()) ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER events_summaries_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION event_summaries_stage();
CREATE TRIGGER events_summaries_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION event_summaries_stage();
CREATE TRIGGER events_summaries_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION event_summaries_stage();

-- event_summaries_flush applies a transaction's deltas in key order and
-- removes the rows left without events.
CREATE FUNCTION event_summaries_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	me bigint := NEW.xid;
	zs text[]; zt text[]; zk text[]; zd text[]; zq integer[]; zst text[];
BEGIN
	DELETE FROM event_summary_flush WHERE xid = me;
	WITH u AS (
		INSERT INTO event_days AS s (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, target_code, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'day'
			GROUP BY source_code, target_code, date, quad, status
			ORDER BY source_code, target_code, date, quad, status
		ON CONFLICT (source_code, target_code, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.source_code, s.target_code, s.date, s.quad, s.status, s.events)
	SELECT array_agg(source_code), array_agg(target_code), array_agg(date), array_agg(quad), array_agg(status)
		INTO zs, zt, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM event_days s USING unnest(zs, zt, zd, zq, zst) AS z(source_code, target_code, date, quad, status)
			WHERE s.source_code = z.source_code AND s.target_code = z.target_code AND s.date = z.date
			AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO event_periods AS s (kind, source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT kind, source_code, target_code, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind <> 'day'
			GROUP BY source_code, target_code, kind, date, quad, status
			ORDER BY source_code, target_code, kind, date, quad, status
		ON CONFLICT (source_code, target_code, kind, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.kind, s.source_code, s.target_code, s.date, s.quad, s.status, s.events)
	SELECT array_agg(kind), array_agg(source_code), array_agg(target_code), array_agg(date), array_agg(quad), array_agg(status)
		INTO zk, zs, zt, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM event_periods s USING unnest(zk, zs, zt, zd, zq, zst) AS z(kind, source_code, target_code, date, quad, status)
			WHERE s.kind = z.kind AND s.source_code = z.source_code AND s.target_code = z.target_code AND s.date = z.date
			AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	DELETE FROM event_summary_deltas WHERE xid = me;
	RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER event_summaries_flush AFTER INSERT ON event_summary_flush
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_summaries_flush();

-- events_day_quad served the aggregates over all events (the volume
-- over time, the top dyads), which the summaries now answer; the event
-- list walks events_date. Dropping it spares every stored event one
-- index entry.
DROP INDEX events_day_quad;

-- The planner's estimate of the default filter on anchoring events,
-- written (happening = id) IS TRUE: without statistics of the expression
-- it guesses that one event in 200 anchors its happening, where most do,
-- and then reads every event of a filtered page to sort a few.
CREATE STATISTICS events_anchor ON (happening = id) FROM events;
ANALYZE events;
