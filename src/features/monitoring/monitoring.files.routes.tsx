/** @jsxImportSource hono/jsx */
// The files of monitoring: the ledger (台账) CSV, and the county statistics
// file that a self-hosted county exports and the city's instance imports
// (the import's use case is in monitoring.actions.ts).
import type { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, requireAdmin, requireRole, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { Refused } from "../../shared/errors.ts";
import { chinaDate, chinaDateTime } from "../../shared/clock.ts";
import { csvResponse } from "../../shared/csv.ts";
import { copy } from "../../../views/copy/index.ts";
import { StatsImportPage } from "../../../views/monitoring/import.tsx";
import { defaultPeriod, mayView, periodProblem, scopeParam, dayCount, buildStatsFile, MAX_EXPORT_DAYS, type LedgerKind } from "./monitoring.domain.ts";
import { LedgerQuery, StatsExportQuery } from "./monitoring.schema.ts";
import * as repo from "./monitoring.repo.ts";
import { priorityCondition } from "./monitoring.priority.ts";
import { importStats } from "./monitoring.actions.ts";
import { allMarkets, resolveScope, readPeriodQuery, statsMarkets, ledgerLines, problemMessage, refusalStatus } from "./monitoring.present.ts";

const t = copy.monitoring;

async function importPage(c: Ctx, status: 200 | 400 | 422 = 200, values?: FormInput, errors?: FormErrors) {
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
}

export function fileRoutes(app: Hono<AppEnv>) {
  app.get(paths.monitoring.ledger, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const parsed = readPeriodQuery(readQuery(c), chinaDate(deps.clock.now()), user, LedgerQuery);
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
    const now = deps.clock.now();
    const body = buildStatsFile(
      { city: deps.config.region.city.code, county, from: period.from, to: period.to, markets: statsMarkets(rows, markets) },
      new Date(now).toISOString(),
    );
    await deps.database.write((db) => auditInsert(db, user, now, { action: "monitoring.stats_export", detail: { county, from: period.from, to: period.to } }));
    return c.body(body, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="stats-${county}-${period.from}-${period.to}.json"`,
    });
  });

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
    const r = await importStats(deps, actor, text);
    if (r.ok) return redirectWithFlash(c, paths.monitoring.statsImport, r.changed === 0 ? t.import.unchanged : t.import.done(deps.regions.countyName(r.county), r.rows, r.changed));
    if (r.code === "nothing") return importPage(c, 400, keep, { file: t.import.nothing });
    if (r.code === "problem") return importPage(c, refusalStatus(r.problem), keep, { file: problemMessage(r.problem) });
    return importPage(c, 422, keep, { file: t.import.localCounty(deps.regions.countyName(r.county)) });
  });
}
