/** @jsxImportSource hono/jsx */
// 市场监管 (supervision of the markets): staff record safety inspections and
// incidents for the markets they work for; county and city admins also see
// incident figures and keep the roadside gathering points (马路市场) with
// their counts. Everything here is staff-only and scoped: a market or point
// outside the user's scope answers 404.
import { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, requireAdmin, ensure, canSeeMarket, canSeeCounty } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { addDays, chinaDate, chinaDateTime } from "../../shared/clock.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { copy } from "../../../views/copy/index.ts";
import { incidentKinds, inspectionItems } from "../../../db/schema/constants.ts";
import {
  OverviewPage, MarketRecordsPage, InspectionFormPage, InspectionPage, IncidentFormPage, IncidentFiguresPage,
  RoadsideListPage, PointFormPage, PointPage,
} from "../../../views/supervision/pages.tsx";
import { findCaseByNumber, parseCaseNumber, canSeeCase } from "../hotline/index.ts";
import { inspectionOutcome, inspectionProblems, roadsideTrend } from "./supervision.domain.ts";
import { InspectionForm, RectifiedForm, IncidentForm, PointForm, CountForm } from "./supervision.schema.ts";
import * as repo from "./supervision.repo.ts";

const t = copy.supervision;
const today = (c: Ctx) => chinaDate(c.var.deps.clock.now());
const parseId = (x: string | undefined) => {
  const n = Number(x);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
/** The county an admin keeps; null for the city admin (all counties). */
const adminCounty = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty);
const isAdmin = (user: CurrentUser) => user.role === "county_admin" || user.role === "city_admin";

/** The market named in the URL, if this user works for it; else 404. */
async function scopedMarket(c: Ctx, user: CurrentUser) {
  const id = parseId(c.req.param("id"));
  ensure(id !== null);
  const m = await repo.findMarketBrief(c.var.deps.database.db, id);
  ensure(!!m && canSeeMarket(user, m));
  return m;
}

export function supervisionRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.supervision.home, async (c) => {
    const user = requireStaff(c);
    const db = c.var.deps.database.db;
    const d = today(c);
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
    const m = await scopedMarket(c, user);
    const db = c.var.deps.database.db;
    const d = today(c);
    const [inspections, incidents] = await Promise.all([repo.inspectionsOf(db, m.id), repo.incidentsOf(db, m.id)]);
    return c.render(
      <MarketRecordsPage
        m={{ id: m.id, name: m.name, inspections: inspections.map((i) => ({ id: i.id, date: i.date, outcome: inspectionOutcome(i, d) })), incidents }}
      />,
      { title: `${t.records}:${m.name}` },
    );
  });

  // --- Inspections -------------------------------------------------------------------

  const inspectionForm = (c: Ctx, m: { id: number; name: string }, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) => {
    c.status(status);
    return c.render(<InspectionFormPage market={m} values={values} errors={errors} />, { title: t.inspection.newTitle(m.name) });
  };

  app.get(paths.supervision.newInspectionPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    return inspectionForm(c, m, { date: today(c) });
  });

  app.post(paths.supervision.newInspectionPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    const deps = c.var.deps;
    const input = await readForm(c);
    const r = check(InspectionForm, input);
    if (!r.ok) return inspectionForm(c, m, input, r.errors, 400);
    const v = r.value;
    const items = Object.fromEntries(inspectionItems.map((k) => [k, { passed: v[`item_${k}`] === "pass", note: v[`note_${k}`] }])) as Parameters<typeof inspectionProblems>[0]["items"];
    const problems = inspectionProblems({ date: v.date, items, findings: v.findings, rectifyBy: v.rectifyBy ?? null }, today(c));
    if (Object.keys(problems).length > 0) {
      const errors = Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t.problems[p!]]));
      return inspectionForm(c, m, input, errors, 422);
    }
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const id = await repo.insertInspection(
        tx,
        m.id,
        { date: v.date, inspectors: v.inspectors, findings: v.findings, rectifyBy: v.rectifyBy ?? null, items: inspectionItems.map((k) => ({ item: k, ...items[k] })) },
        user.id,
        now,
      );
      await auditInsert(tx, user, now, { action: "inspection.create", subjectType: "market", subjectId: m.id, detail: { inspection: id } });
      return id;
    });
    return redirectWithFlash(c, paths.supervision.inspection(id), t.inspection.saved);
  });

  async function scopedInspection(c: Ctx, user: CurrentUser) {
    const id = parseId(c.req.param("id"));
    ensure(id !== null);
    const db = c.var.deps.database.db;
    const i = await repo.findInspection(db, id);
    ensure(!!i);
    const m = await repo.findMarketBrief(db, i.marketId);
    ensure(!!m && canSeeMarket(user, m));
    return { i, m };
  }

  const inspectionPage = (c: Ctx, found: Awaited<ReturnType<typeof scopedInspection>>, values?: FormInput, errors?: FormErrors, status: 200 | 400 = 200) => {
    const { i, m } = found;
    const failed = i.items.filter((x) => !x.passed).length;
    c.status(status);
    return c.render(
      <InspectionPage
        values={values}
        errors={errors}
        i={{
          id: i.id, marketId: m.id, marketName: m.name, date: i.date, inspectors: i.inspectors, findings: i.findings, rectifyBy: i.rectifyBy,
          rectifiedOn: i.rectifiedAt ? chinaDateTime(i.rectifiedAt) : null, rectifiedNote: i.rectifiedNote, by: i.by, items: i.items,
          outcome: inspectionOutcome({ failedItems: failed, rectifyBy: i.rectifyBy, rectifiedAt: i.rectifiedAt }, today(c)),
        }}
      />,
      { title: t.inspection.title(m.name, i.date) },
    );
  };

  app.get(paths.supervision.inspectionPattern, async (c) => {
    const user = requireStaff(c);
    return inspectionPage(c, await scopedInspection(c, user));
  });

  app.post(paths.supervision.rectifiedPattern, async (c) => {
    const user = requireStaff(c);
    const found = await scopedInspection(c, user);
    const deps = c.var.deps;
    const input = await readForm(c);
    const r = check(RectifiedForm, input);
    if (!r.ok) return inspectionPage(c, found, input, r.errors, 400);
    const now = deps.clock.now();
    await deps.database.transaction(async (tx) => {
      // Recorded once: a second "已整改" (double tap, Back and resubmit) changes nothing.
      if (await repo.markRectified(tx, found.i.id, r.value.note, now)) {
        await auditInsert(tx, user, now, { action: "inspection.rectified", subjectType: "market", subjectId: found.m.id, detail: { inspection: found.i.id } });
      }
    });
    return redirectWithFlash(c, paths.supervision.inspection(found.i.id), t.inspection.rectifiedSaved);
  });

  // --- Incidents ---------------------------------------------------------------------

  const kindOptions = incidentKinds.map((k) => [k, t.kinds[k]] as const);
  const incidentForm = (c: Ctx, m: { id: number; name: string }, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) => {
    c.status(status);
    return c.render(<IncidentFormPage market={m} kinds={kindOptions} values={values} errors={errors} />, { title: t.incident.newTitle(m.name) });
  };

  app.get(paths.supervision.newIncidentPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    return incidentForm(c, m, { date: today(c) });
  });

  app.post(paths.supervision.newIncidentPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    const deps = c.var.deps;
    const input = await readForm(c, ["police"]);
    const r = check(IncidentForm, { ...input, police: Array.isArray(input.police) ? input.police[0] : input.police });
    if (!r.ok) return incidentForm(c, m, input, r.errors, 400);
    const v = r.value;
    if (v.date > today(c)) return incidentForm(c, m, input, { date: t.incident.future }, 422);
    let hotlineCaseId: number | null = null;
    if (v.caseNumber) {
      // A case outside the user's scope is "not found", the same as one that does not exist.
      const number = parseCaseNumber(v.caseNumber);
      const found = number ? await findCaseByNumber(deps.database.db, number) : null;
      if (!found || !canSeeCase(user, found)) return incidentForm(c, m, input, { caseNumber: t.incident.caseUnknown }, 422);
      hotlineCaseId = found.id;
    }
    const now = deps.clock.now();
    await deps.database.transaction(async (tx) => {
      const id = await repo.insertIncident(
        tx,
        m.id,
        { kind: v.kind, date: v.date, time: v.time, place: v.place, description: v.description, hotlineCaseId, policeReferred: v.police === "1" },
        user.id,
        now,
      );
      await auditInsert(tx, user, now, { action: "incident.create", subjectType: "market", subjectId: m.id, detail: { incident: id, kind: v.kind } });
    });
    return redirectWithFlash(c, paths.supervision.market(m.id), t.incident.saved);
  });

  app.get(paths.supervision.incidents, async (c) => {
    const user = requireAdmin(c);
    const from = addDays(today(c), -365).slice(0, 7);
    const rows = await repo.incidentCounts(c.var.deps.database.db, user, from);
    return c.render(<IncidentFiguresPage rows={rows.map((r) => ({ ...r, n: Number(r.n), police: Number(r.police ?? 0) }))} />, { title: t.incident.figuresTitle });
  });

  // --- Roadside gathering points -------------------------------------------------------

  app.get(paths.supervision.roadside, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const county = adminCounty(user);
    const [points, counts] = await Promise.all([
      repo.pointsIn(deps.database.db, county),
      repo.countsSince(deps.database.db, county, addDays(today(c), -365)),
    ]);
    return c.render(
      <RoadsideListPage
        countyName={(code) => deps.regions.countyName(code)}
        trend={roadsideTrend(counts)}
        points={points.map((p) => ({ ...p, where: [deps.regions.countyName(p.countyCode), deps.regions.townshipName(p.townshipCode)].filter(Boolean).join(" ") }))}
      />,
      { title: t.road.listTitle },
    );
  });

  const pointForm = async (c: Ctx, user: CurrentUser, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) => {
    const deps = c.var.deps;
    const county = adminCounty(user);
    const counties = deps.regions.countyOptions().filter(([code]) => county === null || code === county);
    const chosen = typeof values.countyCode === "string" ? values.countyCode : county;
    const townships = chosen ? deps.regions.townshipOptions(chosen) : [];
    const markets = (await marketsInScope(deps.database.db, user)).map((m) => [String(m.id), m.name] as const);
    c.status(status);
    return c.render(<PointFormPage options={{ counties, townships, markets }} values={values} errors={errors} />, { title: t.road.newTitle });
  };

  app.get(paths.supervision.newPoint, async (c) => {
    const user = requireAdmin(c);
    return pointForm(c, user, { countyCode: adminCounty(user) ?? undefined });
  });

  app.post(paths.supervision.newPoint, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const input = await readForm(c);
    const r = check(PointForm, input);
    if (!r.ok) return pointForm(c, user, input, r.errors, 400);
    const v = r.value;
    const errors: FormErrors = {};
    if (!deps.regions.countyNames.has(v.countyCode) || !canSeeCounty(user, v.countyCode)) errors.countyCode = copy.errors.invalidChoice(t.road.county);
    else if (v.townshipCode && !deps.regions.townshipInCounty(v.townshipCode, v.countyCode)) errors.townshipCode = copy.errors.invalidChoice(t.road.township);
    if (v.nearestMarketId) {
      const m = await repo.findMarketBrief(deps.database.db, v.nearestMarketId);
      if (!m || !canSeeMarket(user, m)) errors.nearestMarketId = copy.errors.invalidChoice(t.road.nearest);
    }
    if (Object.keys(errors).length) return pointForm(c, user, input, errors, 422);
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const id = await repo.insertPoint(tx, { countyCode: v.countyCode, townshipCode: v.townshipCode ?? null, place: v.place, usualHours: v.usualHours, nearestMarketId: v.nearestMarketId ?? null }, user.id, now);
      await auditInsert(tx, user, now, { action: "roadside.point_create", subjectType: "roadside_point", subjectId: id });
      return id;
    });
    return redirectWithFlash(c, paths.supervision.point(id), t.road.pointSaved);
  });

  async function scopedPoint(c: Ctx, user: CurrentUser) {
    const id = parseId(c.req.param("id"));
    ensure(id !== null);
    const p = await repo.findPoint(c.var.deps.database.db, id);
    ensure(!!p && canSeeCounty(user, p.countyCode));
    return p;
  }

  const pointPage = async (c: Ctx, p: Awaited<ReturnType<typeof scopedPoint>>, values: FormInput, errors?: FormErrors, status: 200 | 400 | 422 = 200) => {
    const deps = c.var.deps;
    const counts = await repo.countsOf(deps.database.db, p.id);
    const where = [deps.regions.countyName(p.countyCode), deps.regions.townshipName(p.townshipCode)].filter(Boolean).join(" ");
    c.status(status);
    return c.render(<PointPage p={{ ...p, where }} counts={counts} values={values} errors={errors} />, { title: p.place });
  };

  app.get(paths.supervision.pointPattern, async (c) => {
    const user = requireAdmin(c);
    return pointPage(c, await scopedPoint(c, user), { date: today(c) });
  });

  app.post(paths.supervision.countPattern, async (c) => {
    const user = requireAdmin(c);
    const p = await scopedPoint(c, user);
    const deps = c.var.deps;
    const input = await readForm(c);
    const r = check(CountForm, input);
    if (!r.ok) return pointPage(c, p, input, r.errors, 400);
    if (r.value.date > today(c)) return pointPage(c, p, input, { date: t.road.countFuture }, 422);
    const now = deps.clock.now();
    await deps.database.transaction(async (tx) => {
      await repo.upsertCount(tx, p.id, r.value.date, r.value.people, user.id, now);
      await auditInsert(tx, user, now, { action: "roadside.count", subjectType: "roadside_point", subjectId: p.id, detail: { date: r.value.date } });
    });
    return redirectWithFlash(c, paths.supervision.point(p.id), t.road.countSaved);
  });

  return app;
}
