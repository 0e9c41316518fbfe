-- Foundation: regions, kinds of work, markets, accounts, sessions, throttling,
-- first-run setup and the append-only audit log.
CREATE TABLE counties (
  code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE townships (
  code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  county_code TEXT NOT NULL REFERENCES counties(code)
);
CREATE INDEX townships_county_idx ON townships(county_code);
CREATE TABLE work_kinds (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE brands (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  county_code TEXT REFERENCES counties(code),
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE markets (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('city','county','township','station','online')),
  county_code TEXT NOT NULL REFERENCES counties(code),
  township_code TEXT REFERENCES townships(code),
  address TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  -- 公益性 / 经营性 / 政府购买服务
  nature TEXT NOT NULL DEFAULT 'public' CHECK (nature IN ('public','commercial','purchased')),
  person_in_charge TEXT NOT NULL DEFAULT '',
  supervision_phone TEXT NOT NULL DEFAULT '',
  -- main kinds of work and facilities, as JSON arrays of names
  kinds TEXT NOT NULL DEFAULT '[]',
  facilities TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX markets_county_idx ON markets(county_code);
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('worker','employer','staff','county_admin','city_admin')),
  phone TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  pin_hash TEXT,
  password_hash TEXT,
  county_code TEXT REFERENCES counties(code),
  market_id INTEGER REFERENCES markets(id),
  disabled_at INTEGER,
  created_at INTEGER NOT NULL,
  created_by INTEGER,
  -- a county admin needs a county; staff need a market
  CHECK (role <> 'county_admin' OR county_code IS NOT NULL),
  CHECK (role <> 'staff' OR market_id IS NOT NULL)
);
CREATE INDEX users_role_idx ON users(role, county_code);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY NOT NULL,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER
);
CREATE TABLE setup_tokens (
  token_hash TEXT PRIMARY KEY NOT NULL,
  purpose TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  at INTEGER NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  market_id INTEGER REFERENCES markets(id),
  action TEXT NOT NULL,
  subject_type TEXT,
  subject_id INTEGER,
  on_behalf_of INTEGER REFERENCES users(id),
  detail TEXT
);
CREATE INDEX audit_actor_idx ON audit_log(actor_id, at);
CREATE INDEX audit_subject_idx ON audit_log(subject_type, subject_id);
-- The audit log cannot be edited through the app or by any query it sends.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
