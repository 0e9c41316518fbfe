// Queries of the station desk: markets in scope, today's figures, workers as
// the desk sees them, check-ins, the priority queue, consents, contact logs,
// the fair-order rule and its draws, and the postings to print.
import { and, eq, gte, lte, lt, inArray, sql, desc, asc, count, type SQL } from "drizzle-orm";
import {
  markets, users, workerProfiles, workerKinds, workKinds, checkIns, jobPostings, applications, hires, employers,
  priorityConsents, contactLogs, deskStationRules, fairDraws,
  type FairOrderRule, type SensitiveCategory, type ContactOutcome,
} from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import type { CurrentUser } from "../../shared/context.ts";

// --- Markets -------------------------------------------------------------------

export async function findMarket(db: Queryable, id: number) {
  return firstRow(db.select().from(markets).where(eq(markets.id, id)));
}
export type Market = NonNullable<Awaited<ReturnType<typeof findMarket>>>;

/** The markets whose desk this admin may open (staff only ever have their own). */
export async function marketsForAdmin(db: Queryable, user: CurrentUser) {
  return db
    .select({ id: markets.id, name: markets.name, countyCode: markets.countyCode })
    .from(markets)
    .where(user.role === "city_admin" ? undefined : eq(markets.countyCode, user.countyCode ?? ""))
    .orderBy(markets.countyCode, markets.id);
}

// --- Today's figures --------------------------------------------------------------

export async function todayFigures(db: Queryable, m: { marketId: number; countyCode: string; today: string; dayStart: number }) {
  const dayEnd = m.dayStart + 86_400_000;
  const inCounty = eq(jobPostings.countyCode, m.countyCode);
  const [checked, open, signUps, hired] = await Promise.all([
    db.select({ n: count() }).from(checkIns).where(and(eq(checkIns.marketId, m.marketId), eq(checkIns.day, m.today))),
    db.select({ n: count() }).from(jobPostings).where(and(inCounty, eq(jobPostings.status, "open"), gte(jobPostings.endDate, m.today))),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.postingId))
      .where(and(inCounty, gte(applications.createdAt, m.dayStart), lt(applications.createdAt, dayEnd))),
    db
      .select({ n: count() })
      .from(hires)
      .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
      .where(and(inCounty, gte(hires.confirmedAt, m.dayStart), lt(hires.confirmedAt, dayEnd))),
  ]);
  return { checkIns: checked[0].n, openPostings: open[0].n, signUps: signUps[0].n, hires: hired[0].n };
}

// --- Workers as the desk sees them ----------------------------------------------------

/**
 * The county a worker belongs to, for scope: the profile's county, else the
 * account's, else the county of the market that registered them, else of the
 * market where they first checked in.
 */
const workerCounty = sql<string | null>`coalesce(
  ${workerProfiles.countyCode},
  ${users.countyCode},
  (select vm.county_code from markets vm where vm.id = ${workerProfiles.viaMarketId}),
  (select fm.county_code from check_ins fc join markets fm on fm.id = fc.market_id
    where fc.worker_id = ${users.id} order by fc.day, fc.at limit 1)
)`;

const workerColumns = {
  id: users.id,
  name: users.name,
  phone: users.phone,
  hasPin: sql<number>`${users.pinHash} is not null`,
  disabledAt: users.disabledAt,
  birthYear: workerProfiles.birthYear,
  countyCode: workerProfiles.countyCode,
  townshipCode: workerProfiles.townshipCode,
  idNumber: workerProfiles.idNumber,
  cardCode: workerProfiles.cardCode,
  ownPhone: workerProfiles.ownPhone,
  viaMarketId: workerProfiles.viaMarketId,
  createdAt: users.createdAt,
  scopeCounty: workerCounty,
};

function workerQuery(db: Queryable) {
  // A worker account made without a profile (an older sign-up) still counts: the profile columns are then null.
  return db.select(workerColumns).from(users).leftJoin(workerProfiles, eq(workerProfiles.userId, users.id));
}

export async function findWorker(db: Queryable, id: number) {
  return firstRow(workerQuery(db).where(and(eq(users.id, id), eq(users.role, "worker"))));
}
export type DeskWorker = NonNullable<Awaited<ReturnType<typeof findWorker>>>;

export async function findWorkerByCardCode(db: Queryable, code: string) {
  return firstRow(workerQuery(db).where(and(eq(workerProfiles.cardCode, code), eq(users.role, "worker"))));
}

export async function findWorkerByIdNumber(db: Queryable, idNumber: string) {
  return firstRow(workerQuery(db).where(and(eq(workerProfiles.idNumber, idNumber), eq(users.role, "worker"))));
}

export async function findWorkerByPhoneForDesk(db: Queryable, phone: string) {
  return firstRow(workerQuery(db).where(and(eq(users.phone, phone), eq(users.role, "worker"))));
}

/** Workers of this county whose name contains `name`, for picking one at check-in. */
export async function searchWorkersByName(db: Queryable, name: string, countyCode: string, limit = 20) {
  const pattern = "%" + name.replace(/[\\%_]/g, (ch) => "\\" + ch) + "%";
  return workerQuery(db)
    .where(and(eq(users.role, "worker"), sql`${users.name} like ${pattern} escape '\\'`, sql`${workerCounty} = ${countyCode}`))
    .orderBy(users.name, users.id)
    .limit(limit);
}

export async function kindNamesOf(db: Queryable, workerId: number) {
  const rows = await db
    .select({ name: workKinds.name })
    .from(workerKinds)
    .innerJoin(workKinds, eq(workKinds.id, workerKinds.kindId))
    .where(eq(workerKinds.userId, workerId))
    .orderBy(workKinds.sort);
  return rows.map((r) => r.name);
}

// --- Check-ins -----------------------------------------------------------------

/** One per worker, market and day: a second one inserts nothing (the UNIQUE index). */
export const insertCheckIn = (db: Queryable, v: { marketId: number; workerId: number; day: string; at: number; viaStaffId: number }) =>
  db.insert(checkIns).values(v).onConflictDoNothing().returning({ id: checkIns.id });

export async function checkInsOn(db: Queryable, marketId: number, day: string) {
  return db
    .select({
      workerId: checkIns.workerId,
      at: checkIns.at,
      name: users.name,
      phone: users.phone,
      cardCode: workerProfiles.cardCode,
      birthYear: workerProfiles.birthYear,
      scopeCounty: workerCounty,
    })
    .from(checkIns)
    .innerJoin(users, eq(users.id, checkIns.workerId))
    .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
    .where(and(eq(checkIns.marketId, marketId), eq(checkIns.day, day)))
    .orderBy(asc(checkIns.at), asc(checkIns.workerId));
}

export async function recentCheckInsOf(db: Queryable, workerId: number, limit = 10) {
  return db
    .select({ day: checkIns.day, at: checkIns.at, marketName: markets.name })
    .from(checkIns)
    .innerJoin(markets, eq(markets.id, checkIns.marketId))
    .where(eq(checkIns.workerId, workerId))
    .orderBy(desc(checkIns.day), desc(checkIns.at))
    .limit(limit);
}

/**
 * Job seekers per market and day (签到人数), for monitoring: one row per
 * market and day that had check-ins, days as "YYYY-MM-DD" in [from, to].
 */
export async function checkInCounts(db: Queryable, q: { marketIds?: number[]; from: string; to: string }) {
  if (q.marketIds && q.marketIds.length === 0) return [];
  return db
    .select({ marketId: checkIns.marketId, day: checkIns.day, count: count() })
    .from(checkIns)
    .where(and(gte(checkIns.day, q.from), lte(checkIns.day, q.to), q.marketIds ? inArray(checkIns.marketId, q.marketIds) : undefined))
    .groupBy(checkIns.marketId, checkIns.day)
    .orderBy(checkIns.day, checkIns.marketId);
}

/** The facts the priority rules need, for some workers. */
export async function priorityFactsOf(db: Queryable, workerIds: number[], withSensitive: boolean) {
  if (workerIds.length === 0) return new Map<number, { firstCheckIn: string | null; lastHire: string | null; sensitive: SensitiveCategory[] }>();
  const first = await db
    .select({ workerId: checkIns.workerId, day: sql<string>`min(${checkIns.day})` })
    .from(checkIns)
    .where(inArray(checkIns.workerId, workerIds))
    .groupBy(checkIns.workerId);
  const last = await db
    .select({ workerId: hires.workerId, day: sql<string>`max(date((${hires.confirmedAt} / 1000) + 28800, 'unixepoch'))` })
    .from(hires)
    .where(and(inArray(hires.workerId, workerIds), sql`${hires.status} != 'cancelled'`))
    .groupBy(hires.workerId);
  const sens = withSensitive
    ? await db.select({ workerId: priorityConsents.workerId, category: priorityConsents.category }).from(priorityConsents).where(inArray(priorityConsents.workerId, workerIds))
    : [];
  const out = new Map<number, { firstCheckIn: string | null; lastHire: string | null; sensitive: SensitiveCategory[] }>();
  for (const id of workerIds) out.set(id, { firstCheckIn: null, lastHire: null, sensitive: [] });
  for (const r of first) out.get(r.workerId)!.firstCheckIn = r.day;
  for (const r of last) out.get(r.workerId)!.lastHire = r.day;
  for (const r of sens) out.get(r.workerId)!.sensitive.push(r.category);
  return out;
}

// --- The priority queue ----------------------------------------------------------

export interface QueueQuery {
  countyCode: string;
  /** Workers waiting since this day or earlier count as 待工时间长. */
  waitCutoff: string;
  /** Born in this year or earlier: 大龄. */
  olderBornBy: number;
  withSensitive: boolean;
  category?: "long_wait" | "low_income" | "disabled" | "older";
  /** An extra condition on `w.id` (a station's staff see their station's people). */
  station?: SQL;
  limit: number;
  offset: number;
}

/**
 * Priority workers of a county, longest waiting first. The SQL picks the
 * candidates by the same thresholds as `categoriesOf` (desk.domain.ts), which
 * then names the categories on the page.
 */
export async function priorityQueue(db: Queryable, q: QueueQuery) {
  const since = sql`case when w.last_hire is not null and w.last_hire > w.first_day then w.last_hire else w.first_day end`;
  const longWait = sql`(w.first_day is not null and ${since} <= ${q.waitCutoff})`;
  const sensitiveAny = q.withSensitive ? sql`w.sensitive is not null` : sql`0`;
  const has = (c: string) => (q.withSensitive ? sql`instr(coalesce(w.sensitive, ''), ${c}) > 0` : sql`0`);
  const older = sql`(w.birth_year is not null and w.birth_year <= ${q.olderBornBy})`;
  const filter =
    q.category === "long_wait" ? longWait
    : q.category === "low_income" ? has("low_income")
    : q.category === "disabled" ? has("disabled")
    : q.category === "older" ? older
    : sql`(${longWait} or ${sensitiveAny} or ${older})`;
  const base = sql`with w as (
      select users.id, users.name, users.phone, worker_profiles.birth_year, worker_profiles.card_code, worker_profiles.township_code,
        ${workerCounty} as county,
        (select min(ci.day) from check_ins ci where ci.worker_id = users.id) as first_day,
        (select max(date((h.confirmed_at / 1000) + 28800, 'unixepoch')) from hires h where h.worker_id = users.id and h.status != 'cancelled') as last_hire,
        (select group_concat(pc.category) from priority_consents pc where pc.worker_id = users.id) as sensitive,
        (select max(cl.at) from contact_logs cl where cl.worker_id = users.id) as last_contact
      from users left join worker_profiles on worker_profiles.user_id = users.id
      where users.role = 'worker' and users.disabled_at is null
    )`;
  const where = sql`w.county = ${q.countyCode} and ${filter} and ${q.station ?? sql`1`}`;
  const rows = await db.all<{
    id: number; name: string; phone: string; birth_year: number | null; card_code: string | null; township_code: string | null;
    first_day: string | null; last_hire: string | null; sensitive: string | null; last_contact: number | null;
  }>(sql`${base} select w.*, ${since} as since from w where ${where}
      order by (${since}) is null, ${since} asc, w.id asc limit ${q.limit} offset ${q.offset}`);
  const [{ n }] = await db.all<{ n: number }>(sql`${base} select count(*) as n from w where ${where}`);
  return {
    total: Number(n),
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      phone: r.phone,
      birthYear: r.birth_year === null ? null : Number(r.birth_year),
      cardCode: r.card_code,
      townshipCode: r.township_code,
      firstCheckIn: r.first_day,
      lastHire: r.last_hire,
      sensitive: q.withSensitive && r.sensitive ? (r.sensitive.split(",") as SensitiveCategory[]) : [],
      lastContact: r.last_contact === null ? null : Number(r.last_contact),
    })),
  };
}

/**
 * Open postings that fit these workers: their kinds of work, in the county,
 * with work on some day of [today, until], not full, not already signed up
 * for. Same township first, then the soonest.
 */
export async function matchingPostings(db: Queryable, q: { workerIds: number[]; countyCode: string; today: string; until: string; perWorker: number }) {
  if (q.workerIds.length === 0) return new Map<number, PostingCard[]>();
  const rows = await db
    .select({ workerId: workerKinds.userId, ...postingCardColumns })
    .from(workerKinds)
    .innerJoin(jobPostings, eq(jobPostings.kindId, workerKinds.kindId))
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .innerJoin(workerProfiles, eq(workerProfiles.userId, workerKinds.userId))
    .where(
      and(
        inArray(workerKinds.userId, q.workerIds),
        eq(jobPostings.countyCode, q.countyCode),
        eq(jobPostings.status, "open"),
        gte(jobPostings.endDate, q.today),
        lte(jobPostings.startDate, q.until),
        sql`${jobPostings.filledCount} < ${jobPostings.headcount}`,
        sql`not exists (select 1 from applications a where a.posting_id = ${jobPostings.id} and a.worker_id = ${workerKinds.userId})`,
      ),
    )
    .orderBy(desc(sql`coalesce(${jobPostings.townshipCode} = ${workerProfiles.townshipCode}, 0)`), asc(jobPostings.startDate), desc(jobPostings.publishedAt))
    .limit(q.workerIds.length * 20);
  const out = new Map<number, PostingCard[]>();
  for (const r of rows) {
    const list = out.get(r.workerId) ?? [];
    if (list.length < q.perWorker) list.push(r);
    out.set(r.workerId, list);
  }
  return out;
}

// --- Consents and contacts -----------------------------------------------------------

export async function consentsOf(db: Queryable, workerId: number) {
  return db
    .select({ id: priorityConsents.id, category: priorityConsents.category, consentText: priorityConsents.consentText, consentedAt: priorityConsents.consentedAt })
    .from(priorityConsents)
    .where(eq(priorityConsents.workerId, workerId))
    .orderBy(priorityConsents.category);
}

export const insertConsents = (
  db: Queryable,
  rows: { workerId: number; category: SensitiveCategory; consentText: string; consentedAt: number; recordedBy: number; marketId: number }[],
) => db.insert(priorityConsents).values(rows).onConflictDoNothing();

export const deleteConsents = (db: Queryable, workerId: number) => db.delete(priorityConsents).where(eq(priorityConsents.workerId, workerId));

export const insertContact = (
  db: Queryable,
  v: { workerId: number; postingId: number | null; outcome: ContactOutcome; note: string; at: number; staffId: number; marketId: number },
) => db.insert(contactLogs).values(v);

export async function contactsOf(db: Queryable, workerId: number, limit = 10) {
  return db
    .select({ at: contactLogs.at, outcome: contactLogs.outcome, note: contactLogs.note, postingId: contactLogs.postingId, staffName: users.name, postingTitle: jobPostings.title })
    .from(contactLogs)
    .innerJoin(users, eq(users.id, contactLogs.staffId))
    .leftJoin(jobPostings, eq(jobPostings.id, contactLogs.postingId))
    .where(eq(contactLogs.workerId, workerId))
    .orderBy(desc(contactLogs.at), desc(contactLogs.id))
    .limit(limit);
}

// --- Fair order ------------------------------------------------------------------

export async function ruleOf(db: Queryable, marketId: number): Promise<FairOrderRule> {
  const row = (await db.select({ rule: deskStationRules.fairOrder }).from(deskStationRules).where(eq(deskStationRules.marketId, marketId)).limit(1))[0];
  return row?.rule ?? "checkin";
}

export const setRule = (db: Queryable, marketId: number, rule: FairOrderRule, by: number, at: number) =>
  db
    .insert(deskStationRules)
    .values({ marketId, fairOrder: rule, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: deskStationRules.marketId, set: { fairOrder: rule, updatedAt: at, updatedBy: by } });

export async function drawOf(db: Queryable, marketId: number, day: string) {
  const row = (await db.select().from(fairDraws).where(and(eq(fairDraws.marketId, marketId), eq(fairDraws.day, day))).limit(1))[0];
  return row ? { ...row, order: JSON.parse(row.workerIds) as number[] } : null;
}

export const insertDraw = (db: Queryable, v: { marketId: number; day: string; seed: number; order: number[]; at: number; by: number }) =>
  db
    .insert(fairDraws)
    .values({ marketId: v.marketId, day: v.day, seed: v.seed, workerIds: JSON.stringify(v.order), drawnAt: v.at, drawnBy: v.by })
    .onConflictDoNothing()
    .returning({ id: fairDraws.id });

// --- Postings to print or suggest ---------------------------------------------------

const postingCardColumns = {
  id: jobPostings.id,
  title: jobPostings.title,
  kind: workKinds.name,
  payMode: jobPostings.payMode,
  wageFen: jobPostings.wageFen,
  wageUnit: jobPostings.wageUnit,
  startDate: jobPostings.startDate,
  endDate: jobPostings.endDate,
  hours: jobPostings.hours,
  townshipCode: jobPostings.townshipCode,
  address: jobPostings.address,
  headcount: jobPostings.headcount,
  filledCount: jobPostings.filledCount,
  quick: jobPostings.quick,
};
export type PostingCard = {
  id: number; title: string; kind: string; payMode: "wage" | "quote"; wageFen: number | null; wageUnit: "hour" | "day" | "piece" | "month" | null;
  startDate: string; endDate: string; hours: string; townshipCode: string | null; address: string; headcount: number; filledCount: number; quick: boolean;
};

/** Open postings of the county with work on some day of [today, until], soonest first. */
export async function postingsToPrint(db: Queryable, q: { countyCode: string; today: string; until: string; limit: number; offset: number }) {
  const where = and(
    eq(jobPostings.countyCode, q.countyCode),
    eq(jobPostings.status, "open"),
    gte(jobPostings.endDate, q.today),
    lte(jobPostings.startDate, q.until),
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(postingCardColumns)
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .where(where)
      // Today's work first (begun or beginning today), then by start date.
      .orderBy(sql`max(${jobPostings.startDate}, ${q.today})`, desc(jobPostings.publishedAt), desc(jobPostings.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(jobPostings).where(where),
  ]);
  return { rows: rows as PostingCard[], total: n };
}

export async function findOpenPosting(db: Queryable, id: number) {
  return firstRow(db.select().from(jobPostings).where(eq(jobPostings.id, id)));
}

// --- Acting for someone (代办) -------------------------------------------------------

/** A worker's sign-ups still waiting for the employer's answer. */
export async function pendingSignUpsOf(db: Queryable, workerId: number) {
  return db
    .select({
      id: applications.id,
      postingId: jobPostings.id,
      title: jobPostings.title,
      countyCode: jobPostings.countyCode,
      payMode: jobPostings.payMode,
      quoteFen: applications.quoteFen,
      employerName: employers.name,
    })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.postingId))
    .innerJoin(employers, eq(employers.id, jobPostings.employerId))
    .where(and(eq(applications.workerId, workerId), eq(applications.status, "applied")))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(10);
}

/** A worker's latest hire records, so staff reach each record (and its printed agreement) from the worker's desk page. */
export async function recentHiresOf(db: Queryable, workerId: number) {
  return db
    .select({
      id: hires.id,
      title: jobPostings.title,
      countyCode: jobPostings.countyCode,
      employerName: employers.name,
      startDate: hires.startDate,
      endDate: hires.endDate,
    })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .innerJoin(employers, eq(employers.id, hires.employerId))
    .where(eq(hires.workerId, workerId))
    .orderBy(desc(hires.startDate), desc(hires.id))
    .limit(10);
}

/** What the desk keeps about workers who are being forgotten (anonymized): consents deleted, notes blanked. */
export const forgetStatements = (db: Queryable, workerIds: number[]) => [
  db.delete(priorityConsents).where(inArray(priorityConsents.workerId, workerIds)),
  db.update(contactLogs).set({ note: "" }).where(inArray(contactLogs.workerId, workerIds)),
];
