-- Today's quick jobs (即时快招) on the home page: open, quick, newest first.
-- Without this index SQLite walked every open posting by end date and sorted
-- them (about 0.9 s at 100,000 postings); with it, it reads the newest quick
-- ones in order and stops after five.
CREATE INDEX postings_quick_idx ON job_postings (status, quick, published_at);
-- Counting the matches of a filtered job list ("共 N 条") from the index
-- alone: the end date is in the index, so no posting row is read. At 100,000
-- postings a county + kind count went from about 40 ms to under 1 ms.
CREATE INDEX postings_count_kind_idx ON job_postings (status, kind_id, county_code, end_date);
CREATE INDEX postings_count_county_idx ON job_postings (status, county_code, end_date);
