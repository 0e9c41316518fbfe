// Demo step: a year of history, so the directory's daily figures and the
// monitoring page show real numbers. For each of the 365 days before today:
// check-ins at every market (fewer on Sundays and in the slack months), about
// one posting per county a day, sign-ups and hires, some made at a market's
// desk and the rest online. All of it is over by yesterday, so nothing here is
// open for sign-up. Bulk multi-row inserts in one transaction: a few tens of
// thousands of rows in a few seconds.
import { eq, inArray, like, sql } from "drizzle-orm";
import { markets, users, workerProfiles, workerKinds, workKinds, employers, jobPostings, applications, hires, checkIns } from "../../schema/index.ts";
import type { MarketTier, WageUnit } from "../../schema/constants.ts";
import { addDays, chinaDate, DAY_MS } from "../../../src/shared/clock.ts";
import { grams, searchText } from "../../../src/features/jobs/index.ts";
import type { Tx } from "../../../src/shared/db.ts";
import type { DemoContext } from "./context.ts";

export const HISTORY_DAYS = 365;

/** Check-ins a day at a market of each tier, on an ordinary day. */
const checkInsPerDay: Record<MarketTier, number> = { city: 6, county: 4, township: 2, station: 1.2, online: 0 };

const titles: Record<string, string[]> = {
  家政保洁: ["日常保洁", "开荒保洁"],
  钟点工: ["钟点工做饭打扫"],
  搬运装卸: ["搬家师傅", "货车装卸"],
  建筑小工: ["工地小工", "拆旧清运"],
  餐饮服务: ["饭店帮厨", "传菜员"],
  农业采摘: ["摘桃子", "收玉米"],
  花木养护: ["苗圃除草", "花木修剪"],
  药材加工: ["药材分拣"],
  钧瓷制作: ["钧瓷打磨"],
  发制品加工: ["假发梳理"],
  养老护理: ["陪护老人"],
  即时配送: ["送餐骑手"],
};

const CHUNK = 400;

async function insertChunks<T>(rows: T[], put: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await put(rows.slice(i, i + CHUNK));
}

/** Busier in spring and autumn (planting, harvest), quieter around the new year and on Sundays. */
function busyness(day: string): number {
  const month = Number(day.slice(5, 7));
  const season = [0.6, 0.6, 1.1, 1.2, 1.1, 1.0, 0.9, 0.9, 1.1, 1.2, 1.0, 0.8][month - 1];
  const sunday = new Date(day + "T00:00:00Z").getUTCDay() === 0 ? 0.6 : 1;
  return season * sunday;
}

export async function seedHistory(ctx: DemoContext) {
  const { deps, rand, pick } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  /** A whole number whose average is `mean` (for counts like 1.2 a day). */
  const around = (mean: number) => Math.floor(mean) + (rand() < mean - Math.floor(mean) ? 1 : 0);
  const region = deps.config.region;

  const allMarkets = await db.select({ id: markets.id, tier: markets.tier, countyCode: markets.countyCode }).from(markets);
  const kinds = await db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds);
  const workers = await workerPool(ctx, 20);
  const emps = await employerPool(ctx);
  const byCounty = <T extends { countyCode: string | null }>(xs: T[], county: string) => {
    const local = xs.filter((x) => x.countyCode === county);
    return local.length >= 5 ? local : xs;
  };

  const checkInRows: (typeof checkIns.$inferInsert)[] = [];
  interface PostingSpec {
    row: typeof jobPostings.$inferInsert;
    kindName: string;
    signups: { workerId: number; via: number | null; at: number; hired: boolean }[];
  }
  const specs: PostingSpec[] = [];

  for (let back = HISTORY_DAYS; back >= 1; back--) {
    const day = addDays(today, -back);
    const busy = busyness(day);
    const dayStart = Date.parse(`${day}T00:00:00+08:00`);
    // Who came to which market today: distinct per market, and no one at two markets.
    const cameToday = new Map<number, number>();
    for (const m of allMarkets) {
      const n = around(checkInsPerDay[m.tier] * busy * (0.6 + rand() * 0.8));
      const pool = byCounty(workers, m.countyCode);
      let came = 0;
      for (let i = 0; i < n * 3 && came < n; i++) {
        const w = pick(pool);
        if (cameToday.has(w.id)) continue;
        cameToday.set(w.id, m.id);
        came++;
        checkInRows.push({ marketId: m.id, workerId: w.id, day, at: dayStart + int(6 * 60, 10 * 60) * 60_000 });
      }
    }
    for (const county of region.counties) {
      const desks = allMarkets.filter((m) => m.countyCode === county.code && m.tier !== "online");
      const here = byCounty(emps, county.code);
      const pool = byCounty(workers, county.code);
      for (let p = around(1.1 * busy); p > 0; p--) {
        const e = pick(here);
        const kind = pick(kinds);
        const headcount = int(1, 4);
        const length = int(0, 3);
        const end = addDays(day, Math.min(length, back - 1));
        const publishedAt = dayStart + int(7 * 60, 11 * 60) * 60_000;
        const viaMarket = desks.length && rand() < 0.35 ? pick(desks).id : null;
        const unit: WageUnit = pick(["day", "day", "hour", "piece"] as const);
        const wageFen = unit === "day" ? int(12, 25) * 1000 : unit === "hour" ? int(20, 35) * 100 : int(2, 8) * 100;
        const title = pick(titles[kind.name] ?? [kind.name]);
        const signups: PostingSpec["signups"] = [];
        const chosen = new Set<number>();
        const want = int(0, headcount + 2);
        for (let i = 0; i < want * 3 && signups.length < want; i++) {
          const w = pick(pool);
          if (chosen.has(w.id)) continue;
          chosen.add(w.id);
          // Someone who checked in today is often signed up at that market's desk.
          const desk = cameToday.get(w.id);
          const via = desk !== undefined && rand() < 0.7 ? desk : viaMarket !== null && rand() < 0.5 ? viaMarket : null;
          signups.push({ workerId: w.id, via, at: publishedAt + int(10, 240) * 60_000, hired: false });
        }
        const hiredCount = Math.min(headcount, signups.filter(() => rand() < 0.65).length);
        for (let i = 0; i < hiredCount; i++) signups[i].hired = true;
        const status = hiredCount === headcount ? "filled" : rand() < 0.5 ? "expired" : "closed";
        specs.push({
          kindName: kind.name,
          signups,
          row: {
            employerId: e.id,
            title,
            kindId: kind.id,
            form: "gig",
            headcount,
            payMode: "wage",
            wageFen,
            wageUnit: unit,
            startDate: day,
            endDate: end,
            hours: "",
            countyCode: county.code,
            // An employer borrowed from another county (too few here) has no township in this one.
            townshipCode: e.countyCode === county.code ? e.townshipCode : null,
            address: e.address,
            duties: "",
            requirements: "",
            contactName: e.contactName,
            contactPhone: e.contactPhone,
            status,
            filledCount: hiredCount,
            viaMarketId: viaMarket,
            createdAt: publishedAt - 600_000,
            publishedAt,
            updatedAt: Date.parse(`${end}T20:00:00+08:00`),
            searchText: searchText({
              title,
              kindName: kind.name,
              duties: "",
              requirements: "",
              address: e.address,
              countyName: county.name,
              townshipName: deps.regions.townshipName(e.townshipCode),
            }),
          },
        });
      }
    }
  }

  await deps.database.transaction(async (tx) => {
    await insertChunks(checkInRows, (rows) => tx.insert(checkIns).values(rows));
    const postingIds: number[] = [];
    await insertChunks(specs, async (chunk) => {
      const created = await tx.insert(jobPostings).values(chunk.map((s) => s.row)).returning({ id: jobPostings.id });
      postingIds.push(...created.map((c) => c.id));
      await tx.run(sql`INSERT INTO posting_search (rowid, grams) VALUES ${sql.join(chunk.map((s, i) => sql`(${created[i].id}, ${grams(s.row.searchText!)})`), sql`, `)}`);
    });
    const appSpecs = specs.flatMap((s, i) => s.signups.map((a) => ({ ...a, postingId: postingIds[i], spec: s })));
    const appIds: number[] = [];
    await insertChunks(appSpecs, async (chunk) => {
      const created = await tx
        .insert(applications)
        .values(
          chunk.map((a) => ({
            postingId: a.postingId,
            workerId: a.workerId,
            status: a.hired ? ("confirmed" as const) : ("not_chosen" as const),
            viaMarketId: a.via,
            createdAt: a.at,
            decidedAt: a.at + 3600_000,
          })),
        )
        .returning({ id: applications.id });
      appIds.push(...created.map((c) => c.id));
    });
    const hireRows = appSpecs.flatMap((a, i) => {
      if (!a.hired) return [];
      const r = a.spec.row;
      return [
        {
          applicationId: appIds[i],
          postingId: a.postingId,
          employerId: r.employerId,
          workerId: a.workerId,
          wageFen: r.wageFen!,
          wageUnit: r.wageUnit!,
          startDate: r.startDate,
          endDate: r.endDate,
          place: [deps.regions.countyName(r.countyCode), r.address].filter(Boolean).join(" "),
          status: "completed" as const,
          paid: rand() < 0.93 ? ("paid" as const) : null,
          // Never after the demo was made: work that ended yesterday was answered for a minute ago at the latest.
          paidAnsweredAt: Math.min(Date.parse(`${addDays(r.endDate, 1)}T19:00:00+08:00`), now - 60_000),
          // A hire confirmed at a desk carries that market; the rest were confirmed online.
          viaMarketId: a.via !== null && rand() < 0.6 ? a.via : null,
          confirmedAt: a.at + 3600_000,
        },
      ];
    });
    await insertChunks(hireRows, (rows) => tx.insert(hires).values(rows));
  });
}

/** The demo's workers, with some of their own when the people step gave too few. */
async function workerPool(ctx: DemoContext, perCounty: number) {
  const { deps, rand, pick } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const existing = ctx.ids.workers?.length
    ? await db
        .select({ id: users.id, countyCode: workerProfiles.countyCode })
        .from(users)
        .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
        .where(inArray(users.id, ctx.ids.workers))
    : [];
  const region = deps.config.region;
  const short = region.counties.filter((c) => existing.filter((w) => w.countyCode === c.code).length < perCounty / 2);
  if (short.length === 0) return existing;
  // Numbers in a block of our own; any already taken are skipped.
  const taken = new Set((await db.select({ phone: users.phone }).from(users).where(like(users.phone, "1669%"))).map((r) => r.phone));
  const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
  const given = ["秀英", "桂兰", "建国", "志强", "玉梅", "国庆", "红霞", "保国", "春生", "金花", "德胜", "小燕"];
  const rows: (typeof users.$inferInsert)[] = [];
  let n = 0;
  for (const c of short) {
    for (let i = 0; i < perCounty; i++) {
      let phone: string;
      do phone = `1669${String(1_000_000 + n++).slice(-7)}`;
      while (taken.has(phone));
      rows.push({ role: "worker", phone, name: pick(surnames) + pick(given), countyCode: c.code, createdAt: now - 400 * DAY_MS });
    }
  }
  const kinds = (await db.select({ id: workKinds.id }).from(workKinds)).map((k) => k.id);
  const created = await deps.database.transaction(async (tx: Tx) => {
    const made = await tx.insert(users).values(rows).returning({ id: users.id, countyCode: users.countyCode });
    await tx.insert(workerProfiles).values(made.map((w) => ({ userId: w.id, countyCode: w.countyCode, birthYear: 1960 + Math.floor(rand() * 40), createdAt: now - 400 * DAY_MS, updatedAt: now })));
    const wk = made.flatMap((w) => {
      const a = pick(kinds);
      const b = pick(kinds);
      return a === b ? [{ userId: w.id, kindId: a }] : [{ userId: w.id, kindId: a }, { userId: w.id, kindId: b }];
    });
    await tx.insert(workerKinds).values(wk);
    return made;
  });
  return [...existing, ...created];
}

/** The demo's verified employers, or one household per county when there are none. */
async function employerPool(ctx: DemoContext) {
  const { deps } = ctx;
  const db = deps.database.db;
  const cols = {
    id: employers.id,
    countyCode: employers.countyCode,
    townshipCode: employers.townshipCode,
    address: employers.address,
    contactName: employers.contactName,
    contactPhone: employers.contactPhone,
  };
  const found = await db.select(cols).from(employers).where(eq(employers.status, "verified"));
  if (found.length > 0) return found;
  const now = deps.clock.now();
  const taken = new Set((await db.select({ phone: users.phone }).from(users).where(like(users.phone, "1668%"))).map((r) => r.phone));
  const region = deps.config.region;
  const phones: string[] = [];
  for (let n = 0; phones.length < region.counties.length; n++) {
    const p = `1668${String(1_000_000 + n).slice(-7)}`;
    if (!taken.has(p)) phones.push(p);
  }
  return deps.database.transaction(async (tx: Tx) => {
    const owners = await tx
      .insert(users)
      .values(region.counties.map((c, i) => ({ role: "employer" as const, phone: phones[i], name: "王经理", countyCode: c.code, createdAt: now - 400 * DAY_MS })))
      .returning({ id: users.id, phone: users.phone, countyCode: users.countyCode });
    return tx
      .insert(employers)
      .values(
        owners.map((o) => ({
          userId: o.id,
          kind: "company" as const,
          name: `${deps.regions.countyName(o.countyCode)}劳务服务站`,
          contactName: "王经理",
          contactPhone: o.phone,
          countyCode: o.countyCode!,
          address: "人民路 1 号",
          status: "verified" as const,
          createdAt: now - 400 * DAY_MS,
        })),
      )
      .returning(cols);
  });
}
