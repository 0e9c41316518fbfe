-- The online gig market (零工超市): employers, worker profiles and cards,
-- postings, sign-ups (with quotes), hires, inbox messages, the SMS outbox,
-- and the search index for postings (see jobs.search.ts for how it is filled).
CREATE TABLE applications (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	posting_id integer NOT NULL,
	worker_id integer NOT NULL,
	status text DEFAULT 'applied' NOT NULL,
	quote_fen integer,
	quote_note text,
	via_staff_id integer,
	via_market_id integer,
	created_at integer NOT NULL,
	decided_at integer,
	FOREIGN KEY (posting_id) REFERENCES job_postings(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (worker_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_staff_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_market_id) REFERENCES markets(id) ON UPDATE no action ON DELETE no action
);
CREATE UNIQUE INDEX applications_once_idx ON applications (posting_id,worker_id);
CREATE INDEX applications_worker_idx ON applications (worker_id,created_at);
CREATE INDEX applications_created_idx ON applications (created_at);
CREATE TABLE employers (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	user_id integer NOT NULL,
	kind text NOT NULL,
	name text NOT NULL,
	uscc text,
	id_number text,
	pledge_text text,
	pledge_accepted_at integer,
	contact_name text NOT NULL,
	contact_phone text NOT NULL,
	county_code text NOT NULL,
	township_code text,
	address text DEFAULT '' NOT NULL,
	status text DEFAULT 'pending' NOT NULL,
	reject_reason text,
	reviewed_by integer,
	reviewed_at integer,
	via_staff_id integer,
	via_market_id integer,
	created_at integer NOT NULL,
	FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (county_code) REFERENCES counties(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (township_code) REFERENCES townships(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (reviewed_by) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_staff_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_market_id) REFERENCES markets(id) ON UPDATE no action ON DELETE no action
);
CREATE UNIQUE INDEX employers_user_id_unique ON employers (user_id);
CREATE UNIQUE INDEX employers_uscc_unique ON employers (uscc);
CREATE UNIQUE INDEX employers_id_number_unique ON employers (id_number);
CREATE INDEX employers_status_idx ON employers (status,county_code);
CREATE TABLE hires (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	application_id integer NOT NULL,
	posting_id integer NOT NULL,
	employer_id integer NOT NULL,
	worker_id integer NOT NULL,
	wage_fen integer NOT NULL,
	wage_unit text NOT NULL,
	start_date text NOT NULL,
	end_date text NOT NULL,
	place text NOT NULL,
	duties text DEFAULT '' NOT NULL,
	status text DEFAULT 'confirmed' NOT NULL,
	paid text,
	paid_answered_at integer,
	via_staff_id integer,
	via_market_id integer,
	confirmed_at integer NOT NULL,
	FOREIGN KEY (application_id) REFERENCES applications(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (posting_id) REFERENCES job_postings(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (employer_id) REFERENCES employers(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (worker_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_staff_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_market_id) REFERENCES markets(id) ON UPDATE no action ON DELETE no action
);
CREATE UNIQUE INDEX hires_application_id_unique ON hires (application_id);
CREATE INDEX hires_worker_idx ON hires (worker_id,end_date);
CREATE INDEX hires_employer_idx ON hires (employer_id,confirmed_at);
CREATE INDEX hires_confirmed_idx ON hires (confirmed_at);
CREATE TABLE job_postings (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	employer_id integer NOT NULL,
	title text NOT NULL,
	kind_id integer NOT NULL,
	form text NOT NULL,
	headcount integer NOT NULL,
	pay_mode text DEFAULT 'wage' NOT NULL,
	wage_fen integer,
	wage_unit text,
	start_date text NOT NULL,
	end_date text NOT NULL,
	hours text DEFAULT '' NOT NULL,
	county_code text NOT NULL,
	township_code text,
	address text DEFAULT '' NOT NULL,
	duties text DEFAULT '' NOT NULL,
	requirements text DEFAULT '' NOT NULL,
	contact_name text NOT NULL,
	contact_phone text NOT NULL,
	quick integer DEFAULT false NOT NULL,
	status text DEFAULT 'draft' NOT NULL,
	filled_count integer DEFAULT 0 NOT NULL,
	removed_reason text,
	removed_by integer,
	copied_from integer,
	via_staff_id integer,
	via_market_id integer,
	created_at integer NOT NULL,
	published_at integer,
	updated_at integer NOT NULL,
	FOREIGN KEY (employer_id) REFERENCES employers(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (kind_id) REFERENCES work_kinds(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (county_code) REFERENCES counties(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (township_code) REFERENCES townships(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (removed_by) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_staff_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_market_id) REFERENCES markets(id) ON UPDATE no action ON DELETE no action
);
CREATE INDEX postings_browse_idx ON job_postings (status,county_code,published_at);
CREATE INDEX postings_kind_idx ON job_postings (status,kind_id,published_at);
CREATE INDEX postings_dates_idx ON job_postings (status,end_date);
CREATE INDEX postings_employer_idx ON job_postings (employer_id,created_at);
CREATE TABLE messages (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	user_id integer NOT NULL,
	at integer NOT NULL,
	body text NOT NULL,
	link text,
	read_at integer,
	FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action
);
CREATE INDEX messages_user_idx ON messages (user_id,at);
CREATE TABLE posting_brands (
	posting_id integer NOT NULL,
	brand_id integer NOT NULL,
	PRIMARY KEY(posting_id, brand_id),
	FOREIGN KEY (posting_id) REFERENCES job_postings(id) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (brand_id) REFERENCES brands(id) ON UPDATE no action ON DELETE no action
);
CREATE INDEX posting_brands_brand_idx ON posting_brands (brand_id);
CREATE TABLE seeking_cards (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	worker_id integer NOT NULL,
	kind_id integer NOT NULL,
	county_code text NOT NULL,
	township_code text,
	days text DEFAULT '' NOT NULL,
	wage_fen integer,
	wage_unit text,
	note text DEFAULT '' NOT NULL,
	status text DEFAULT 'open' NOT NULL,
	created_at integer NOT NULL,
	updated_at integer NOT NULL,
	FOREIGN KEY (worker_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (kind_id) REFERENCES work_kinds(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (county_code) REFERENCES counties(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (township_code) REFERENCES townships(code) ON UPDATE no action ON DELETE no action
);
CREATE INDEX seeking_cards_browse_idx ON seeking_cards (status,county_code,kind_id,updated_at);
CREATE TABLE sms_outbox (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	to_phone text NOT NULL,
	body text NOT NULL,
	status text DEFAULT 'pending' NOT NULL,
	attempts integer DEFAULT 0 NOT NULL,
	error text,
	created_at integer NOT NULL,
	sent_at integer
);
CREATE INDEX sms_outbox_status_idx ON sms_outbox (status,created_at);
CREATE TABLE worker_kinds (
	user_id integer NOT NULL,
	kind_id integer NOT NULL,
	PRIMARY KEY(user_id, kind_id),
	FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (kind_id) REFERENCES work_kinds(id) ON UPDATE no action ON DELETE no action
);
CREATE INDEX worker_kinds_kind_idx ON worker_kinds (kind_id);
CREATE TABLE worker_profiles (
	user_id integer PRIMARY KEY NOT NULL,
	birth_year integer,
	gender text,
	county_code text,
	township_code text,
	days text DEFAULT '' NOT NULL,
	expected_wage_fen integer,
	expected_wage_unit text,
	id_number text,
	card_code text,
	own_phone integer DEFAULT true NOT NULL,
	via_staff_id integer,
	via_market_id integer,
	created_at integer NOT NULL,
	updated_at integer NOT NULL,
	FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (county_code) REFERENCES counties(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (township_code) REFERENCES townships(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_staff_id) REFERENCES users(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (via_market_id) REFERENCES markets(id) ON UPDATE no action ON DELETE no action
);
CREATE UNIQUE INDEX worker_profiles_id_number_unique ON worker_profiles (id_number);
CREATE UNIQUE INDEX worker_profiles_card_code_unique ON worker_profiles (card_code);
CREATE INDEX worker_profiles_area_idx ON worker_profiles (county_code,township_code);

-- Keyword search. FTS5 with our own tokens: the posting's text is cut into
-- every single character and every pair of adjacent characters, so a 1- or
-- 2-character Chinese word (电, 保洁) is one index lookup; longer words are an
-- AND of their pairs, checked against the text afterwards. Rowid = posting id.
CREATE VIRTUAL TABLE posting_search USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
