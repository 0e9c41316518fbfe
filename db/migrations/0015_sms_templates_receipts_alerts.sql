-- SMS as a real channel (issue 15, items 7-9).
-- 1. The outbox holds a template key and its parameters, not free text:
--    Chinese providers send only approved templates with a signature.
--    Rows written before this migration carried free text; they are kept for
--    the record as template 'legacy' and, if still pending, given up on
--    (no provider would accept them).
--    county_code: the county the text is about (a hire, a class, a case), so
--    a county admin sees its own texts on the staff page; NULL: city only.
--    provider / provider_id: who accepted the text and its id there (Aliyun
--    BizId, Tencent SerialNo), so a delivery receipt (回执) finds its row.
CREATE TABLE sms_outbox_new (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	to_phone text NOT NULL,
	template text NOT NULL,
	params text DEFAULT '{}' NOT NULL,
	user_id integer,
	county_code text,
	status text DEFAULT 'pending' NOT NULL,
	attempts integer DEFAULT 0 NOT NULL,
	error text,
	created_at integer NOT NULL,
	sent_at integer,
	provider text,
	provider_id text,
	receipt text,
	receipt_error text,
	receipt_at integer
);
INSERT INTO sms_outbox_new (id, to_phone, template, params, status, attempts, error, created_at, sent_at)
	SELECT id, to_phone, 'legacy', json_object('text', body),
		CASE status WHEN 'pending' THEN 'failed' ELSE status END, attempts,
		CASE status WHEN 'pending' THEN 'legacy free text' ELSE error END, created_at, sent_at
	FROM sms_outbox;
DROP TABLE sms_outbox;
ALTER TABLE sms_outbox_new RENAME TO sms_outbox;
CREATE INDEX sms_outbox_status_idx ON sms_outbox (status,created_at);
CREATE INDEX sms_outbox_provider_idx ON sms_outbox (provider_id);
CREATE INDEX sms_outbox_user_idx ON sms_outbox (user_id,created_at);
CREATE INDEX sms_outbox_county_idx ON sms_outbox (county_code,created_at);
-- 2. Numbers that replied TD: no more texts, except a code the person asks for herself.
CREATE TABLE sms_stops (
	phone text PRIMARY KEY NOT NULL,
	at integer NOT NULL
);
-- 3. Job alerts by SMS: one subscription per worker; at most one text a day
--    (last_sent_on, Beijing date) with up to 3 postings newer than last_posting_id.
CREATE TABLE sms_alerts (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	user_id integer NOT NULL,
	kind_id integer,
	county_code text NOT NULL,
	township_code text,
	created_at integer NOT NULL,
	created_by integer,
	last_sent_on text,
	last_posting_id integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (kind_id) REFERENCES work_kinds(id) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (county_code) REFERENCES counties(code) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (township_code) REFERENCES townships(code) ON UPDATE no action ON DELETE no action
);
CREATE UNIQUE INDEX sms_alerts_user_idx ON sms_alerts (user_id);
-- 4. Replies received through the providers' inbound (上行) callbacks, once each.
CREATE TABLE sms_inbound (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	provider text NOT NULL,
	ext_id text NOT NULL,
	phone text NOT NULL,
	content text NOT NULL,
	outcome text NOT NULL,
	received_at integer NOT NULL
);
CREATE UNIQUE INDEX sms_inbound_ext_idx ON sms_inbound (provider,ext_id);
