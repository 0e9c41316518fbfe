-- 找活、招工的几处断头路(issue 17)。
-- awaiting_verification: 雇主还没审核通过时保存的草稿(1)。审核通过时,还在有效期内的自动公开,
--   其余的提醒雇主一键发布;之后这个标记清零。
-- pay_time / pay_method: 工钱什么时候结、怎么给(招工表上问,录用时写进书面承诺)。'' 表示没说。
-- hires.hours / pay_time / pay_method: 录用那一刻的上工时间和结算方式,书面承诺照这里打印,
--   雇主以后改招工信息也不会变。
ALTER TABLE job_postings ADD COLUMN awaiting_verification INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_postings ADD COLUMN pay_time TEXT NOT NULL DEFAULT '';
ALTER TABLE job_postings ADD COLUMN pay_method TEXT NOT NULL DEFAULT '';
ALTER TABLE hires ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE hires ADD COLUMN pay_time TEXT NOT NULL DEFAULT '';
ALTER TABLE hires ADD COLUMN pay_method TEXT NOT NULL DEFAULT '';
