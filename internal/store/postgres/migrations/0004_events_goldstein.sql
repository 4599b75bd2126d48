-- The event list by Goldstein value (most conflictual or most cooperative
-- first) reads this index in (goldstein, date, id) order.
CREATE INDEX events_goldstein ON events (goldstein, date, id);
