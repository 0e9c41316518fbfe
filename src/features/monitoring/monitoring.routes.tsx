/** @jsxImportSource hono/jsx */
// Monitoring: the figures page for staff and admins, the ledger (台账) CSV,
// and the county statistics file that a self-hosted county exports and the
// city's instance imports.
import { perApp } from "../../shared/memo.ts";
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { AppEnv, Ctx, CurrentUser, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, requireAdmin, requireRole, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { Refused } from "../../shared/errors.ts";
import { chinaDate, chinaDateTime } from "../../shared/clock.ts";
import { maskPhone } from "../../shared/validators.ts";
import { csvResponse } from "../../shared/csv.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { MonitoringPage, type MonitoringView } from "../../../views/monitoring/monitoring.tsx";
import { StatsImportPage } from "../../../views/monitoring/import.tsx";
import {
  defaultPeriod, defaultScope, mayView, parseScope, periodProblem, scopeParam, dayCount, effectiveGrain, ledgerKinds,
  buildStatsFile, parseStatsFile, rowsOf, importChanges, zeroCounts, addCounts, MAX_EXPORT_DAYS, ONLINE,
  type Period, type Scope, type Grain, type LedgerKind, type Counts, type StatsProblem,
} from "./monitoring.domain.ts";
import { PeriodQuery, LedgerQuery, StatsExportQuery } from "./monitoring.schema.ts";
import * as repo from "./monitoring.repo.ts";
import { buildReport, reportCache, type ResolvedScope } from "./monitoring.figures.ts";
import { priorityCondition } from "./monitoring.priority.ts";

import { countsSince, roadsideTrend } from "../supervision/index.ts";
const t = copy.monitoring;

/** One report cache per app (MONITORING_CACHE_SECONDS). */
const reports = perApp((deps: Deps) => reportCache({ ttlMs: deps.config.monitoringCacheSeconds * 1000, generation: () => deps.database.generation }));

interface MarketInfo {
  id: number;
  name: string;
  countyCode: string;
  tier: string;
}

async function allMarkets(deps: Deps): Promise<MarketInfo[]> {
  return deps.database.db.all<MarketInfo>(sql`SELECT id, name, county_code AS countyCode, tier FROM markets ORDER BY county_code, id`);
}

/** The scope named in the query (or the viewer's own), checked against what the viewer may see: else 404. */
async function resolveScope(deps: Deps, user: CurrentUser, scope: Scope, markets: MarketInfo[]): Promise<ResolvedScope> {
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
function scopeOptions(deps: Deps, user: CurrentUser, markets: MarketInfo[]): [string, string][] {
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

type Parsed = { ok: true; scope: Scope; period: Period; grain: Grain; values: FormInput } | { ok: false; errors: FormErrors; values: FormInput };

/** Reads scope, period and grain from the query, with the defaults filled in. */
function readPeriodQuery(c: Ctx, user: CurrentUser, schema: typeof PeriodQuery | typeof LedgerQuery = PeriodQuery): Parsed {
  const today = chinaDate(c.var.deps.clock.now());
  const input = readQuery(c);
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

const query = (q: Record<string, string>) => "?" + new URLSearchParams(q).toString();

export function monitoringRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.monitoring.home, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const { regions } = deps;
    const markets = await allMarkets(deps);
    const scopes = scopeOptions(deps, user, markets);
    const parsed = readPeriodQuery(c, user);
    if (!parsed.ok) {
      c.status(400);
      return c.render(<MonitoringPage values={parsed.values} errors={parsed.errors} scopes={scopes} view={null} />, { title: t.title });
    }
    const resolved = await resolveScope(deps, user, parsed.scope, markets);
    const report = await reports(deps)(
      { scope: resolved.filter, period: parsed.period, grain: parsed.grain },
      () => buildReport(deps.database.db, resolved, parsed.period, parsed.grain, priorityCondition(deps)),
      deps.clock.now(),
    );
    const names = new Map(markets.map((m) => [m.id, m.name]));
    const inCity = resolved.filter.kind === "city";
    const ownerNames = report.owners.map((o) =>
      o.importedName !== null
        ? t.importedOwner(regions.countyName(o.county), o.importedName)
        : o.key === ONLINE
          ? t.onlineOwner
          : inCity
            ? t.scopeMarket(regions.countyName(o.county), names.get(o.marketId!) ?? "")
            : names.get(o.marketId!) ?? "",
    );
    const base = { scope: scopeParam(parsed.scope), from: parsed.period.from, to: parsed.period.to };
    const view: MonitoringView = {
      report,
      recountMinutes: Math.ceil(deps.config.monitoringCacheSeconds / 60),
      ownerNames,
      showOwners: resolved.filter.kind !== "market",
      weekNotice: parsed.grain === "day" && effectiveGrain("day", parsed.period) === "week",
      importedCounties: report.importedCounties.map((code) => regions.countyName(code)).join("、"),
      ledgerLinks: ledgerKinds.map((kind) => [kind, paths.monitoring.ledger + query({ kind, ...base })]),
      statsExportHref:
        resolved.filter.kind === "county" && user.role !== "staff"
          ? paths.monitoring.statsExport + query({ county: resolved.filter.county, from: base.from, to: base.to })
          : null,
      importHref: user.role === "city_admin" ? paths.monitoring.statsImport : null,
      roadside:
        resolved.filter.kind === "market"
          ? null
          : {
              rows: roadsideTrend(
                (await countsSince(deps.database.db, resolved.filter.kind === "county" ? resolved.filter.county : null, parsed.period.from)).filter((x) => x.date <= parsed.period.to),
              ),
              countyName: (code) => regions.countyName(code),
            },
    };
    return c.render(<MonitoringPage values={parsed.values} scopes={scopes} view={view} />, { title: t.title });
  });

  app.get(paths.monitoring.ledger, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const parsed = readPeriodQuery(c, user, LedgerQuery);
    if (!parsed.ok) throw new Refused(Object.values(parsed.errors)[0], 400);
    const kind = parsed.values.kind as LedgerKind;
    const resolved = await resolveScope(deps, user, parsed.scope, await allMarkets(deps));
    const rows = await repo.ledgerRows(deps.database.db, kind, parsed.period, resolved.filter);
    const capped = rows.length > repo.LEDGER_MAX_ROWS;
    const lines = ledgerLines(deps, kind, rows.slice(0, repo.LEDGER_MAX_ROWS));
    if (capped) lines.push([t.ledger.tooMany(repo.LEDGER_MAX_ROWS)]);
    const now = deps.clock.now();
    // Names and (masked) phones leave the system in this file: say who took it.
    await deps.database.write((db) =>
      auditInsert(db, user, now, {
        action: "monitoring.ledger",
        detail: { kind, scope: scopeParam(parsed.scope), from: parsed.period.from, to: parsed.period.to, rows: Math.min(rows.length, repo.LEDGER_MAX_ROWS) },
      }),
    );
    return csvResponse(c, t.ledger.filename(kind, parsed.period.from, parsed.period.to), [t.ledger.headers[kind], ...lines]);
  });

  app.get(paths.monitoring.statsExport, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const today = chinaDate(deps.clock.now());
    const form = check(StatsExportQuery, readQuery(c));
    if (!form.ok) throw new Refused(Object.values(form.errors)[0], 400);
    const county = form.value.county ?? (user.role === "county_admin" ? user.scopeCounty : null);
    if (!county) throw new Refused(t.statsExportCounty, 400);
    ensure(deps.regions.countyNames.has(county) && mayView(user, { kind: "county", county }));
    const fallback = defaultPeriod(today);
    const period = { from: form.value.from ?? fallback.from, to: form.value.to ?? today };
    const problem = periodProblem(period);
    if (problem === "order") throw new Refused(t.periodOrder, 400);
    if (dayCount(period) > MAX_EXPORT_DAYS) throw new Refused(t.statsExportTooLong, 400);
    const [rows, markets] = await Promise.all([
      repo.ownerDays(deps.database.db, period, { kind: "county", county }, priorityCondition(deps)),
      allMarkets(deps),
    ]);
    const byKey = new Map<string, { key: string; name: string; tier: string; days: Map<string, Counts> }>();
    for (const r of rows) {
      const m = r.owner === ONLINE ? null : markets.find((x) => x.id === Number(r.owner));
      const entry =
        byKey.get(r.owner) ??
        (byKey.set(r.owner, { key: r.owner, name: m?.name ?? t.onlineOwner, tier: m?.tier ?? ONLINE, days: new Map() }), byKey.get(r.owner)!);
      entry.days.set(r.day, addCounts(entry.days.get(r.day) ?? zeroCounts(), r.counts));
    }
    const now = deps.clock.now();
    const body = buildStatsFile(
      { city: deps.config.region.city.code, county, from: period.from, to: period.to, markets: [...byKey.values()] },
      new Date(now).toISOString(),
    );
    await deps.database.write((db) => auditInsert(db, user, now, { action: "monitoring.stats_export", detail: { county, from: period.from, to: period.to } }));
    return c.body(body, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="stats-${county}-${period.from}-${period.to}.json"`,
    });
  });

  const importPage = async (c: Ctx, status: 200 | 400 | 422 = 200, values?: FormInput, errors?: FormErrors) => {
    const deps = c.var.deps;
    const recent = (await repo.recentImports(deps.database.db)).map((r) => ({
      at: chinaDateTime(r.importedAt),
      county: deps.regions.countyName(r.countyCode),
      from: r.fromDay,
      to: r.toDay,
      rows: r.rows,
      changed: r.changed,
    }));
    c.status(status);
    return c.render(<StatsImportPage values={values} errors={errors} recent={recent} />, { title: t.import.title });
  };

  app.get(paths.monitoring.statsImport, (c) => {
    requireRole(c, "city_admin");
    return importPage(c);
  });

  app.post(paths.monitoring.statsImport, async (c) => {
    const actor = requireRole(c, "city_admin");
    const deps = c.var.deps;
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body.file;
    const pasted = typeof body.json === "string" ? body.json.trim() : "";
    const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
    // Only the pasted text is shown again: a whole file would not fit the page.
    const keep = { json: pasted.length <= 4000 ? pasted : "" };
    if (!text) return importPage(c, 400, keep, { file: t.import.nothing });
    const today = chinaDate(deps.clock.now());
    const parsed = parseStatsFile(text, { cityCode: deps.config.region.city.code, counties: new Set(deps.regions.countyNames.keys()), today });
    if (!parsed.ok) return importPage(c, refusalStatus(parsed.problem), keep, { file: problemMessage(parsed.problem) });
    const f = parsed.value;
    if ((await repo.localCounties(deps.database.db)).has(f.county)) {
      return importPage(c, 422, keep, { file: t.import.localCounty(deps.regions.countyName(f.county)) });
    }
    const incoming = rowsOf(f);
    const period = { from: f.from, to: f.to };
    const now = deps.clock.now();
    const changed = await deps.database.transaction(async (tx) => {
      const n = importChanges(await repo.storedImport(tx, f.county, period), incoming);
      const log = { changed: n, by: actor.id, at: now };
      if (n > 0) await repo.replaceImport(tx, f.county, period, incoming, log);
      else await repo.logUnchangedImport(tx, f.county, period, incoming.length, log);
      await auditInsert(tx, actor, now, { action: "monitoring.stats_import", detail: { county: f.county, from: f.from, to: f.to, rows: incoming.length, changed: n } });
      return n;
    });
    return redirectWithFlash(
      c,
      paths.monitoring.statsImport,
      changed === 0 ? t.import.unchanged : t.import.done(deps.regions.countyName(f.county), incoming.length, changed),
    );
  });

  return app;
}

const refusalStatus = (p: StatsProblem): 400 | 422 => (p.kind === "wrongCity" || p.kind === "unknownCounty" ? 422 : 400);

function problemMessage(p: StatsProblem): string {
  switch (p.kind) {
    case "wrongCity":
      return t.import.wrongCity(p.city);
    case "unknownCounty":
      return t.import.unknownCounty(p.county);
    case "dates":
      return t.import.dates;
    case "negative":
      return t.import.negative;
    case "malformed":
      return t.import.malformed;
  }
}

/** Ledger rows as CSV cells: dates in China time, phones masked, codes as words. */
function ledgerLines(deps: Deps, kind: LedgerKind, rows: repo.LedgerRow[]): (string | number | null)[][] {
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

