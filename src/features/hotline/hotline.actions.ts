// What can be done with the hotline, as use cases: a visitor reports online
// and checks the progress of a case; staff take in a call or visit, move a
// case through its steps, note, assign, reveal the caller's phone, record the
// answers of the call list, and export. Deps, the actor and the input in; a
// result union with a code out (copy.hotline turns codes into words, in
// hotline.render.tsx); no HTTP here. The route has checked who may, and that
// the case is in the staff member's scope.
import type { Deps, CurrentUser } from "../../shared/context.ts";
import { auditInsert } from "../../shared/audit.ts";
import { chinaDate } from "../../shared/clock.ts";
import { isStaff } from "../../shared/authz.ts";
import { notifyStatements, textStatements } from "../messages/index.ts";
import { recordPaidAnswer } from "../hires/index.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import type { CaseStatus } from "../../../db/schema/hotline.ts";
import { canAssignTo, transition, isLocked, lastFourMatches, dueDateFor, hotlineThrottleRules as rules, type CaseAction, type Refusal } from "./hotline.domain.ts";
import type { IntakeValue } from "./hotline.schema.ts";
import { hotlineSettings } from "./hotline.settings.ts";
import { openCaseForHire } from "./hotline.hooks.ts";
import * as repo from "./hotline.repo.ts";

const t = copy.hotline;

// --- What an intake concerns ---------------------------------------------------

export interface Concern {
  employerId: number | null;
  postingId: number | null;
  hireId: number | null;
  marketId: number | null;
  countyCode: string;
}

/** Why a chosen record was not taken, by field: not found (or not the caller's to name), a county not in the region file, no county at all. */
export type ConcernCode = "notFound" | "invalidCounty" | "countyRequired";
export type ConcernProblems = Partial<Record<"hireId" | "postingId" | "employerId" | "marketId" | "countyCode", ConcernCode>>;

/**
 * Checks the chosen employer, posting, hire and market (the public may pick
 * verified employers, published postings and their own hires; staff anything
 * in their county) and works out the county the case belongs to.
 */
export async function resolveConcern(deps: Deps, user: CurrentUser | null, staff: boolean, f: IntakeValue): Promise<{ ok: true; value: Concern } | { ok: false; problems: ConcernProblems }> {
  const db = deps.database.db;
  const scope = staff && user ? repo.scopeCountyOf(user) : null;
  const inScope = (county: string) => !staff || scope === null || county === scope;
  const problems: ConcernProblems = {};
  let { employerId = null, postingId = null, hireId = null, marketId = null } = f;
  let county: string | null = null;
  // The posting and employer of a hire the caller may name come with it: a staff
  // member's hire (by its station) may be for a job in another county.
  let fromHire = false;
  if (hireId !== null) {
    const hire = await repo.findHire(db, hireId);
    const ok = !!hire && (staff ? await repo.hireInScope(db, user!, hireId) : !!user && hire.workerId === user.id);
    if (!ok || !hire) problems.hireId = "notFound";
    else {
      employerId = hire.employerId;
      postingId = hire.postingId;
      marketId ??= hire.marketId;
      county = hire.countyCode;
      fromHire = true;
    }
  }
  if (postingId !== null && !problems.hireId) {
    const p = await repo.findPosting(db, postingId);
    const ok = !!p && (fromHire || (staff ? inScope(p.countyCode) : p.publishedAt !== null && p.status !== "removed"));
    if (!ok || !p) problems.postingId = "notFound";
    else {
      employerId = p.employerId;
      county ??= p.countyCode;
    }
  }
  if (employerId !== null && !problems.hireId && !problems.postingId) {
    const e = await repo.findEmployer(db, employerId);
    const ok = !!e && (fromHire || (staff ? inScope(e.countyCode) : e.status === "verified"));
    if (!ok || !e) problems.employerId = "notFound";
    else county ??= e.countyCode;
  }
  if (marketId !== null) {
    const m = await repo.findMarket(db, marketId);
    if (!m || !inScope(m.countyCode)) problems.marketId = "notFound";
    // The market's staff handle the case, so its county is the case's.
    else county = m.countyCode;
  }
  if (f.countyCode && !deps.regions.countyNames.has(f.countyCode)) problems.countyCode = "invalidCounty";
  county ??= (f.countyCode && inScope(f.countyCode) ? f.countyCode : null) ?? (staff ? scope : null);
  if (!county && !problems.countyCode) problems.countyCode = "countyRequired";
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { employerId, postingId, hireId, marketId, countyCode: county! } };
}

// --- Anyone --------------------------------------------------------------------------

/**
 * An online report (网上). `reportKey` is the throttle key of the device
 * (its address): too many reports from it are refused ("locked"). A signed-in
 * worker or employer who gives their name hears the number in the inbox and
 * by text.
 */
export async function fileReport(
  deps: Deps,
  user: CurrentUser | null,
  f: IntakeValue,
  reportKey: string,
): Promise<{ ok: true; id: number; number: string; anonymous: boolean } | { ok: false; code: "locked" } | { ok: false; code: "concern"; problems: ConcernProblems }> {
  const now = deps.clock.now();
  if (isLocked((await repo.throttleRows(deps.database.db, [reportKey])).get(reportKey), now)) return { ok: false, code: "locked" };
  const concern = await resolveConcern(deps, user, false, f);
  if (!concern.ok) return { ok: false, code: "concern", problems: concern.problems };
  const anonymous = f.anonymous.includes("1");
  const callerUserId = user && !isStaff(user) ? user.id : null;
  const made = await deps.database.transaction(async (tx) => {
    const created = await repo.insertCase(
      tx,
      {
        channel: "online",
        callerName: anonymous ? null : f.callerName ?? null,
        callerPhone: anonymous ? null : f.callerPhone ?? null,
        callerUserId: anonymous ? null : callerUserId,
        category: f.category,
        urgency: f.urgency,
        amountOwedFen: f.amount ?? null,
        description: f.description,
        createdBy: null,
        ...concern.value,
      },
      now,
      hotlineSettings(deps),
    );
    await repo.countTries(tx, [[reportKey, rules.report]], now);
    if (callerUserId && !anonymous) {
      const phone = await repo.caseTextPhone(tx, { callerPhone: null, callerUserId, createdBy: null });
      const sms = phone ? { to: phone, template: "caseOpened" as const, countyCode: concern.value.countyCode, params: { case: created.number, hotline: deps.config.hotline } } : null;
      for (const s of notifyStatements(tx, [{ userId: callerUserId, body: t.reportedNotice(created.number), link: paths.hotline.status, sms }], now)) await s;
    }
    return created;
  });
  return { ok: true, ...made, anonymous };
}

/**
 * A case's progress for whoever knows its number and the last 4 digits of the
 * caller's phone. `bucket` is the visitor's address bucket: tries are counted
 * per (case, address) and per address, so a stranger guessing holds only
 * herself back. An unknown number and a wrong phone get the same answer
 * ("notFound") and the same count.
 */
export async function lookUpStatus(deps: Deps, q: { number: string; lastFour: string }, bucket: string) {
  const keys = [`case:${q.number}@${bucket}`, "lookup-ip:" + bucket];
  const now = deps.clock.now();
  const locks = await repo.throttleRows(deps.database.db, keys);
  if (keys.some((k) => isLocked(locks.get(k), now))) return { ok: false as const, code: "locked" as const };
  const found = await repo.findCaseByNumber(deps.database.db, q.number);
  if (!found || !lastFourMatches(found.callerPhone, q.lastFour)) {
    await deps.database.transaction((tx) => repo.countTries(tx, [[keys[0], rules.caseLookup], [keys[1], rules.ipLookup]], now));
    return { ok: false as const, code: "notFound" as const };
  }
  const replies = await repo.timeline(deps.database.db, found.id, true);
  return { ok: true as const, found: { ...found, replies } };
}

/** At most this many cases on the page of a proven phone (the page stays light on a basic phone). */
export const MINE_LIMIT = 20;

/**
 * The progress of every case filed under a phone, for the caller who has just
 * proved that phone by SMS code (only then: the route reads the phone from a
 * proven step, never from a form). The same facts the case-number check shows
 * — number, kind, day, status and the public replies — newest first.
 */
export async function casesOfPhone(deps: Deps, phone: string) {
  const db = deps.database.db;
  const { rows, total } = await repo.casesByPhone(db, phone, MINE_LIMIT);
  const replies = await repo.publicReplies(db, rows.map((r) => r.id));
  const cases = rows.map(({ id, ...c }) => ({ ...c, replies: replies.filter((e) => e.caseId === id).map(({ caseId: _, ...e }) => e) }));
  return { cases, more: total - rows.length };
}

// --- Staff: intake and the workflow ---------------------------------------------

/** A call or a visit taken in by staff (on behalf of the caller, who may stay anonymous). */
export async function fileCase(deps: Deps, staff: CurrentUser, f: IntakeValue): Promise<{ ok: true; id: number; number: string } | { ok: false; code: "concern"; problems: ConcernProblems }> {
  const concern = await resolveConcern(deps, staff, true, f);
  if (!concern.ok) return { ok: false, code: "concern", problems: concern.problems };
  const anonymous = f.anonymous.includes("1");
  const now = deps.clock.now();
  const made = await deps.database.transaction(async (tx) => {
    const created = await repo.insertCase(
      tx,
      {
        channel: f.channel ?? "phone",
        callerName: anonymous ? null : f.callerName ?? null,
        callerPhone: anonymous ? null : f.callerPhone ?? null,
        callerUserId: null,
        category: f.category,
        urgency: f.urgency,
        amountOwedFen: f.amount ?? null,
        description: f.description,
        createdBy: staff.id,
        ...concern.value,
      },
      now,
      hotlineSettings(deps),
    );
    await auditInsert(tx, staff, now, { action: "hotline.intake", subjectType: "hotline_case", subjectId: created.id });
    return created;
  });
  return { ok: true, ...made };
}

/** A note on the timeline (public: the caller sees it on the status page); the status does not change. */
export async function addNote(deps: Deps, staff: CurrentUser, row: repo.CaseRow, note: { text: string; public: boolean }) {
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([
      repo.insertEvent(db, row.id, staff.id, now, { kind: "note", note: note.text, public: note.public, status: row.status }),
      auditInsert(db, staff, now, { action: "hotline.note", subjectType: "hotline_case", subjectId: row.id }),
    ]),
  );
  return { ok: true as const };
}

const checked = (x: unknown) => Array.isArray(x) && x.includes("1");

/** What each step writes on the case, beside its status (`v`: the step's form value). */
export function stepChanges(action: CaseAction, v: Record<string, unknown>, row: Pick<repo.CaseRow, "category">, deps: Deps, now: number) {
  switch (action) {
    case "transfer":
      return { set: { agency: v.agency as repo.CaseRow["agency"] }, note: v.transferNote as string, public: checked(v.transferPublic), detail: { agency: v.agency } };
    case "start":
      return { set: {}, note: (v.startNote as string) ?? "", public: checked(v.startPublic) };
    case "close":
      return {
        set: { outcome: v.outcome as repo.CaseRow["outcome"], recoveredFen: (v.recovered as number | undefined) ?? null, closedAt: now },
        note: v.closeNote as string,
        public: checked(v.closePublic),
        detail: { outcome: v.outcome, recoveredFen: v.recovered ?? null },
      };
    case "callback":
      return { set: { satisfaction: v.satisfaction as repo.CaseRow["satisfaction"] }, note: (v.callbackNote as string) ?? "", public: checked(v.callbackPublic), detail: { satisfaction: v.satisfaction } };
    case "reopen": {
      // A reopened case gets a fresh deadline from today.
      const dueDate = dueDateFor(chinaDate(now), row.category, hotlineSettings(deps).deadlines);
      return { set: { outcome: null, recoveredFen: null, satisfaction: null, closedAt: null, dueDate }, note: v.reopenNote as string, public: checked(v.reopenPublic), detail: { dueDate } };
    }
  }
}

export type StepRefused = { ok: false; code: Refusal; caseStatus: CaseStatus; next: CaseAction[]; row: repo.CaseRow; conflict: boolean };

/** May this step be taken from the case's status now? Asked before the step's form is read, so a refused step says why. */
export function stepRefusal(row: repo.CaseRow, action: CaseAction): StepRefused | null {
  const move = transition(row.status, action);
  return move.ok ? null : { ok: false, code: move.why, caseStatus: row.status, next: move.next, row, conflict: false };
}

/**
 * Moves a case one step (transfer, start, close, callback, reopen). Refused
 * when the workflow does not allow it from the case's status, checked first
 * and again inside the write (`conflict`: another tab moved it on). The caller
 * hears of each change of status by text, with the case number to quote.
 */
export async function takeStep(deps: Deps, staff: CurrentUser, row: repo.CaseRow, action: CaseAction, value: Record<string, unknown>): Promise<{ ok: true; texted: boolean } | StepRefused> {
  const refused = stepRefusal(row, action);
  if (refused) return refused;
  const now = deps.clock.now();
  const change = stepChanges(action, value, row, deps, now);
  return deps.database.transaction(async (tx): Promise<{ ok: true; texted: boolean } | StepRefused> => {
    const fresh = (await repo.findCase(tx, row.id))!;
    const again = transition(fresh.status, action);
    if (!again.ok) return { ok: false, code: again.why, caseStatus: fresh.status, next: again.next, row: fresh, conflict: true };
    await repo.updateCaseIf(tx, row.id, fresh.status, { ...change.set, status: again.to, updatedAt: now });
    await repo.insertEvent(tx, row.id, staff.id, now, { kind: action, note: change.note, public: change.public, status: again.to, detail: change.detail });
    await auditInsert(tx, staff, now, { action: `hotline.${action}`, subjectType: "hotline_case", subjectId: row.id });
    const phone = again.to !== fresh.status ? await repo.caseTextPhone(tx, fresh) : null;
    if (phone) {
      const params = { case: fresh.number, status: t.statuses[again.to], hotline: deps.config.hotline };
      for (const s of textStatements(tx, [{ to: phone, template: "caseStatus", params, userId: fresh.callerUserId, countyCode: fresh.countyCode }], now)) await s;
    }
    return { ok: true, texted: !!phone };
  });
}

/** Hands the case to a staff member of its county who is on duty; they are told in the inbox. */
export async function assign(deps: Deps, staff: CurrentUser, row: repo.CaseRow, assigneeId: number): Promise<{ ok: true; name: string } | { ok: false; code: "assigneeInvalid" }> {
  const target = await repo.findStaffForAssign(deps.database.db, assigneeId);
  if (!target || !canAssignTo(staff, row.countyCode, { ...target, disabled: target.disabledAt !== null })) return { ok: false, code: "assigneeInvalid" };
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([
      repo.assignCase(db, row.id, target.id, now),
      repo.insertEvent(db, row.id, staff.id, now, { kind: "assign", note: target.name, public: false, status: row.status, detail: { assignee: target.id } }),
      auditInsert(db, staff, now, { action: "hotline.assign", subjectType: "hotline_case", subjectId: row.id, detail: { assignee: target.id } }),
      ...notifyStatements(db, [{ userId: target.id, body: t.assignedNotice(row.number), link: paths.hotline.case(row.id) }], now),
    ]),
  );
  return { ok: true, name: target.name };
}

/** Showing the caller's whole phone number is an audit entry. */
export async function revealPhone(deps: Deps, staff: CurrentUser, row: repo.CaseRow) {
  await deps.database.write((db) => auditInsert(db, staff, deps.clock.now(), { action: "hotline.reveal_phone", subjectType: "hotline_case", subjectId: row.id }));
  return { ok: true as const };
}

// --- Staff: the call list, export -----------------------------------------------

/**
 * The answer a worker without a phone gave staff on the phone: "paid", or
 * "not_paid", which opens the wage case (the answer, its audit entry and the
 * case land together). Refused when the hire is not on this staff member's
 * list ("notInScope") or was answered before ("answeredAlready").
 */
export async function answerCall(
  deps: Deps,
  staff: CurrentUser,
  hireId: number,
  answer: "paid" | "not_paid",
): Promise<{ ok: true; answer: "paid" | "not_paid"; number: string } | { ok: false; code: "notInScope" | "answeredAlready" }> {
  if (!(await repo.hireInScope(deps.database.db, staff, hireId))) return { ok: false, code: "notInScope" };
  const hire = (await repo.findHire(deps.database.db, hireId))!;
  const now = deps.clock.now();
  const result = await deps.database.transaction(async (tx) => {
    if (!(await recordPaidAnswer(tx, hireId, answer, now))) return null;
    await auditInsert(tx, staff, now, { action: "hotline.call_answer", subjectType: "hire", subjectId: hireId, onBehalfOf: hire.workerId, detail: { answer } });
    return answer === "not_paid" ? await openCaseForHire(tx, deps, hireId, { channel: "phone", staffId: staff.id }) : { number: "" };
  });
  if (!result) return { ok: false, code: "answeredAlready" };
  // Tell the other listeners too; ours finds the case it just opened and does nothing.
  if (answer === "not_paid") for (const h of deps.hooks.hireNotPaid) await h(deps, hireId);
  return { ok: true, answer, number: result.number };
}

/** The cases in scope taken in from..to, for the CSV; the export is an audit entry. */
export async function exportCases(deps: Deps, staff: CurrentUser, from: string, to: string) {
  const rows = await repo.exportRows(deps.database.db, staff, from, to);
  await deps.database.write((db) => auditInsert(db, staff, deps.clock.now(), { action: "hotline.export", detail: { from, to, rows: rows.length } }));
  return rows;
}
