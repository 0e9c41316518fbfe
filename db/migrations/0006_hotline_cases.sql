-- The supervision hotline and labour-rights window (监管热线 / 维权窗口):
-- complaint cases with a readable number, their append-only timeline, and the
-- throttle for public status lookups and reports.
CREATE TABLE hotline_cases (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  day TEXT NOT NULL,
  seq INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('phone','visit','online')),
  caller_name TEXT,
  caller_phone TEXT,
  caller_user_id INTEGER REFERENCES users(id),
  category TEXT NOT NULL CHECK (category IN ('wage_arrears','discrimination','safety','fraud','forced_deal','provocation','order','false_ad','service','other')),
  urgency TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal','urgent')),
  employer_id INTEGER REFERENCES employers(id),
  posting_id INTEGER REFERENCES job_postings(id),
  hire_id INTEGER REFERENCES hires(id),
  market_id INTEGER REFERENCES markets(id),
  county_code TEXT NOT NULL REFERENCES counties(code),
  amount_owed_fen INTEGER CHECK (amount_owed_fen IS NULL OR amount_owed_fen >= 0),
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted','transferred','processing','closed','visited')),
  due_date TEXT NOT NULL,
  agency TEXT CHECK (agency IN ('labour_inspection','police','market_regulation','housing','hrss','other')),
  outcome TEXT CHECK (outcome IN ('upheld','partly_upheld','unfounded','unverifiable')),
  recovered_fen INTEGER CHECK (recovered_fen IS NULL OR recovered_fen >= 0),
  satisfaction TEXT CHECK (satisfaction IN ('satisfied','fairly_satisfied','dissatisfied')),
  assigned_to INTEGER REFERENCES users(id),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX hotline_cases_day_seq_idx ON hotline_cases(day, seq);
CREATE INDEX hotline_cases_county_idx ON hotline_cases(county_code, status, created_at);
CREATE INDEX hotline_cases_market_idx ON hotline_cases(market_id, status, created_at);
CREATE INDEX hotline_cases_due_idx ON hotline_cases(status, due_date);
CREATE INDEX hotline_cases_employer_idx ON hotline_cases(employer_id, category, status);
CREATE INDEX hotline_cases_hire_idx ON hotline_cases(hire_id);
CREATE INDEX hotline_cases_day_idx ON hotline_cases(day);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES hotline_cases(id),
  at INTEGER NOT NULL,
  staff_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('intake','transfer','start','close','callback','reopen','assign','note')),
  note TEXT NOT NULL DEFAULT '',
  public INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('accepted','transferred','processing','closed','visited')),
  detail TEXT
);
CREATE INDEX case_events_case_idx ON case_events(case_id, at);
-- The timeline is a record: what was written stays as written.
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

CREATE TABLE hotline_throttle (
  key TEXT PRIMARY KEY NOT NULL,
  count INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER
);
