-- 签到: a worker checked in at a station or market on a day. The source of
-- each market's daily job-seeker count; one per worker, market and day.
CREATE TABLE check_ins (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  market_id INTEGER NOT NULL REFERENCES markets(id),
  worker_id INTEGER NOT NULL REFERENCES users(id),
  day TEXT NOT NULL,
  at INTEGER NOT NULL,
  via_staff_id INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX check_ins_once_idx ON check_ins(market_id, worker_id, day);
CREATE INDEX check_ins_day_idx ON check_ins(day, market_id);
CREATE INDEX check_ins_worker_idx ON check_ins(worker_id, day);
