-- 0016: place_days, the live events per place and (day, quad class,
-- status), for the map (Places) and the counts of a country's or a
-- city's events (store.PlacesSummarized says which filters it answers),
-- which otherwise read every placed event.
--
-- The key is the event's location_country, its city (location when
-- geo_precision is 'city', else ''), and the city's coordinates:
-- has_coords is 1 when the event is placed in a city and has both lat
-- and lon, which lat and lon then hold; otherwise has_coords is 0 and lat
-- and lon are 0 (a NOT NULL key that the upserts can match; 0, 0 is a
-- place, so has_coords tells it apart). Places shows a city only with its
-- coordinates and sums the rest into the country.
--
-- An event is counted only when it has a location_country or a city (a
-- city without a country is counted under country ''); the events of
-- neither are the whole store's (event_totals) less the sum of these
-- rows. The four counts mean what event_days' do, and a row exists only
-- while it counts a live event. The writer keeps it with the other
-- summaries, once per batch (summaries.go).
CREATE TABLE place_days (
	location_country TEXT    NOT NULL,
	city             TEXT    NOT NULL,
	has_coords       INTEGER NOT NULL,
	lat              REAL    NOT NULL,
	lon              REAL    NOT NULL,
	date             TEXT    NOT NULL,
	quad             INTEGER NOT NULL,
	status           TEXT    NOT NULL,
	events           INTEGER NOT NULL,
	goldstein        INTEGER NOT NULL,
	happenings       INTEGER NOT NULL,
	hap_goldstein    INTEGER NOT NULL,
	PRIMARY KEY (location_country, city, has_coords, lat, lon, date, quad, status)
) WITHOUT ROWID;
-- A city's rows without its country (EventCounts of a city filter),
-- holding the counts so that no row of the table is read; a query names
-- city <> '' to use it.
CREATE INDEX place_days_city ON place_days (city, date, quad, status, events, goldstein, happenings, hap_goldstein) WHERE city <> '';

INSERT INTO place_days (location_country, city, has_coords, lat, lon, date, quad, status, events, goldstein, happenings, hap_goldstein)
	SELECT location_country, city, has_coords, CASE WHEN has_coords THEN lat ELSE 0 END, CASE WHEN has_coords THEN lon ELSE 0 END,
		date, quad, status, count(*), sum(CAST(round(goldstein * 1000000) AS INTEGER)), sum(happening = id),
		sum(CASE WHEN happening = id THEN CAST(round(goldstein * 1000000) AS INTEGER) ELSE 0 END)
	FROM (SELECT location_country, CASE WHEN geo_precision = 'city' THEN location ELSE '' END AS city,
			geo_precision = 'city' AND lat IS NOT NULL AND lon IS NOT NULL AS has_coords, lat, lon,
			date, quad, status, goldstein, happening, id
		FROM events NOT INDEXED WHERE live = 1)
	WHERE location_country <> '' OR city <> ''
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
