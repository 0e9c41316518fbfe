// Queries on hotline cases, their timeline and the lookup throttle, and the
// few reads of other tables a case needs (employers, postings, hires, markets).
import { and, eq, or, inArray, isNull, lt, sql, desc, asc, gte, lte, ne, type SQL, type SQLWrapper } from "drizzle-orm";
import {
  hotlineCases, caseEvents, hotlineThrottle, employers, jobPostings, hires, markets, users, workerProfiles,
  openCaseStatuses, type CaseCategory, type CaseChannel, type CaseUrgency, type CaseEventKind, type CaseStatus,
} from "../../../db/schema/index.ts";
import type { Queryable, Tx } from "../../shared/db.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { chinaDate } from "../../shared/clock.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";
import { nextSeq, formatCaseNumber, dueDateFor, throttleStep, type ThrottleRule, type ThrottleRow } from "./hotline.domain.ts";
import type { HotlineSettings } from "./hotline.settings.ts";

export const PAGE_SIZE = 20;

// --- Scope --------------------------------------------------------------------

/** The SQL twin of canSeeCase (hotline.domain.ts): the cases this user may list. */
export function caseScope(user: Pick<CurrentUser, "id" | "role" | "marketId" | "countyCode">): SQL | undefined {
  if (user.role === "city_admin") return undefined;
  if (user.role === "county_admin") return eq(hotlineCases.countyCode, user.countyCode ?? "");
  if (user.role === "staff") {
    return or(eq(hotlineCases.marketId, user.marketId ?? -1), eq(hotlineCases.assignedTo, user.id), eq(hotlineCases.createdBy, user.id));
  }
  return sql`0`;
}

/** The county a list is limited to: null for the city admin. */
export const scopeCountyOf = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty ?? "");

// --- Intake --------------------------------------------------------------------

export interface NewCase {
  channel: CaseChannel;
  callerName: string | null;
  callerPhone: string | null;
  callerUserId: number | null;
  category: CaseCategory;
  urgency: CaseUrgency;
  employerId: number | null;
  postingId: number | null;
  hireId: number | null;
  marketId: number | null;
  countyCode: string;
  amountOwedFen: number | null;
  description: string;
  createdBy: number | null;
}

/**
 * Creates a case and its first timeline entry. Call inside
 * `deps.database.transaction`: the day's sequence is read and used in the same
 * write transaction, so two intakes never get one number (and the unique
 * (day, seq) index would refuse it if they did).
 */
export async function insertCase(tx: Tx, c: NewCase, now: number, settings: HotlineSettings): Promise<{ id: number; number: string }> {
  const day = chinaDate(now);
  const [{ maxSeq }] = await tx.select({ maxSeq: sql<number | null>`max(${hotlineCases.seq})` }).from(hotlineCases).where(eq(hotlineCases.day, day));
  const seq = nextSeq(maxSeq);
  const number = formatCaseNumber(settings.prefix, day, seq);
  const [row] = await tx
    .insert(hotlineCases)
    .values({ ...c, number, day, seq, status: "accepted", dueDate: dueDateFor(day, c.category, settings.deadlines), createdAt: now, updatedAt: now })
    .returning({ id: hotlineCases.id });
  await tx.insert(caseEvents).values({ caseId: row.id, at: now, staffId: c.createdBy, kind: "intake", public: true, status: "accepted" });
  return { id: row.id, number };
}

// --- Reading cases --------------------------------------------------------------

export type CaseRow = typeof hotlineCases.$inferSelect;

/**
 * The number to text about a case, or null. Only a number known to be the
 * caller's: one staff took down on the phone or at the desk, or the signed-in
 * caller's own number once an SMS code proved it or staff vouched for it. A
 * number typed into the online form is a claim: texting it would let anyone
 * make the hotline text a stranger.
 */
export async function caseTextPhone(db: Queryable, c: Pick<CaseRow, "callerPhone" | "callerUserId" | "createdBy">): Promise<string | null> {
  if (c.callerPhone && c.createdBy !== null) return c.callerPhone;
  if (c.callerUserId === null) return null;
  const [u] = await db
    .select({ phone: users.phone, verified: users.phoneVerifiedAt, vouched: users.phoneVouchedBy })
    .from(users)
    .where(eq(users.id, c.callerUserId));
  return u && (u.verified !== null || u.vouched !== null) ? u.phone : null;
}

export async function findCase(db: Queryable, id: number): Promise<CaseRow | null> {
  return firstRow(db.select().from(hotlineCases).where(eq(hotlineCases.id, id)));
}

export async function findCaseByNumber(db: Queryable, number: string) {
  return firstRow(
    db
      .select({
        id: hotlineCases.id, number: hotlineCases.number, callerPhone: hotlineCases.callerPhone, status: hotlineCases.status, category: hotlineCases.category, day: hotlineCases.day,
        // for canSeeCase, when another feature links a case by its number
        countyCode: hotlineCases.countyCode, marketId: hotlineCases.marketId, assignedTo: hotlineCases.assignedTo, createdBy: hotlineCases.createdBy,
      })
      .from(hotlineCases)
      .where(eq(hotlineCases.number, number)),
  );
}

/**
 * The cases filed under this phone (the number on the case, as taken down or
 * typed), newest first, at most `limit`; and how many there are in all. Only
 * what the case-number check shows: no names, no description, no staff.
 */
export async function casesByPhone(db: Queryable, phone: string, limit: number) {
  return pagedList({
    columns: { id: hotlineCases.id, number: hotlineCases.number, status: hotlineCases.status, category: hotlineCases.category, day: hotlineCases.day },
    from: (fields) => db.select(fields).from(hotlineCases).where(eq(hotlineCases.callerPhone, phone)),
    orderBy: [desc(hotlineCases.createdAt), desc(hotlineCases.id)],
    page: 1,
    size: limit,
  });
}

/** The timeline entries staff made public, of several cases at once, oldest first. */
export async function publicReplies(db: Queryable, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({ caseId: caseEvents.caseId, at: caseEvents.at, kind: caseEvents.kind, note: caseEvents.note })
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.public, true)))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

/** What a case page shows beside the case: names of what it concerns. */
export async function caseContext(db: Queryable, c: CaseRow) {
  const [employer, posting, hire, market, assignee, creator] = await Promise.all([
    c.employerId ? db.select({ id: employers.id, name: employers.name }).from(employers).where(eq(employers.id, c.employerId)).then((r) => r[0] ?? null) : null,
    c.postingId ? db.select({ id: jobPostings.id, title: jobPostings.title }).from(jobPostings).where(eq(jobPostings.id, c.postingId)).then((r) => r[0] ?? null) : null,
    c.hireId
      ? db.select({ id: hires.id, startDate: hires.startDate, endDate: hires.endDate, wageFen: hires.wageFen, wageUnit: hires.wageUnit }).from(hires).where(eq(hires.id, c.hireId)).then((r) => r[0] ?? null)
      : null,
    c.marketId ? db.select({ id: markets.id, name: markets.name }).from(markets).where(eq(markets.id, c.marketId)).then((r) => r[0] ?? null) : null,
    c.assignedTo ? db.select({ name: users.name }).from(users).where(eq(users.id, c.assignedTo)).then((r) => r[0]?.name ?? null) : null,
    c.createdBy ? db.select({ name: users.name }).from(users).where(eq(users.id, c.createdBy)).then((r) => r[0]?.name ?? null) : null,
  ]);
  return { employer, posting, hire, market, assignee, creator };
}

export async function timeline(db: Queryable, caseId: number, publicOnly = false) {
  return db
    .select({ id: caseEvents.id, at: caseEvents.at, kind: caseEvents.kind, note: caseEvents.note, public: caseEvents.public, status: caseEvents.status, staffName: users.name })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.staffId))
    .where(and(eq(caseEvents.caseId, caseId), publicOnly ? eq(caseEvents.public, true) : undefined))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

export interface CaseFilters {
  status?: CaseStatus;
  category?: CaseCategory;
  overdue?: boolean;
  page: number;
}

/** A page of cases in scope; with `overdue`, the late ones, latest first. */
export async function listCases(db: Queryable, user: CurrentUser, f: CaseFilters, today: string) {
  const where = and(
    caseScope(user),
    f.status ? eq(hotlineCases.status, f.status) : undefined,
    f.category ? eq(hotlineCases.category, f.category) : undefined,
    f.overdue ? and(inArray(hotlineCases.status, [...openCaseStatuses]), lt(hotlineCases.dueDate, today)) : undefined,
  );
  return pagedList({
    columns: {
      id: hotlineCases.id,
      number: hotlineCases.number,
      category: hotlineCases.category,
      status: hotlineCases.status,
      urgency: hotlineCases.urgency,
      dueDate: hotlineCases.dueDate,
      day: hotlineCases.day,
      employerName: employers.name,
      marketName: markets.name,
    },
    from: (fields) =>
      db
        .select(fields)
        .from(hotlineCases)
        .leftJoin(employers, eq(employers.id, hotlineCases.employerId))
        .leftJoin(markets, eq(markets.id, hotlineCases.marketId))
        .where(where),
    orderBy: f.overdue ? [asc(hotlineCases.dueDate), sql`${hotlineCases.urgency} = 'urgent' desc`, asc(hotlineCases.id)] : [desc(hotlineCases.id)],
    page: f.page,
    size: PAGE_SIZE,
  });
}

// --- Workflow writes ----------------------------------------------------------------

export interface NewEvent {
  kind: CaseEventKind;
  note: string;
  public: boolean;
  status: CaseStatus;
  detail?: Record<string, unknown>;
}

export const insertEvent = (db: Queryable, caseId: number, staffId: number | null, at: number, e: NewEvent) =>
  db.insert(caseEvents).values({ caseId, at, staffId, kind: e.kind, note: e.note, public: e.public, status: e.status, detail: e.detail ? JSON.stringify(e.detail) : null });

/** Changes the case only if it is still in `expected` status (a second tab may have moved it on). */
export const updateCaseIf = (db: Queryable, id: number, expected: CaseStatus, set: Partial<typeof hotlineCases.$inferInsert>) =>
  db.update(hotlineCases).set(set).where(and(eq(hotlineCases.id, id), eq(hotlineCases.status, expected))).returning({ id: hotlineCases.id });

export const assignCase = (db: Queryable, id: number, assignee: number, now: number) =>
  db.update(hotlineCases).set({ assignedTo: assignee, updatedAt: now }).where(eq(hotlineCases.id, id));

/** Staff and county admins a case of this county could be handed to. */
export async function assignableStaff(db: Queryable, county: string) {
  const scopeCounty = sql<string | null>`coalesce(${markets.countyCode}, ${users.countyCode})`;
  return db
    .select({ id: users.id, name: users.name, role: users.role, marketId: users.marketId, marketName: markets.name, scopeCounty, disabledAt: users.disabledAt })
    .from(users)
    .leftJoin(markets, eq(markets.id, users.marketId))
    .where(and(inArray(users.role, ["staff", "county_admin"]), isNull(users.disabledAt), sql`${scopeCounty} = ${county}`))
    .orderBy(asc(users.role), asc(users.name))
    .limit(100);
}

export async function findStaffForAssign(db: Queryable, id: number) {
  return firstRow(
    db
      .select({ id: users.id, name: users.name, role: users.role, marketId: users.marketId, scopeCounty: sql<string | null>`coalesce(${markets.countyCode}, ${users.countyCode})`, disabledAt: users.disabledAt })
      .from(users)
      .leftJoin(markets, eq(markets.id, users.marketId))
      .where(eq(users.id, id)),
  );
}

// --- What a case concerns --------------------------------------------------------------

/** Employers by name or number, within a county (null = all); the public finds verified ones only. */
export async function searchEmployers(db: Queryable, q: string, county: string | null, verifiedOnly: boolean) {
  const id = /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  return db
    .select({ id: employers.id, name: employers.name, countyCode: employers.countyCode })
    .from(employers)
    .where(
      and(
        or(contains(employers.name, q), id !== null ? eq(employers.id, id) : undefined),
        county ? eq(employers.countyCode, county) : undefined,
        verifiedOnly ? eq(employers.status, "verified") : undefined,
      ),
    )
    .orderBy(asc(employers.name))
    .limit(10);
}

/** Postings by title or number, within a county; the public finds published ones only. */
export async function searchPostings(db: Queryable, q: string, county: string | null, publishedOnly: boolean) {
  const id = /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  return db
    .select({ id: jobPostings.id, title: jobPostings.title, employerName: employers.name, startDate: jobPostings.startDate })
    .from(jobPostings)
    .innerJoin(employers, eq(employers.id, jobPostings.employerId))
    .where(
      and(
        or(contains(jobPostings.title, q), contains(employers.name, q), id !== null ? eq(jobPostings.id, id) : undefined),
        county ? eq(jobPostings.countyCode, county) : undefined,
        publishedOnly ? sql`${jobPostings.publishedAt} is not null and ${jobPostings.status} <> 'removed'` : undefined,
      ),
    )
    .orderBy(desc(jobPostings.id))
    .limit(10);
}

/** `col` contains `q` as typed: % and _ are matched literally. */
const contains = (col: SQLWrapper, q: string) => sql`${col} like ${"%" + q.replace(/[%_\\]/g, (ch) => "\\" + ch) + "%"} escape '\\'`;

export async function findEmployer(db: Queryable, id: number) {
  return firstRow(db.select({ id: employers.id, name: employers.name, countyCode: employers.countyCode, status: employers.status }).from(employers).where(eq(employers.id, id)));
}

export async function findPosting(db: Queryable, id: number) {
  return firstRow(
    db
      .select({ id: jobPostings.id, title: jobPostings.title, employerId: jobPostings.employerId, employerName: employers.name, countyCode: jobPostings.countyCode, publishedAt: jobPostings.publishedAt, status: jobPostings.status, viaMarketId: jobPostings.viaMarketId })
      .from(jobPostings)
      .innerJoin(employers, eq(employers.id, jobPostings.employerId))
      .where(eq(jobPostings.id, id)),
  );
}

/** A hire with what a wage case needs: the parties, the agreed wage and dates, where it belongs. */
export async function findHire(db: Queryable, id: number) {
  return firstRow(
    db
      .select({
        id: hires.id,
        workerId: hires.workerId,
        workerName: users.name,
        workerPhone: users.phone,
        employerId: hires.employerId,
        employerName: employers.name,
        postingId: hires.postingId,
        postingTitle: jobPostings.title,
        wageFen: hires.wageFen,
        wageUnit: hires.wageUnit,
        startDate: hires.startDate,
        endDate: hires.endDate,
        status: hires.status,
        paid: hires.paid,
        countyCode: jobPostings.countyCode,
        marketId: sql<number | null>`coalesce(${hires.viaMarketId}, ${workerProfiles.viaMarketId}, ${jobPostings.viaMarketId})`,
      })
      .from(hires)
      .innerJoin(users, eq(users.id, hires.workerId))
      .innerJoin(employers, eq(employers.id, hires.employerId))
      .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
      .leftJoin(workerProfiles, eq(workerProfiles.userId, hires.workerId))
      .where(eq(hires.id, id)),
  );
}

/** A worker's own recent hires, for "what it concerns" on the report form. */
export async function workerHires(db: Queryable, workerId: number) {
  return db
    .select({ id: hires.id, title: jobPostings.title, employerName: employers.name, startDate: hires.startDate })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .innerJoin(employers, eq(employers.id, hires.employerId))
    .where(eq(hires.workerId, workerId))
    .orderBy(desc(hires.startDate))
    .limit(20);
}

export async function marketOptions(db: Queryable, county: string | null) {
  return db
    .select({ id: markets.id, name: markets.name, countyCode: markets.countyCode })
    .from(markets)
    .where(and(county ? eq(markets.countyCode, county) : undefined, ne(markets.tier, "online")))
    .orderBy(asc(markets.countyCode), asc(markets.id));
}

export async function findMarket(db: Queryable, id: number) {
  return firstRow(db.select({ id: markets.id, name: markets.name, countyCode: markets.countyCode }).from(markets).where(eq(markets.id, id)));
}

// --- Employers with wage cases ------------------------------------------------------------

/** Wage cases of these employers, with what the flag and the publishing stop need. */
export async function wageCasesOf(db: Queryable, employerIds: number[]) {
  if (employerIds.length === 0) return [];
  return db
    .select({ employerId: hotlineCases.employerId, category: hotlineCases.category, status: hotlineCases.status, outcome: hotlineCases.outcome })
    .from(hotlineCases)
    .where(and(inArray(hotlineCases.employerId, employerIds), eq(hotlineCases.category, "wage_arrears")));
}

export async function caseForHire(db: Queryable, hireId: number) {
  return firstRow(
    db
      .select({ id: hotlineCases.id, number: hotlineCases.number })
      .from(hotlineCases)
      .where(and(eq(hotlineCases.hireId, hireId), eq(hotlineCases.category, "wage_arrears"))),
  );
}

// --- The call list ------------------------------------------------------------------------

/** Where a hire belongs, for staff scope: its station, else the worker's, else the posting's. */
const hireMarket = sql<number | null>`coalesce(${hires.viaMarketId}, ${workerProfiles.viaMarketId}, ${jobPostings.viaMarketId})`;

export function hireScope(user: CurrentUser): SQL | undefined {
  if (user.role === "city_admin") return undefined;
  if (user.role === "county_admin") return eq(jobPostings.countyCode, user.countyCode ?? "");
  if (user.role === "staff") return sql`${hireMarket} = ${user.marketId ?? -1}`;
  return sql`0`;
}

/**
 * Hires whose last work day has passed with no answer to "were you paid?",
 * where the worker has no phone of their own to answer on: staff call them.
 */
export async function callList(db: Queryable, user: CurrentUser, today: string, page: number) {
  const where = and(
    hireScope(user),
    lt(hires.endDate, today),
    isNull(hires.paid),
    ne(hires.status, "cancelled"),
    eq(workerProfiles.ownPhone, false),
  );
  return pagedList({
    columns: {
      id: hires.id,
      workerName: users.name,
      workerPhone: users.phone,
      employerName: employers.name,
      title: jobPostings.title,
      startDate: hires.startDate,
      endDate: hires.endDate,
      wageFen: hires.wageFen,
      wageUnit: hires.wageUnit,
    },
    from: (fields) =>
      db
        .select(fields)
        .from(hires)
        .innerJoin(users, eq(users.id, hires.workerId))
        .innerJoin(workerProfiles, eq(workerProfiles.userId, hires.workerId))
        .innerJoin(employers, eq(employers.id, hires.employerId))
        .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
        .where(where),
    orderBy: [asc(hires.endDate), asc(hires.id)],
    page,
    size: PAGE_SIZE,
  });
}

/** Is this hire on the user's call list (in scope)? */
export async function hireInScope(db: Queryable, user: CurrentUser, hireId: number): Promise<boolean> {
  const rows = await db
    .select({ id: hires.id })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .leftJoin(workerProfiles, eq(workerProfiles.userId, hires.workerId))
    .where(and(eq(hires.id, hireId), hireScope(user)))
    .limit(1);
  return rows.length > 0;
}

// --- Figures and export ----------------------------------------------------------------------

export async function figures(db: Queryable, user: CurrentUser, today: string, sinceMonth: string) {
  const scope = caseScope(user);
  const group = (col: SQL | typeof hotlineCases.category) =>
    db.select({ key: sql<string>`${col}`, n: sql<number>`count(*)` }).from(hotlineCases).where(scope).groupBy(sql`1`).orderBy(sql`1`);
  const month = sql`substr(${hotlineCases.day}, 1, 7)`;
  const [byCategory, byStatus, byCounty, byMonth, closed, overdue, total] = await Promise.all([
    group(hotlineCases.category),
    group(sql`${hotlineCases.status}`),
    group(sql`${hotlineCases.countyCode}`),
    db.select({ key: sql<string>`${month}`, n: sql<number>`count(*)` }).from(hotlineCases).where(and(scope, gte(hotlineCases.day, sinceMonth + "-01"))).groupBy(sql`1`).orderBy(sql`1`),
    db.select({ ms: sql<number>`${hotlineCases.closedAt} - ${hotlineCases.createdAt}` }).from(hotlineCases).where(and(scope, sql`${hotlineCases.closedAt} is not null`)),
    db.select({ n: sql<number>`count(*)` }).from(hotlineCases).where(and(scope, inArray(hotlineCases.status, [...openCaseStatuses]), lt(hotlineCases.dueDate, today))),
    db.select({ n: sql<number>`count(*)`, owed: sql<number>`coalesce(sum(${hotlineCases.amountOwedFen}), 0)`, recovered: sql<number>`coalesce(sum(${hotlineCases.recoveredFen}), 0)` }).from(hotlineCases).where(scope),
  ]);
  return {
    byCategory,
    byStatus,
    byCounty,
    byMonth,
    closedDurations: closed.map((r) => Number(r.ms)),
    overdue: Number(overdue[0].n),
    total: Number(total[0].n),
    owedFen: Number(total[0].owed),
    recoveredFen: Number(total[0].recovered),
  };
}

/** Every case in scope taken in on days from..to, oldest first, for the CSV. */
export async function exportRows(db: Queryable, user: CurrentUser, from: string, to: string) {
  return db
    .select({
      number: hotlineCases.number,
      day: hotlineCases.day,
      channel: hotlineCases.channel,
      category: hotlineCases.category,
      urgency: hotlineCases.urgency,
      status: hotlineCases.status,
      countyCode: hotlineCases.countyCode,
      marketName: markets.name,
      employerName: employers.name,
      callerName: hotlineCases.callerName,
      callerPhone: hotlineCases.callerPhone,
      amountOwedFen: hotlineCases.amountOwedFen,
      agency: hotlineCases.agency,
      outcome: hotlineCases.outcome,
      recoveredFen: hotlineCases.recoveredFen,
      satisfaction: hotlineCases.satisfaction,
      dueDate: hotlineCases.dueDate,
      closedAt: hotlineCases.closedAt,
    })
    .from(hotlineCases)
    .leftJoin(markets, eq(markets.id, hotlineCases.marketId))
    .leftJoin(employers, eq(employers.id, hotlineCases.employerId))
    .where(and(caseScope(user), gte(hotlineCases.day, from), lte(hotlineCases.day, to)))
    .orderBy(asc(hotlineCases.day), asc(hotlineCases.seq));
}

// --- Throttle ---------------------------------------------------------------------------------

export async function throttleRows(db: Queryable, keys: string[]): Promise<Map<string, ThrottleRow>> {
  const rows = await db.select().from(hotlineThrottle).where(inArray(hotlineThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, r]));
}

/** Counts one try against each key under its rule, in one write. */
export async function countTries(tx: Tx, keys: [string, ThrottleRule][], now: number): Promise<void> {
  const prev = await throttleRows(tx, keys.map(([k]) => k));
  for (const [key, rule] of keys) {
    const next = throttleStep(prev.get(key), now, rule);
    await tx.insert(hotlineThrottle).values({ key, ...next }).onConflictDoUpdate({ target: hotlineThrottle.key, set: next });
  }
  // Guessed numbers leave rows behind; sweep the ones whose day is long over, so the table stays small.
  await tx.delete(hotlineThrottle).where(and(lt(hotlineThrottle.windowStart, now - 2 * 24 * 3600_000), or(isNull(hotlineThrottle.lockedUntil), lt(hotlineThrottle.lockedUntil, now))));
}

/**
 * A forgotten worker's name and phone leave the cases they called about (by
 * account, or by the phone they called from); the cases themselves, their
 * timelines and the employer's side stay for the counts and the record. The
 * station refuses to forget a worker whose case is still open, so only
 * finished cases reach here (and inactive workers with an open case are not
 * inactive).
 */
export async function forgetCallers(tx: Queryable, workerIds: number[]): Promise<void> {
  const phones = tx.select({ phone: users.phone }).from(users).where(inArray(users.id, workerIds));
  await tx
    .update(hotlineCases)
    .set({ callerName: null, callerPhone: null })
    .where(or(inArray(hotlineCases.callerUserId, workerIds), inArray(hotlineCases.callerPhone, phones)));
}
