-- Policy and help articles (政策帮助), stored as plain text in a tiny markup
-- and escaped on display; citywide when market_id is null.
CREATE TABLE policy_articles (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	category text NOT NULL CHECK (category IN ('employment','safety','legal','injury_insurance','startup_loan','training_subsidy')),
	title text NOT NULL,
	body text NOT NULL,
	market_id integer REFERENCES markets(id),
	status text DEFAULT 'published' NOT NULL CHECK (status IN ('published','archived')),
	created_by integer REFERENCES users(id),
	created_at integer NOT NULL,
	updated_by integer REFERENCES users(id),
	updated_at integer NOT NULL
);
CREATE INDEX policy_articles_browse_idx ON policy_articles (status,category,updated_at);
CREATE INDEX policy_articles_market_idx ON policy_articles (market_id,status);
