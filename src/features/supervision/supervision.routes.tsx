/** @jsxImportSource hono/jsx */
// 市场监管 (supervision of the markets): staff record safety inspections and
// incidents for the markets they work for; county and city admins also see
// incident figures and keep the roadside gathering points (马路市场) with
// their counts. Everything here is staff-only and scoped: a market or point
// outside the user's scope answers 404. One file per page group
// (supervision.records.routes.tsx, supervision.roadside.routes.tsx); the use
// cases are in supervision.actions.ts.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { requireStaff, ensure } from "../../shared/authz.ts";
import { idParam } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { OverviewPage, MarketRecordsPage } from "../../../views/supervision/pages.tsx";
import { inspectionOutcome } from "./supervision.domain.ts";
import * as repo from "./supervision.repo.ts";
import { marketInScope } from "./supervision.actions.ts";
import { todayOf, adminCounty, isAdmin } from "./supervision.present.ts";
import { recordsRoutes } from "./supervision.records.routes.tsx";
import { roadsideRoutes } from "./supervision.roadside.routes.tsx";

const t = copy.supervision;

export function supervisionRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.supervision.home, async (c) => {
    const user = requireStaff(c);
    const db = c.var.deps.database.db;
    const d = todayOf(c.var.deps);
    const markets = await repo.marketsWithLastInspection(db, user);
    const mine = new Set(markets.map((m) => m.id));
    const overdue = (await repo.overdueInspections(db, adminCounty(user), d)).filter((r) => mine.has(r.marketId));
    return c.render(
      <OverviewPage
        admin={isAdmin(user)}
        overdue={overdue}
        markets={markets.map((m) => ({ id: m.id, name: m.name, last: m.last && { id: m.last.id, date: m.last.date, outcome: inspectionOutcome(m.last, d) } }))}
      />,
      { title: t.title },
    );
  });

  app.get(paths.supervision.marketPattern, async (c) => {
    const user = requireStaff(c);
    const m = await marketInScope(c.var.deps, user, idParam(c));
    ensure(!!m);
    const db = c.var.deps.database.db;
    const d = todayOf(c.var.deps);
    const [inspections, incidents] = await Promise.all([repo.inspectionsOf(db, m.id), repo.incidentsOf(db, m.id)]);
    return c.render(
      <MarketRecordsPage
        m={{ id: m.id, name: m.name, inspections: inspections.map((i) => ({ id: i.id, date: i.date, outcome: inspectionOutcome(i, d) })), incidents }}
      />,
      { title: `${t.records}:${m.name}` },
    );
  });

  recordsRoutes(app);
  roadsideRoutes(app);
  return app;
}
