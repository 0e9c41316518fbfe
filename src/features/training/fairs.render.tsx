/** @jsxImportSource hono/jsx */
// The job-fair pages as the route handlers render them: looking a fair up
// (404 when missing or out of a staff member's scope), the booking box a
// visitor sees, and the pages re-rendered with errors.
import type { Ctx, CurrentUser } from "../../shared/context.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { ensure, canSeeMarket } from "../../shared/authz.ts";
import { NotFound } from "../../shared/errors.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { copy } from "../../../views/copy/index.ts";
import { FairPage, FairFormPage, StaffFairPage, type BookingBox, type FairView } from "../../../views/training/fairs.tsx";
import { bookingCancelRefusal, noShowRefusal } from "./training.domain.ts";
import * as fairs from "./fairs.repo.ts";
import { workKindOptions, PAGE_SIZE } from "./training.repo.ts";
import type { Fair } from "./fairs.actions.ts";
import { pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

export async function fairOr404(c: Ctx, id: number): Promise<Fair> {
  const f = await fairs.findFair(c.var.deps.database.db, id);
  if (!f) throw new NotFound("fair");
  return f;
}

export const toView = (c: Ctx, f: Fair): FairView => ({ ...f, countyName: c.var.deps.regions.countyName(f.countyCode) });

export async function staffFair(c: Ctx, user: CurrentUser, id: number): Promise<Fair> {
  const f = await fairOr404(c, id);
  ensure(canSeeMarket(user, { id: f.marketId, countyCode: f.countyCode }));
  return f;
}

/** What the booking part of the fair page shows to this visitor. */
export async function bookingBox(c: Ctx, f: Fair): Promise<BookingBox> {
  const user = c.var.user;
  if (!user) return { kind: "anon" };
  if (user.role !== "employer") return { kind: "notEmployer" };
  const { db } = c.var.deps.database;
  const employer = await fairs.employerOfUser(db, user.id);
  if (!employer || employer.status !== "verified") return { kind: "notVerified" };
  const today = todayOf(c);
  const booking = await fairs.bookingOf(db, f.id, employer.id);
  if (booking && booking.status !== "cancelled") {
    return { kind: "booked", bookingId: booking.id, zoneName: booking.kindName, canCancel: bookingCancelRefusal(booking.status, f, today) === null };
  }
  if (f.status !== "open" || f.date < today) return { kind: "closed" };
  return { kind: "form" };
}

export async function fairPage(c: Ctx, id: number, extra: { values?: FormInput; errors?: FormErrors; message?: string; status?: 400 | 409 | 422 } = {}) {
  const f = await fairOr404(c, id);
  const zones = await fairs.zonesOf(c.var.deps.database.db, f.id);
  const box = await bookingBox(c, f);
  if (extra.status) c.status(extra.status);
  return c.render(<FairPage f={toView(c, f)} zones={zones} box={box} {...extra} />, { title: f.title });
}

export async function fairForm(c: Ctx, user: CurrentUser, values?: FormInput, errors?: FormErrors, status?: 400 | 422) {
  const { deps } = c.var;
  const [markets, kinds] = await Promise.all([marketsInScope(deps.database.db, user), workKindOptions(deps.database.db)]);
  if (status) c.status(status);
  return c.render(
    <FairFormPage
      markets={markets.map((m) => [String(m.id), `${deps.regions.countyName(m.countyCode)} ${m.name}`] as const)}
      kinds={kinds}
      values={values}
      errors={errors}
    />,
    { title: t.newFair },
  );
}

export async function staffFairPage(c: Ctx, user: CurrentUser, id: number, extra: { errors?: FormErrors; message?: string; status?: 400 | 422 } = {}) {
  const f = await staffFair(c, user, id);
  const { db } = c.var.deps.database;
  const page = pageParam(c);
  const today = todayOf(c);
  const [zones, { rows, total }] = await Promise.all([fairs.zonesOf(db, f.id), fairs.bookingsForStaff(db, f.id, page)]);
  if (extra.status) c.status(extra.status);
  return c.render(
    <StaffFairPage
      f={toView(c, f)}
      zones={zones}
      rows={rows.map((b) => ({ ...b, canMarkNoShow: f.status === "open" && noShowRefusal(b.status, f, today) === null }))}
      page={page}
      pages={pagesFor(total, PAGE_SIZE)}
      errors={extra.errors}
      message={extra.message}
    />,
    { title: f.title },
  );
}
