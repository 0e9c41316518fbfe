-- Operations: the last time each account was signed in, kept after its
-- sessions are gone (logout deletes them, old ones are swept), so the daily
-- housekeeping can tell a worker who still uses the site from one who has not
-- been seen for years (RETENTION_WORKER_DAYS). Filled by triggers on sessions,
-- so no sign-in code has to remember it.
CREATE TABLE user_last_seen (
  user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
);
INSERT INTO user_last_seen (user_id, at) SELECT user_id, max(last_seen_at) FROM sessions GROUP BY user_id;
CREATE TRIGGER sessions_last_seen_insert AFTER INSERT ON sessions
BEGIN
  INSERT INTO user_last_seen (user_id, at) VALUES (NEW.user_id, NEW.last_seen_at)
  ON CONFLICT (user_id) DO UPDATE SET at = excluded.at WHERE excluded.at > user_last_seen.at;
END;
CREATE TRIGGER sessions_last_seen_update AFTER UPDATE OF last_seen_at ON sessions
BEGIN
  INSERT INTO user_last_seen (user_id, at) VALUES (NEW.user_id, NEW.last_seen_at)
  ON CONFLICT (user_id) DO UPDATE SET at = excluded.at WHERE excluded.at > user_last_seen.at;
END;
