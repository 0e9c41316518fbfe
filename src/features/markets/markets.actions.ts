// The use cases of market records and the 十个一 checklist: an admin creates or
// changes a market, a county admin saves a checklist. Each takes the deps, the
// admin who acts and what was typed, and answers with a result union; the
// routes turn refusal codes into words and pages (no HTTP in here).
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { auditInsert } from "../../shared/audit.ts";
import { checklistItems, marketFacilities } from "../../../db/schema/monitoring.ts";
import { copy } from "../../../views/copy/index.ts";
import { marketForm, ChecklistForm } from "./markets.schema.ts";
import { canManageMarket, marketProblems, missingEvidence, changedEntries, fullChecklist, type ChecklistEntry, type MarketProblem } from "./markets.domain.ts";
import type { ChecklistItem } from "../../../db/schema/monitoring.ts";
import * as repo from "./markets.repo.ts";

/** A form the schema refused: field messages (from the copy catalog), shown at 400. */
export type Invalid = { ok: false; code: "invalid"; errors: FormErrors };

export type MarketResult =
  | { ok: true; id: number }
  | Invalid
  /** The market named is not one this admin manages (or does not exist): a 404. */
  | { ok: false; code: "notFound" }
  /** A rule of the domain refused a field (tier above the admin, township outside the county…): 422. */
  | { ok: false; code: "refused"; problems: Partial<Record<"tier" | "countyCode" | "townshipCode", MarketProblem>> };

/** Checks the market form; the values to store, or why not. */
export function marketValues(
  deps: Deps,
  actor: CurrentUser,
  input: FormInput,
): { ok: true; values: repo.MarketValues } | Exclude<MarketResult, { ok: true } | { code: "notFound" }> {
  const kinds = deps.config.region.workKinds;
  const form = check(marketForm(kinds), input);
  if (!form.ok) return { ok: false, code: "invalid", errors: form.errors };
  const f = form.value;
  if (!deps.regions.countyNames.has(f.countyCode)) return { ok: false, code: "invalid", errors: { countyCode: copy.errors.invalidChoice(copy.markets.county) } };
  const problems = marketProblems(f, actor, deps.regions.townshipInCounty);
  if (Object.keys(problems).length > 0) return { ok: false, code: "refused", problems };
  return {
    ok: true,
    values: {
      name: f.name,
      tier: f.tier,
      nature: f.nature,
      countyCode: f.countyCode,
      townshipCode: f.townshipCode ?? null,
      address: f.address,
      hours: f.hours,
      phone: f.phone,
      supervisionPhone: f.supervisionPhone,
      personInCharge: f.personInCharge,
      // Stored in the order of the lists, so the directory reads the same way everywhere.
      kinds: JSON.stringify(kinds.filter((k) => f.kinds.includes(k))),
      facilities: JSON.stringify(marketFacilities.filter((x) => (f.facilities as string[]).includes(x))),
    },
  };
}

/** An admin records a new market (audited). */
export async function createMarket(deps: Deps, actor: CurrentUser, input: FormInput): Promise<MarketResult> {
  const r = marketValues(deps, actor, input);
  if (!r.ok) return r;
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const [row] = await repo.insertMarket(tx, r.values, now);
    await auditInsert(tx, actor, now, { action: "market.create", subjectType: "market", subjectId: row.id, detail: { county: r.values.countyCode, tier: r.values.tier } });
    return row.id;
  });
  return { ok: true, id };
}

/** The market, if this admin manages it. */
export async function managedMarket(deps: Deps, actor: CurrentUser, id: number | null): Promise<repo.Market | null> {
  if (id === null) return null;
  const m = await repo.findMarket(deps.database.db, id);
  return m && canManageMarket(actor, m.countyCode) ? m : null;
}

/** An admin changes a market they manage (audited). */
export async function updateMarket(deps: Deps, actor: CurrentUser, id: number | null, input: FormInput): Promise<MarketResult> {
  const m = await managedMarket(deps, actor, id);
  if (!m) return { ok: false, code: "notFound" };
  const r = marketValues(deps, actor, input);
  if (!r.ok) return r;
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([
      repo.updateMarket(db, m.id, r.values),
      auditInsert(db, actor, now, { action: "market.update", subjectType: "market", subjectId: m.id, detail: { county: r.values.countyCode, tier: r.values.tier } }),
    ]),
  );
  return { ok: true, id: m.id };
}

export type ChecklistResult =
  /** changed: false when the form matched what was stored (nothing written). */
  | { ok: true; changed: boolean }
  | Invalid
  /** Only the county's own admin edits its checklist (the city admin reads it): a 404. */
  | { ok: false; code: "notEditable" }
  /** Items ticked done without evidence, 400 with a message at each. */
  | { ok: false; code: "missingEvidence"; items: ChecklistItem[] };

/** Whether this admin may change the checklist of this county. */
export const mayEditChecklist = (actor: CurrentUser, county: string) => actor.role === "county_admin" && actor.scopeCounty === county;

/**
 * A county admin saves the 十个一 checklist of the county (marketId 0) or of one
 * of its markets; only the items that changed are written and audited.
 */
export async function saveChecklist(deps: Deps, actor: CurrentUser, where: { county: string; marketId: number }, input: FormInput): Promise<ChecklistResult> {
  if (!mayEditChecklist(actor, where.county)) return { ok: false, code: "notEditable" };
  const form = check(ChecklistForm, input);
  if (!form.ok) return { ok: false, code: "invalid", errors: form.errors };
  const entries: ChecklistEntry[] = checklistItems.map((item) => ({
    item,
    done: form.value[`done_${item}`] === "1",
    evidence: form.value[`evidence_${item}`] ?? "",
  }));
  const missing = missingEvidence(entries);
  if (missing.length > 0) return { ok: false, code: "missingEvidence", items: missing };
  const { county, marketId } = where;
  const now = deps.clock.now();
  const changed = await deps.database.transaction(async (tx) => {
    const changed = changedEntries(fullChecklist(await repo.checklistOf(tx, county, marketId)), entries);
    if (changed.length === 0) return false;
    await repo.upsertChecklist(tx, county, marketId, changed, actor.id, now);
    await auditInsert(tx, actor, now, {
      action: "checklist.update",
      subjectType: marketId === 0 ? "county" : "market",
      subjectId: marketId === 0 ? Number(county) : marketId,
      detail: { county, items: changed.map((e) => ({ item: e.item, done: e.done })) },
    });
    return true;
  });
  return { ok: true, changed };
}
