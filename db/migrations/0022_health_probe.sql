-- The health check's own write (/healthz, /admin/status): one row, rewritten
-- at most every few seconds, so that "can the server still write?" is asked of
-- the real DB through the writer queue — kept apart from settings, which holds
-- the server's secret and which no GET should touch.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  at INTEGER NOT NULL
);
