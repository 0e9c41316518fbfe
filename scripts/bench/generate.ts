// Generates a city-sized data set into a fresh DB file for the benchmark.
//
// Rows are made by SQL itself (recursive CTEs, INSERT … SELECT), not built one
// by one in JavaScript: 100,000 postings take a few seconds. Text comes from a
// small set of realistic combinations (kind of work × title × duties × place)
// whose search text and search grams are computed once in JavaScript with the
// app's own functions, so keyword search sees exactly what the app would store.
import type { Client } from "@libsql/client";
import { grams, searchText } from "../../src/features/jobs/index.ts";
import { chinaDate, addDays } from "../../src/shared/clock.ts";
import { sha256, hmac, randomToken, hashSecret } from "../../src/shared/crypto.ts";
import type { RegionData } from "../../src/config.ts";

export interface Sizes {
  postings: number;
  workers: number;
  signups: number;
  hires: number;
  complaints: number;
  employers: number;
  /** Signed-in workers the write benchmark uses (not in the generated sign-ups). */
  benchWorkers: number;
}

export const defaultSizes = (postings: number): Sizes => ({
  postings,
  workers: Math.max(500, Math.round(postings / 2)),
  signups: postings * 2,
  hires: Math.round(postings / 5),
  complaints: Math.round(postings / 10),
  employers: Math.max(50, Math.round(postings / 50)),
  benchWorkers: 2000,
});

const titles: Record<string, string[]> = {
  家政保洁: ["家庭保洁", "开荒保洁", "写字楼日常保洁"],
  钟点工: ["做饭钟点工", "接送孩子钟点工", "照看老人钟点工"],
  管道疏通: ["厨房下水道疏通", "卫生间管道疏通"],
  水电安装: ["新房水电安装", "更换电线和开关"],
  装修维修: ["墙面粉刷", "门窗维修", "铺地板砖"],
  搬运装卸: ["仓库搬运装卸", "搬家帮手", "货车卸货"],
  建筑小工: ["工地小工", "砌墙小工", "钢筋小工"],
  餐饮服务: ["饭店帮厨", "洗碗工", "宴席服务员"],
  会展活动服务: ["展会布展", "活动引导员"],
  农业采摘: ["草莓采摘", "辣椒采摘", "小麦收割帮工"],
  花木养护: ["苗圃除草", "花木修剪", "盆景养护"],
  药材加工: ["药材分拣", "药材晾晒切片"],
  钧瓷制作: ["钧瓷拉坯学徒", "钧瓷施釉", "窑口装窑帮工"],
  发制品加工: ["发制品手工整理", "假发勾织"],
  养老护理: ["养老院护理员", "居家陪护"],
  即时配送: ["外卖骑手", "同城跑腿配送"],
};
const duties = ["按要求完成当天的活,自带简单工具", "听从现场安排,注意安全", "工作认真,按时到岗,中午管饭"];

export interface Generated {
  sessions: { cookie: string; csrf: string }[];
  openPostingIds: number[];
  trainingSessionIds: number[];
  benchWorkerIds: number[];
}

async function run(client: Client, sql: string, args: (string | number | null)[] = []) {
  await client.execute({ sql, args });
}

/** Fills the DB (already migrated and seeded with regions) and returns what the load test needs. */
export async function generate(client: Client, region: RegionData, sizes: Sizes, now: number): Promise<Generated> {
  const today = chinaDate(now);
  const kinds = (await client.execute("SELECT id, name FROM work_kinds ORDER BY id")).rows.map((r) => ({ id: Number(r[0]), name: String(r[1]) }));
  const townships = region.townships;
  const countyName = new Map(region.counties.map((c) => [c.code, c.name]));
  // SQLite's OFFSET cannot refer to the outer row, so spread rows over counties with a CASE.
  const countyOf = (expr: string) =>
    `CASE ${expr} % ${region.counties.length} ${region.counties.map((c, i) => `WHEN ${i} THEN '${c.code}'`).join(" ")} END`;

  // The text combinations, each with its search text and grams.
  await run(client, "CREATE TEMP TABLE combos (id INTEGER PRIMARY KEY, kind_id INTEGER, title TEXT, duties TEXT, county TEXT, township TEXT, address TEXT, search_text TEXT, grams TEXT)");
  const combos: (string | number)[][] = [];
  for (const k of kinds) {
    for (const title of titles[k.name] ?? [k.name]) {
      for (let d = 0; d < duties.length; d++) {
        for (let t = 0; t < townships.length; t += 7) {
          const tw = townships[(t + combos.length) % townships.length];
          const address = `${countyName.get(tw.countyCode)}${tw.name}${(combos.length % 40) + 1}号`;
          const st = searchText({ title, kindName: k.name, duties: duties[d], requirements: "", address, countyName: countyName.get(tw.countyCode)!, townshipName: tw.name });
          combos.push([combos.length + 1, k.id, title, duties[d], tw.countyCode, tw.code, address, st, grams(st)]);
        }
      }
    }
  }
  for (let i = 0; i < combos.length; i += 200) {
    const chunk = combos.slice(i, i + 200);
    await run(client, `INSERT INTO combos VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?,?)").join(",")}`, chunk.flat());
  }
  const C = combos.length;

  const hash = await hashSecret("bench-2026");
  const seq = (n: number) => `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})`;
  // Workers: phones 150xxxxxxxx; bench workers after them.
  const totalWorkers = sizes.workers + sizes.benchWorkers;
  await client.batch(
    [
      `${seq(totalWorkers)} INSERT INTO users (role, phone, name, pin_hash, created_at) SELECT 'worker', '150' || substr('0000000' || i, -8), '工人' || i, '${hash}', ${now} - i * 1000 FROM seq`,
      `INSERT INTO worker_profiles (user_id, birth_year, county_code, days, created_at, updated_at) SELECT id, 1955 + id % 45, ${countyOf('id')}, '', created_at, created_at FROM users WHERE role = 'worker'`,
      `INSERT INTO worker_kinds (user_id, kind_id) SELECT id, 1 + id % ${kinds.length} FROM users WHERE role = 'worker'`,
      `${seq(sizes.employers)} INSERT INTO users (role, phone, name, password_hash, created_at) SELECT 'employer', '151' || substr('0000000' || i, -8), '雇主' || i, '${hash}', ${now} FROM seq`,
      `INSERT INTO employers (user_id, kind, name, contact_name, contact_phone, county_code, status, created_at) SELECT id, 'company', '许昌某某服务公司' || id, '联系人', phone, ${countyOf('id')}, 'verified', ${now} FROM users WHERE role = 'employer'`,
    ],
    "write",
  );
  const firstEmployer = Number((await client.execute("SELECT min(id) FROM employers")).rows[0][0]);

  // Postings: 70% open (ending in the next weeks, a tenth of them quick jobs for today), the rest closed, filled or expired.
  const P = sizes.postings;
  await client.batch(
    [
      `${seq(P)} INSERT INTO job_postings (employer_id, title, kind_id, form, headcount, pay_mode, wage_fen, wage_unit, start_date, end_date, hours,
        county_code, township_code, address, duties, requirements, contact_name, contact_phone, quick, status, filled_count,
        created_at, published_at, updated_at, search_text)
       SELECT ${firstEmployer} + i % ${sizes.employers}, c.title, c.kind_id,
         CASE i % 10 WHEN 0 THEN 'part_time' WHEN 1 THEN 'long_term' ELSE 'gig' END,
         1 + i % 5, CASE WHEN i % 17 = 0 THEN 'quote' ELSE 'wage' END,
         CASE WHEN i % 17 = 0 THEN NULL ELSE 10000 + (i % 21) * 1000 END, CASE WHEN i % 17 = 0 THEN NULL ELSE 'day' END,
         CASE WHEN i % 10 = 3 THEN '${today}' ELSE date('${today}', '-' || (i % 20) || ' days') END,
         CASE WHEN i % 10 < 7 THEN date('${today}', '+' || (i % 30) || ' days') ELSE date('${today}', '-' || (1 + i % 200) || ' days') END,
         '8:00-17:00', c.county, c.township, c.address, c.duties, '', '联系人', '1520000' || substr('0000' || (i % 10000), -4),
         i % 10 = 3, CASE WHEN i % 10 < 7 THEN 'open' WHEN i % 10 = 7 THEN 'closed' WHEN i % 10 = 8 THEN 'filled' ELSE 'expired' END, 0,
         ${now} - (${P} - i) * 60000, ${now} - (${P} - i) * 60000, ${now}, c.search_text
       FROM seq JOIN combos c ON c.id = 1 + (i * 7919) % ${C}`,
      // A fresh DB: posting ids are 1..P in insert order, so the same formula finds each one's combination.
      `INSERT INTO posting_search (rowid, grams) SELECT p.id, c.grams FROM job_postings p JOIN combos c ON c.id = 1 + (p.id * 7919) % ${C}`,
    ],
    "write",
  );

  // Sign-ups spread over workers and postings; hires from the first ones; complaints.
  const W = sizes.workers;
  await client.batch(
    [
      `${seq(sizes.signups)} INSERT OR IGNORE INTO applications (posting_id, worker_id, status, created_at)
       SELECT 1 + (i * 7919 + i / ${P}) % ${P}, (SELECT min(id) FROM users WHERE role = 'worker') + i % ${W},
         CASE WHEN i <= ${sizes.hires} THEN 'confirmed' ELSE 'applied' END, ${now} - i * ${Math.floor((365 * 86_400_000) / sizes.signups)} FROM seq`, // spread over a year
      `INSERT INTO hires (application_id, posting_id, employer_id, worker_id, wage_fen, wage_unit, start_date, end_date, place, status, confirmed_at)
       SELECT a.id, a.posting_id, p.employer_id, a.worker_id, coalesce(p.wage_fen, 15000), coalesce(p.wage_unit, 'day'), p.start_date, p.end_date, p.address, 'confirmed', a.created_at
       FROM applications a JOIN job_postings p ON p.id = a.posting_id WHERE a.status = 'confirmed'`,
      `${seq(sizes.complaints)} INSERT INTO hotline_cases (number, day, seq, channel, category, county_code, description, status, due_date, created_at, updated_at)
       SELECT 'BX-' || replace(date('${today}', '-' || (i % 365) || ' days'), '-', '') || '-' || substr('0000' || i, -5), date('${today}', '-' || (i % 365) || ' days'), i,
         'phone', CASE WHEN i % 3 = 0 THEN 'wage_arrears' ELSE 'service' END, ${countyOf('i')},
         '来电反映问题', CASE WHEN i % 4 = 0 THEN 'accepted' ELSE 'closed' END, '${addDays(today, 7)}', ${now} - i * 60000, ${now} FROM seq`,
    ],
    "write",
  );

  // Training sessions with room for every bench worker.
  const marketId = Number((await client.execute("SELECT id FROM markets ORDER BY id LIMIT 1")).rows[0]?.[0] ?? 0) || Number(
    (await client.execute({ sql: "INSERT INTO markets (name, tier, county_code, created_at) VALUES ('基准测试市场', 'county', ?, ?) RETURNING id", args: [region.counties[0].code, now] })).rows[0][0],
  );
  const trainingIds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const rs = await client.execute({
      sql: `INSERT INTO training_sessions (market_id, kind, title, provider, start_date, end_date, capacity, signup_deadline, created_at, updated_at)
            VALUES (?, 'skills', ?, '许昌职业技术学院', ?, ?, 100000, ?, ?, ?) RETURNING id`,
      args: [marketId, `家政服务技能培训第${i + 1}期`, addDays(today, 10), addDays(today, 14), addDays(today, 9), now, now],
    });
    trainingIds.push(Number(rs.rows[0][0]));
  }

  // Signed-in bench workers: sessions written directly (the cookie holds the raw id, the DB its hash).
  const secret = String((await client.execute("SELECT value FROM settings WHERE key = 'secret'")).rows[0][0]);
  const benchWorkerIds = (await client.execute(`SELECT id FROM users WHERE role = 'worker' ORDER BY id DESC LIMIT ${sizes.benchWorkers}`)).rows.map((r) => Number(r[0]));
  const sessions: Generated["sessions"] = [];
  const rows: (string | number)[][] = [];
  for (const id of benchWorkerIds) {
    const raw = randomToken(16);
    const idHash = sha256(raw);
    rows.push([idHash, id, now, now]);
    sessions.push({ cookie: `sid=${raw}`, csrf: hmac(secret, "s:" + idHash) });
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await run(client, `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ${chunk.map(() => "(?,?,?,?)").join(",")}`, chunk.flat());
  }
  const openPostingIds = (await client.execute(`SELECT id FROM job_postings WHERE status = 'open' AND pay_mode = 'wage' AND end_date >= '${today}' ORDER BY id DESC LIMIT 200`)).rows.map((r) => Number(r[0]));
  await run(client, "DROP TABLE combos");
  // No ANALYZE here: the bench measures the DB as the app leaves it.
  await run(client, "PRAGMA wal_checkpoint(TRUNCATE)");
  return { sessions, openPostingIds, trainingSessionIds: trainingIds, benchWorkerIds };
}
