-- Supervision of the markets (市场监管): safety inspections with their checklist
-- and rectification deadline, incidents at or near a market (never public but
-- as counts), and roadside gathering points (马路市场) with people counted on
-- given days, so that 退路进厅 progress can be seen per county.
CREATE TABLE market_inspections (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  market_id INTEGER NOT NULL REFERENCES markets(id),
  -- China date "YYYY-MM-DD" of the inspection.
  date TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  findings TEXT NOT NULL DEFAULT '',
  -- Set when an item failed: the date by which it must be put right.
  rectify_by TEXT,
  -- When staff recorded that it was put right (epoch ms), and what was done.
  rectified_at INTEGER,
  rectified_note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX market_inspections_market_idx ON market_inspections (market_id, date);
CREATE TABLE inspection_items (
  inspection_id INTEGER NOT NULL REFERENCES market_inspections(id),
  item TEXT NOT NULL,
  passed INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, item)
);
CREATE TABLE market_incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  market_id INTEGER NOT NULL REFERENCES markets(id),
  kind TEXT NOT NULL,
  -- China date and time of day ("HH:MM") it happened.
  date TEXT NOT NULL,
  time TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL,
  description TEXT NOT NULL,
  hotline_case_id INTEGER REFERENCES hotline_cases(id),
  police_referred INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX market_incidents_market_idx ON market_incidents (market_id, date);
CREATE TABLE roadside_points (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  county_code TEXT NOT NULL REFERENCES counties(code),
  township_code TEXT REFERENCES townships(code),
  place TEXT NOT NULL,
  usual_hours TEXT NOT NULL DEFAULT '',
  nearest_market_id INTEGER REFERENCES markets(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX roadside_points_county_idx ON roadside_points (county_code);
CREATE TABLE roadside_counts (
  point_id INTEGER NOT NULL REFERENCES roadside_points(id),
  date TEXT NOT NULL,
  people INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (point_id, date)
);
