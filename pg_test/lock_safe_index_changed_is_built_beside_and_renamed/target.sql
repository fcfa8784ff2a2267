CREATE TABLE events (id bigint, kind text, at timestamptz, payload jsonb);
CREATE INDEX events_kind ON events (kind, at) WHERE kind <> 'k0';
COMMENT ON INDEX events_kind IS 'lookups by kind';
CREATE INDEX "Events At" ON events USING brin (at) WITH (pages_per_range = 32);
CREATE INDEX events_same ON events (id);
