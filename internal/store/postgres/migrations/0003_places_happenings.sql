-- 0003: where an event happened, and the happening it reports (the SQLite
-- schema's 0010).
--
-- location_country, admin1 and geo_precision (city, admin1 or country)
-- complete location, lat and lon; location_start and location_end are the
-- byte span of the words that state the place.
--
-- Happenings (package happening): link_key is the act and the country and
-- sector of each side, '' for an event that is not linked; link_start and
-- link_end the days (since 1970-01-01) in which it may have happened;
-- happening the ID of the event that anchors its happening, hap_anchor
-- the day it is anchored on. Writers re-cluster the keys they touch in
-- their transaction, holding a transaction-scoped advisory lock per key so
-- that concurrent workers never cluster one key at once. Events stored
-- before this migration are each a happening of their own until their
-- document is coded again.
ALTER TABLE events
	ADD COLUMN location_country text NOT NULL DEFAULT '',
	ADD COLUMN admin1           text NOT NULL DEFAULT '',
	ADD COLUMN geo_precision    text NOT NULL DEFAULT '',
	ADD COLUMN location_start   integer,
	ADD COLUMN location_end     integer,
	ADD COLUMN link_key         text NOT NULL DEFAULT '',
	ADD COLUMN link_start       integer,
	ADD COLUMN link_end         integer,
	ADD COLUMN happening        text NOT NULL DEFAULT '',
	ADD COLUMN hap_anchor       integer;
UPDATE events SET happening = id;
CREATE INDEX events_link ON events (link_key, link_end) WHERE link_key <> '';
-- The reports of a happening other than its anchor, for counting them;
-- most events are their own happening and stay out of this index.
CREATE INDEX events_happening ON events (happening) WHERE happening <> id;
-- Events by where they happened (the country and city filters, the map).
CREATE INDEX events_location ON events (location_country, location, date) WHERE location_country <> '';
