CREATE TABLE events (id bigint, kind text, at timestamptz, payload jsonb);
INSERT INTO events SELECT g, 'k' || g % 7, timestamptz '2024-01-01' + g * interval '1 min', '{}' FROM generate_series(1, 2000) g;
CREATE INDEX events_kind ON events (kind);
COMMENT ON INDEX events_kind IS 'lookups by kind';
CREATE INDEX "Events At" ON events (at);
CREATE INDEX events_same ON events (id);
