-- 0009: the explanation of each event, so that it survives storage and an
-- analyst checking a claim sees why the coder made it.
--
-- why holds the JSON of event.Why (score, strongest features, pattern
-- matches, how the source and target were chosen, the status cue and the
-- date rule), bounded by store.WhyJSON; '' for an event without one.
-- The *_inferred columns say how a generic actor's country was inferred
-- (event.Actor.Inferred); '' when the actor's words name it. Events coded
-- before this migration keep '' in all of them.
ALTER TABLE events ADD COLUMN why TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_inferred TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_inferred TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN attributed_inferred TEXT NOT NULL DEFAULT '';
