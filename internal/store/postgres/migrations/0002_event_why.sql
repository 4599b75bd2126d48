-- 0002: the explanation of each event, so that it survives storage and an
-- analyst checking a claim sees why the coder made it (the SQLite schema's
-- 0009).
--
-- why holds the JSON of event.Why (score, strongest features, pattern
-- matches, how the source and target were chosen, the status cue and the
-- date rule), bounded by store.WhyJSON; '' for an event without one. It is
-- text, not jsonb: it is only ever read back whole with its event, and
-- text keeps the bytes the conformance suite compares.
-- The *_inferred columns say how a generic actor's country was inferred
-- (event.Actor.Inferred); '' when the actor's words name it. Adding a
-- column with a constant default rewrites no rows.
ALTER TABLE events
	ADD COLUMN why                 text NOT NULL DEFAULT '',
	ADD COLUMN source_inferred     text NOT NULL DEFAULT '',
	ADD COLUMN target_inferred     text NOT NULL DEFAULT '',
	ADD COLUMN attributed_inferred text NOT NULL DEFAULT '';
