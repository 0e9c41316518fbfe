// The use cases of market supervision: staff record an inspection and mark it
// rectified, record an incident; admins add a roadside gathering point and
// count the people at it. Each takes the deps, the staff member who acts, the
// record in scope and what was typed, and answers with a result union; the
// routes turn the codes into words and pages (no HTTP in here). The finders
// below give the record only when it is in the actor's scope.
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { canSeeMarket, canSeeCounty } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { chinaDate } from "../../shared/clock.ts";
import { inspectionItems } from "../../../db/schema/constants.ts";
import { findCaseByNumber, parseCaseNumber, canSeeCase } from "../hotline/index.ts";
import { inspectionProblems, type InspectionProblem } from "./supervision.domain.ts";
import { InspectionForm, RectifiedForm, IncidentForm, PointForm, CountForm } from "./supervision.schema.ts";
import * as repo from "./supervision.repo.ts";

/** A form the schema refused: field messages (from the copy catalog), shown at 400. */
export type Invalid = { ok: false; code: "invalid"; errors: FormErrors };
/** A date after today (Beijing) where only the past is recorded: 422 at the date field. */
export type Future = { ok: false; code: "future" };

export type MarketBrief = NonNullable<Awaited<ReturnType<typeof repo.findMarketBrief>>>;
export type ScopedInspection = { i: NonNullable<Awaited<ReturnType<typeof repo.findInspection>>>; m: MarketBrief };
export type Point = NonNullable<Awaited<ReturnType<typeof repo.findPoint>>>;

const today = (deps: Deps) => chinaDate(deps.clock.now());

// --- Finders: the record, if the actor works for it --------------------------------

export async function marketInScope(deps: Deps, actor: CurrentUser, id: number | null): Promise<MarketBrief | null> {
  if (id === null) return null;
  const m = await repo.findMarketBrief(deps.database.db, id);
  return m && canSeeMarket(actor, m) ? m : null;
}

export async function inspectionInScope(deps: Deps, actor: CurrentUser, id: number | null): Promise<ScopedInspection | null> {
  if (id === null) return null;
  const i = await repo.findInspection(deps.database.db, id);
  const m = i && (await marketInScope(deps, actor, i.marketId));
  return i && m ? { i, m } : null;
}

export async function pointInScope(deps: Deps, actor: CurrentUser, id: number | null): Promise<Point | null> {
  if (id === null) return null;
  const p = await repo.findPoint(deps.database.db, id);
  return p && canSeeCounty(actor, p.countyCode) ? p : null;
}

// --- Inspections ----------------------------------------------------------------------

export type InspectionResult = { ok: true; id: number } | Invalid | { ok: false; code: "refused"; problems: Partial<Record<string, InspectionProblem>> };

/** Staff record a safety inspection of a market they work for (audited). */
export async function recordInspection(deps: Deps, actor: CurrentUser, m: MarketBrief, input: FormInput): Promise<InspectionResult> {
  const r = check(InspectionForm, input);
  if (!r.ok) return { ok: false, code: "invalid", errors: r.errors };
  const v = r.value;
  const items = Object.fromEntries(inspectionItems.map((k) => [k, { passed: v[`item_${k}`] === "pass", note: v[`note_${k}`] }])) as Parameters<typeof inspectionProblems>[0]["items"];
  const problems = inspectionProblems({ date: v.date, items, findings: v.findings, rectifyBy: v.rectifyBy ?? null }, today(deps));
  if (Object.keys(problems).length > 0) return { ok: false, code: "refused", problems };
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const id = await repo.insertInspection(
      tx,
      m.id,
      { date: v.date, inspectors: v.inspectors, findings: v.findings, rectifyBy: v.rectifyBy ?? null, items: inspectionItems.map((k) => ({ item: k, ...items[k] })) },
      actor.id,
      now,
    );
    await auditInsert(tx, actor, now, { action: "inspection.create", subjectType: "market", subjectId: m.id, detail: { inspection: id } });
    return id;
  });
  return { ok: true, id };
}

/** Staff mark an inspection's problems put right; recorded once (a second tap changes nothing: recorded false). */
export async function markRectified(deps: Deps, actor: CurrentUser, found: ScopedInspection, input: FormInput): Promise<{ ok: true; recorded: boolean } | Invalid> {
  const r = check(RectifiedForm, input);
  if (!r.ok) return { ok: false, code: "invalid", errors: r.errors };
  const now = deps.clock.now();
  const recorded = await deps.database.transaction(async (tx) => {
    if (!(await repo.markRectified(tx, found.i.id, r.value.note, now))) return false;
    await auditInsert(tx, actor, now, { action: "inspection.rectified", subjectType: "market", subjectId: found.m.id, detail: { inspection: found.i.id } });
    return true;
  });
  return { ok: true, recorded };
}

// --- Incidents ------------------------------------------------------------------------

/** caseUnknown: the hotline case number names no case this actor may see (the same answer as none at all). */
export type IncidentResult = { ok: true; id: number } | Invalid | Future | { ok: false; code: "caseUnknown" };

/** Staff record an incident at a market they work for, linked to a hotline case if one is named (audited). */
export async function recordIncident(deps: Deps, actor: CurrentUser, m: MarketBrief, input: FormInput): Promise<IncidentResult> {
  const r = check(IncidentForm, { ...input, police: Array.isArray(input.police) ? input.police[0] : input.police });
  if (!r.ok) return { ok: false, code: "invalid", errors: r.errors };
  const v = r.value;
  if (v.date > today(deps)) return { ok: false, code: "future" };
  let hotlineCaseId: number | null = null;
  if (v.caseNumber) {
    const number = parseCaseNumber(v.caseNumber);
    const found = number ? await findCaseByNumber(deps.database.db, number) : null;
    if (!found || !canSeeCase(actor, found)) return { ok: false, code: "caseUnknown" };
    hotlineCaseId = found.id;
  }
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const id = await repo.insertIncident(
      tx,
      m.id,
      { kind: v.kind, date: v.date, time: v.time, place: v.place, description: v.description, hotlineCaseId, policeReferred: v.police === "1" },
      actor.id,
      now,
    );
    await auditInsert(tx, actor, now, { action: "incident.create", subjectType: "market", subjectId: m.id, detail: { incident: id, kind: v.kind } });
    return id;
  });
  return { ok: true, id };
}

// --- Roadside gathering points ----------------------------------------------------------

/** badChoice: a county, township or market outside what the admin may pick (or unknown), by field. */
export type PointResult = { ok: true; id: number } | Invalid | { ok: false; code: "badChoice"; fields: ("countyCode" | "townshipCode" | "nearestMarketId")[] };

/** An admin adds a roadside gathering point (马路市场) in their county (audited). */
export async function addPoint(deps: Deps, actor: CurrentUser, input: FormInput): Promise<PointResult> {
  const r = check(PointForm, input);
  if (!r.ok) return { ok: false, code: "invalid", errors: r.errors };
  const v = r.value;
  const fields: ("countyCode" | "townshipCode" | "nearestMarketId")[] = [];
  if (!deps.regions.countyNames.has(v.countyCode) || !canSeeCounty(actor, v.countyCode)) fields.push("countyCode");
  else if (v.townshipCode && !deps.regions.townshipInCounty(v.townshipCode, v.countyCode)) fields.push("townshipCode");
  if (v.nearestMarketId && !(await marketInScope(deps, actor, v.nearestMarketId))) fields.push("nearestMarketId");
  if (fields.length) return { ok: false, code: "badChoice", fields };
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const id = await repo.insertPoint(tx, { countyCode: v.countyCode, townshipCode: v.townshipCode ?? null, place: v.place, usualHours: v.usualHours, nearestMarketId: v.nearestMarketId ?? null }, actor.id, now);
    await auditInsert(tx, actor, now, { action: "roadside.point_create", subjectType: "roadside_point", subjectId: id });
    return id;
  });
  return { ok: true, id };
}

/** An admin records how many people stood at a point on a day (a second count for the day replaces the first; audited). */
export async function recordCount(deps: Deps, actor: CurrentUser, p: Point, input: FormInput): Promise<{ ok: true } | Invalid | Future> {
  const r = check(CountForm, input);
  if (!r.ok) return { ok: false, code: "invalid", errors: r.errors };
  if (r.value.date > today(deps)) return { ok: false, code: "future" };
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    await repo.upsertCount(tx, p.id, r.value.date, r.value.people, actor.id, now);
    await auditInsert(tx, actor, now, { action: "roadside.count", subjectType: "roadside_point", subjectId: p.id, detail: { date: r.value.date } });
  });
  return { ok: true };
}
