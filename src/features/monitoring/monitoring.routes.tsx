/** @jsxImportSource hono/jsx */
// Monitoring: the figures page for staff and admins here; the ledger (台账) CSV
// and the county statistics file (export and import) in
// monitoring.files.routes.tsx. What the pages read and show is in
// monitoring.present.ts, the import's use case in monitoring.actions.ts.
import { perApp } from "../../shared/memo.ts";
import { Hono } from "hono";
import type { AppEnv, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readQuery } from "../../shared/forms.ts";
import { requireStaff } from "../../shared/authz.ts";
import { chinaDate } from "../../shared/clock.ts";
import { copy } from "../../../views/copy/index.ts";
import { MonitoringPage, type MonitoringView } from "../../../views/monitoring/monitoring.tsx";
import { scopeParam, effectiveGrain, ledgerKinds } from "./monitoring.domain.ts";
import { buildReport, reportCache } from "./monitoring.figures.ts";
import { priorityCondition } from "./monitoring.priority.ts";
import { countsSince, roadsideTrend } from "../supervision/index.ts";
import { allMarkets, resolveScope, scopeOptions, readPeriodQuery, ownerNames, query } from "./monitoring.present.ts";
import { fileRoutes } from "./monitoring.files.routes.tsx";

const t = copy.monitoring;

/** One report cache per app (MONITORING_CACHE_SECONDS). */
const reports = perApp((deps: Deps) => reportCache({ ttlMs: deps.config.monitoringCacheSeconds * 1000, generation: () => deps.database.generation }));

export function monitoringRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.monitoring.home, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const { regions } = deps;
    const markets = await allMarkets(deps);
    const scopes = scopeOptions(deps, user, markets);
    const parsed = readPeriodQuery(readQuery(c), chinaDate(deps.clock.now()), user);
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
    const base = { scope: scopeParam(parsed.scope), from: parsed.period.from, to: parsed.period.to };
    const view: MonitoringView = {
      report,
      recountMinutes: Math.ceil(deps.config.monitoringCacheSeconds / 60),
      ownerNames: ownerNames(deps, report.owners, markets, resolved.filter.kind === "city"),
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

  fileRoutes(app);
  return app;
}
