-- Operations: the one row /healthz writes to prove a write can still be made
-- (src/ops/health.ts). A table of its own, so the probe touches nothing else
-- (the security matrix lets GETs write only here, sessions and the audit log).
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  at INTEGER NOT NULL
);
