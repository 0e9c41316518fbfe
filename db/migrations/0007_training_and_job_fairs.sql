-- Training sessions with sign-ups, a waiting list and attendance; special gig
-- job fairs (专场招聘会) with zones by kind of work and employer bookings.
-- confirmed_count / booked_count sit beside capacity so that taking a place is
-- one conditional UPDATE, which can never overbook.
CREATE TABLE training_sessions (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	market_id integer NOT NULL REFERENCES markets(id),
	kind text NOT NULL CHECK (kind IN ('skills','startup','safety','new_forms')),
	title text NOT NULL,
	work_kind_id integer REFERENCES work_kinds(id),
	provider text NOT NULL,
	online integer DEFAULT false NOT NULL,
	place text DEFAULT '' NOT NULL,
	start_date text NOT NULL,
	end_date text NOT NULL,
	hours text DEFAULT '' NOT NULL,
	capacity integer NOT NULL CHECK (capacity > 0),
	confirmed_count integer DEFAULT 0 NOT NULL CHECK (confirmed_count >= 0 AND confirmed_count <= capacity),
	wait_seq integer DEFAULT 0 NOT NULL,
	signup_deadline text NOT NULL,
	cost_fen integer DEFAULT 0 NOT NULL CHECK (cost_fen >= 0),
	subsidy_rule text DEFAULT '' NOT NULL,
	allowance_rule text DEFAULT '' NOT NULL,
	description text DEFAULT '' NOT NULL,
	status text DEFAULT 'open' NOT NULL CHECK (status IN ('open','cancelled')),
	cancel_reason text,
	created_by integer REFERENCES users(id),
	created_at integer NOT NULL,
	updated_at integer NOT NULL
);
CREATE INDEX training_sessions_browse_idx ON training_sessions (status,end_date,start_date);
CREATE INDEX training_sessions_market_idx ON training_sessions (market_id,start_date);

CREATE TABLE training_signups (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	session_id integer NOT NULL REFERENCES training_sessions(id),
	worker_id integer NOT NULL REFERENCES users(id),
	status text NOT NULL CHECK (status IN ('confirmed','waiting','cancelled')),
	wait_no integer,
	via_staff_id integer REFERENCES users(id),
	via_market_id integer REFERENCES markets(id),
	created_at integer NOT NULL,
	confirmed_at integer,
	cancelled_at integer,
	completed_at integer,
	completed_by integer REFERENCES users(id)
);
CREATE UNIQUE INDEX training_signups_once_idx ON training_signups (session_id,worker_id);
CREATE INDEX training_signups_list_idx ON training_signups (session_id,status,wait_no);
CREATE INDEX training_signups_worker_idx ON training_signups (worker_id,created_at);
-- Two people can never hold the same place in the queue.
CREATE UNIQUE INDEX training_signups_wait_no_idx ON training_signups (session_id,wait_no) WHERE wait_no IS NOT NULL;

CREATE TABLE training_attendance (
	signup_id integer NOT NULL REFERENCES training_signups(id),
	day text NOT NULL,
	marked_by integer REFERENCES users(id),
	marked_at integer NOT NULL,
	PRIMARY KEY (signup_id, day)
);

CREATE TABLE job_fairs (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	market_id integer NOT NULL REFERENCES markets(id),
	title text NOT NULL,
	date text NOT NULL,
	hours text DEFAULT '' NOT NULL,
	place text NOT NULL,
	description text DEFAULT '' NOT NULL,
	status text DEFAULT 'open' NOT NULL CHECK (status IN ('open','cancelled')),
	cancel_reason text,
	created_by integer REFERENCES users(id),
	created_at integer NOT NULL
);
CREATE INDEX job_fairs_date_idx ON job_fairs (status,date);
CREATE INDEX job_fairs_market_idx ON job_fairs (market_id,date);

CREATE TABLE job_fair_zones (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	fair_id integer NOT NULL REFERENCES job_fairs(id),
	work_kind_id integer NOT NULL REFERENCES work_kinds(id),
	capacity integer NOT NULL CHECK (capacity > 0),
	booked_count integer DEFAULT 0 NOT NULL CHECK (booked_count >= 0 AND booked_count <= capacity)
);
CREATE UNIQUE INDEX job_fair_zones_kind_idx ON job_fair_zones (fair_id,work_kind_id);

CREATE TABLE job_fair_bookings (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	fair_id integer NOT NULL REFERENCES job_fairs(id),
	zone_id integer NOT NULL REFERENCES job_fair_zones(id),
	employer_id integer NOT NULL REFERENCES employers(id),
	status text DEFAULT 'booked' NOT NULL CHECK (status IN ('booked','cancelled','no_show')),
	created_at integer NOT NULL,
	cancelled_at integer,
	no_show_by integer REFERENCES users(id),
	no_show_at integer
);
CREATE UNIQUE INDEX job_fair_bookings_once_idx ON job_fair_bookings (fair_id,employer_id);
CREATE INDEX job_fair_bookings_zone_idx ON job_fair_bookings (zone_id,status);
CREATE INDEX job_fair_bookings_employer_idx ON job_fair_bookings (employer_id,status);
