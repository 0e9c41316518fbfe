// Test data for training and job fairs, written straight to the temp DB
// (fixtures, not the pages under test).
import { trainingSessions, trainingSignups, employers, jobFairs, jobFairZones, jobPostings, workKinds } from "../../../db/schema/index.ts";
import { addUser, signedIn, type TestApp } from "../../helpers/app.ts";
import { eq } from "drizzle-orm";

export async function kindId(t: TestApp, name: string): Promise<number> {
  const [k] = await t.db.select({ id: workKinds.id }).from(workKinds).where(eq(workKinds.name, name));
  return k.id;
}

export async function addSession(t: TestApp, marketId: number, o: Partial<typeof trainingSessions.$inferInsert> = {}): Promise<number> {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(trainingSessions)
      .values({
        marketId,
        kind: "skills",
        title: "家政服务员培训",
        provider: "许昌市职业技能培训中心",
        place: "鄢陵县人社局三楼培训室",
        startDate: "2026-12-07",
        endDate: "2026-12-11",
        hours: "8:30-11:30",
        capacity: 30,
        signupDeadline: "2026-12-05",
        subsidyRule: "取得证书的可领补贴",
        createdAt: now,
        updatedAt: now,
        ...o,
      })
      .returning({ id: trainingSessions.id }),
  );
  return row.id;
}

/** A sign-up written directly (for pages that need one to exist). */
export async function addSignup(t: TestApp, sessionId: number, workerId: number, o: Partial<typeof trainingSignups.$inferInsert> = {}) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(trainingSignups)
      .values({ sessionId, workerId, status: "confirmed", createdAt: t.clock.now(), confirmedAt: t.clock.now(), ...o })
      .returning({ id: trainingSignups.id }),
  );
  return row.id;
}

/** An employer account with its employers row, signed in. */
export async function employerBrowser(t: TestApp, status: "pending" | "verified" | "rejected" = "verified", name = "许昌顺达家政服务有限公司") {
  const b = await signedIn(t, { role: "employer", name: "李经理" });
  const employerId = await addEmployerRow(t, b.user.id, status, name);
  return Object.assign(b, { employerId });
}

export async function addEmployerRow(t: TestApp, userId: number, status: "pending" | "verified" | "rejected" = "verified", name = "许昌顺达家政服务有限公司") {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({ userId, kind: "company", name, contactName: "李经理", contactPhone: "13700001111", countyCode: "411024", status, createdAt: t.clock.now() })
      .returning({ id: employers.id }),
  );
  return row.id;
}

export async function addEmployer(t: TestApp, status: "pending" | "verified" = "verified", name?: string) {
  const u = await addUser(t, { role: "employer", name: "王老板" });
  return addEmployerRow(t, u.id, status, name);
}

export async function addFair(t: TestApp, marketId: number, zones: { kind: string; capacity: number }[], o: Partial<typeof jobFairs.$inferInsert> = {}) {
  const ids = await Promise.all(zones.map((z) => kindId(t, z.kind)));
  return t.deps.database.transaction(async (tx) => {
    const [f] = await tx
      .insert(jobFairs)
      .values({ marketId, title: "家政养老专场招聘会", date: "2026-12-10", hours: "8:30-12:00", place: "鄢陵县零工市场广场", createdAt: t.clock.now(), ...o })
      .returning({ id: jobFairs.id });
    const zs = await tx
      .insert(jobFairZones)
      .values(zones.map((z, i) => ({ fairId: f.id, workKindId: ids[i], capacity: z.capacity })))
      .returning({ id: jobFairZones.id });
    return { fairId: f.id, zoneIds: zs.map((z) => z.id) };
  });
}

export async function addPosting(t: TestApp, employerId: number, kind: string, o: Partial<typeof jobPostings.$inferInsert> = {}) {
  const kid = await kindId(t, kind);
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(jobPostings)
      .values({
        employerId,
        title: "住家保姆",
        kindId: kid,
        form: "long_term",
        headcount: 2,
        wageFen: 450000,
        wageUnit: "month",
        startDate: "2026-12-01",
        endDate: "2027-05-31",
        countyCode: "411024",
        contactName: "李经理",
        contactPhone: "13700001111",
        status: "open",
        createdAt: now,
        publishedAt: now,
        updatedAt: now,
        ...o,
      })
      .returning({ id: jobPostings.id }),
  );
  return row.id;
}

let idSeq = 0;
/** A distinct resident ID number with a correct check character, per call. */
export function nextResidentId(): string {
  const body = `11010519491231${100 + (idSeq++ % 900)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return body + "10X98765432"[sum % 11];
}
