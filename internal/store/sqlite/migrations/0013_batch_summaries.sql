-- 0013: the writer keeps the summaries, once per write transaction.
--
-- The per-row triggers of 0011 updated event_days and event_periods for
-- every event inserted, deleted or changed, and documents_live_events of
-- 0004 switched a superseded version's events dead one by one; together
-- they cost most of the time of storing analyses. The store now gathers
-- the changes a transaction makes to the live events and adds them to the
-- summaries in a few multi-row statements before commit (summaries.go),
-- and marks the events of a superseded version dead itself. The summaries
-- were exact under the triggers, so dropping them leaves them exact.
DROP TRIGGER events_summaries_insert;
DROP TRIGGER events_summaries_delete;
DROP TRIGGER events_summaries_update;
DROP TRIGGER documents_live_events;
