// Test data for the desk: workers with profiles (as a walk-in registration
// makes them), verified employers, open postings, check-ins, hires.
import { eq } from "drizzle-orm";
import { employers, checkIns, hires, applications, jobPostings, workKinds, workerKinds } from "../../../db/schema/index.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { insertPosting, searchText } from "../../../src/features/jobs/index.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { addUser, nextPhone, type TestApp } from "../../helpers/app.ts";

export async function addWorker(
  t: TestApp,
  w: { name?: string; phone?: string; countyCode?: string | null; birthYear?: number | null; idNumber?: string | null; pin?: string; viaMarketId?: number | null; kinds?: string[] } = {},
) {
  const phone = w.phone ?? nextPhone();
  const pinHash = w.pin ? await hashSecret(w.pin) : null;
  const now = t.clock.now();
  const created = await t.deps.database.transaction(async (tx) => {
    const r = await insertWorker(
      tx,
      { phone, name: w.name ?? "测试工人", pinHash, countyCode: w.countyCode === undefined ? "411024" : w.countyCode, birthYear: w.birthYear ?? null, idNumber: w.idNumber ?? null, viaMarketId: w.viaMarketId ?? null },
      now,
    );
    if (w.kinds?.length) {
      const kinds = await tx.select().from(workKinds);
      const ids = kinds.filter((k) => w.kinds!.includes(k.name)).map((k) => k.id);
      await tx.insert(workerKinds).values(ids.map((kindId) => ({ userId: r.id, kindId })));
    }
    return r;
  });
  return { id: created.id, cardCode: created.cardCode, phone, pin: w.pin };
}

export async function addEmployer(t: TestApp, countyCode = "411024", status: "verified" | "pending" = "verified") {
  const u = await addUser(t, { role: "employer", name: "测试老板", countyCode });
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({ userId: u.id, kind: "company", name: "测试公司", contactName: "李老板", contactPhone: u.phone, countyCode, status, createdAt: t.clock.now() })
      .returning({ id: employers.id }),
  );
  return { ...u, employerId: row.id };
}

export async function kindId(t: TestApp, name: string) {
  const [k] = await t.db.select().from(workKinds).where(eq(workKinds.name, name));
  return k.id;
}

export async function addPosting(
  t: TestApp,
  p: { employerId: number; countyCode?: string; kind?: string; title?: string; headcount?: number; start?: string; end?: string; wageFen?: number; quote?: boolean },
) {
  const today = chinaDate(t.clock.now());
  const kind = p.kind ?? "搬运装卸";
  const title = p.title ?? `${kind}工`;
  const draft = {
    title,
    kindId: await kindId(t, kind),
    form: "gig" as const,
    headcount: p.headcount ?? 2,
    payMode: p.quote ? ("quote" as const) : ("wage" as const),
    wageFen: p.quote ? null : p.wageFen ?? 15000,
    wageUnit: p.quote ? null : ("day" as const),
    startDate: p.start ?? today,
    endDate: p.end ?? addDays(today, 2),
    hours: "8:00-17:00",
    countyCode: p.countyCode ?? "411024",
    townshipCode: null,
    address: "城关镇东街",
    duties: "",
    requirements: "",
    contactName: "李老板",
    contactPhone: "13900001111",
    brandIds: [],
  };
  const text = searchText({ title, kindName: kind, duties: "", requirements: "", address: draft.address, countyName: "", townshipName: "" });
  return t.deps.database.transaction((tx) => insertPosting(tx, { employerId: p.employerId, draft, searchText: text, status: "open" }, t.clock.now()));
}

export async function addCheckIn(t: TestApp, marketId: number, workerId: number, day: string, at?: number) {
  await t.deps.database.write((db) => db.insert(checkIns).values({ marketId, workerId, day, at: at ?? Date.parse(day + "T08:00:00+08:00") }));
}

/** A confirmed hire on `day` (China date), with its sign-up. */
export async function addHire(t: TestApp, postingId: number, workerId: number, day: string) {
  const [p] = await t.db.select().from(jobPostings).where(eq(jobPostings.id, postingId));
  const at = Date.parse(day + "T10:00:00+08:00");
  await t.deps.database.transaction(async (tx) => {
    const [a] = await tx.insert(applications).values({ postingId, workerId, status: "confirmed", createdAt: at, decidedAt: at }).returning({ id: applications.id });
    await tx.insert(hires).values({
      applicationId: a.id, postingId, employerId: p.employerId, workerId, wageFen: 15000, wageUnit: "day", startDate: day, endDate: day, place: "x", confirmedAt: at,
    });
  });
}
