-- The station desk (零工驿站工作台), beyond check-ins (0003):
--  * each station's fair-order rule for same-day jobs (公平派工);
--  * the seeded random draws (抽签), stored with their seed so anyone can redo them;
--  * priority help for workers who are hard to place (困难零工人员分级服务):
--    the sensitive categories (低收入家庭, 残疾) live only in priority_consents,
--    one row per category with the consent text and time, deleted on request;
--  * every contact attempt staff make for a priority worker.
-- The rule is a table of its own rather than a column on markets: the markets
-- directory owns that table, and the desk also records who set the rule.

CREATE TABLE desk_station_rules (
  market_id INTEGER PRIMARY KEY NOT NULL REFERENCES markets(id),
  fair_order TEXT NOT NULL DEFAULT 'checkin',
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE fair_draws (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  market_id INTEGER NOT NULL REFERENCES markets(id),
  day TEXT NOT NULL,
  seed INTEGER NOT NULL,
  -- JSON array of worker ids in the drawn order.
  worker_ids TEXT NOT NULL,
  drawn_at INTEGER NOT NULL,
  drawn_by INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX fair_draws_once_idx ON fair_draws(market_id, day);

CREATE TABLE priority_consents (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  worker_id INTEGER NOT NULL REFERENCES users(id),
  category TEXT NOT NULL,
  consent_text TEXT NOT NULL,
  consented_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  market_id INTEGER REFERENCES markets(id)
);
CREATE UNIQUE INDEX priority_consents_once_idx ON priority_consents(worker_id, category);

CREATE TABLE contact_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  worker_id INTEGER NOT NULL REFERENCES users(id),
  posting_id INTEGER REFERENCES job_postings(id),
  outcome TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  staff_id INTEGER NOT NULL REFERENCES users(id),
  market_id INTEGER REFERENCES markets(id)
);
CREATE INDEX contact_logs_worker_idx ON contact_logs(worker_id, at);
CREATE INDEX contact_logs_market_idx ON contact_logs(market_id, at);
