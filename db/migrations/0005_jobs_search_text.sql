-- Jobs: the normalized text a posting is searched by (see jobs.search.ts).
-- posting_search (FTS5, contentless) finds candidates by character grams; this
-- column is what instr() checks them against, so a keyword result is exactly a
-- substring match on the same normalized text.
ALTER TABLE job_postings ADD COLUMN search_text text DEFAULT '' NOT NULL;
-- Browsing without a county or kind filter: open postings, newest first,
-- walked in index order so a page of 20 stops early instead of sorting them all.
CREATE INDEX postings_open_idx ON job_postings (status,published_at);
