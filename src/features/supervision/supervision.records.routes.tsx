/** @jsxImportSource hono/jsx */
// Inspections and incidents at the markets a staff member works for. The use
// cases are in supervision.actions.ts; a market outside the scope is a 404.
import type { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, requireAdmin, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { addDays, chinaDateTime } from "../../shared/clock.ts";
import { idParam } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { incidentKinds } from "../../../db/schema/constants.ts";
import { InspectionFormPage, InspectionPage, IncidentFormPage, IncidentFiguresPage } from "../../../views/supervision/pages.tsx";
import { inspectionOutcome } from "./supervision.domain.ts";
import * as repo from "./supervision.repo.ts";
import { marketInScope, inspectionInScope, recordInspection, markRectified, recordIncident, type MarketBrief, type ScopedInspection } from "./supervision.actions.ts";
import { todayOf } from "./supervision.present.ts";

const t = copy.supervision;
type Status = 200 | 400 | 422;

/** The market named in the URL, if this user works for it; else 404. */
async function scopedMarket(c: Ctx, user: CurrentUser) {
  const m = await marketInScope(c.var.deps, user, idParam(c));
  ensure(!!m);
  return m;
}

async function scopedInspection(c: Ctx, user: CurrentUser) {
  const found = await inspectionInScope(c.var.deps, user, idParam(c));
  ensure(!!found);
  return found;
}

function inspectionForm(c: Ctx, m: MarketBrief, values: FormInput, errors?: FormErrors, status: Status = 200) {
  c.status(status);
  return c.render(<InspectionFormPage market={m} values={values} errors={errors} />, { title: t.inspection.newTitle(m.name) });
}

function inspectionPage(c: Ctx, { i, m }: ScopedInspection, values?: FormInput, errors?: FormErrors, status: 200 | 400 = 200) {
  const failed = i.items.filter((x) => !x.passed).length;
  c.status(status);
  return c.render(
    <InspectionPage
      values={values}
      errors={errors}
      i={{
        id: i.id, marketId: m.id, marketName: m.name, date: i.date, inspectors: i.inspectors, findings: i.findings, rectifyBy: i.rectifyBy,
        rectifiedOn: i.rectifiedAt ? chinaDateTime(i.rectifiedAt) : null, rectifiedNote: i.rectifiedNote, by: i.by, items: i.items,
        outcome: inspectionOutcome({ failedItems: failed, rectifyBy: i.rectifyBy, rectifiedAt: i.rectifiedAt }, todayOf(c.var.deps)),
      }}
    />,
    { title: t.inspection.title(m.name, i.date) },
  );
}

const kindOptions = incidentKinds.map((k) => [k, t.kinds[k]] as const);
function incidentForm(c: Ctx, m: MarketBrief, values: FormInput, errors?: FormErrors, status: Status = 200) {
  c.status(status);
  return c.render(<IncidentFormPage market={m} kinds={kindOptions} values={values} errors={errors} />, { title: t.incident.newTitle(m.name) });
}

export function recordsRoutes(app: Hono<AppEnv>) {
  app.get(paths.supervision.newInspectionPattern, async (c) => {
    const m = await scopedMarket(c, requireStaff(c));
    return inspectionForm(c, m, { date: todayOf(c.var.deps) });
  });

  app.post(paths.supervision.newInspectionPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    const input = await readForm(c);
    const r = await recordInspection(c.var.deps, user, m, input);
    if (r.ok) return redirectWithFlash(c, paths.supervision.inspection(r.id), t.inspection.saved);
    if (r.code === "invalid") return inspectionForm(c, m, input, r.errors, 400);
    return inspectionForm(c, m, input, Object.fromEntries(Object.entries(r.problems).map(([field, p]) => [field, t.problems[p!]])), 422);
  });

  app.get(paths.supervision.inspectionPattern, async (c) => {
    return inspectionPage(c, await scopedInspection(c, requireStaff(c)));
  });

  app.post(paths.supervision.rectifiedPattern, async (c) => {
    const user = requireStaff(c);
    const found = await scopedInspection(c, user);
    const input = await readForm(c);
    const r = await markRectified(c.var.deps, user, found, input);
    if (!r.ok) return inspectionPage(c, found, input, r.errors, 400);
    return redirectWithFlash(c, paths.supervision.inspection(found.i.id), t.inspection.rectifiedSaved);
  });

  app.get(paths.supervision.newIncidentPattern, async (c) => {
    const m = await scopedMarket(c, requireStaff(c));
    return incidentForm(c, m, { date: todayOf(c.var.deps) });
  });

  app.post(paths.supervision.newIncidentPattern, async (c) => {
    const user = requireStaff(c);
    const m = await scopedMarket(c, user);
    const input = await readForm(c, ["police"]);
    const r = await recordIncident(c.var.deps, user, m, input);
    if (r.ok) return redirectWithFlash(c, paths.supervision.market(m.id), t.incident.saved);
    if (r.code === "invalid") return incidentForm(c, m, input, r.errors, 400);
    return incidentForm(c, m, input, r.code === "future" ? { date: t.incident.future } : { caseNumber: t.incident.caseUnknown }, 422);
  });

  app.get(paths.supervision.incidents, async (c) => {
    const user = requireAdmin(c);
    const from = addDays(todayOf(c.var.deps), -365).slice(0, 7);
    const rows = await repo.incidentCounts(c.var.deps.database.db, user, from);
    return c.render(<IncidentFiguresPage rows={rows.map((r) => ({ ...r, n: Number(r.n), police: Number(r.police ?? 0) }))} />, { title: t.incident.figuresTitle });
  });
}
