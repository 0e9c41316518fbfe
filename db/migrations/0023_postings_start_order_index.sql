-- Job results in start order (work that has started first, newest first;
-- then work starting later, by start date): the list reads the postings that
-- have started through the (status, published_at) indexes in order, and those
-- starting later through this one, in start-date order. Without it SQLite
-- walked every open posting to find the few starting later and sorted them all
-- (about 0.5 s at 100,000 postings, for an empty answer).
CREATE INDEX postings_start_idx ON job_postings (status, start_date, published_at);
