// Demo step: varied employer records and going rates, so every case of the
// record pages shows (docs/records.zh-CN.md):
//  - a good payer of long standing: 鄢陵县花木合作社 (the demo company account),
//    every worker answered 拿到了, verified 14 months ago;
//  - a late payer with an open 欠薪 case: the first other 鄢陵县 employer with
//    an open posting; two workers said 没拿到, one has not answered, and one
//    of those hires became a wage case still being handled. Its open posting
//    pays well under the going rate, so the worker is warned;
//  - new employers: two verified employers with open postings whose past
//    hires and cases are handed to a neighbour, so they show 新雇主,暂无记录;
//  - a county-level going rate: a dozen 家政保洁 hires by the hour in 鄢陵县
//    over the last 80 days (elsewhere most groups fall back to the city's).
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { applications, employers, hires, hotlineCases, jobPostings, users, workerProfiles, workKinds } from "../../schema/index.ts";
import { addDays, chinaDate, DAY_MS } from "../../../src/shared/clock.ts";
import { grams, searchText } from "../../../src/features/jobs/index.ts";
import { openCaseForHire } from "../../../src/features/hotline/index.ts";
import type { DemoContext } from "./context.ts";

const YANLING = "411024";
const GOOD_PAYER = "鄢陵县花木合作社";
/** Demo accounts keep the records the other steps gave them. */
const KEEP = [GOOD_PAYER, "王德福"];

export async function seedRecords(ctx: DemoContext) {
  const { deps, rand } = ctx;
  const db = deps.database.db;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

  const verified = await db
    .select({ id: employers.id, name: employers.name, countyCode: employers.countyCode, address: employers.address, townshipCode: employers.townshipCode, contactName: employers.contactName, contactPhone: employers.contactPhone })
    .from(employers)
    .where(eq(employers.status, "verified"))
    .orderBy(employers.id);
  const withOpen = new Set(
    (await db.selectDistinct({ id: jobPostings.employerId }).from(jobPostings).where(and(eq(jobPostings.status, "open"), sql`${jobPostings.endDate} >= ${today}`))).map((r) => r.id),
  );
  const good = verified.find((e) => e.name === GOOD_PAYER);
  const candidates = verified.filter((e) => withOpen.has(e.id) && !KEEP.includes(e.name));
  const late = candidates.find((e) => e.countyCode === YANLING) ?? candidates[0];
  const fresh = candidates.filter((e) => e !== late && verified.some((o) => o.countyCode === e.countyCode && o !== e && o.id !== late?.id)).slice(-2);

  const [hk] = await db.select({ id: workKinds.id }).from(workKinds).where(eq(workKinds.name, "家政保洁"));

  await deps.database.transaction(async (tx) => {
    // New employers: their past goes to a neighbour in the same county.
    for (const e of fresh) {
      const heir = verified.find((o) => o.countyCode === e.countyCode && o !== e && !fresh.includes(o) && o.id !== late?.id) ?? verified.find((o) => o !== e)!;
      const withHires = tx.select({ id: hires.postingId }).from(hires).where(eq(hires.employerId, e.id));
      await tx.update(jobPostings).set({ employerId: heir.id }).where(inArray(jobPostings.id, withHires));
      await tx.update(hires).set({ employerId: heir.id }).where(eq(hires.employerId, e.id));
      await tx.update(hotlineCases).set({ employerId: heir.id }).where(eq(hotlineCases.employerId, e.id));
      await tx.update(employers).set({ reviewedAt: now - int(3, 20) * DAY_MS }).where(eq(employers.id, e.id));
    }
    // The good payer: every answer 拿到了, no wage case open, verified long ago.
    if (good) {
      await tx.update(hires).set({ paid: "paid", paidAnsweredAt: sql`coalesce(${hires.paidAnsweredAt}, ${now - DAY_MS})` }).where(and(eq(hires.employerId, good.id), ne(hires.status, "cancelled"), lt(hires.endDate, today)));
      await tx.update(hotlineCases).set({ employerId: null }).where(and(eq(hotlineCases.employerId, good.id), eq(hotlineCases.category, "wage_arrears")));
      await tx.update(employers).set({ reviewedAt: Date.parse(`${addDays(today, -430)}T10:00:00+08:00`) }).where(eq(employers.id, good.id));
    }
    if (!late) return;
    // The late payer's last three finished hires: two not paid, one not answered.
    const last = await tx
      .select({ id: hires.id })
      .from(hires)
      .where(and(eq(hires.employerId, late.id), lt(hires.endDate, today), ne(hires.status, "cancelled")))
      .orderBy(desc(hires.endDate), desc(hires.id))
      .limit(3);
    if (last.length) {
      await tx.update(hires).set({ paid: "not_paid", paidAnsweredAt: now - 2 * DAY_MS }).where(inArray(hires.id, last.slice(0, 2).map((h) => h.id)));
      if (last[2]) await tx.update(hires).set({ paid: null, paidAnsweredAt: null }).where(eq(hires.id, last[2].id));
    }
    // Its open postings pay well under the going rate below: 家政保洁 at 20 元 an hour.
    if (hk) {
      await tx
        .update(jobPostings)
        .set({ kindId: hk.id, wageFen: 2000, wageUnit: "hour", payMode: "wage" })
        .where(and(eq(jobPostings.employerId, late.id), eq(jobPostings.status, "open"), eq(jobPostings.countyCode, YANLING)));
    }
  });
  if (late) {
    const [first] = await db.select({ id: hires.id }).from(hires).where(and(eq(hires.employerId, late.id), eq(hires.paid, "not_paid"))).orderBy(desc(hires.endDate)).limit(1);
    if (first) {
      const made = await deps.database.transaction((tx) => openCaseForHire(tx, deps, first.id, { channel: "online", staffId: null }));
      if (made) await deps.database.write((d) => d.update(hotlineCases).set({ status: "processing", updatedAt: now }).where(eq(hotlineCases.id, made.id)));
    }
  }

  // Twelve past hires by the hour in 鄢陵县 家政保洁 (the good payer's, all paid): a county-level going rate.
  if (!hk || !good) return;
  const pool = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(workerProfiles, eq(workerProfiles.userId, users.id))
    .where(and(eq(users.role, "worker"), eq(workerProfiles.countyCode, YANLING)))
    .limit(40);
  if (pool.length === 0) return;
  const wages = [2800, 2800, 3000, 3000, 3000, 3000, 3200, 3200, 3500, 3500, 2600, 3000];
  await deps.database.transaction(async (tx) => {
    for (const [i, wageFen] of wages.entries()) {
      const day = addDays(today, -int(5, 80));
      const at = Date.parse(`${day}T08:00:00+08:00`);
      const title = "家庭保洁(按小时)";
      const text = searchText({ title, kindName: "家政保洁", duties: "", requirements: "", address: good.address, countyName: deps.regions.countyName(YANLING), townshipName: deps.regions.townshipName(good.townshipCode) });
      const [p] = await tx
        .insert(jobPostings)
        .values({
          employerId: good.id, title, kindId: hk.id, form: "gig", headcount: 1, payMode: "wage", wageFen, wageUnit: "hour", startDate: day, endDate: day, hours: "",
          countyCode: YANLING, townshipCode: good.townshipCode, address: good.address, duties: "", requirements: "", contactName: good.contactName, contactPhone: good.contactPhone,
          status: "filled", filledCount: 1, createdAt: at - 3600_000, publishedAt: at - 3000_000, updatedAt: at + 12 * 3600_000, searchText: text,
        })
        .returning({ id: jobPostings.id });
      await tx.run(sql`INSERT INTO posting_search (rowid, grams) VALUES (${p.id}, ${grams(text)})`);
      const workerId = pool[i % pool.length].id;
      const [a] = await tx.insert(applications).values({ postingId: p.id, workerId, status: "confirmed", createdAt: at - 1800_000, decidedAt: at - 1200_000 }).returning({ id: applications.id });
      await tx.insert(hires).values({
        applicationId: a.id, postingId: p.id, employerId: good.id, workerId, wageFen, wageUnit: "hour", startDate: day, endDate: day,
        place: `${deps.regions.countyName(YANLING)} ${good.address}`, status: "completed", paid: "paid", paidAnsweredAt: at + 14 * 3600_000, confirmedAt: at - 1200_000,
      });
    }
  });
  ctx.ids.recordEmployers = [good.id, late?.id ?? 0, ...fresh.map((e) => e.id)];
}
