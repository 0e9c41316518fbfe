// What the monitoring pages read and show, apart from HTTP: the markets and the
// scopes a viewer may pick, the period query checked with its defaults, the
// owners' names, the county statistics file's rows, the ledger's CSV cells and
// the import refusals' words. Plain functions of deps and values, testable alone.
import { sql } from "drizzle-orm";
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { ensure } from "../../shared/authz.ts";
import { chinaDateTime } from "../../shared/clock.ts";
import { maskPhone } from "../../shared/validators.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import {
  defaultPeriod, defaultScope, mayView, parseScope, periodProblem, scopeParam, zeroCounts, addCounts, ONLINE,
  type Period, type Scope, type Grain, type LedgerKind, type Counts, type StatsProblem,
} from "./monitoring.domain.ts";
import { PeriodQuery, LedgerQuery } from "./monitoring.schema.ts";
import * as repo from "./monitoring.repo.ts";
import type { ResolvedScope } from "./monitoring.figures.ts";

const t = copy.monitoring;

export interface MarketInfo {
  id: number;
  name: string;
  countyCode: string;
  tier: string;
}

export async function allMarkets(deps: Deps): Promise<MarketInfo[]> {
  return deps.database.db.all<MarketInfo>(sql`SELECT id, name, county_code AS countyCode, tier FROM markets ORDER BY county_code, id`);
}

/** The scope named in the query (or the viewer's own), checked against what the viewer may see: else 404. */
export async function resolveScope(deps: Deps, user: CurrentUser, scope: Scope, markets: MarketInfo[]): Promise<ResolvedScope> {
  if (scope.kind === "city") {
    ensure(mayView(user, scope));
    return { scope, filter: { kind: "city" }, county: null };
  }
  if (scope.kind === "county") {
    ensure(deps.regions.countyNames.has(scope.county) && mayView(user, scope));
    return { scope, filter: { kind: "county", county: scope.county }, county: scope.county };
  }
  const market = markets.find((m) => m.id === scope.marketId);
  ensure(!!market && mayView(user, scope, market.countyCode));
  const online = (await repo.onlineOwnerId(deps.database.db)) === market.id;
  return { scope, filter: { kind: "market", marketId: market.id, online }, county: market.countyCode };
}

/** The scopes a viewer may pick, for the select. */
export function scopeOptions(deps: Deps, user: CurrentUser, markets: MarketInfo[]): [string, string][] {
  const { regions } = deps;
  const out: [string, string][] = [];
  if (user.role === "city_admin") out.push(["city", t.scopeCity]);
  for (const [code, name] of regions.countyOptions()) {
    if (mayView(user, { kind: "county", county: code })) out.push([`c${code}`, t.scopeCounty(name)]);
  }
  for (const m of markets) {
    if (mayView(user, { kind: "market", marketId: m.id }, m.countyCode)) out.push([`m${m.id}`, t.scopeMarket(regions.countyName(m.countyCode), m.name)]);
  }
  return out;
}

export type Parsed = { ok: true; scope: Scope; period: Period; grain: Grain; values: FormInput } | { ok: false; errors: FormErrors; values: FormInput };

/** Reads scope, period and grain from the query, with the defaults filled in. */
export function readPeriodQuery(input: FormInput, today: string, user: CurrentUser, schema: typeof PeriodQuery | typeof LedgerQuery = PeriodQuery): Parsed {
  const fallback = defaultPeriod(today);
  const own = defaultScope(user);
  const values: FormInput = {
    ...input,
    scope: input.scope ?? (own ? scopeParam(own) : undefined),
    from: input.from ?? fallback.from,
    to: input.to ?? today,
    by: input.by ?? "day",
  };
  const form = check(schema, values);
  if (!form.ok) return { ok: false, errors: form.errors, values };
  const scope = parseScope(form.value.scope);
  if (!scope) return { ok: false, errors: { scope: t.badScope }, values };
  const period = { from: form.value.from!, to: form.value.to! };
  const problem = periodProblem(period);
  if (problem === "order") return { ok: false, errors: { to: t.periodOrder }, values };
  if (problem === "tooLong") return { ok: false, errors: { from: t.periodTooLong }, values };
  return { ok: true, scope, period, grain: form.value.by ?? "day", values };
}

export const query = (q: Record<string, string>) => "?" + new URLSearchParams(q).toString();

/** The name of each owner of figures: an imported county's market, the online market, or a market (with its county, city-wide). */
export function ownerNames(deps: Deps, owners: { key: string; county: string | null; marketId: number | null; importedName: string | null }[], markets: MarketInfo[], inCity: boolean): string[] {
  const { regions } = deps;
  const names = new Map(markets.map((m) => [m.id, m.name]));
  return owners.map((o) =>
    o.importedName !== null
      ? t.importedOwner(regions.countyName(o.county), o.importedName)
      : o.key === ONLINE
        ? t.onlineOwner
        : inCity
          ? t.scopeMarket(regions.countyName(o.county), names.get(o.marketId!) ?? "")
          : names.get(o.marketId!) ?? "",
  );
}

/** A county's per-owner, per-day counts, as the statistics file lists them. */
export function statsMarkets(rows: { owner: string; day: string; counts: Counts }[], markets: MarketInfo[]) {
  const byKey = new Map<string, { key: string; name: string; tier: string; days: Map<string, Counts> }>();
  for (const r of rows) {
    const m = r.owner === ONLINE ? null : markets.find((x) => x.id === Number(r.owner));
    const entry =
      byKey.get(r.owner) ??
      (byKey.set(r.owner, { key: r.owner, name: m?.name ?? t.onlineOwner, tier: m?.tier ?? ONLINE, days: new Map() }), byKey.get(r.owner)!);
    entry.days.set(r.day, addCounts(entry.days.get(r.day) ?? zeroCounts(), r.counts));
  }
  return [...byKey.values()];
}

export const refusalStatus = (p: StatsProblem): 400 | 422 => (p.kind === "wrongCity" || p.kind === "unknownCounty" ? 422 : 400);

export function problemMessage(p: StatsProblem): string {
  switch (p.kind) {
    case "wrongCity":
      return t.import.wrongCity(p.city);
    case "unknownCounty":
      return t.import.unknownCounty(p.county);
    case "dates":
    case "negative":
    case "malformed":
      return t.import[p.kind];
  }
}

/** Ledger rows as CSV cells: dates in China time, phones masked, codes as words. */
export function ledgerLines(deps: Deps, kind: LedgerKind, rows: repo.LedgerRow[]): (string | number | null)[][] {
  const L = t.ledger;
  const s = (x: unknown) => (x === null || x === undefined ? "" : String(x));
  const phone = (x: unknown) => (x ? maskPhone(String(x)) : "");
  const when = (x: unknown) => (typeof x === "number" ? chinaDateTime(x) : "");
  const wage = (r: repo.LedgerRow) =>
    r.payMode === "quote" && r.wageFen === null ? L.quote : r.wageFen === null ? "" : L.wage(formatYuan(Number(r.wageFen)), L.units[s(r.wageUnit)] ?? s(r.wageUnit));
  const market = (x: unknown) => (x ? String(x) : L.online);
  switch (kind) {
    case "checkins":
      return rows.map((r) => [s(r.day), when(r.at).slice(11), s(r.market), s(r.worker), phone(r.phone), s(r.kinds)]);
    case "postings":
      return rows.map((r) => [
        r.id, when(r.at), s(r.title), s(r.kind), r.headcount, r.filled, wage(r), s(r.startDate), s(r.endDate),
        deps.regions.countyName(s(r.county)), deps.regions.townshipName(s(r.township)), s(r.employer), s(r.contact), phone(r.phone),
        L.postingStatuses[s(r.status)] ?? s(r.status), market(r.market),
      ]);
    case "signups":
      return rows.map((r) => [r.id, when(r.at), r.postingId, s(r.title), s(r.kind), s(r.worker), phone(r.phone), L.applicationStatuses[s(r.status)] ?? s(r.status), market(r.market)]);
    case "hires":
      return rows.map((r) => [
        r.id, when(r.at), s(r.title), s(r.kind), s(r.employer), s(r.worker), phone(r.phone), wage(r), s(r.startDate), s(r.endDate),
        L.hireStatuses[s(r.status)] ?? s(r.status), r.paid ? L.paid[s(r.paid)] ?? s(r.paid) : "", market(r.market),
      ]);
  }
}

