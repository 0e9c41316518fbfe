-- A caller who proves her phone by SMS code sees the cases filed under that
-- number, newest first (/hotline/status/sms): looked up by the phone on the
-- case, so it needs an index (without it every check would read every case).
CREATE INDEX hotline_cases_caller_phone_idx ON hotline_cases (caller_phone, created_at);
