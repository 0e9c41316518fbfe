// Direct DB fixtures for hotline tests: employers, postings, workers and hires
// (the jobs feature's own pages are not needed to test the hotline), and
// cases made through the same repo function the pages use.
import { eq } from "drizzle-orm";
import { employers, jobPostings, applications, hires, workKinds } from "../../../db/schema/index.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { insertCase, type NewCase } from "../../../src/features/hotline/hotline.repo.ts";
import { hotlineSettings } from "../../../src/features/hotline/hotline.settings.ts";
import { addUser, nextPhone, type TestApp } from "../../helpers/app.ts";

export async function addEmployer(t: TestApp, f: { name?: string; countyCode?: string; status?: "pending" | "verified" | "rejected" } = {}) {
  const owner = await addUser(t, { role: "employer", name: f.name ?? "测试老板" });
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({
        userId: owner.id,
        kind: "company",
        name: f.name ?? "测试建筑公司",
        contactName: "李经理",
        contactPhone: owner.phone,
        countyCode: f.countyCode ?? "411024",
        status: f.status ?? "verified",
        createdAt: t.clock.now(),
      })
      .returning({ id: employers.id }),
  );
  return row.id;
}

export async function addPosting(
  t: TestApp,
  f: { employerId: number; title?: string; countyCode?: string; marketId?: number | null; published?: boolean; wageFen?: number; wageUnit?: "day" | "hour" | "piece" | "month"; startDate?: string; endDate?: string },
) {
  const [kind] = await t.db.select({ id: workKinds.id }).from(workKinds).limit(1);
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(jobPostings)
      .values({
        employerId: f.employerId,
        title: f.title ?? "搬运工",
        kindId: kind.id,
        form: "gig",
        headcount: 5,
        wageFen: f.wageFen ?? 15000,
        wageUnit: f.wageUnit ?? "day",
        startDate: f.startDate ?? "2026-11-20",
        endDate: f.endDate ?? "2026-11-22",
        countyCode: f.countyCode ?? "411024",
        contactName: "李经理",
        contactPhone: "13900000000",
        status: f.published === false ? "draft" : "open",
        publishedAt: f.published === false ? null : now,
        viaMarketId: f.marketId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: jobPostings.id }),
  );
  return row.id;
}

export async function addWorker(t: TestApp, f: { name?: string; ownPhone?: boolean; marketId?: number | null; phone?: string } = {}) {
  const phone = f.phone ?? nextPhone();
  const w = await t.deps.database.transaction((tx) =>
    insertWorker(tx, { phone, name: f.name ?? "王师傅", pinHash: null, countyCode: "411024", ownPhone: f.ownPhone ?? true, viaMarketId: f.marketId ?? null }, t.clock.now()),
  );
  return { id: w.id, phone };
}

/** A confirmed sign-up and its hire, with the posting's wage and dates. */
export async function addHire(t: TestApp, f: { postingId: number; employerId: number; workerId: number; wageFen?: number; wageUnit?: "day" | "hour" | "piece" | "month"; startDate?: string; endDate?: string; marketId?: number | null }) {
  const now = t.clock.now();
  return t.deps.database.transaction(async (tx) => {
    const [app] = await tx.insert(applications).values({ postingId: f.postingId, workerId: f.workerId, status: "confirmed", createdAt: now, decidedAt: now }).returning({ id: applications.id });
    const [hire] = await tx
      .insert(hires)
      .values({
        applicationId: app.id,
        postingId: f.postingId,
        employerId: f.employerId,
        workerId: f.workerId,
        wageFen: f.wageFen ?? 15000,
        wageUnit: f.wageUnit ?? "day",
        startDate: f.startDate ?? "2026-11-20",
        endDate: f.endDate ?? "2026-11-22",
        place: "鄢陵县花木城",
        status: "completed",
        viaMarketId: f.marketId ?? null,
        confirmedAt: now,
      })
      .returning({ id: hires.id });
    return hire.id;
  });
}

export async function hireRow(t: TestApp, id: number) {
  return (await t.db.select().from(hires).where(eq(hires.id, id)))[0];
}

/** A case made as an intake would make it (number, due date, first timeline entry). */
export async function addCase(t: TestApp, f: Partial<NewCase> & { countyCode?: string } = {}) {
  const c: NewCase = {
    channel: "phone",
    callerName: "张大爷",
    callerPhone: "13812345678",
    callerUserId: null,
    category: "wage_arrears",
    urgency: "normal",
    employerId: null,
    postingId: null,
    hireId: null,
    marketId: null,
    countyCode: "411024",
    amountOwedFen: 150000,
    description: "干了三天活,老板一直不给钱。",
    createdBy: null,
    ...f,
  };
  return t.deps.database.transaction((tx) => insertCase(tx, c, t.clock.now(), hotlineSettings(t.deps)));
}
