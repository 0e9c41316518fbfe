-- 用工记录与行情 (records): an employer's payment record, the going rate for
-- each kind of work, and a worker's own record, all computed from hires and
-- wage cases (src/features/records).
--
-- record_versions: one counter per source of those figures ('hires',
-- 'wage_cases', 'employers'), raised by the triggers below on every change
-- that can move a figure. The cached figures are kept while the counters
-- stand still, so they follow the data exactly, even when another process
-- (the admin command, a second instance) wrote it.
CREATE TABLE record_versions (
  topic TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO record_versions (topic, version) VALUES ('hires', 0), ('wage_cases', 0), ('employers', 0);

CREATE TRIGGER record_versions_hires_insert AFTER INSERT ON hires
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'hires'; END;
CREATE TRIGGER record_versions_hires_update AFTER UPDATE OF status, paid, wage_fen, wage_unit, start_date, end_date, employer_id, worker_id ON hires
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'hires'; END;
CREATE TRIGGER record_versions_hires_delete AFTER DELETE ON hires
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'hires'; END;
-- The going rate groups hires by their posting's kind of work and county.
CREATE TRIGGER record_versions_postings_update AFTER UPDATE OF kind_id, county_code ON job_postings
WHEN OLD.kind_id IS NOT NEW.kind_id OR OLD.county_code IS NOT NEW.county_code
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'hires'; END;

CREATE TRIGGER record_versions_cases_insert AFTER INSERT ON hotline_cases
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'wage_cases'; END;
CREATE TRIGGER record_versions_cases_update AFTER UPDATE OF status, category, employer_id, day ON hotline_cases
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'wage_cases'; END;
CREATE TRIGGER record_versions_cases_delete AFTER DELETE ON hotline_cases
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'wage_cases'; END;

CREATE TRIGGER record_versions_employers_insert AFTER INSERT ON employers
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'employers'; END;
CREATE TRIGGER record_versions_employers_update AFTER UPDATE OF status, reviewed_at, kind, name, county_code ON employers
BEGIN UPDATE record_versions SET version = version + 1 WHERE topic = 'employers'; END;

-- An employer's hires by last work date (the 12-month record; the 90-day
-- going rate reads hires_confirmed_idx).
CREATE INDEX hires_employer_end_idx ON hires (employer_id, end_date);

-- 务工记录打印件: each printed record carries a random code in its QR link;
-- staff who scan it see the summary printed on that day. The code says
-- nothing about the worker; the summary is the figures, not the list.
CREATE TABLE record_prints (
  code TEXT PRIMARY KEY NOT NULL,
  worker_id INTEGER NOT NULL REFERENCES users(id),
  issued_at INTEGER NOT NULL,
  -- The staff member who printed it at the desk; NULL when she printed it herself.
  issued_by INTEGER REFERENCES users(id),
  -- The summary as printed (JSON: hires, paid, notPaid, unanswered, from, to).
  summary TEXT NOT NULL
);
CREATE INDEX record_prints_worker_idx ON record_prints (worker_id, issued_at);
