-- 一次提交只算一次：每张会改数据的表单带一个一次性的提交号（_once）。
-- 第一次提交时在这里占下这个号（主键保证两次同时提交也只有一次占到），
-- 处理完后记下当时跳转去的地址和设置的提示；同一个号再来（连点两下、
-- 按“返回”后再提交）就直接回到同一个地址，什么也不再写。
-- id 是提交号、访客令牌和表单地址一起算出的 HMAC，表里不存原始提交号。
-- 一天后的记录由下一次提交顺手删掉。
-- One submission, one record: the key of each state-changing form is claimed
-- here before the action runs (the primary key makes two concurrent identical
-- POSTs race-free), then the redirect target and the cookies it set are kept
-- so a repeat answers the same way and writes nothing. Rows older than a day
-- are deleted by a later claim.
CREATE TABLE form_submissions (
  id TEXT PRIMARY KEY NOT NULL,
  created_at INTEGER NOT NULL,
  -- NULL while the first submission is still being handled.
  location TEXT,
  -- JSON array of Set-Cookie lines of the first answer (flash, hotline receipt); never the session cookie.
  cookies TEXT
);
CREATE INDEX form_submissions_created_at ON form_submissions (created_at);
