-- Phone identity: a phone number is a claim until an SMS code proves it, or a
-- staff member at a station vouches for the person in front of them.
-- phone_verified_at: when the number was last proven (epoch ms; NULL = never).
-- phone_vouched_by: the staff account that vouched for the person at the desk.
-- Features read these to decide what an unproven number may do (SMS alerts,
-- reply-to-sign-up, ways back in without a PIN).
ALTER TABLE users ADD COLUMN phone_verified_at INTEGER;
ALTER TABLE users ADD COLUMN phone_vouched_by INTEGER REFERENCES users(id);
