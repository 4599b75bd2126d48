-- 0008: place_days, the live events per place and (day, quad class,
-- status), for the map (Places) and the counts of a country's or a
-- city's events (store.PlacesSummarized says which filters it answers),
-- which otherwise read every placed event. It is the SQLite schema's
-- place_days (0016).
--
-- The key is the event's location_country, its city (location when
-- geo_precision is 'city', else ''), and the city's coordinates:
-- has_coords is true when the event is placed in a city and has both lat
-- and lon, which lat and lon then hold; otherwise has_coords is false and
-- lat and lon are 0 (a NOT NULL key that ON CONFLICT can match; 0, 0 is a
-- place, so has_coords tells it apart). Places shows a city only with its
-- coordinates and sums the rest into its country.
--
-- An event is counted only when it has a location_country or a city (a
-- city without a country is counted under country ''); the events of
-- neither are the whole store's (event_totals) less the sum of these
-- rows. The four counts mean what event_days' do, and a row exists only
-- while it counts a live event.
--
-- It is kept by the machinery of 0005 and 0006: the statement triggers
-- add its deltas into event_summary_deltas under kind 'place' (the
-- country in source_code, the city in target_code, the coordinates in
-- the new columns lat and lon, NULL without them), and the deferred flush
-- applies them at commit after dyad_totals and before store_counts, in
-- key order, so that every writer still takes its summary row locks in
-- one order of tables and keys. The functions below replace 0006's.

CREATE TABLE place_days (
	location_country text COLLATE "C" NOT NULL,
	city             text COLLATE "C" NOT NULL,
	has_coords       boolean NOT NULL,
	lat              double precision NOT NULL,
	lon              double precision NOT NULL,
	date             text COLLATE "C" NOT NULL,
	quad             integer NOT NULL,
	status           text COLLATE "C" NOT NULL,
	events           bigint NOT NULL,
	goldstein        bigint NOT NULL,
	happenings       bigint NOT NULL,
	hap_goldstein    bigint NOT NULL,
	PRIMARY KEY (location_country, city, has_coords, lat, lon, date, quad, status)
);
-- A city's rows without its country (the counts of a city filter); a
-- query names city <> '' to use it.
CREATE INDEX place_days_city ON place_days (city, date) WHERE city <> '';

INSERT INTO place_days (location_country, city, has_coords, lat, lon, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT location_country, city, has_coords, CASE WHEN has_coords THEN lat ELSE 0 END, CASE WHEN has_coords THEN lon ELSE 0 END,
		date, quad, status, count(*), sum(g), count(*) FILTER (WHERE anchor), coalesce(sum(g) FILTER (WHERE anchor), 0)
	FROM (SELECT location_country, CASE WHEN geo_precision = 'city' THEN location ELSE '' END AS city,
			geo_precision = 'city' AND lat IS NOT NULL AND lon IS NOT NULL AS has_coords, lat, lon,
			date, quad, status, round(goldstein * 1000000)::bigint AS g, happening = id AS anchor
		FROM events WHERE live) e
	WHERE location_country <> '' OR city <> ''
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- The events of a city filter without its country, in the event list's
-- order: events_location (0003) leads with the country, so such a page
-- read every event. Only events placed in a city are in it.
CREATE INDEX events_city ON events (location, date, id) WHERE geo_precision = 'city';

-- A place delta's coordinates; NULL for every other kind.
ALTER TABLE event_summary_deltas ADD COLUMN lat double precision, ADD COLUMN lon double precision;

-- event_place_key returns the place_days key of an event's location
-- columns, as (country, city, lat, lon) with lat and lon NULL without
-- coordinates, or no row when place_days does not count it.
CREATE FUNCTION event_place_key(country text, location text, geo text, lat double precision, lon double precision)
	RETURNS TABLE (country text, city text, lat double precision, lon double precision) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT p.country, p.city, CASE WHEN p.coords THEN p.lat END, CASE WHEN p.coords THEN p.lon END
	FROM (SELECT country, CASE WHEN geo = 'city' THEN location ELSE '' END AS city,
		geo = 'city' AND lat IS NOT NULL AND lon IS NOT NULL AS coords, lat, lon) p
	WHERE p.country <> '' OR p.city <> ''
$$;

-- event_summary_keys returns every summary key an event counts under, as
-- (kind, k1, k2, date, lat, lon): 0006's keys (lat and lon NULL) and its
-- place ('place', country, city, day, and the city's coordinates).
DROP FUNCTION event_summary_keys(text, text, text, text, text);
CREATE FUNCTION event_summary_keys(source text, target text, code text, root text, d text,
	country text, location text, geo text, lat double precision, lon double precision)
	RETURNS TABLE (kind text, k1 text, k2 text, date text, lat double precision, lon double precision) LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT 'day', source, target, d, NULL::float8, NULL::float8
	UNION ALL SELECT 'week', source, target, event_period('week', d), NULL, NULL WHERE event_valid_day(d)
	UNION ALL SELECT 'month', source, target, event_period('month', d), NULL, NULL WHERE event_valid_day(d)
	UNION ALL SELECT 'total', '', '', d, NULL, NULL
	UNION ALL SELECT 'actor', a, '', d, NULL, NULL FROM event_actor_keys(source, target) AS a
	UNION ALL SELECT 'code', c.key, c.kind, d, NULL, NULL FROM event_code_keys(code, root) AS c
	UNION ALL SELECT 'dyad', source, target, '', NULL, NULL
	UNION ALL SELECT 'place', p.country, p.city, d, p.lat, p.lon FROM event_place_key(country, location, geo, lat, lon) AS p
$$;

-- event_summaries_stage adds up the live rows of a statement's transition
-- tables, new ones counted in and old ones out, under every summary key,
-- now with the location columns that the place key is made of.
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
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0),
				k.lat, k.lon
			FROM (SELECT source_code, target_code, code, root, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor, 1 AS n, location_country, location, geo_precision, lat, lon FROM new_rows WHERE live) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date,
				r.location_country, r.location, r.geo_precision, r.lat, r.lon) k
			GROUP BY k.kind, k.k1, k.k2, k.date, k.lat, k.lon, r.quad, r.status;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO event_summary_deltas
			SELECT txid_current(), 'count', 'events', '', '', 0, '', -count(*), 0, 0, 0 FROM old_rows HAVING count(*) > 0;
		GET DIAGNOSTICS m = ROW_COUNT;
		INSERT INTO event_summary_deltas
			SELECT txid_current(), k.kind, k.k1, k.k2, k.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0),
				k.lat, k.lon
			FROM (SELECT source_code, target_code, code, root, date, quad, status, round(goldstein * 1000000)::bigint AS g,
					happening = id AS anchor, -1 AS n, location_country, location, geo_precision, lat, lon FROM old_rows WHERE live) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date,
				r.location_country, r.location, r.geo_precision, r.lat, r.lon) k
			GROUP BY k.kind, k.k1, k.k2, k.date, k.lat, k.lon, r.quad, r.status;
	ELSE
		-- Linking rewrites the happening of many events and changes few
		-- anchors: only rows whose summary columns changed are counted,
		-- out as they were and in as they are (a row matched on neither
		-- side, had an UPDATE changed its key, counts on its own side).
		INSERT INTO event_summary_deltas
			WITH ch AS (
				SELECT o.live AS ol, o.source_code AS os, o.target_code AS ot, o.code AS oc, o.root AS orr, o.date AS od,
					o.quad AS oq, o.status AS ost, round(o.goldstein * 1000000)::bigint AS og, o.happening = o.id AS oa,
					o.location_country AS olc, o.location AS olo, o.geo_precision AS ogp, o.lat AS olat, o.lon AS olon,
					n.live AS nl, n.source_code AS ns, n.target_code AS nt, n.code AS nc, n.root AS nr, n.date AS nd,
					n.quad AS nq, n.status AS nst, round(n.goldstein * 1000000)::bigint AS ng, n.happening = n.id AS na,
					n.location_country AS nlc, n.location AS nlo, n.geo_precision AS ngp, n.lat AS nlat, n.lon AS nlon
				FROM old_rows o FULL JOIN new_rows n ON n.doc_id = o.doc_id AND n.id = o.id
				WHERE o.id IS NULL OR n.id IS NULL
					OR (o.live, o.source_code, o.target_code, o.code, o.root, o.date, o.quad, o.status, o.goldstein, o.happening = o.id,
						o.location_country, o.location, o.geo_precision, o.lat, o.lon)
					IS DISTINCT FROM (n.live, n.source_code, n.target_code, n.code, n.root, n.date, n.quad, n.status, n.goldstein, n.happening = n.id,
						n.location_country, n.location, n.geo_precision, n.lat, n.lon))
			SELECT txid_current(), k.kind, k.k1, k.k2, k.date, r.quad, r.status,
				sum(r.n), sum(r.n * r.g), coalesce(sum(r.n) FILTER (WHERE r.anchor), 0), coalesce(sum(r.n * r.g) FILTER (WHERE r.anchor), 0),
				k.lat, k.lon
			FROM (SELECT ns AS source_code, nt AS target_code, nc AS code, nr AS root, nd AS date, nq AS quad, nst AS status,
					ng AS g, na AS anchor, 1 AS n, nlc AS location_country, nlo AS location, ngp AS geo_precision, nlat AS lat, nlon AS lon FROM ch WHERE nl
				UNION ALL SELECT os, ot, oc, orr, od, oq, ost, og, oa, -1, olc, olo, ogp, olat, olon FROM ch WHERE ol) r
			CROSS JOIN LATERAL event_summary_keys(r.source_code, r.target_code, r.code, r.root, r.date,
				r.location_country, r.location, r.geo_precision, r.lat, r.lon) k
			GROUP BY k.kind, k.k1, k.k2, k.date, k.lat, k.lon, r.quad, r.status
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
-- one order (days, periods, totals, actors, codes, dyad totals, places,
-- store counts) and each in key order, and removes the rows left without
-- events.
CREATE OR REPLACE FUNCTION event_summaries_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	me bigint := NEW.xid;
	zs text[]; zt text[]; zk text[]; zd text[]; zq integer[]; zst text[];
	zc boolean[]; zlat float8[]; zlon float8[];
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
		INSERT INTO place_days AS s (location_country, city, has_coords, lat, lon, date, quad, status, events, goldstein, happenings, hap_goldstein)
			SELECT source_code, target_code, lat IS NOT NULL, coalesce(lat, 0), coalesce(lon, 0), date, quad, status,
				sum(events), sum(goldstein), sum(happenings), sum(hap_goldstein)
			FROM event_summary_deltas WHERE xid = me AND kind = 'place'
			GROUP BY source_code, target_code, lat, lon, date, quad, status
			ORDER BY source_code, target_code, lat IS NOT NULL, coalesce(lat, 0), coalesce(lon, 0), date, quad, status
		ON CONFLICT (location_country, city, has_coords, lat, lon, date, quad, status) DO UPDATE SET
			events = s.events + excluded.events, goldstein = s.goldstein + excluded.goldstein,
			happenings = s.happenings + excluded.happenings, hap_goldstein = s.hap_goldstein + excluded.hap_goldstein
		RETURNING s.location_country, s.city, s.has_coords, s.lat, s.lon, s.date, s.quad, s.status, s.events)
	SELECT array_agg(location_country), array_agg(city), array_agg(has_coords), array_agg(lat), array_agg(lon), array_agg(date), array_agg(quad), array_agg(status)
		INTO zs, zt, zc, zlat, zlon, zd, zq, zst FROM u WHERE events <= 0;
	IF zs IS NOT NULL THEN
		DELETE FROM place_days s USING unnest(zs, zt, zc, zlat, zlon, zd, zq, zst) AS z(location_country, city, has_coords, lat, lon, date, quad, status)
			WHERE s.location_country = z.location_country AND s.city = z.city AND s.has_coords = z.has_coords AND s.lat = z.lat AND s.lon = z.lon
				AND s.date = z.date AND s.quad = z.quad AND s.status = z.status AND s.events <= 0;
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

ANALYZE place_days;
