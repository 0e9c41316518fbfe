-- Markets and monitoring:
--  * the 十个一 checklist: ten items per county (market_id 0) and per market,
--    each marked done with evidence by the county admin;
--  * daily figures imported from self-hosted county instances, keyed by
--    (county, the county's own market key, day), and a log of each import;
--  * an index for counting postings by the day they were published.
CREATE TABLE market_checklist (
  county_code TEXT NOT NULL REFERENCES counties(code),
  -- 0 for the county's own checklist, otherwise the market's id.
  market_id INTEGER NOT NULL DEFAULT 0,
  item TEXT NOT NULL CHECK (item IN ('person','plan','directory','standard_market','hotline','catalogue','guidance','rights_window','facilities','monitoring')),
  done INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '',
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (county_code, market_id, item)
);

CREATE TABLE stats_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  county_code TEXT NOT NULL REFERENCES counties(code),
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  rows INTEGER NOT NULL,
  -- How many (market, day) rows the import added, changed or removed; 0 = same file again.
  changed INTEGER NOT NULL,
  imported_by INTEGER REFERENCES users(id),
  imported_at INTEGER NOT NULL
);
CREATE INDEX stats_imports_at_idx ON stats_imports(imported_at);

CREATE TABLE stats_imported (
  county_code TEXT NOT NULL REFERENCES counties(code),
  -- The market's id on the county's own instance, or 'online'.
  market_key TEXT NOT NULL,
  day TEXT NOT NULL,
  market_name TEXT NOT NULL,
  market_tier TEXT NOT NULL,
  seekers INTEGER NOT NULL DEFAULT 0 CHECK (seekers >= 0),
  postings INTEGER NOT NULL DEFAULT 0 CHECK (postings >= 0),
  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  signups INTEGER NOT NULL DEFAULT 0 CHECK (signups >= 0),
  hires INTEGER NOT NULL DEFAULT 0 CHECK (hires >= 0),
  priority_hires INTEGER NOT NULL DEFAULT 0 CHECK (priority_hires >= 0),
  complaints INTEGER NOT NULL DEFAULT 0 CHECK (complaints >= 0),
  import_id INTEGER NOT NULL REFERENCES stats_imports(id),
  PRIMARY KEY (county_code, market_key, day)
);
CREATE INDEX stats_imported_day_idx ON stats_imported(day, county_code);

CREATE INDEX postings_published_idx ON job_postings(published_at);
CREATE INDEX applications_via_market_idx ON applications(via_market_id, created_at);
