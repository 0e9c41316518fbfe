-- Phone codes (验证码): a phone number is proven by a 6-digit code sent by SMS.
--
-- phone_proofs: one pending step per form submission. What the person typed is
-- kept here (payload, JSON), never in the URL; the next page is addressed by a
-- random token of which only the hash is stored. Nothing becomes an account or
-- a sign-up until the code matches. The code itself is stored as an HMAC keyed
-- by that token, so a copy of the DB does not give the codes away.
-- A code is valid 5 minutes (code_expires_at), single use (used_at), and five
-- wrong tries end it (wrong_tries). The payload is emptied once used.
CREATE TABLE phone_proofs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL,
  phone TEXT NOT NULL,
  payload TEXT,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_sent_at INTEGER NOT NULL,
  code_expires_at INTEGER NOT NULL,
  wrong_tries INTEGER NOT NULL DEFAULT 0,
  proven_at INTEGER,
  used_at INTEGER,
  staff_id INTEGER REFERENCES users(id)
);
CREATE INDEX phone_proofs_created_idx ON phone_proofs(created_at);

-- One row per code text queued, for the limits: per number, per client address
-- (IPv6 counted per /64) and per instance per Beijing day. Kept two days.
CREATE TABLE phone_code_sends (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  phone TEXT NOT NULL,
  addr TEXT NOT NULL
);
CREATE INDEX phone_code_sends_phone_idx ON phone_code_sends(phone, at);
CREATE INDEX phone_code_sends_addr_idx ON phone_code_sends(addr, at);
CREATE INDEX phone_code_sends_day_idx ON phone_code_sends(day);
