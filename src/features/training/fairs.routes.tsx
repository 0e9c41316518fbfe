/** @jsxImportSource hono/jsx */
// Job fairs (专场招聘会): workers see upcoming fairs and what each zone offers;
// verified employers book a place in a zone; staff create fairs, record
// no-shows and cancel.
import { Hono } from "hono";
import type { LinkProvider } from "../../shared/hooks.ts";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors } from "../../shared/forms.ts";
import { requireRole, requireStaff } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { copy } from "../../../views/copy/index.ts";
import { FairListPage, ZonePage, StaffFairListPage } from "../../../views/training/fairs.tsx";
import { FairForm, zonesForm, BookingForm, CancelSessionForm } from "./training.schema.ts";
import * as fairs from "./fairs.repo.ts";
import { PAGE_SIZE } from "./training.repo.ts";
import * as actions from "./fairs.actions.ts";
import { fairOr404, toView, staffFair, fairPage, fairForm, staffFairPage } from "./fairs.render.tsx";
import { idParam, pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

// The employer's home points to the fairs where they can book a place (listed on the feature in index.ts).
export const fairsEmployerHomeLinks: LinkProvider = () => [[paths.training.fairs, t.employerFairsLink]];

export function fairRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.training.fairs, async (c) => {
    const page = pageParam(c);
    const { rows, total } = await fairs.listUpcomingFairs(c.var.deps.database.db, todayOf(c), page);
    return c.render(<FairListPage rows={rows.map((f) => toView(c, f))} page={page} pages={pagesFor(total, PAGE_SIZE)} />, { title: t.fairsTitle });
  });

  app.get(paths.training.fairPattern, (c) => fairPage(c, idParam(c)));

  app.get(paths.training.fairZonePattern, async (c) => {
    const f = await fairOr404(c, idParam(c));
    const zoneId = idParam(c, "zoneId");
    const { db } = c.var.deps.database;
    const zone = (await fairs.zonesOf(db, f.id)).find((z) => z.id === zoneId);
    if (!zone) throw new NotFound("zone");
    const page = pageParam(c);
    const { rows, total } = await fairs.zoneEmployers(db, zone, page);
    return c.render(<ZonePage f={toView(c, f)} zone={zone} rows={rows} page={page} pages={pagesFor(total, PAGE_SIZE)} />, {
      title: `${t.zoneName(zone.kindName)} · ${f.title}`,
    });
  });

  app.post(paths.training.fairBookPattern, async (c) => {
    const user = requireRole(c, "employer");
    const { deps } = c.var;
    const f = await fairOr404(c, idParam(c));
    const input = await readForm(c);
    const form = check(BookingForm, input);
    if (!form.ok) return fairPage(c, f.id, { values: input, errors: form.errors, status: 400 });
    const r = await actions.book(deps, user, f.id, form.value.zoneId);
    if (!r.ok) {
      const status = actions.bookStatus(r.code);
      return r.code === "noSuchZone" || r.code === "zoneFull"
        ? fairPage(c, f.id, { values: input, errors: { zoneId: t.refusals[r.code] }, status })
        : fairPage(c, f.id, { values: input, message: t.refusals[r.code], status });
    }
    return redirectWithFlash(c, paths.training.fair(f.id), t.booked);
  });

  app.post(paths.training.fairCancelBookingPattern, async (c) => {
    const user = requireRole(c, "employer");
    const { deps } = c.var;
    const booking = await fairs.findBooking(deps.database.db, idParam(c));
    if (!booking || booking.employerUserId !== user.id) throw new NotFound("booking");
    const f = await fairOr404(c, booking.fairId);
    const r = await actions.cancelBooking(deps, user, booking, f);
    if (!r.ok) return fairPage(c, f.id, { message: t.refusals[r.code], status: 422 });
    return redirectWithFlash(c, paths.training.fair(f.id), t.bookingCancelled);
  });

  // --- Staff ------------------------------------------------------------------

  app.get(paths.training.staffFairs, async (c) => {
    const user = requireStaff(c);
    const page = pageParam(c);
    const { rows, total } = await fairs.listFairsForStaff(c.var.deps.database.db, user, page);
    return c.render(<StaffFairListPage rows={rows.map((f) => toView(c, f))} page={page} pages={pagesFor(total, PAGE_SIZE)} />, { title: t.staffFairsTitle });
  });

  app.get(paths.training.staffFairNew, (c) => {
    const user = requireStaff(c);
    return fairForm(c, user, { marketId: user.marketId ? String(user.marketId) : undefined, date: todayOf(c) });
  });

  app.post(paths.training.staffFairNew, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const input = await readForm(c);
    const kinds = await actions.zoneKinds(deps);
    const form = check(FairForm, input);
    const zoneForm = check(zonesForm(kinds), input);
    if (!form.ok || !zoneForm.ok) return fairForm(c, user, input, { ...(form.ok ? {} : form.errors), ...(zoneForm.ok ? {} : zoneForm.errors) }, 400);
    const zones = kinds.flatMap((k) => {
      const n = (zoneForm.value as Record<string, number | undefined>)[`zone${k.id}`];
      return n ? [{ workKindId: k.id, capacity: n }] : [];
    });
    const r = await actions.createFair(deps, user, form.value, zones);
    if (!r.ok) {
      const errors: FormErrors = {};
      for (const [field, code] of Object.entries(r.problems)) errors[field] = code === "invalidMarket" ? copy.errors.invalidChoice(t.market) : t.refusals[code];
      return fairForm(c, user, input, errors, 422);
    }
    const id = r.id;
    return redirectWithFlash(c, paths.training.staffFair(id), t.fairCreated);
  });

  app.get(paths.training.staffFairPattern, (c) => staffFairPage(c, requireStaff(c), idParam(c)));

  app.post(paths.training.staffFairCancelPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const f = await staffFair(c, user, idParam(c));
    const form = check(CancelSessionForm, await readForm(c));
    if (!form.ok) return staffFairPage(c, user, f.id, { errors: form.errors, status: 400 });
    const { done } = await actions.cancelFair(deps, user, f, form.value.reason);
    return redirectWithFlash(c, paths.training.staffFair(f.id), done ? t.fairCancelledFlash : t.refusals.fairCancelled);
  });

  // 未到场: recorded by staff on or after the day, with an audit entry.
  app.post(paths.training.staffNoShowPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const booking = await fairs.findBooking(deps.database.db, idParam(c));
    if (!booking) throw new NotFound("booking");
    const f = await staffFair(c, user, booking.fairId);
    const r = await actions.markNoShow(deps, user, booking, f);
    if (!r.ok) return staffFairPage(c, user, f.id, { message: t.refusals[r.code], status: 422 });
    return redirectWithFlash(c, paths.training.staffFair(f.id), t.noShowDone);
  });

  return app;
}
