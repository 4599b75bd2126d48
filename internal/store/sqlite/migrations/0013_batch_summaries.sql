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

-- Indexes on events, and the queries that use each (TestFilterPlans logs
-- the plans of the workbench's filters; TestQueryPlans checks the rest):
--   events_date         the event list in date order (EventList, walked INDEXED BY)
--   events_source_date  an actor's or a source's events in date order (orderedWalk),
--                       and the source codes under a prefix (codeCTE, soleCode)
--   events_target_date  the same for targets, and the target-only side of an actor filter
--   events_dyad         a dyad's events in date order (orderedWalk), the names of a
--                       top dyad (Dyads), a source filter's pairs with a target filter
--   events_goldstein    the event list by Goldstein value (eventsByGoldstein)
--   events_code         the CAMEO code filter; events_root the root filter
--   events_quad         the quad-class filter of a list by Goldstein value with few matches
--   events_doc          a document's events (Analysis, DocID filter, re-analysis, supersede)
--   events_link         linking (linkMembers); events_happening HappeningCounts
--   events_location     the country filter and the map
-- events_target_dyad served only what events_target_date (target first)
-- and events_dyad (source and target) serve as well since 0011: the
-- counts it covered read the summaries, and the rest test happening,
-- which it does not hold. Dropped, it is one index fewer to write.
DROP INDEX events_target_dyad;
