/** @jsxImportSource hono/jsx */
// Roadside gathering points (马路市场) and their counts, kept by county and city
// admins. The use cases are in supervision.actions.ts.
import type { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireAdmin, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { addDays } from "../../shared/clock.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { idParam } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { RoadsideListPage, PointFormPage, PointPage } from "../../../views/supervision/pages.tsx";
import { roadsideTrend } from "./supervision.domain.ts";
import * as repo from "./supervision.repo.ts";
import { pointInScope, addPoint, recordCount, type Point } from "./supervision.actions.ts";
import { todayOf, adminCounty, whereOf } from "./supervision.present.ts";

const t = copy.supervision;
type Status = 200 | 400 | 422;

/** The words for a choice the admin may not make, by field. */
const choiceMessage = { countyCode: t.road.county, townshipCode: t.road.township, nearestMarketId: t.road.nearest } as const;

async function pointForm(c: Ctx, user: CurrentUser, values: FormInput, errors?: FormErrors, status: Status = 200) {
  const deps = c.var.deps;
  const county = adminCounty(user);
  const counties = deps.regions.countyOptions().filter(([code]) => county === null || code === county);
  const chosen = typeof values.countyCode === "string" ? values.countyCode : county;
  const townships = chosen ? deps.regions.townshipOptions(chosen) : [];
  const markets = (await marketsInScope(deps.database.db, user)).map((m) => [String(m.id), m.name] as const);
  c.status(status);
  return c.render(<PointFormPage options={{ counties, townships, markets }} values={values} errors={errors} />, { title: t.road.newTitle });
}

async function scopedPoint(c: Ctx, user: CurrentUser) {
  const p = await pointInScope(c.var.deps, user, idParam(c));
  ensure(!!p);
  return p;
}

async function pointPage(c: Ctx, p: Point, values: FormInput, errors?: FormErrors, status: Status = 200) {
  const deps = c.var.deps;
  const counts = await repo.countsOf(deps.database.db, p.id);
  c.status(status);
  return c.render(<PointPage p={{ ...p, where: whereOf(deps, p) }} counts={counts} values={values} errors={errors} />, { title: p.place });
}

export function roadsideRoutes(app: Hono<AppEnv>) {
  app.get(paths.supervision.roadside, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const county = adminCounty(user);
    const [points, counts] = await Promise.all([
      repo.pointsIn(deps.database.db, county),
      repo.countsSince(deps.database.db, county, addDays(todayOf(deps), -365)),
    ]);
    return c.render(
      <RoadsideListPage countyName={(code) => deps.regions.countyName(code)} trend={roadsideTrend(counts)} points={points.map((p) => ({ ...p, where: whereOf(deps, p) }))} />,
      { title: t.road.listTitle },
    );
  });

  app.get(paths.supervision.newPoint, async (c) => {
    const user = requireAdmin(c);
    return pointForm(c, user, { countyCode: adminCounty(user) ?? undefined });
  });

  app.post(paths.supervision.newPoint, async (c) => {
    const user = requireAdmin(c);
    const input = await readForm(c);
    const r = await addPoint(c.var.deps, user, input);
    if (r.ok) return redirectWithFlash(c, paths.supervision.point(r.id), t.road.pointSaved);
    if (r.code === "invalid") return pointForm(c, user, input, r.errors, 400);
    return pointForm(c, user, input, Object.fromEntries(r.fields.map((f) => [f, copy.errors.invalidChoice(choiceMessage[f])])), 422);
  });

  app.get(paths.supervision.pointPattern, async (c) => {
    return pointPage(c, await scopedPoint(c, requireAdmin(c)), { date: todayOf(c.var.deps) });
  });

  app.post(paths.supervision.countPattern, async (c) => {
    const user = requireAdmin(c);
    const p = await scopedPoint(c, user);
    const input = await readForm(c);
    const r = await recordCount(c.var.deps, user, p, input);
    if (r.ok) return redirectWithFlash(c, paths.supervision.point(p.id), t.road.countSaved);
    if (r.code === "invalid") return pointPage(c, p, input, r.errors, 400);
    return pointPage(c, p, input, { date: t.road.countFuture }, 422);
  });
}
