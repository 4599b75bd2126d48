-- 0006: smaller summaries beside event_days and event_periods, for the
-- pages that filter on less than a dyad, which would otherwise add up
-- every dyad's rows of each day:
--
--   event_totals (date, quad, status): the whole store per day;
--   actor_days (actor, date, quad, status): per actor key, every prefix
--     of the source or target code whose length in bytes is a multiple
--     of three, each once per event (store.ActorKeys);
--   code_days (kind, code, date, quad, status): per CAMEO code (kind
--     'code') and per root (kind 'root'). The two are kept apart, unlike
--     store.CodeKeys, because a CAMEO code of two digits is also a root:
--     code 19 is one kind of event, root 19 every 19x event, and a
--     filter on code 19 must not count the events of code 190;
--   dyad_totals (source_code, target_code, quad, status): per dyad, with
--     no date, for the busiest dyads of the whole time;
--   store_counts (what, key): what Stats reports, so that it counts no
--     table whole: every stored event ('events', ''), and documents per
--     language ('lang'), coding status ('status'), non-empty outlet
--     ('outlet') and superseded ('superseded', '').
--
-- Their four counts mean what event_days' do, and they are kept by the
-- same machinery: the statement triggers of 0005 add each statement's
-- rows into event_summary_deltas, now under every summary's keys (kind
-- 'total', 'actor', 'code' or 'dyad' besides 'day', 'week' and 'month';
-- an actor or code key in source_code; a dyad total's date ''), and the
-- deferred flush applies a transaction's deltas at commit table by table
-- in one order (days, periods, totals, actors, codes, dyad totals, store
-- counts), each in key order. A statement trigger on documents adds its
-- store counts the same way (kind 'count', what in source_code, key in
-- target_code).

-- event_actor_keys returns the actor keys of an event (store.ActorKeys):
-- the prefixes of either code whose length in bytes is a multiple of
-- three, each once. A prefix is taken by characters, so a key never cuts
-- a character, which no filter could name anyway.
CREATE FUNCTION event_actor_keys(source text, target text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT DISTINCT left(c, n) FROM unnest(ARRAY[source, target]) AS c, generate_series(1, length(c)) AS n
	WHERE octet_length(left(c, n)) % 3 = 0
$$;

-- event_code_keys returns the code_days keys of an event: ('code', its
-- code) and ('root', its root), each when not empty.
CREATE FUNCTION event_code_keys(code text, root text) RETURNS TABLE (kind text, key text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT 'code', code WHERE code <> ''
	UNION ALL SELECT 'root', root WHERE root <> ''
$$;

-- event_summary_keys returns every summary key an event counts under, as
-- (kind, k1, k2, date): the deltas' kind, source_code, target_code and
-- date (a code_days key in k1, its kind in k2). Periods come only from
-- valid calendar days.
CREATE FUNCTION event_summary_keys(source text, target text, code text, root text, d text)
	RETURNS TABLE (kind text, k1 text, k2 text, date text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT 'day', source, target, d
	UNION ALL SELECT 'week', source, target, event_period('week', d) WHERE event_valid_day(d)
	UNION ALL SELECT 'month', source, target, event_period('month', d) WHERE event_valid_day(d)
	UNION ALL SELECT 'total', '', '', d
	UNION ALL SELECT 'actor', a, '', d FROM event_actor_keys(source, target) AS a
	UNION ALL SELECT 'code', c.key, c.kind, d FROM event_code_keys(code, root) AS c
	UNION ALL SELECT 'dyad', source, target, ''
$$;

CREATE TABLE event_totals (
	date          text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,  -- as in event_days
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL,
	PRIMARY KEY (date, quad, status)
);

CREATE TABLE actor_days (
	actor         text COLLATE "C" NOT NULL,
	date          text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL,
	PRIMARY KEY (actor, date, quad, status)
);

CREATE TABLE code_days (
	kind          text COLLATE "C" NOT NULL,  -- code or root
	code          text COLLATE "C" NOT NULL,
	date          text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL,
	PRIMARY KEY (kind, code, date, quad, status)
);

CREATE TABLE dyad_totals (
	source_code   text COLLATE "C" NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	quad          integer NOT NULL,
	status        text COLLATE "C" NOT NULL,
	events        bigint NOT NULL,
	goldstein     bigint NOT NULL,
	happenings    bigint NOT NULL,
	hap_goldstein bigint NOT NULL,
	PRIMARY KEY (source_code, target_code, quad, status)
);
-- For an actor's busiest dyads, found on either side.
CREATE INDEX dyad_totals_target ON dyad_totals (target_code, source_code);

CREATE TABLE store_counts (
	what text COLLATE "C" NOT NULL,  -- events, lang, status, outlet or superseded
	key  text COLLATE "C" NOT NULL,  -- the language, status or outlet; '' for the others
	n    bigint NOT NULL,            -- events or documents, always > 0
	PRIMARY KEY (what, key)
);

-- document_count_keys returns the store counts a document counts in.
CREATE FUNCTION document_count_keys(lang text, status text, outlet text, superseded_by text)
	RETURNS TABLE (what text, key text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT 'lang', lang
	UNION ALL SELECT 'status', status
	UNION ALL SELECT 'outlet', outlet WHERE outlet <> ''
	UNION ALL SELECT 'superseded', '' WHERE superseded_by <> ''
$$;

INSERT INTO store_counts (what, key, n) SELECT 'events', '', count(*) FROM events HAVING count(*) > 0;
INSERT INTO store_counts (what, key, n)
	SELECT x.what, x.key, count(*) FROM documents d
	CROSS JOIN LATERAL document_count_keys(d.lang, d.status, d.outlet, d.superseded_by) AS x
	GROUP BY x.what, x.key;

INSERT INTO event_totals (date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
	FROM event_days GROUP BY date, quad, status;
INSERT INTO dyad_totals (source_code, target_code, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT source_code, target_code, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
	FROM event_days GROUP BY source_code, target_code, quad, status;
-- An event counts once per key, not once per dyad row: the actor keys
-- come from the events themselves.
INSERT INTO actor_days (actor, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT k, e.date, e.quad, e.status, count(*), sum(round(e.goldstein * 1000000)::bigint),
		count(*) FILTER (WHERE e.happening = e.id), coalesce(sum(round(e.goldstein * 1000000)::bigint) FILTER (WHERE e.happening = e.id), 0)
	FROM events e CROSS JOIN LATERAL event_actor_keys(e.source_code, e.target_code) AS k
	WHERE e.live GROUP BY k, e.date, e.quad, e.status;
INSERT INTO code_days (kind, code, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT k.kind, k.key, e.date, e.quad, e.status, count(*), sum(round(e.goldstein * 1000000)::bigint),
		count(*) FILTER (WHERE e.happening = e.id), coalesce(sum(round(e.goldstein * 1000000)::bigint) FILTER (WHERE e.happening = e.id), 0)
	FROM events e CROSS JOIN LATERAL event_code_keys(e.code, e.root) AS k
	WHERE e.live GROUP BY k.kind, k.key, e.date, e.quad, e.status;

-- event_summaries_stage adds up the live rows of a statement's transition
-- tables, new ones counted in and old ones out, under every summary key.
CREATE OR REPLACE FUNCTION event_summaries_stage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
	m bigint := 0;
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), 'count', 'events', '', '', 0, '', count(*), 0, 0, 0 FROM new_rows HAVING count(*) > 0;
		GET DIAGNOSTICS m = ROW_COUNT;
		INSERT INTO event_summary_deltas
			SELECT txid_current(), k.kind, k.k1, k.k2, k.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT source_code, target_code, code, root, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor, 1 AS n FROM new_rows WHERE live) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date) k
			GROUP BY k.kind, k.k1, k.k2, k.date, r.quad, r.status;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), 'count', 'events', '', '', 0, '', -count(*), 0, 0, 0 FROM old_rows HAVING count(*) > 0;
		GET DIAGNOSTICS m = ROW_COUNT;
		INSERT INTO event_summary_deltas
			SELECT txid_current(), k.kind, k.k1, k.k2, k.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT source_code, target_code, code, root, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor, -1 AS n FROM old_rows WHERE live) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date) k
			GROUP BY k.kind, k.k1, k.k2, k.date, r.quad, r.status;
	ELSE
		-- Linking rewrites the happening of many events and changes few
		-- anchors: only rows whose summary columns changed are counted,
		-- out as they were and in as they are (a row matched on neither
		-- side, had an UPDATE changed its key, counts on its own side).
		INSERT INTO event_summary_deltas
			WITH ch AS (
				SELECT o.live AS ol, o.source_code AS os, o.target_code AS ot, o.code AS oc, o.root AS orr, o.date AS od,
					o.quad AS oq, o.status AS ost, round(o.goldstein * 1000000)::bigint AS og, o.happening = o.id AS oa,
					n.live AS nl, n.source_code AS ns, n.target_code AS nt, n.code AS nc, n.root AS nr, n.date AS nd,
					n.quad AS nq, n.status AS nst, round(n.goldstein * 1000000)::bigint AS ng, n.happening = n.id AS na
				FROM old_rows o FULL JOIN new_rows n ON n.doc_id = o.doc_id AND n.id = o.id
				WHERE o.id IS NULL OR n.id IS NULL
					OR (o.live, o.source_code, o.target_code, o.code, o.root, o.date, o.quad, o.status, o.goldstein, o.happening = o.id)
					IS DISTINCT FROM (n.live, n.source_code, n.target_code, n.code, n.root, n.date, n.quad, n.status, n.goldstein, n.happening = n.id))
			SELECT txid_current(), k.kind, k.k1, k.k2, k.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0)
			FROM (SELECT ns AS source_code, nt AS target_code, nc AS code, nr AS root, nd AS date, nq AS quad, nst AS status,
					ng AS g, na AS anchor, 1 AS n FROM ch WHERE nl
				UNION ALL SELECT os, ot, oc, orr, od, oq, ost, og, oa, -1 FROM ch WHERE ol) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date) k
			GROUP BY k.kind, k.k1, k.k2, k.date, r.quad, r.status
			HAVING sum(r.n) <> 0 OR sum(r.n * r.g) <> 0 OR coalesce(sum(r.n) FILTER (WHERE r.anchor), 0) <> 0
				OR coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0) <> 0;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n + m > 0 THEN
		INSERT INTO event_summary_flush VALUES (txid_current()) ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;

-- event_summaries_flush applies a transaction's deltas, table by table in
-- one order and each in key order, and removes the rows left without
-- events.
CREATE OR REPLACE FUNCTION event_summaries_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	me bigint := NEW.xid;
	zs text[]; zt text[]; zk text[]; zd text[]; zq integer[]; zst text[];
BEGIN
	DELETE FROM event_summary_flush WHERE xid = me;
	WITH u AS (
		INSERT INTO event_days AS s (source_code, target_code, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, target_code, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'day'
			GROUP BY source_code, target_code, date, quad, status ORDER BY source_code, target_code, date, quad, status
		ON CONFLICT (source_code, target_code, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.source_code, s.target_code, s.date, s.quad, s.status, s.events)
	SELECT array_agg(source_code), array_agg(target_code), array_agg(date), array_agg(quad), array_agg(status) INTO zs, zt, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM event_days s USING unnest(zs, zt, zd, zq, zst) AS z(source_code, target_code, date, quad, status)
			WHERE s.source_code = z.source_code AND s.target_code = z.target_code AND s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO event_periods AS s (source_code, target_code, kind, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, target_code, kind, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind IN ('week', 'month')
			GROUP BY source_code, target_code, kind, date, quad, status ORDER BY source_code, target_code, kind, date, quad, status
		ON CONFLICT (source_code, target_code, kind, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.source_code, s.target_code, s.kind, s.date, s.quad, s.status, s.events)
	SELECT array_agg(source_code), array_agg(target_code), array_agg(kind), array_agg(date), array_agg(quad), array_agg(status) INTO zs, zt, zk, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM event_periods s USING unnest(zs, zt, zk, zd, zq, zst) AS z(source_code, target_code, kind, date, quad, status)
			WHERE s.source_code = z.source_code AND s.target_code = z.target_code AND s.kind = z.kind AND s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO event_totals AS s (date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'total'
			GROUP BY date, quad, status ORDER BY date, quad, status
		ON CONFLICT (date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.date, s.quad, s.status, s.events)
	SELECT array_agg(date), array_agg(quad), array_agg(status) INTO zd, zq, zst FROM u WHERE events <= 0;
	IF zd IS NOT NULL THEN
		DELETE FROM event_totals s USING unnest(zd, zq, zst) AS z(date, quad, status)
			WHERE s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO actor_days AS s (actor, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'actor'
			GROUP BY source_code, date, quad, status ORDER BY source_code, date, quad, status
		ON CONFLICT (actor, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.actor, s.date, s.quad, s.status, s.events)
	SELECT array_agg(actor), array_agg(date), array_agg(quad), array_agg(status) INTO zs, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM actor_days s USING unnest(zs, zd, zq, zst) AS z(actor, date, quad, status)
			WHERE s.actor = z.actor AND s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO code_days AS s (kind, code, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT target_code, source_code, date, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'code'
			GROUP BY target_code, source_code, date, quad, status ORDER BY target_code, source_code, date, quad, status
		ON CONFLICT (kind, code, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.kind, s.code, s.date, s.quad, s.status, s.events)
	SELECT array_agg(kind), array_agg(code), array_agg(date), array_agg(quad), array_agg(status) INTO zk, zs, zd, zq, zst FROM u WHERE events <= 0;
	IF zk IS NOT NULL THEN
		DELETE FROM code_days s USING unnest(zk, zs, zd, zq, zst) AS z(kind, code, date, quad, status)
			WHERE s.kind = z.kind AND s.code = z.code AND s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO dyad_totals AS s (source_code, target_code, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, target_code, quad, status, sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'dyad'
			GROUP BY source_code, target_code, quad, status ORDER BY source_code, target_code, quad, status
		ON CONFLICT (source_code, target_code, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.source_code, s.target_code, s.quad, s.status, s.events)
	SELECT array_agg(source_code), array_agg(target_code), array_agg(quad), array_agg(status) INTO zs, zt, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM dyad_totals s USING unnest(zs, zt, zq, zst) AS z(source_code, target_code, quad, status)
			WHERE s.source_code = z.source_code AND s.target_code = z.target_code AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
	END IF;
	WITH u AS (
		INSERT INTO store_counts AS s (what, key, n)
			SELECT source_code, target_code, sum(events)
			FROM event_summary_deltas WHERE xid = me AND kind = 'count'
			GROUP BY source_code, target_code ORDER BY source_code, target_code
		ON CONFLICT (what, key) DO UPDATE SET n = s.n + excluded.n
		RETURNING s.what, s.key, s.n)
	SELECT array_agg(what), array_agg(key) INTO zs, zt FROM u WHERE n <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM store_counts s USING unnest(zs, zt) AS z(what, key)
			WHERE s.what = z.what AND s.key = z.key AND s.n <= 0;
	END IF;
	DELETE FROM event_summary_deltas WHERE xid = me;
	RETURN NULL;
END
$$;

-- document_counts_stage adds up a statement's documents, new ones
-- counted in and old ones out, under their store counts; an UPDATE counts
-- only the rows whose counted columns changed (coding changes a status).
CREATE FUNCTION document_counts_stage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), 'count', x.what, x.key, '', 0, '', count(*), 0, 0, 0
			FROM new_rows r CROSS JOIN LATERAL document_count_keys(r.lang, r.status, r.outlet, r.superseded_by) AS x
			GROUP BY x.what, x.key;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), 'count', x.what, x.key, '', 0, '', -count(*), 0, 0, 0
			FROM old_rows r CROSS JOIN LATERAL document_count_keys(r.lang, r.status, r.outlet, r.superseded_by) AS x
			GROUP BY x.what, x.key;
	ELSE
		INSERT INTO event_summary_deltas
			WITH ch AS (
				SELECT o.id AS oid, o.lang AS ol, o.status AS ost, o.outlet AS oo, o.superseded_by AS osu,
					n.id AS nid, n.lang AS nl, n.status AS nst, n.outlet AS nou, n.superseded_by AS nsu
				FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
				WHERE o.id IS NULL OR n.id IS NULL
					OR (o.lang, o.status, o.outlet, o.superseded_by <> '') IS DISTINCT FROM (n.lang, n.status, n.outlet, n.superseded_by <> ''))
			SELECT txid_current(), 'count', x.what, x.key, '', 0, '', sum(r.n), 0, 0, 0
			FROM (SELECT nl AS lang, nst AS status, nou AS outlet, nsu AS superseded_by, 1 AS n FROM ch WHERE nid IS NOT NULL
				UNION ALL SELECT ol, ost, oo, osu, -1 FROM ch WHERE oid IS NOT NULL) r
			CROSS JOIN LATERAL document_count_keys(r.lang, r.status, r.outlet, r.superseded_by) AS x
			GROUP BY x.what, x.key HAVING sum(r.n) <> 0;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		INSERT INTO event_summary_flush VALUES (txid_current()) ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER documents_counts_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_counts_stage();
CREATE TRIGGER documents_counts_delete AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_counts_stage();
CREATE TRIGGER documents_counts_update AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION document_counts_stage();

ANALYZE event_totals;
ANALYZE actor_days;
ANALYZE code_days;
ANALYZE dyad_totals;
ANALYZE store_counts;
