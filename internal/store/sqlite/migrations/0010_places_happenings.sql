-- 0010: where an event happened, and the happening it reports.
--
-- location_country, admin1 and geo_precision (city, admin1 or country)
-- complete location, lat and lon; location_start and location_end are the
-- byte span of the words that state the place.
--
-- Happenings (package happening): link_key is the act and the country and
-- sector of each side, '' for an event that is not linked (a status that
-- is not counted, no source, or a date coarser than a week);
-- link_start and link_end the days (since 1970-01-01) in which it may
-- have happened; happening the ID of the event that anchors its
-- happening, and hap_anchor the day it is anchored on. The store
-- re-clusters the keys a write touches, in the write's transaction.
-- Events stored before this migration are each a happening of their own
-- until their document is coded again.
ALTER TABLE events ADD COLUMN location_country TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN geo_precision TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN location_start INTEGER;
ALTER TABLE events ADD COLUMN location_end INTEGER;
ALTER TABLE events ADD COLUMN link_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN link_start INTEGER;
ALTER TABLE events ADD COLUMN link_end INTEGER;
ALTER TABLE events ADD COLUMN happening TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN hap_anchor INTEGER;
UPDATE events SET happening = id;
CREATE INDEX events_link ON events (link_key, link_end) WHERE link_key <> '';
-- The reports of a happening other than its anchor, for counting them;
-- most events are their own happening and stay out of this index.
CREATE INDEX events_happening ON events (happening) WHERE happening <> id;
-- Events by where they happened (the country and city filters, the map).
CREATE INDEX events_location ON events (location_country, location, date) WHERE location_country <> '';
