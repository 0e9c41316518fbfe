// The fixture world of the security suites: two of everything (workers,
// employers, stations, county admins), with the records owned by the "first"
// of each pair, and one signed-in browser per role. Every suite attacks the
// first's records as the others.
//
//   county X = 鄢陵县 (411024): market A (a station), worker w1, employer e1, staff sA, admin aX
//   county Y = 禹州市 (411081): market B, worker w2, employer e2, staff sB, admin aY
//   also in county X: market C (the county's own market, staff sC) and station
//   D (a second station): the same-county neighbours of market A, so a check
//   that compares staff by county where it should compare by market is caught
//   (sC is the "another market" of every market-scoped route; sB is another
//   county besides)
//   city admin: everything
//
// Owned by the first: posting P1 (open, with w1's sign-up APP1), posting P2
// (done, with w1's hire H1 via market A), w1's seeking card, w1's hotline case
// at market A, a training session at market A with w1's completed sign-up, a
// job fair at market A with e1's booking, a help article of market A, e1's
// employer record, staff sA's account. The second of each pair has the same
// kind of records, for forged ids in form fields.
//
// Also here: a DB change counter (triggers on every table) so a suite can tell
// in one query whether a request wrote anything, and fresh copies of the world
// DB for requests that are allowed to change it.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { eq } from "drizzle-orm";
import { makeTestApp, Browser, addMarket, addUser, type TestApp } from "../helpers/app.ts";
import { loadConfig } from "../../src/config.ts";
import { prepare, createApp } from "../../src/app.tsx";
import { jsonLogger, type Deps } from "../../src/shared/context.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { hashSecret, sha256 } from "../../src/shared/crypto.ts";
import { insertWorker } from "../../src/features/workers/index.ts";
import { insertPosting, searchText } from "../../src/features/jobs/index.ts";
import { completeUscc, completeOrgCode } from "../../src/features/employers/index.ts";
import {
  employers, applications, hires, jobPostings, seekingCards, trainingSessions, trainingSignups, jobFairs, jobFairZones,
  jobFairBookings, policyArticles, checkIns, priorityConsents, messages, workKinds, hotlineCases, phoneProofs,
  marketInspections, inspectionItemResults, roadsidePoints,
} from "../../db/schema/index.ts";

export const X = "411024"; // 鄢陵县
export const Y = "411081"; // 禹州市
export const NOW = "2026-11-28T09:00:00+08:00";
export const TODAY = "2026-11-28";

export const roleKeys = ["anon", "w1", "w2", "e1", "e2", "sA", "sB", "sC", "aX", "aY", "city"] as const;
export type RoleKey = (typeof roleKeys)[number];
export const roleNames: Record<RoleKey, string> = {
  anon: "anonymous",
  w1: "worker (owner)",
  w2: "another worker",
  e1: "employer (owner)",
  e2: "another employer",
  sA: "staff of market A",
  sB: "staff of market B",
  sC: "staff of market C (same county as A)",
  aX: "county admin of X",
  aY: "county admin of Y",
  city: "city admin",
};

/** A valid resident ID number for a birth date "YYYYMMDD" in a county, with a sequence number. */
export function idFor(county: string, birth: string, seq: number): string {
  const body = `${county}${birth}${String(seq).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + "10X98765432"[sum % 11];
}

/** Everyone's phone and ID numbers, so a page scan can tell whose number it found. */
export const P = {
  w1: "13600000001",
  w2: "13600000002",
  e1: "13700000001",
  e2: "13700000002",
  sA: "13500000001",
  sB: "13500000002",
  sC: "13500000003",
  aX: "13300000001",
  aY: "13300000002",
  city: "13300000009",
  /** e1's posting contact phone (a second number of the employer). */
  e1Contact: "15800000001",
  e2Contact: "15800000002",
  /** The hotline caller's number on w2's case (a relative of w2). */
  w2Caller: "18900000002",
} as const;
export const ID = {
  w1: idFor(X, "19620305", 11),
  w2: idFor(Y, "19700612", 21),
  e1: idFor(X, "19800101", 31),
} as const;
/** USCCs: e2's, and spare ones for forms. */
export const uscc = (county: string, seq: number) => completeUscc(`91${county}` + completeOrgCode(`MA${String(100000 + seq).slice(-6)}`));
export const USCC = { e2: uscc(Y, 1) };
export const PIN = { w1: "246810", w2: "135790" };
export const PASSWORD = "correct horse 1";

/** Whose number is this? (phone or ID number → the role key of its owner, or a label). */
export const owners = new Map<string, string>([
  ...Object.entries(P).map(([k, v]) => [v, k] as [string, string]),
  ...Object.entries(ID).map(([k, v]) => [v, `${k}:id`] as [string, string]),
]);

export interface Ids {
  marketA: number;
  marketB: number;
  /** County X's own market: market A's same-county neighbour, with staff sC. */
  marketC: number;
  /** A second station in county X, without staff of its own. */
  stationD: number;
  users: Record<Exclude<RoleKey, "anon">, number>;
  employer1: number;
  employer2: number;
  posting1: number;
  posting2: number;
  postingY: number;
  postingPast: number;
  application1: number;
  applicationY: number;
  hire1: number;
  hireY: number;
  card1: number;
  cardY: number;
  cardCode1: string;
  case1: number;
  caseY: number;
  session1: number;
  sessionY: number;
  signup1: number;
  signupY: number;
  fair1: number;
  zone1: number;
  booking1: number;
  fairY: number;
  bookingY: number;
  article1: number;
  articleY: number;
  /** A safety inspection of market A (one item failed, not yet put right) and a roadside point in county X. */
  inspection1: number;
  point1: number;
  /** A pending code step (验证码登录 for w1's number), a proven PIN reset of w1 and a proven hotline status check of w1's number. */
  codeToken: string;
  pinToken: string;
  hotlineToken: string;
}

export interface World {
  t: TestApp;
  ids: Ids;
  agents: Record<RoleKey, Browser>;
  /** The world DB as it was after building, for fresh copies. */
  snapshot: string;
  close(): void;
}

async function kindId(t: TestApp, name: string) {
  const [k] = await t.db.select({ id: workKinds.id }).from(workKinds).where(eq(workKinds.name, name));
  return k.id;
}

async function addWorker(t: TestApp, o: { phone: string; name: string; pin: string; county: string; idNumber: string; marketId: number; ownPhone: boolean }) {
  const pinHash = await hashSecret(o.pin);
  return t.deps.database.transaction((tx) =>
    insertWorker(
      tx,
      { phone: o.phone, name: o.name, pinHash, countyCode: o.county, idNumber: o.idNumber, birthYear: Number(o.idNumber.slice(6, 10)), ownPhone: o.ownPhone, viaMarketId: o.marketId },
      t.clock.now(),
    ),
  );
}

async function addEmployer(t: TestApp, o: { userId: number; county: string; name: string; contact: string; idNumber?: string; uscc?: string }) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({
        userId: o.userId,
        kind: o.idNumber ? "private" : "company",
        name: o.name,
        idNumber: o.idNumber ?? null,
        uscc: o.uscc ?? null,
        contactName: o.name,
        contactPhone: o.contact,
        countyCode: o.county,
        address: "城关镇幸福路 8 号",
        status: "verified",
        pledgeAcceptedAt: t.clock.now(),
        createdAt: t.clock.now(),
      })
      .returning({ id: employers.id }),
  );
  return row.id;
}

async function addPosting(t: TestApp, o: { employerId: number; county: string; title: string; contact: string; start: string; end: string; marketId: number | null }) {
  const kind = "家政保洁";
  const draft = {
    title: o.title,
    kindId: await kindId(t, kind),
    form: "gig" as const,
    headcount: 3,
    payMode: "wage" as const,
    wageFen: 20000,
    wageUnit: "day" as const,
    startDate: o.start,
    endDate: o.end,
    hours: "8:00-17:00",
    countyCode: o.county,
    townshipCode: null,
    address: "城关镇幸福路 8 号",
    duties: "擦窗、拖地",
    requirements: "",
    contactName: "李老板",
    contactPhone: o.contact,
    brandIds: [],
  };
  const text = searchText({ title: o.title, kindName: kind, duties: draft.duties, requirements: "", address: draft.address, countyName: "", townshipName: "" });
  const id = await t.deps.database.transaction((tx) => insertPosting(tx, { employerId: o.employerId, draft, searchText: text, status: "open" }, t.clock.now()));
  if (o.marketId) await t.deps.database.write((db) => db.update(jobPostings).set({ viaMarketId: o.marketId }).where(eq(jobPostings.id, id)));
  return id;
}

async function addApplication(t: TestApp, postingId: number, workerId: number, status: "applied" | "confirmed") {
  const [row] = await t.deps.database.write((db) =>
    db.insert(applications).values({ postingId, workerId, status, createdAt: t.clock.now(), decidedAt: status === "confirmed" ? t.clock.now() : null }).returning({ id: applications.id }),
  );
  return row.id;
}

async function addHire(t: TestApp, o: { applicationId: number; postingId: number; employerId: number; workerId: number; marketId: number }) {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(hires)
      .values({
        applicationId: o.applicationId,
        postingId: o.postingId,
        employerId: o.employerId,
        workerId: o.workerId,
        wageFen: 20000,
        wageUnit: "day",
        startDate: "2026-11-20",
        endDate: "2026-11-25",
        place: "城关镇幸福路 8 号",
        status: "confirmed",
        viaMarketId: o.marketId,
        confirmedAt: t.clock.now(),
      })
      .returning({ id: hires.id }),
  );
  return row.id;
}

async function addCard(t: TestApp, workerId: number, county: string) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write(async (db) =>
    db.insert(seekingCards).values({ workerId, kindId: await kindId(t, "家政保洁"), countyCode: county, days: "", note: "会做饭", status: "open", createdAt: now, updatedAt: now }).returning({ id: seekingCards.id }),
  );
  return row.id;
}

async function addCase(t: TestApp, o: { county: string; marketId: number; callerUserId: number | null; callerPhone: string; number: string }) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(hotlineCases)
      .values({
        number: o.number,
        day: TODAY,
        seq: Number(o.number.slice(-3)),
        channel: "online",
        callerName: "王大姐",
        callerPhone: o.callerPhone,
        callerUserId: o.callerUserId,
        category: "wage_arrears",
        countyCode: o.county,
        marketId: o.marketId,
        amountOwedFen: 60000,
        description: "干了三天活,老板一直不给钱。",
        dueDate: "2026-12-28",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: hotlineCases.id }),
  );
  return row.id;
}

async function addSession(t: TestApp, marketId: number) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(trainingSessions)
      .values({
        marketId,
        kind: "skills",
        title: "家政服务员培训",
        provider: "许昌市职业技能培训中心",
        place: "人社局三楼培训室",
        startDate: "2026-12-07",
        endDate: "2026-12-11",
        hours: "8:30-11:30",
        capacity: 30,
        confirmedCount: 1,
        signupDeadline: "2026-12-05",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: trainingSessions.id }),
  );
  return row.id;
}

async function addSignup(t: TestApp, sessionId: number, workerId: number, completedBy: number) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(trainingSignups)
      .values({ sessionId, workerId, status: "confirmed", createdAt: now, confirmedAt: now, completedAt: now, completedBy })
      .returning({ id: trainingSignups.id }),
  );
  return row.id;
}

async function addFair(t: TestApp, marketId: number, employerId: number) {
  const now = t.clock.now();
  const kind = await kindId(t, "家政保洁");
  return t.deps.database.transaction(async (tx) => {
    const [f] = await tx.insert(jobFairs).values({ marketId, title: "家政专场招聘会", date: "2026-12-10", hours: "8:30-12:00", place: "零工市场广场", createdAt: now }).returning({ id: jobFairs.id });
    const [z] = await tx.insert(jobFairZones).values({ fairId: f.id, workKindId: kind, capacity: 10, bookedCount: 1 }).returning({ id: jobFairZones.id });
    const [b] = await tx.insert(jobFairBookings).values({ fairId: f.id, zoneId: z.id, employerId, createdAt: now }).returning({ id: jobFairBookings.id });
    return { fair: f.id, zone: z.id, booking: b.id };
  });
}

async function addArticle(t: TestApp, marketId: number) {
  const now = t.clock.now();
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(policyArticles)
      .values({ category: "legal", title: "被拖欠工资怎么办", body: "先留证据。打 12333 求助。", marketId, status: "published", createdAt: now, updatedAt: now })
      .returning({ id: policyArticles.id }),
  );
  return row.id;
}

/** Signs a browser in through the login page, as a person would. */
async function loginAs(t: TestApp, phone: string, secret: string) {
  const b = t.client();
  await b.login(phone, secret);
  await b.get("/me"); // the signed-in CSRF token
  return b;
}

export async function buildWorld(): Promise<World> {
  const t = await makeTestApp({ now: NOW });
  const marketA = await addMarket(t, { name: "鄢陵县城关零工驿站", countyCode: X, tier: "station" });
  const marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: Y, tier: "county" });
  const marketC = await addMarket(t, { name: "鄢陵县零工市场", countyCode: X, tier: "county" });
  const stationD = await addMarket(t, { name: "鄢陵县彭店零工驿站", countyCode: X, tier: "station" });

  const w1 = await addWorker(t, { phone: P.w1, name: "王秀英", pin: PIN.w1, county: X, idNumber: ID.w1, marketId: marketA, ownPhone: false });
  const w2 = await addWorker(t, { phone: P.w2, name: "赵桂兰", pin: PIN.w2, county: Y, idNumber: ID.w2, marketId: marketB, ownPhone: true });
  const e1User = await addUser(t, { role: "employer", phone: P.e1, name: "李建国", countyCode: X, password: PASSWORD });
  const e2User = await addUser(t, { role: "employer", phone: P.e2, name: "许昌顺达家政", countyCode: Y, password: PASSWORD });
  const sA = await addUser(t, { role: "staff", phone: P.sA, name: "张干事", marketId: marketA, countyCode: X, password: PASSWORD });
  const sB = await addUser(t, { role: "staff", phone: P.sB, name: "陈干事", marketId: marketB, countyCode: Y, password: PASSWORD });
  const sC = await addUser(t, { role: "staff", phone: P.sC, name: "孙干事", marketId: marketC, countyCode: X, password: PASSWORD });
  const aX = await addUser(t, { role: "county_admin", phone: P.aX, name: "赵科长", countyCode: X, password: PASSWORD });
  const aY = await addUser(t, { role: "county_admin", phone: P.aY, name: "钱科长", countyCode: Y, password: PASSWORD });
  const city = await addUser(t, { role: "city_admin", phone: P.city, name: "刘主任", password: PASSWORD });

  const employer1 = await addEmployer(t, { userId: e1User.id, county: X, name: "李建国", contact: P.e1, idNumber: ID.e1 });
  const employer2 = await addEmployer(t, { userId: e2User.id, county: Y, name: "许昌顺达家政服务有限公司", contact: P.e2, uscc: USCC.e2 });

  const posting1 = await addPosting(t, { employerId: employer1, county: X, title: "家里打扫卫生", contact: P.e1Contact, start: TODAY, end: "2026-11-30", marketId: marketA });
  const posting2 = await addPosting(t, { employerId: employer1, county: X, title: "饭店帮厨", contact: P.e1Contact, start: TODAY, end: "2026-12-02", marketId: null });
  const postingY = await addPosting(t, { employerId: employer2, county: Y, title: "仓库搬运", contact: P.e2Contact, start: TODAY, end: "2026-12-01", marketId: marketB });
  // A finished job (closed, so the expiry sweep never touches it) with w1's hire on it.
  const postingPast = await addPosting(t, { employerId: employer1, county: X, title: "装修清理", contact: P.e1Contact, start: TODAY, end: "2026-12-01", marketId: marketA });
  await t.deps.database.write((db) =>
    db.update(jobPostings).set({ status: "closed", startDate: "2026-11-20", endDate: "2026-11-25" }).where(eq(jobPostings.id, postingPast)),
  );
  const application1 = await addApplication(t, posting1, w1.id, "applied");
  const applicationY = await addApplication(t, postingY, w2.id, "applied");
  const hire1 = await addHire(t, { applicationId: await addApplication(t, postingPast, w1.id, "confirmed"), postingId: postingPast, employerId: employer1, workerId: w1.id, marketId: marketA });
  const hireY = await addHire(t, { applicationId: await addApplication(t, posting2, w2.id, "confirmed"), postingId: posting2, employerId: employer1, workerId: w2.id, marketId: marketB });

  const card1 = await addCard(t, w1.id, X);
  const cardY = await addCard(t, w2.id, Y);
  const case1 = await addCase(t, { county: X, marketId: marketA, callerUserId: w1.id, callerPhone: P.w1, number: "20261128001" });
  const caseY = await addCase(t, { county: Y, marketId: marketB, callerUserId: w2.id, callerPhone: P.w2Caller, number: "20261128002" });
  const session1 = await addSession(t, marketA);
  const sessionY = await addSession(t, marketB);
  const signup1 = await addSignup(t, session1, w1.id, sA.id);
  const signupY = await addSignup(t, sessionY, w2.id, sB.id);
  const fair = await addFair(t, marketA, employer1);
  const fairY = await addFair(t, marketB, employer2);
  const article1 = await addArticle(t, marketA);
  const articleY = await addArticle(t, marketB);
  const { inspection1, point1 } = await t.deps.database.transaction(async (tx) => {
    const [i] = await tx
      .insert(marketInspections)
      .values({ marketId: marketA, date: TODAY, inspectors: "县人社局 李科长", rectifyBy: TODAY, createdBy: sA.id, createdAt: t.clock.now() })
      .returning({ id: marketInspections.id });
    await tx.insert(inspectionItemResults).values([
      { inspectionId: i.id, item: "fire", passed: false, note: "灭火器过期" },
      { inspectionId: i.id, item: "order", passed: true, note: "" },
    ]);
    const [p] = await tx
      .insert(roadsidePoints)
      .values({ countyCode: X, place: "建设路与文化路口", createdBy: aX.id, createdAt: t.clock.now() })
      .returning({ id: roadsidePoints.id });
    return { inspection1: i.id, point1: p.id };
  });

  // Today at the desks, the sensitive data the desk keeps (with consent), and an inbox.
  const now = t.clock.now();
  await t.deps.database.write((db) =>
    db.batch([
      db.insert(checkIns).values([
        { marketId: marketA, workerId: w1.id, day: TODAY, at: now, viaStaffId: sA.id },
        { marketId: marketB, workerId: w2.id, day: TODAY, at: now, viaStaffId: sB.id },
      ]),
      db.insert(priorityConsents).values([
        { workerId: w1.id, category: "disabled", consentText: "同意", consentedAt: now, recordedBy: sA.id, marketId: marketA },
        { workerId: w2.id, category: "low_income", consentText: "同意", consentedAt: now, recordedBy: sB.id, marketId: marketB },
      ]),
      db.insert(messages).values([
        { userId: w1.id, at: now, body: "您报名的活有新消息。", link: `/jobs/${posting1}` },
        { userId: w2.id, at: now, body: "您报名的活有新消息。", link: `/jobs/${postingY}` },
      ]),
    ]),
  );

  const ids: Ids = {
    marketA,
    marketB,
    marketC,
    stationD,
    users: { w1: w1.id, w2: w2.id, e1: e1User.id, e2: e2User.id, sA: sA.id, sB: sB.id, sC: sC.id, aX: aX.id, aY: aY.id, city: city.id },
    employer1,
    employer2,
    posting1,
    posting2,
    postingY,
    postingPast,
    application1,
    applicationY,
    hire1,
    hireY,
    card1,
    cardY,
    cardCode1: w1.cardCode,
    case1,
    caseY,
    session1,
    sessionY,
    signup1,
    signupY,
    fair1: fair.fair,
    zone1: fair.zone,
    booking1: fair.booking,
    fairY: fairY.fair,
    bookingY: fairY.booking,
    article1,
    articleY,
    inspection1,
    point1,
    codeToken: "codeTokenForTheWorld0001",
    pinToken: "pinTokenForTheWorld000001",
    hotlineToken: "hotlineTokenForTheWorld01",
  };
  await t.deps.database.write((db) =>
    db.insert(phoneProofs).values([
      { tokenHash: sha256(ids.codeToken), purpose: "login", phone: P.w1, payload: "{}", codeHash: "x", createdAt: now, lastSentAt: now, codeExpiresAt: now + 300_000 },
      { tokenHash: sha256(ids.pinToken), purpose: "pinReset", phone: P.w1, payload: "{}", codeHash: "x", createdAt: now, lastSentAt: now, codeExpiresAt: now + 300_000, provenAt: now },
      { tokenHash: sha256(ids.hotlineToken), purpose: "hotlineStatus", phone: P.w1, payload: "{}", codeHash: "x", createdAt: now, lastSentAt: now, codeExpiresAt: now + 300_000, provenAt: now },
    ]),
  );

  const anon = t.client();
  await anon.get("/login");
  const agents: Record<RoleKey, Browser> = {
    anon,
    w1: await loginAs(t, P.w1, PIN.w1),
    w2: await loginAs(t, P.w2, PIN.w2),
    e1: await loginAs(t, P.e1, PASSWORD),
    e2: await loginAs(t, P.e2, PASSWORD),
    sA: await loginAs(t, P.sA, PASSWORD),
    sB: await loginAs(t, P.sB, PASSWORD),
    sC: await loginAs(t, P.sC, PASSWORD),
    aX: await loginAs(t, P.aX, PASSWORD),
    aY: await loginAs(t, P.aY, PASSWORD),
    city: await loginAs(t, P.city, PASSWORD),
  };

  await installChangeCounter(t.deps.database.client);
  const snapDir = mkdtempSync(join(tmpdir(), "lingong-sec-"));
  const snapshot = join(snapDir, "world.db");
  await t.deps.database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  copyFileSync(join(t.dir, "test.db"), snapshot);
  return {
    t,
    ids,
    agents,
    snapshot,
    close() {
      t.close();
      rmSync(snapDir, { recursive: true, force: true });
    },
  };
}

// --- Fresh copies ----------------------------------------------------------------

export interface Copy {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  logs: string[];
  /** A browser on this copy with the same cookies (the sessions are in the DB). */
  as(role: RoleKey): Browser;
  close(): void;
}

/** The world DB copied to a new file, served by a new app with the same clock. */
export async function freshCopy(w: World, opts: { clock?: Clock } = {}): Promise<Copy> {
  const dir = mkdtempSync(join(tmpdir(), "lingong-sec-copy-"));
  const file = join(dir, "copy.db");
  copyFileSync(w.snapshot, file);
  const logs: string[] = [];
  const deps = await prepare({
    config: loadConfig({ DATABASE_URL: `file:${file}` }),
    clock: opts.clock ?? w.t.clock,
    log: jsonLogger((l) => logs.push(l)),
    sms: { name: "test", send: async () => ({ ok: true }) },
  });
  const app = createApp(deps);
  return {
    app,
    deps,
    logs,
    as(role) {
      const from = w.agents[role];
      const b = new Browser(app);
      b.cookies = new Map(from.cookies);
      b.csrf = from.csrf;
      return b;
    },
    close() {
      deps.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- Did a request write anything? ---------------------------------------------------

/**
 * Tables a request may write even when it is refused: the audit log (logins,
 * reveals, staff views), the login and lookup throttles, sessions and the
 * last-seen time they feed, and the inbox and SMS queue.
 */
/**
 * form_submissions: a refused form's one-time key (#17) is claimed with the request's first write (a login's
 * throttle row, say) and given back when the answer is a refusal, so the same form can be sent again; no key
 * stays behind, but the claim and its release are writes.
 */
export const writableOnRefusal = ["audit_log", "login_throttle", "hotline_throttle", "sessions", "user_last_seen", "messages", "sms_outbox", "form_submissions"];

/**
 * Tables a GET may write, and why: the audit log, when staff open a page that
 * shows personal data in full (see `auditedViews`); a session's last-seen
 * time (touched at most once a minute) and the per-account last-seen time a
 * trigger keeps from it; the health check's one-row write probe (/healthz and
 * /admin/status ask the DB whether it can still write). Nothing else: no read
 * marks, no counters.
 */
/** health_probe: /healthz and the status page prove a write can be made (src/ops/health.ts). */
export const writableOnGet = ["audit_log", "sessions", "user_last_seen", "health_probe"];

/** The audit actions a GET may write: staff viewing or exporting personal data. */
export const auditedViews = ["posting.view", "hire.view", "hire.print", "record.check", "hotline.export", "training.export_completers", "monitoring.stats_export"];

/** Adds AFTER INSERT/UPDATE/DELETE triggers on every table, counting changes per table in _sec_changes. */
export async function installChangeCounter(client: Client) {
  await client.execute("CREATE TABLE IF NOT EXISTS _sec_changes (tbl TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)");
  const rs = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'posting_search%' AND name <> '_sec_changes' AND sql NOT LIKE 'CREATE VIRTUAL%'",
  );
  const stmts: string[] = [];
  for (const row of rs.rows) {
    const table = String(row[0]);
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      stmts.push(
        `CREATE TRIGGER IF NOT EXISTS _sec_${table}_${op.toLowerCase()} AFTER ${op} ON "${table}" BEGIN ` +
          `INSERT INTO _sec_changes (tbl, n) VALUES ('${table}', 1) ON CONFLICT (tbl) DO UPDATE SET n = n + 1; END`,
      );
    }
  }
  await client.batch(stmts, "write");
}

export async function changeCounts(client: Client): Promise<Map<string, number>> {
  const rs = await client.execute("SELECT tbl, n FROM _sec_changes");
  return new Map(rs.rows.map((r) => [String(r[0]), Number(r[1])]));
}

/** The tables whose count differs between two readings, leaving out `ignore` (by default those a refusal may write). */
export function changedTables(before: Map<string, number>, after: Map<string, number>, ignore: readonly string[] = writableOnRefusal): string[] {
  return [...after].filter(([k, n]) => (before.get(k) ?? 0) !== n && !ignore.includes(k)).map(([k]) => k);
}

// --- Route patterns → URLs -------------------------------------------------------------

/** Which record each path parameter names, by the path up to it. A new parameter must be added here. */
export function paramSources(ids: Ids): Record<string, string | number> {
  return {
    "/admin/accounts/:id": ids.users.sA,
    "/admin/checklist/:county": X,
    "/admin/checklist/:county/:id": ids.marketA,
    "/admin/markets/:id": ids.marketA,
    "/api/v1/jobs/:id": ids.posting1,
    "/api/v1/markets/:id": ids.marketA,
    // No SMS_CALLBACK_TOKEN in the world: every provider callback is a 404.
    "/api/sms/:token": "not-the-token-000000000000",
    "/api/sms/:token/:provider": "aliyun",
    "/card/:code": ids.cardCode1,
    "/desk/applications/:id": ids.application1,
    "/desk/workers/:id": ids.users.w1,
    "/forgot-pin/:token": ids.pinToken,
    "/hotline/status/sms/:token": ids.hotlineToken,
    "/phone/:token": ids.codeToken,
    "/employer/applications/:id": ids.application1,
    "/employer/jobs/:id": ids.posting1,
    "/employers/:id": ids.employer1,
    "/records/check/:code": "AAAAAAAAAAAAAAAA",
    "/fairs/:id": ids.fair1,
    "/fairs/:id/zones/:zoneId": ids.zone1,
    "/fairs/bookings/:id": ids.booking1,
    "/feeds/jobs/:file": `${X}.atom`,
    "/hires/:id": ids.hire1,
    "/hotline/call-list/:hireId": ids.hire1,
    "/hotline/cases/:id": ids.case1,
    "/jobs/:id": ids.posting1,
    "/markets/:id": ids.marketA,
    "/me/cards/:id": ids.card1,
    "/me/jobs/:id": ids.application1,
    "/policy/:id": ids.article1,
    "/staff/employers/:id": ids.employer1,
    "/staff/held-postings/:id": ids.posting1,
    "/staff/fairs/:id": ids.fair1,
    "/staff/fairs/bookings/:id": ids.booking1,
    "/staff/forget/:id": ids.users.w1,
    "/staff/policy/:id": ids.article1,
    "/staff/supervision/inspections/:id": ids.inspection1,
    "/staff/supervision/markets/:id": ids.marketA,
    "/staff/supervision/roadside/:id": ids.point1,
    "/staff/training/:id": ids.session1,
    "/staff/training/signups/:id": ids.signup1,
    "/static/:name": "app.css",
    "/stations/:id": ids.marketA,
    "/training/:id": ids.session1,
    "/training/signups/:id": ids.signup1,
  };
}

/** The URL of a route pattern with every parameter filled from the world; throws for an unknown parameter. */
export function urlFor(pattern: string, ids: Ids, overrides: Record<string, string | number> = {}): string {
  const sources = { ...paramSources(ids), ...overrides };
  const segs = pattern.split("/");
  return segs
    .map((s, i) => {
      if (!s.startsWith(":")) return s;
      const key = segs.slice(0, i + 1).join("/");
      if (!(key in sources)) throw new Error(`no record for the path parameter of ${key}: add it to paramSources in test/security/world.ts`);
      return encodeURIComponent(String(sources[key]));
    })
    .join("/");
}

/** Every distinct (method, pattern) the app has, GET/POST only (HEAD follows GET), without the catch-all middleware. */
export function appRoutes(app: { routes: { method: string; path: string }[] }): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const k = `${r.method} ${r.path}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}
