// Queries and writes on postings, their brand tags, the keyword index and
// sign-ups. Writes that must land together are batches or run inside the
// caller's transaction; each returns what the handler needs to tell the user.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, lt, sql, type SQL } from "drizzle-orm";
import {
  applications, brands, employers, hires, jobPostings, markets, postingBrands, users, workKinds,
} from "../../../db/schema/index.ts";
import type { PostingStatus } from "../../../db/schema/constants.ts";
import { txClient, type Db, type Queryable, type Tx } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import { perApp } from "../../shared/memo.ts";
import { notifyStatements, shortDate, shortDates, type Notice } from "../messages/index.ts";
import { insertHire } from "../hires/index.ts";
import { tell, tellFixed, type JobNews } from "./jobs.news.ts";
import { canDecide, canWithdraw, dateWindow, effectiveStatus, hireTerms, publishProblem, signUpRefusal, draftColumnFields, type PostingDraft } from "./jobs.domain.ts";
import { pickFields } from "../../shared/pick.ts";
import { grams, keywordQuery } from "./jobs.search.ts";
import type { Filters } from "./jobs.schema.ts";


export type Posting = typeof jobPostings.$inferSelect;

// --- Reference data -------------------------------------------------------------

export async function kindsAndBrands(db: Queryable) {
  const [kinds, brandRows] = await Promise.all([
    db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds).orderBy(asc(workKinds.sort), asc(workKinds.id)),
    db.select({ id: brands.id, name: brands.name, countyCode: brands.countyCode }).from(brands).orderBy(asc(brands.sort), asc(brands.id)),
  ]);
  return { kinds, brands: brandRows };
}

// --- One posting ----------------------------------------------------------------

/**
 * What of one person shows on a posting's page, in one statement built once per DB: whether she signed up
 * for it (a worker) and whether it is hers (an employer). No row: no such posting. The job page is shared
 * by everyone of her role only when both are 0 (src/shared/signed-in-cache.ts).
 */
export const personalMarksQuery = perApp((db: Queryable) =>
  db
    .select({
      // Written out with their table names: drizzle leaves columns unqualified inside a select's sql, and in the
      // subquery a bare "id" would be the application's own id, not the posting's.
      applied: sql<number>`exists (select 1 from applications a where a.posting_id = job_postings.id and a.worker_id = ${sql.placeholder("userId")})`,
      owns: sql<number>`exists (select 1 from employers e where e.id = job_postings.employer_id and e.user_id = ${sql.placeholder("userId")})`,
    })
    .from(jobPostings)
    .where(eq(jobPostings.id, sql.placeholder("postingId")))
    .prepare(),
);

/** A posting with what its pages show beside it: kind name, brand tags, employer, the station that helped. */
export async function findPosting(db: Queryable, id: number) {
  const row = (
    await db
      .select({
        posting: jobPostings,
        kindName: workKinds.name,
        employerUserId: employers.userId,
        employerName: employers.name,
        employerStatus: employers.status,
        viaMarketName: markets.name,
      })
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .innerJoin(employers, eq(employers.id, jobPostings.employerId))
      .leftJoin(markets, eq(markets.id, jobPostings.viaMarketId))
      .where(eq(jobPostings.id, id))
      .limit(1)
  )[0];
  if (!row) return null;
  const tags = await db
    .select({ id: brands.id, name: brands.name })
    .from(postingBrands)
    .innerJoin(brands, eq(brands.id, postingBrands.brandId))
    .where(eq(postingBrands.postingId, id))
    .orderBy(asc(brands.sort));
  return { ...row, brands: tags };
}
export type PostingView = NonNullable<Awaited<ReturnType<typeof findPosting>>>;

/**
 * Before a sign-up's form is read: what the sign-up rules need of the posting
 * and whether this worker has signed up for it already, in one statement (it
 * was the posting with its joins, its brand tags and her sign-up: four, and the
 * action read the posting and its tags again). Built by drizzle once per DB
 * and compiled once per connection (statement-cache.ts). `workerId` null: a
 * visitor without an account (never "already").
 */
const signUpLookQuery = perApp((db: Db) =>
  db
    .select({
      id: jobPostings.id,
      status: jobPostings.status,
      endDate: jobPostings.endDate,
      headcount: jobPostings.headcount,
      filledCount: jobPostings.filledCount,
      payMode: jobPostings.payMode,
      title: jobPostings.title,
      // Table names written out: drizzle leaves columns unqualified in a one-table select, and a bare
      // "id" inside the subquery would be the sign-up's own id.
      already: sql<number>`exists (select 1 from applications a where a.posting_id = job_postings.id and a.worker_id = ${sql.placeholder("workerId")})`,
    })
    .from(jobPostings)
    .where(eq(jobPostings.id, sql.placeholder("postingId")))
    .prepare(),
);
export type SignUpLook = { id: number; status: PostingStatus; endDate: string; headcount: number; filledCount: number; payMode: Posting["payMode"]; title: string; already: boolean };
export async function signUpLook(db: Db, postingId: number, workerId: number | null): Promise<SignUpLook | null> {
  const [row] = await signUpLookQuery(db).all({ postingId, workerId });
  return row ? { ...row, already: !!Number(row.already) } : null;
}

export function draftOf(p: Posting, brandIds: number[]): PostingDraft {
  return {
    ...pickFields(p, draftColumnFields),
    brandIds,
    payTime: p.payTime as PostingDraft["payTime"],
    payMethod: p.payMethod as PostingDraft["payMethod"],
  };
}

const draftColumns = (d: PostingDraft) => ({
  ...pickFields(d, draftColumnFields),
  payTime: d.payTime ?? "",
  payMethod: d.payMethod ?? "",
});

/** The keyword index rows of a posting: replaced whole on every change. */
export function searchStatements(db: Queryable, id: number, text: string) {
  return [
    db.run(sql`DELETE FROM posting_search WHERE rowid = ${id}`),
    db.run(sql`INSERT INTO posting_search (rowid, grams) VALUES (${id}, ${grams(text)})`),
  ];
}

export interface NewPosting {
  employerId: number;
  draft: PostingDraft;
  searchText: string;
  status: "draft" | "open";
  quick?: boolean;
  copiedFrom?: number | null;
  /** Saved as a draft only because the employer is not verified yet. */
  awaitingVerification?: boolean;
}

/** Inserts the posting, its brand tags and its index rows; call inside a transaction. */
export async function insertPosting(tx: Queryable, p: NewPosting, now: number): Promise<number> {
  const [row] = await tx
    .insert(jobPostings)
    .values({
      ...draftColumns(p.draft),
      employerId: p.employerId,
      status: p.status,
      quick: p.quick ?? false,
      copiedFrom: p.copiedFrom ?? null,
      awaitingVerification: p.status === "draft" && !!p.awaitingVerification,
      searchText: p.searchText,
      createdAt: now,
      updatedAt: now,
      publishedAt: p.status === "open" ? now : null,
    })
    .returning({ id: jobPostings.id });
  if (p.draft.brandIds.length) await tx.insert(postingBrands).values(p.draft.brandIds.map((brandId) => ({ postingId: row.id, brandId })));
  for (const s of searchStatements(tx, row.id, p.searchText)) await s;
  return row.id;
}

/** An edit: the posting, its tags and its index rows (run them in one transaction). */
export function updatePostingStatements(db: Queryable, id: number, d: PostingDraft, status: PostingStatus, text: string, now: number) {
  return [
    db.update(jobPostings).set({ ...draftColumns(d), status, searchText: text, updatedAt: now }).where(eq(jobPostings.id, id)),
    db.delete(postingBrands).where(eq(postingBrands.postingId, id)),
    ...(d.brandIds.length ? [db.insert(postingBrands).values(d.brandIds.map((brandId) => ({ postingId: id, brandId })))] : []),
    ...searchStatements(db, id, text),
  ] as const;
}

/** How many of the employer's postings went public since `since` (the posting limits count these). */
export async function publishedSince(db: Queryable, employerId: number, since: number): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(jobPostings)
    .where(and(eq(jobPostings.employerId, employerId), gte(jobPostings.publishedAt, since)));
  return Number(rows[0]?.n ?? 0);
}

/** Moves a posting from one of `from` to `to`; 0 rows when someone else changed it first. */
export function setStatus(db: Queryable, id: number, from: readonly PostingStatus[], to: PostingStatus, now: number, extra: Partial<Posting> = {}) {
  return db
    .update(jobPostings)
    .set({ ...extra, status: to, updatedAt: now, ...(to === "open" ? { publishedAt: now } : {}) })
    .where(and(eq(jobPostings.id, id), inArray(jobPostings.status, [...from])));
}

/**
 * The employer was just verified: her drafts saved only for want of it go
 * public when still in date (and `refused` is false: e.g. a wage-arrears stop);
 * the others stay drafts for her to publish. Either way they stop waiting.
 */
export async function publishWaitingDrafts(tx: Queryable, employerId: number, today: string, now: number, refused: boolean) {
  const rows = await tx
    .select({ id: jobPostings.id, title: jobPostings.title, endDate: jobPostings.endDate })
    .from(jobPostings)
    .where(and(eq(jobPostings.employerId, employerId), eq(jobPostings.status, "draft"), eq(jobPostings.awaitingVerification, true)))
    .orderBy(asc(jobPostings.id));
  const published = rows.filter((r) => !refused && publishProblem("verified", r, today) === null).map(({ id, title }) => ({ id, title }));
  const left = rows.filter((r) => !published.some((p) => p.id === r.id)).map(({ id, title }) => ({ id, title }));
  if (published.length) {
    await tx
      .update(jobPostings)
      .set({ status: "open", publishedAt: now, updatedAt: now, awaitingVerification: false })
      .where(and(inArray(jobPostings.id, published.map((p) => p.id)), eq(jobPostings.status, "draft")));
  }
  if (left.length) await tx.update(jobPostings).set({ awaitingVerification: false }).where(inArray(jobPostings.id, left.map((p) => p.id)));
  return { published, left };
}

/**
 * Everyone still waiting on a posting that stopped taking people (filled,
 * closed, expired, removed) becomes not_chosen and is told so.
 */
export async function releaseWaiting(tx: Queryable, postingId: number, title: string, now: number) {
  const waiting = await tx
    .update(applications)
    .set({ status: "not_chosen", decidedAt: now })
    .where(and(eq(applications.postingId, postingId), eq(applications.status, "applied")))
    .returning({ workerId: applications.workerId });
  await tell(tx, waiting.map((w) => ({ code: "notChosen", userId: w.workerId, title })), now);
  return waiting.length;
}

/** Ends a posting (employer closes it, or staff remove it) and releases those still waiting. */
export async function endPosting(
  tx: Tx,
  p: { id: number; title: string },
  from: readonly PostingStatus[],
  to: "closed" | "removed",
  now: number,
  extra: Partial<Posting> = {},
  notices: Notice[] = [],
): Promise<boolean> {
  const r = await setStatus(tx, p.id, from, to, now, extra);
  if (r.rowsAffected !== 1) return false;
  await releaseWaiting(tx, p.id, p.title, now);
  for (const s of notifyStatements(tx, notices, now)) await s;
  return true;
}

/**
 * The sweep: open postings whose last work date has passed become expired,
 * and those still waiting on them are told. Returns how many expired.
 */
export async function expireOverdue(tx: Tx, today: string, now: number): Promise<number> {
  const overdue = await tx
    .update(jobPostings)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(jobPostings.status, "open"), lt(jobPostings.endDate, today)))
    .returning({ id: jobPostings.id, title: jobPostings.title });
  for (const p of overdue) await releaseWaiting(tx, p.id, p.title, now);
  return overdue.length;
}

// --- Browsing -------------------------------------------------------------------

/** Fen per day, as dayRateFen in jobs.domain.ts: hour × 8, month × 4 / 87 (÷ 21.75), piece none. */
export const dayRateSql = sql`CASE ${jobPostings.wageUnit} WHEN 'hour' THEN ${jobPostings.wageFen} * 8 WHEN 'day' THEN ${jobPostings.wageFen} WHEN 'month' THEN ${jobPostings.wageFen} * 4 / 87 END`;

/**
 * Open postings matching the filters; a past end date never counts as open.
 * The end-date test is written `+end_date` so SQLite does not pick
 * postings_dates_idx for it: the browse indexes (status, county | kind,
 * published_at) and (status, published_at) then serve the filter and the
 * newest-first order together, and a page stops after 20 rows instead of
 * sorting every open posting. Few rows fail the test: the hourly sweep
 * expires them.
 */
export function browseWhere(f: Filters, today: string, opts: { keywordIndex?: boolean } = {}): SQL {
  const conds: (SQL | undefined)[] = [eq(jobPostings.status, "open"), sql`+${jobPostings.endDate} >= ${today}`];
  if (f.kind) conds.push(eq(jobPostings.kindId, f.kind));
  if (f.county) conds.push(eq(jobPostings.countyCode, f.county));
  if (f.township) conds.push(eq(jobPostings.townshipCode, f.township));
  if (f.form) conds.push(eq(jobPostings.form, f.form));
  if (f.when) {
    const w = dateWindow(f.when, today);
    // "+" keeps SQLite from walking a date index: without statistics it would
    // take the date range for selective and sort every open posting, while
    // the status/county/kind indexes already give newest-first order.
    conds.push(sql`+${jobPostings.startDate} <= ${w.to}`, sql`+${jobPostings.endDate} >= ${w.from}`);
  }
  if (f.brand) {
    conds.push(inArray(jobPostings.id, sql`(SELECT ${postingBrands.postingId} FROM ${postingBrands} WHERE ${postingBrands.brandId} = ${f.brand})`));
  }
  if (f.minDay) conds.push(eq(jobPostings.payMode, "wage"), sql`${dayRateSql} >= ${f.minDay * 100}`);
  const kw = f.q ? keywordQuery(f.q) : null;
  if (kw) {
    // keywordIndex false: the caller joins posting_search itself.
    if (opts.keywordIndex !== false) conds.push(inArray(jobPostings.id, sql`(SELECT rowid FROM posting_search WHERE posting_search MATCH ${kw.match})`));
    // A term of 1 or 2 characters is one token, and a token match is already a
    // substring match: only longer terms (the AND of their pairs) need instr().
    for (const term of kw.terms) if (Array.from(term).length > 2) conds.push(sql`instr(${jobPostings.searchText}, ${term}) > 0`);
  }
  return and(...conds)!;
}

const rowColumns = {
  id: jobPostings.id,
  title: jobPostings.title,
  kindName: workKinds.name,
  form: jobPostings.form,
  headcount: jobPostings.headcount,
  filledCount: jobPostings.filledCount,
  payMode: jobPostings.payMode,
  wageFen: jobPostings.wageFen,
  wageUnit: jobPostings.wageUnit,
  startDate: jobPostings.startDate,
  endDate: jobPostings.endDate,
  countyCode: jobPostings.countyCode,
  townshipCode: jobPostings.townshipCode,
  quick: jobPostings.quick,
  employerId: jobPostings.employerId,
  status: jobPostings.status,
  publishedAt: jobPostings.publishedAt,
};

/**
 * The order of results a worker wants: work that starts today (or has started
 * and goes on) first, then tomorrow's, then by start date; newest first within
 * a day. The key depends on today, so no index gives it in one walk — sorted
 * as one, every open posting of the list is read and sorted (0.5–1 s for the
 * unfiltered list at 100,000 postings). So browseQuery reads it in two parts
 * that indexes do give in order (startedQuery, upcomingQuery); keywordPage
 * sorts by this key when it holds at most a window of matches.
 */
const startOrder = (today: string) => [sql`max(${jobPostings.startDate}, ${today})`, desc(jobPostings.publishedAt), desc(jobPostings.id)];

/**
 * The postings that have started (start date today or before: all have the
 * key today), newest first: an index on (status[, county | kind], published_at)
 * gives that order, so a page stops after its rows. "+start_date" keeps SQLite
 * off postings_start_idx for this part.
 */
export function startedQuery(db: Queryable, f: Filters, today: string, limit: number, offset: number) {
  return db
    .select(rowColumns)
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(and(browseWhere(f, today), sql`+${jobPostings.startDate} <= ${today}`))
    .orderBy(desc(jobPostings.publishedAt), desc(jobPostings.id))
    .limit(limit)
    .offset(offset);
}

/** The postings that start after today, by start date then newest first (postings_start_idx gives the first key). */
export function upcomingQuery(db: Queryable, f: Filters, today: string, limit: number, offset: number) {
  return db
    .select(rowColumns)
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(and(browseWhere(f, today), gt(jobPostings.startDate, today)))
    .orderBy(asc(jobPostings.startDate), desc(jobPostings.publishedAt), desc(jobPostings.id))
    .limit(limit)
    .offset(offset);
}

/**
 * The page of rows in start order (perPage + extra of them): the started part,
 * then the upcoming part. Usually one statement (a page inside the started
 * part); a page past it counts the started part (at most the rows before the
 * page) to know where in the upcoming part it begins. The same rows as one
 * query ordered by startOrder (tested in jobs.startorder.test.ts).
 */
export async function browseQuery(db: Queryable, f: Filters, today: string, page: number, perPage: number, extra = 0): Promise<PostingRow[]> {
  const want = perPage + extra;
  const skip = (page - 1) * perPage;
  const started = await startedQuery(db, f, today, want, skip);
  if (started.length === want) return started;
  // A page with started rows holds the last of them; an empty one needs their number (≤ skip).
  const startedTotal =
    started.length > 0 || skip === 0
      ? skip + started.length
      : Number(
          (
            await db.all<{ n: number }>(
              sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${jobPostings} WHERE ${browseWhere(f, today)} AND +${jobPostings.startDate} <= ${today} LIMIT ${skip})`,
            )
          )[0].n,
        );
  const upcoming = await upcomingQuery(db, f, today, want - started.length, Math.max(0, skip - startedTotal));
  return [...started, ...upcoming];
}
export type PostingRow = Awaited<ReturnType<typeof startedQuery>>[number];

/** Where a page of the open API's list ends: the last row's publication time and id. */
export interface Cursor {
  at: number;
  id: number;
}

/**
 * The open API's stable paging: `limit` rows in browseQuery's order (newest
 * published first) strictly after `after`. Unlike page numbers, a cursor does
 * not skip or repeat rows when postings are published while a client pages.
 */
export function browseAfter(db: Queryable, f: Filters, today: string, after: Cursor | null, limit: number) {
  const where = after
    ? and(
        browseWhere(f, today),
        sql`(${jobPostings.publishedAt} < ${after.at} OR (${jobPostings.publishedAt} = ${after.at} AND ${jobPostings.id} < ${after.id}))`,
      )
    : browseWhere(f, today);
  return db
    .select(rowColumns)
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(where)
    .orderBy(desc(jobPostings.publishedAt), desc(jobPostings.id))
    .limit(limit);
}

/**
 * "找到 N 个活" counts at most this many. Counting every match costs time in
 * proportion to the matches (12 ms for 保洁 among 100,000 postings, 6 ms for
 * all open postings), so the cost of a page would grow with the city; past
 * this many, the page says "500 多个" and suggests narrowing the search, and
 * paging goes on with "下一页". 500 rather than 1000: at 10,000 postings 保洁
 * already matches about 500, so the count costs the same at any larger size
 * (1.8 ms against 3.3 ms for 1000 at 100,000 postings).
 */
export const COUNT_CAP = 500;

export async function browse(db: Queryable, f: Filters, today: string, page: number, perPage: number, cap = COUNT_CAP, window?: number) {
  const kw = f.q ? keywordQuery(f.q) : null;
  // One row more than the page: whether there is a next page, without a count.
  const found = await (kw ? keywordPage(db, f, kw.match, today, page, perPage, window) : browseQuery(db, f, today, page, perPage, 1));
  // A page that is not full is the last one: the count is what came before it and what is on it.
  // (An empty page past page 1 may be past the end: that one is counted.)
  const known = found.length <= perPage && (page === 1 || found.length > 0) ? (page - 1) * perPage + found.length : null;
  const [{ total }] =
    known !== null
      ? [{ total: known }]
      : kw
        ? // With a keyword, count from the search index's matches (CROSS JOIN fixes that order):
          // otherwise SQLite walks every open posting and asks each whether it matched.
          await db.all<{ total: number }>(
            sql`SELECT count(*) AS total FROM (SELECT 1 FROM posting_search CROSS JOIN ${jobPostings} ON ${jobPostings.id} = posting_search.rowid
              WHERE posting_search MATCH ${kw.match} AND ${browseWhere(f, today, { keywordIndex: false })} LIMIT ${cap + 1})`,
          )
        : await db.all<{ total: number }>(sql`SELECT count(*) AS total FROM (SELECT 1 FROM ${jobPostings} WHERE ${browseWhere(f, today)} LIMIT ${cap + 1})`);
  const n = Number(total);
  return { rows: found.slice(0, perPage), total: Math.min(n, cap), capped: n > cap, hasNext: found.length > perPage };
}

/**
 * A page of keyword results (perPage + 1 rows) in start order, without making
 * SQLite collect every posting of the word first when there are few: take the
 * newest `window` matches from the search index (FTS5 reads them newest-first);
 * when that window holds every match, sort those. When it is full (older
 * matches exist), start order needs them all: browseQuery. The result is
 * always exactly browseQuery's (tested with tiny windows in jobs.searchdb.test.ts).
 */
async function keywordPage(db: Queryable, f: Filters, match: string, today: string, page: number, perPage: number, window?: number) {
  const need = page * perPage + 1;
  const size = window ?? Math.max(200, need * 3);
  const newest = sql`(SELECT rowid AS id FROM posting_search WHERE posting_search MATCH ${match} ORDER BY rowid DESC LIMIT ${size})`;
  const [span] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${newest}`);
  if (Number(span.n) >= size) return browseQuery(db, f, today, page, perPage, 1);
  return db
    .select(rowColumns)
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(and(inArray(jobPostings.id, sql`(SELECT id FROM ${newest})`), browseWhere(f, today, { keywordIndex: false })))
    .orderBy(...startOrder(today))
    .limit(perPage + 1)
    .offset((page - 1) * perPage);
}

/** The home page: today's quick jobs, then the newest open ones. */
export async function homeLists(db: Queryable, today: string, howMany: number) {
  const [quick, newest] = await Promise.all([
    db
      .select(rowColumns)
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .where(and(browseWhere({ when: "today" }, today), eq(jobPostings.quick, true)))
      .orderBy(desc(jobPostings.publishedAt), desc(jobPostings.id))
      .limit(howMany),
    db
      .select(rowColumns)
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .where(and(browseWhere({}, today), eq(jobPostings.quick, false)))
      .orderBy(desc(jobPostings.publishedAt), desc(jobPostings.id))
      .limit(howMany),
  ]);
  return { quick, newest };
}

/** An employer's own postings, newest first, with how many sign-ups wait for a decision. */
export async function employerPostings(db: Queryable, employerId: number, page: number, perPage: number) {
  const waiting = sql<number>`(SELECT count(*) FROM ${applications} WHERE ${applications.postingId} = ${jobPostings.id} AND ${applications.status} = 'applied')`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...rowColumns, waiting, viaMarketName: markets.name })
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .leftJoin(markets, eq(markets.id, jobPostings.viaMarketId))
      .where(eq(jobPostings.employerId, employerId))
      // Open with people waiting for her answer, then open (soonest start first), then drafts, then the rest.
      .orderBy(
        sql`CASE WHEN ${jobPostings.status} = 'open' AND ${waiting} > 0 THEN 0 WHEN ${jobPostings.status} = 'open' THEN 1 WHEN ${jobPostings.status} = 'draft' THEN 2 ELSE 3 END`,
        sql`CASE WHEN ${jobPostings.status} = 'open' THEN ${jobPostings.startDate} END`,
        desc(jobPostings.createdAt),
        desc(jobPostings.id),
      )
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(jobPostings).where(eq(jobPostings.employerId, employerId)),
  ]);
  return { rows, total };
}

// --- Sign-ups -------------------------------------------------------------------

/** Whether the account has a PIN yet (a sign-up without an account makes one without). */
export async function hasPin(db: Queryable, userId: number): Promise<boolean> {
  const [row] = await db.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, userId));
  return !!row?.pinHash;
}

/** Sets the first PIN only: an account that has one changes it on the PIN page, with the old PIN. */
export function setFirstPin(db: Queryable, userId: number, pinHash: string) {
  return db.update(users).set({ pinHash }).where(and(eq(users.id, userId), isNull(users.pinHash)));
}

export async function findApplication(db: Queryable, postingId: number, workerId: number) {
  return firstRow(
    db
      .select({ id: applications.id, status: applications.status, quoteFen: applications.quoteFen, quoteNote: applications.quoteNote, hireId: hires.id })
      .from(applications)
      .leftJoin(hires, eq(hires.applicationId, applications.id))
      .where(and(eq(applications.postingId, postingId), eq(applications.workerId, workerId))),
  );
}

export async function countWaiting(db: Queryable, postingId: number): Promise<number> {
  const [{ n: c }] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.postingId, postingId), eq(applications.status, "applied")));
  return c;
}

/** Sign-ups for the employer's page; quote postings cheapest first, others in order of arrival. */
export async function applicantsOf(db: Queryable, postingId: number, byPrice: boolean) {
  return db
    .select({
      id: applications.id,
      status: applications.status,
      quoteFen: applications.quoteFen,
      quoteNote: applications.quoteNote,
      createdAt: applications.createdAt,
      name: users.name,
      phone: users.phone,
      hireId: hires.id,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.workerId))
    .leftJoin(hires, eq(hires.applicationId, applications.id))
    .where(eq(applications.postingId, postingId))
    .orderBy(...(byPrice ? [sql`${applications.quoteFen} IS NULL`, asc(applications.quoteFen)] : []), asc(applications.createdAt), asc(applications.id));
}

/** A worker's sign-ups, newest first, with the hire record when confirmed. */
export async function workerApplications(db: Queryable, workerId: number, page: number, perPage: number) {
  const where = eq(applications.workerId, workerId);
  const rows = await db
      .select({
        id: applications.id,
        status: applications.status,
        quoteFen: applications.quoteFen,
        quoteNote: applications.quoteNote,
        createdAt: applications.createdAt,
        postingId: jobPostings.id,
        title: jobPostings.title,
        startDate: jobPostings.startDate,
        endDate: jobPostings.endDate,
        countyCode: jobPostings.countyCode,
        hireId: hires.id,
        hireStatus: hires.status,
        hireEndDate: hires.endDate,
        paid: hires.paid,
        viaMarketName: markets.name,
      })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.postingId))
      .leftJoin(hires, eq(hires.applicationId, applications.id))
      .leftJoin(markets, eq(markets.id, applications.viaMarketId))
      .where(where)
      .orderBy(desc(applications.createdAt), desc(applications.id))
      .limit(perPage)
      .offset((page - 1) * perPage);
  // A page that is not full is the last one: no count needed (most workers have one page).
  if (rows.length < perPage && (page === 1 || rows.length > 0)) return { rows, total: (page - 1) * perPage + rows.length };
  const [{ total }] = await db.select({ total: count() }).from(applications).where(where);
  return { rows, total };
}

export type SignUpResult = { ok: true; applicationId: number } | { ok: false; reason: "already" | "full" | "closed" | "expired" | "notOpen" };

/**
 * Records a sign-up after checking the posting again inside the transaction,
 * and tells the employer. The unique index (posting, worker) is the last guard.
 */
export async function signUp(
  tx: Tx,
  p: { postingId: number; workerId: number; quoteFen: number | null; quoteNote: string | null },
  today: string,
  now: number,
): Promise<SignUpResult> {
  // Two statements where a sign-up is taken (then tellFixed's): the posting's rules, the unique index (posting,
  // worker) and the insert are one INSERT … SELECT … WHERE (SIGN_UP_SQL, the SQL twin of signUpRefusal for a
  // worker not yet signed up, tested against it in jobs.twins.test.ts), which also hands back what the notices
  // need. Only when nothing was inserted is the posting read, to tell which rule refused it, or "already".
  // Fixed SQL through the transaction's client (db.ts txClient): no query is built per sign-up.
  const c = txClient(tx);
  const [inserted] = (await c.execute({ sql: SIGN_UP_SQL, args: [p.workerId, p.quoteFen, p.quoteNote, now, p.postingId, today] })).rows;
  if (!inserted) {
    const [r] = (await c.execute({ sql: SIGN_UP_POSTING_SQL, args: [p.workerId, p.workerId, p.postingId] })).rows;
    if (!r) return { ok: false, reason: "notOpen" };
    const posting = { status: r[0] as Posting["status"], endDate: r[2] as string, headcount: Number(r[3]), filledCount: Number(r[4]) };
    // The same rule the page applies (jobs.domain.ts signUpRefusal); open to her, yet not inserted: the unique index.
    const refusal = signUpRefusal(posting, "worker", false, today);
    return { ok: false, reason: refusal === null ? "already" : refusal === "already" || refusal === "notWorker" ? "notOpen" : refusal };
  }
  await tellOfSignUp(tx, p.postingId, p.workerId, inserted[1] as string, now);
  return { ok: true, applicationId: Number(inserted[0]) };
}

/**
 * The signed-in worker's sign-up for a posting that takes no quote, without a look at the posting first
 * (jobs.apply.routes.tsx): SIGN_UP_WAGE_SQL inserts only where `signUp` would (and only for pay mode 'wage'),
 * and tells the employer as `signUp` does. Null when nothing was inserted, for whatever reason: the route
 * then takes the full path (the look, the refusal page), which finds the reason itself.
 */
export async function signUpWage(tx: Tx, p: { postingId: number; workerId: number }, today: string, now: number): Promise<number | null> {
  const [inserted] = (await txClient(tx).execute({ sql: SIGN_UP_WAGE_SQL, args: [p.workerId, null, null, now, p.postingId, today] })).rows;
  if (!inserted) return null;
  await tellOfSignUp(tx, p.postingId, p.workerId, inserted[1] as string, now);
  return Number(inserted[0]);
}

/** The notices of a sign-up just inserted, from the JSON array SIGN_UP_SQL hands back. */
async function tellOfSignUp(tx: Tx, postingId: number, workerId: number, facts: string, now: number): Promise<void> {
  const p = { postingId, workerId };
  const [title, startDate, countyCode, employerUserId, phone, hasPin] = JSON.parse(facts) as [string, string, string, number, string | null, number | null];
  const posting = { title, startDate, countyCode, employerUserId, phone, hasPin };
  const news: JobNews[] = [{ code: "newApplicant", userId: posting.employerUserId, title: posting.title, postingId: p.postingId }];
  // A worker without a PIN cannot look online: the text tells her what happens next and by when.
  if (posting.phone !== null && !Number(posting.hasPin)) {
    news.push({
      code: "signupReceived",
      userId: p.workerId,
      title: posting.title,
      startDate: posting.startDate,
      sms: { to: posting.phone, template: "signupReceived", countyCode: posting.countyCode, params: { job: posting.title, date: shortDate(posting.startDate) } },
    });
  }
  await tellFixed(tx, news, now);
}

/** signUp's read inside the transaction: the posting's rule fields, its employer's account, the worker's phone and PIN (as messages.repo.ts recipientColumns). */
export const SIGN_UP_POSTING_SQL =
  "SELECT p.status, p.start_date, p.end_date, p.headcount, p.filled_count, p.title, p.county_code, e.user_id, " +
  "(SELECT u.phone FROM users u WHERE u.id = ?), (SELECT u.pin_hash IS NOT NULL FROM users u WHERE u.id = ?) " +
  "FROM job_postings p INNER JOIN employers e ON e.id = p.employer_id WHERE p.id = ?";
/**
 * signUp's insert, with the rule of signUpRefusal for a worker not yet signed up in its WHERE (args: worker,
 * quote, note, now, posting, today): inserted only when the posting is open, not past its end date and not
 * full; nothing (no row back) when she signed up for it before (the unique index applications_once_idx).
 * Hands back the new id and, as one JSON array, what the notices need: the posting's title, start date and
 * county, its employer's account, the worker's phone and whether she has a PIN (as SIGN_UP_POSTING_SQL).
 */
export const SIGN_UP_SQL =
  "INSERT INTO applications (posting_id, worker_id, quote_fen, quote_note, created_at) " +
  "SELECT p.id, ?, ?, ?, ? FROM job_postings p WHERE p.id = ? AND p.status = 'open' AND p.end_date >= ? AND p.filled_count < p.headcount " +
  "ON CONFLICT (posting_id, worker_id) DO NOTHING RETURNING id, " +
  "(SELECT json_array(p.title, p.start_date, p.county_code, e.user_id, " +
  "(SELECT u.phone FROM users u WHERE u.id = applications.worker_id), (SELECT u.pin_hash IS NOT NULL FROM users u WHERE u.id = applications.worker_id)) " +
  "FROM job_postings p INNER JOIN employers e ON e.id = p.employer_id WHERE p.id = applications.posting_id)";

/** SIGN_UP_SQL for a posting that takes no quote only (pay mode 'wage'): the signed-in worker's first try (signUpWage). Same args. */
export const SIGN_UP_WAGE_SQL = SIGN_UP_SQL.replace(" AND p.filled_count < p.headcount ", " AND p.filled_count < p.headcount AND p.pay_mode = 'wage' ");
if (SIGN_UP_WAGE_SQL === SIGN_UP_SQL) throw new Error("SIGN_UP_WAGE_SQL: SIGN_UP_SQL's WHERE changed");

/** A sign-up with its posting, for the employer's decisions. */
export async function applicationWithPosting(tx: Queryable, applicationId: number) {
  return firstRow(
    tx
      .select({
        application: applications,
        posting: jobPostings,
        workerPhone: users.phone,
      })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.postingId))
      .innerJoin(users, eq(users.id, applications.workerId))
      .where(eq(applications.id, applicationId)),
  );
}

export type DecisionResult =
  | { ok: true; postingId: number; hireId?: number }
  | { ok: false; reason: "notFound" | "alreadyDecided" | "fullNow" | "postingNotOpen"; postingId?: number };

/**
 * 录用: in one transaction, a conditional increment of filled_count (so the
 * headcount can never be exceeded, however many confirms race), the sign-up
 * confirmed, the hire record, and the notices. Reaching the headcount fills
 * the posting and tells everyone still waiting.
 */
export async function confirmApplication(
  tx: Tx,
  applicationId: number,
  employerId: number,
  ctx: { today: string; now: number; place: (p: Posting) => string },
): Promise<DecisionResult> {
  const row = await applicationWithPosting(tx, applicationId);
  if (!row || row.posting.employerId !== employerId) return { ok: false, reason: "notFound" };
  const { application: a, posting: p } = row;
  if (!canDecide(a.status)) return { ok: false, reason: "alreadyDecided", postingId: p.id };
  const status = effectiveStatus(p, ctx.today);
  if (status === "filled") return { ok: false, reason: "fullNow", postingId: p.id };
  if (status !== "open") return { ok: false, reason: "postingNotOpen", postingId: p.id };
  const taken = await tx
    .update(jobPostings)
    .set({
      filledCount: sql`${jobPostings.filledCount} + 1`,
      status: sql`CASE WHEN ${jobPostings.filledCount} + 1 >= ${jobPostings.headcount} THEN 'filled' ELSE ${jobPostings.status} END`,
      updatedAt: ctx.now,
    })
    .where(and(eq(jobPostings.id, p.id), eq(jobPostings.status, "open"), sql`${jobPostings.filledCount} < ${jobPostings.headcount}`));
  if (taken.rowsAffected !== 1) return { ok: false, reason: "fullNow", postingId: p.id };
  await tx.update(applications).set({ status: "confirmed", decidedAt: ctx.now }).where(eq(applications.id, a.id));
  const terms = hireTerms(p, a.quoteFen);
  const hireId = await insertHire(tx, {
    applicationId: a.id,
    postingId: p.id,
    employerId: p.employerId,
    workerId: a.workerId,
    ...terms,
    startDate: p.startDate,
    endDate: p.endDate,
    place: ctx.place(p),
    duties: p.duties,
    // The agreement prints the terms as they were when both sides agreed.
    hours: p.hours,
    payTime: p.payTime,
    payMethod: p.payMethod,
    confirmedAt: ctx.now,
  });
  // The text carries all she needs without opening the site: what, when, where, whom to call.
  const hired = {
    to: row.workerPhone,
    template: "hired" as const,
    countyCode: p.countyCode,
    params: { job: p.title, date: shortDates(p.startDate, p.endDate), time: p.hours, place: ctx.place(p), phone: p.contactPhone },
  };
  await tell(tx, [{ code: "confirmed", userId: a.workerId, title: p.title, hireId, sms: hired }], ctx.now);
  if (p.filledCount + 1 >= p.headcount) await releaseWaiting(tx, p.id, p.title, ctx.now);
  return { ok: true, postingId: p.id, hireId };
}

/** 不录用: only a pending sign-up, only on the employer's own posting. */
export async function declineApplication(tx: Tx, applicationId: number, employerId: number, now: number): Promise<DecisionResult> {
  const row = await applicationWithPosting(tx, applicationId);
  if (!row || row.posting.employerId !== employerId) return { ok: false, reason: "notFound" };
  if (!canDecide(row.application.status)) return { ok: false, reason: "alreadyDecided", postingId: row.posting.id };
  await tx.update(applications).set({ status: "declined", decidedAt: now }).where(eq(applications.id, applicationId));
  await tell(tx, [{ code: "declined", userId: row.application.workerId, title: row.posting.title }], now);
  return { ok: true, postingId: row.posting.id };
}

/** The worker takes back a pending sign-up; the employer is told. */
export async function withdrawApplication(tx: Tx, applicationId: number, workerId: number, now: number): Promise<"ok" | "notFound" | "cantWithdraw"> {
  const row = (
    await tx
      .select({ status: applications.status, workerId: applications.workerId, title: jobPostings.title, postingId: jobPostings.id, employerUserId: employers.userId })
      .from(applications)
      .innerJoin(jobPostings, eq(jobPostings.id, applications.postingId))
      .innerJoin(employers, eq(employers.id, jobPostings.employerId))
      .where(eq(applications.id, applicationId))
  )[0];
  if (!row || row.workerId !== workerId) return "notFound";
  if (!canWithdraw(row.status)) return "cantWithdraw";
  await tx.update(applications).set({ status: "withdrawn", decidedAt: now }).where(eq(applications.id, applicationId));
  await tell(tx, [{ code: "withdrawn", userId: row.employerUserId, title: row.title, postingId: row.postingId }], now);
  return "ok";
}

// --- The station desk's mark (代办) ----------------------------------------------------

/** Which staff member and market acted for the person present: stored on the row the jobs feature wrote. */
export type Via = { viaStaffId: number; viaMarketId: number };
export const viaOnApplication = (db: Queryable, id: number, via: Via) => db.update(applications).set(via).where(eq(applications.id, id));
export const viaOnHire = (db: Queryable, id: number, via: Via) => db.update(hires).set(via).where(eq(hires.id, id));
export const viaOnPosting = (db: Queryable, id: number, via: Via) => db.update(jobPostings).set(via).where(eq(jobPostings.id, id));
