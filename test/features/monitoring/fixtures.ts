// Records for the monitoring tests, written straight into the temp DB (the
// fixture path: the pages that create them belong to other features). Times
// are given as China dates and hours.
import { eq } from "drizzle-orm";
import type { TestApp } from "../../helpers/app.ts";
import { addUser, addMarket } from "../../helpers/app.ts";
import { employers, jobPostings, applications, hires, checkIns, workerKinds, workKinds, hotlineCases, users } from "../../../db/schema/index.ts";
import type { MarketTier } from "../../../db/schema/constants.ts";

/** Epoch ms of a China date and hour. */
export const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);

export async function kindId(t: TestApp, name: string): Promise<number> {
  return (await t.db.select({ id: workKinds.id }).from(workKinds).where(eq(workKinds.name, name)))[0].id;
}

export async function addWorker(t: TestApp, name: string, kinds: number[] = []) {
  const u = await addUser(t, { role: "worker", name });
  if (kinds.length) await t.deps.database.write((db) => db.insert(workerKinds).values(kinds.map((k) => ({ userId: u.id, kindId: k }))));
  return u.id;
}

export async function addEmployer(t: TestApp, county = "411024") {
  const u = await addUser(t, { role: "employer", name: "雇主" });
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({ userId: u.id, kind: "private", name: "张老板", contactName: "张老板", contactPhone: "13700001111", countyCode: county, status: "verified", createdAt: t.clock.now() })
      .returning({ id: employers.id }),
  );
  return row.id;
}

export async function addPosting(
  t: TestApp,
  p: { employerId: number; kindId: number; county: string; headcount: number; published: string | null; via?: number | null; status?: "open" | "removed" | "closed" | "filled"; title?: string; start?: string; end?: string; duties?: string },
) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(jobPostings)
      .values({
        employerId: p.employerId,
        title: p.title ?? "帮工",
        kindId: p.kindId,
        form: "gig",
        headcount: p.headcount,
        payMode: "wage",
        wageFen: 15000,
        wageUnit: "day",
        startDate: p.start ?? p.published ?? "2026-11-01",
        endDate: p.end ?? "2026-12-31",
        countyCode: p.county,
        duties: p.duties ?? "",
        contactName: "张老板",
        contactPhone: "13700001111",
        status: p.status ?? "open",
        viaMarketId: p.via ?? null,
        createdAt: p.published ? at(p.published, 9) : t.clock.now(),
        publishedAt: p.published ? at(p.published, 10) : null,
        updatedAt: p.published ? at(p.published, 10) : t.clock.now(),
      })
      .returning({ id: jobPostings.id }),
  );
  return row.id;
}

export async function addSignup(t: TestApp, a: { postingId: number; workerId: number; day: string; hour?: number; via?: number | null }) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(applications)
      .values({ postingId: a.postingId, workerId: a.workerId, status: "applied", viaMarketId: a.via ?? null, createdAt: at(a.day, a.hour ?? 11) })
      .returning({ id: applications.id }),
  );
  return row.id;
}

export async function addHire(t: TestApp, h: { applicationId: number; day: string; via?: number | null; status?: "confirmed" | "cancelled" | "completed" }) {
  const [app] = await t.db.select().from(applications).where(eq(applications.id, h.applicationId));
  const [posting] = await t.db.select().from(jobPostings).where(eq(jobPostings.id, app.postingId));
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(hires)
      .values({
        applicationId: app.id,
        postingId: posting.id,
        employerId: posting.employerId,
        workerId: app.workerId,
        wageFen: 15000,
        wageUnit: "day",
        startDate: h.day,
        endDate: h.day,
        place: "鄢陵",
        status: h.status ?? "confirmed",
        viaMarketId: h.via ?? null,
        confirmedAt: at(h.day, 15),
      })
      .returning({ id: hires.id }),
  );
  return row.id;
}

export async function addCheckIns(t: TestApp, marketId: number, days: string[], workerIds: number[]) {
  const rows = days.flatMap((day) => workerIds.map((workerId) => ({ marketId, workerId, day, at: at(day, 8) })));
  await t.deps.database.write((db) => db.insert(checkIns).values(rows));
}

let caseSeq = 0;
export async function addComplaint(t: TestApp, c: { day: string; county: string; marketId?: number | null }) {
  caseSeq++;
  await t.deps.database.write((db) =>
    db.insert(hotlineCases).values({
      number: `XC-${c.day.replace(/-/g, "")}-${String(caseSeq).padStart(4, "0")}`,
      day: c.day,
      seq: caseSeq,
      channel: "phone",
      category: "wage_arrears",
      countyCode: c.county,
      marketId: c.marketId ?? null,
      description: "欠薪",
      dueDate: c.day,
      createdAt: at(c.day, 9),
      updatedAt: at(c.day, 9),
    }),
  );
}

export const market = (t: TestApp, name: string, countyCode: string, tier: MarketTier) => addMarket(t, { name, countyCode, tier });

export async function phoneOf(t: TestApp, userId: number) {
  return (await t.db.select({ phone: users.phone }).from(users).where(eq(users.id, userId)))[0].phone;
}

/**
 * The small fixed data set whose figures the tests work out by hand. Today is
 * 2026-11-28 (the test app's clock). See monitoring.figures.test.ts.
 */
export async function seedFixed(t: TestApp) {
  const A = await market(t, "鄢陵县马栏镇零工驿站", "411024", "station");
  const B = await market(t, "禹州市零工市场", "411081", "county");
  const O = await market(t, "零工超市(线上)", "411002", "online");
  const k1 = await kindId(t, "家政保洁");
  const k2 = await kindId(t, "搬运装卸");
  const k3 = await kindId(t, "养老护理");
  const w1 = await addWorker(t, "工人一", [k1]);
  const w2 = await addWorker(t, "工人二", [k1, k2]);
  const w3 = await addWorker(t, "工人三", [k2]);
  const w4 = await addWorker(t, "工人四", [k3]);
  const w5 = await addWorker(t, "工人五");
  const w6 = await addWorker(t, "工人六", [k2]);
  const e = await addEmployer(t);

  // Check-ins: A on 11-01, 11-02, 11-03 by w1..w5; A on 10-28 (before the
  // 30-day window) and 11-28 (today) by w1; B on 11-10, 11-11, 11-12 by w6.
  await addCheckIns(t, A, ["2026-11-01", "2026-11-02", "2026-11-03"], [w1, w2, w3, w4, w5]);
  await addCheckIns(t, A, ["2026-10-28", "2026-11-28"], [w1]);
  await addCheckIns(t, B, ["2026-11-10", "2026-11-11", "2026-11-12"], [w6]);

  // Postings.
  const P1 = await addPosting(t, { employerId: e, kindId: k1, county: "411024", headcount: 3, published: "2026-11-01" });
  const P2 = await addPosting(t, { employerId: e, kindId: k2, county: "411081", headcount: 2, published: "2026-11-10", via: B });
  const P3 = await addPosting(t, { employerId: e, kindId: k3, county: "411024", headcount: 1, published: "2026-10-01" });
  await addPosting(t, { employerId: e, kindId: k1, county: "411024", headcount: 5, published: "2026-11-05", status: "removed" });
  const P5 = await addPosting(t, { employerId: e, kindId: k1, county: "411024", headcount: 2, published: "2026-11-05", via: A });

  // Sign-ups.
  // a1 at 07:00 China time is still 10-31 in UTC: it must count on 11-01.
  const a1 = await addSignup(t, { postingId: P1, workerId: w1, day: "2026-11-01", hour: 7 });
  const a2 = await addSignup(t, { postingId: P1, workerId: w2, day: "2026-11-01" });
  const a3 = await addSignup(t, { postingId: P2, workerId: w1, day: "2026-11-01" });
  const a4 = await addSignup(t, { postingId: P1, workerId: w3, day: "2026-11-02", via: A });
  const a5 = await addSignup(t, { postingId: P2, workerId: w6, day: "2026-11-10", via: B });
  const a6 = await addSignup(t, { postingId: P2, workerId: w2, day: "2026-11-11" });
  const a7 = await addSignup(t, { postingId: P3, workerId: w4, day: "2026-10-20" });
  await addSignup(t, { postingId: P1, workerId: w5, day: "2026-11-01", hour: 23 });
  await addSignup(t, { postingId: P1, workerId: w4, day: "2026-11-02" });
  const a10 = await addSignup(t, { postingId: P5, workerId: w1, day: "2026-11-05", via: A });
  const a11 = await addSignup(t, { postingId: P5, workerId: w2, day: "2026-11-05", via: A });
  void a6;

  // Hires.
  await addHire(t, { applicationId: a1, day: "2026-11-02" });
  await addHire(t, { applicationId: a4, day: "2026-11-03" });
  await addHire(t, { applicationId: a5, day: "2026-11-11", via: B });
  await addHire(t, { applicationId: a2, day: "2026-11-03", status: "cancelled" });
  await addHire(t, { applicationId: a7, day: "2026-10-28" });
  await addHire(t, { applicationId: a3, day: "2026-11-12" });
  await addHire(t, { applicationId: a10, day: "2026-11-06", via: A });
  await addHire(t, { applicationId: a11, day: "2026-11-06", via: A });

  // Complaints: one about A, one in 禹州 naming no market.
  await addComplaint(t, { day: "2026-11-05", county: "411024", marketId: A });
  await addComplaint(t, { day: "2026-11-06", county: "411081" });

  return { A, B, O, k1, k2, k3, workers: [w1, w2, w3, w4, w5, w6], employer: e };
}
