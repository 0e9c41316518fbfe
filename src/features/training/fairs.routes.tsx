/** @jsxImportSource hono/jsx */
// Job fairs (专场招聘会): workers see upcoming fairs and what each zone offers;
// verified employers book a place in a zone; staff create fairs, record
// no-shows and cancel.
import { Hono } from "hono";
import type { LinkProvider } from "../../shared/hooks.ts";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireRole, requireStaff, ensure, canSeeMarket } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { copy } from "../../../views/copy/index.ts";
import { FairListPage, FairPage, ZonePage, StaffFairListPage, FairFormPage, StaffFairPage, type BookingBox, type FairView } from "../../../views/training/fairs.tsx";
import { FairForm, zonesForm, BookingForm, CancelSessionForm } from "./training.schema.ts";
import { bookingRefusal, bookingCancelRefusal, noShowRefusal, fairFormProblems, type BookingRefusal } from "./training.domain.ts";
import * as fairs from "./fairs.repo.ts";
import { findMarket, workKindOptions, PAGE_SIZE } from "./training.repo.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { idParam, pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

// The employer's home points to the fairs where they can book a place. Registered once per process.
export const fairsEmployerHomeLinks: LinkProvider = (() => [[paths.training.fairs, t.employerFairsLink]]);

type Fair = NonNullable<Awaited<ReturnType<typeof fairs.findFair>>>;

async function fairOr404(c: Ctx, id: number): Promise<Fair> {
  const f = await fairs.findFair(c.var.deps.database.db, id);
  if (!f) throw new NotFound("fair");
  return f;
}

const toView = (c: Ctx, f: Fair): FairView => ({ ...f, countyName: c.var.deps.regions.countyName(f.countyCode) });

async function staffFair(c: Ctx, user: CurrentUser, id: number): Promise<Fair> {
  const f = await fairOr404(c, id);
  ensure(canSeeMarket(user, { id: f.marketId, countyCode: f.countyCode }));
  return f;
}

/** A refusal that is a conflict with what already exists answers 409; a broken rule 422. */
const statusOf = (key: BookingRefusal | "zoneFull"): 409 | 422 => (key === "alreadyBooked" || key === "zoneFull" ? 409 : 422);

export function fairRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.training.fairs, async (c) => {
    const page = pageParam(c);
    const { rows, total } = await fairs.listUpcomingFairs(c.var.deps.database.db, todayOf(c), page);
    return c.render(<FairListPage rows={rows.map((f) => toView(c, f))} page={page} pages={pagesFor(total, PAGE_SIZE)} />, { title: t.fairsTitle });
  });

  /** What the booking part of the fair page shows to this visitor. */
  const bookingBox = async (c: Ctx, f: Fair): Promise<BookingBox> => {
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
  };

  const fairPage = async (c: Ctx, id: number, extra: { values?: FormInput; errors?: FormErrors; message?: string; status?: 400 | 409 | 422 } = {}) => {
    const f = await fairOr404(c, id);
    const zones = await fairs.zonesOf(c.var.deps.database.db, f.id);
    const box = await bookingBox(c, f);
    if (extra.status) c.status(extra.status);
    return c.render(<FairPage f={toView(c, f)} zones={zones} box={box} {...extra} />, { title: f.title });
  };

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
    const zoneId = form.value.zoneId;
    const now = deps.clock.now();
    const today = chinaDate(now);
    const refuse = (key: BookingRefusal | "zoneFull") =>
      key === "noSuchZone" || key === "zoneFull"
        ? fairPage(c, f.id, { values: input, errors: { zoneId: t.refusals[key] }, status: statusOf(key) })
        : fairPage(c, f.id, { values: input, message: t.refusals[key], status: statusOf(key) });
    // Read and checked again inside the write, so two clicks cannot book twice.
    const outcome = await deps.database.transaction(async (tx) => {
      const fair = (await fairs.findFair(tx, f.id))!;
      const employer = await fairs.employerOfUser(tx, user.id);
      const zones = await fairs.zonesOf(tx, f.id);
      const existing = employer ? await fairs.bookingOf(tx, f.id, employer.id) : null;
      const refusal = bookingRefusal(fair, today, employer?.status ?? null, zones.some((z) => z.id === zoneId), existing?.status ?? null);
      if (refusal) return refusal;
      const ok = await fairs.book(tx, { fairId: f.id, zoneId, employerId: employer!.id, existingId: existing?.id ?? null }, now);
      return ok ? null : ("zoneFull" as const);
    });
    if (outcome) return refuse(outcome);
    return redirectWithFlash(c, paths.training.fair(f.id), t.booked);
  });

  app.post(paths.training.fairCancelBookingPattern, async (c) => {
    const user = requireRole(c, "employer");
    const { deps } = c.var;
    const booking = await fairs.findBooking(deps.database.db, idParam(c));
    if (!booking || booking.employerUserId !== user.id) throw new NotFound("booking");
    const f = await fairOr404(c, booking.fairId);
    const now = deps.clock.now();
    const refusal = await deps.database.transaction(async (tx) => {
      const fresh = await fairs.findBooking(tx, booking.id);
      const r = bookingCancelRefusal(fresh!.status, f, chinaDate(now));
      if (!r) await fairs.cancelBooking(tx, booking, now);
      return r;
    });
    if (refusal) return fairPage(c, f.id, { message: t.refusals[refusal], status: 422 });
    return redirectWithFlash(c, paths.training.fair(f.id), t.bookingCancelled);
  });

  // --- Staff ------------------------------------------------------------------

  app.get(paths.training.staffFairs, async (c) => {
    const user = requireStaff(c);
    const page = pageParam(c);
    const { rows, total } = await fairs.listFairsForStaff(c.var.deps.database.db, user, page);
    return c.render(<StaffFairListPage rows={rows.map((f) => toView(c, f))} page={page} pages={pagesFor(total, PAGE_SIZE)} />, { title: t.staffFairsTitle });
  });

  const fairForm = async (c: Ctx, user: CurrentUser, values?: FormInput, errors?: FormErrors, status?: 400 | 422) => {
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
  };

  app.get(paths.training.staffFairNew, (c) => {
    const user = requireStaff(c);
    return fairForm(c, user, { marketId: user.marketId ? String(user.marketId) : undefined, date: todayOf(c) });
  });

  app.post(paths.training.staffFairNew, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const input = await readForm(c);
    const kinds = await workKindOptions(deps.database.db);
    const form = check(FairForm, input);
    const zoneForm = check(zonesForm(kinds), input);
    if (!form.ok || !zoneForm.ok) return fairForm(c, user, input, { ...(form.ok ? {} : form.errors), ...(zoneForm.ok ? {} : zoneForm.errors) }, 400);
    const f = form.value;
    const zones = kinds.flatMap((k) => {
      const n = (zoneForm.value as Record<string, number | undefined>)[`zone${k.id}`];
      return n ? [{ workKindId: k.id, capacity: n }] : [];
    });
    const errors: FormErrors = {};
    const market = await findMarket(deps.database.db, f.marketId);
    if (!market || !canSeeMarket(user, market)) errors.marketId = copy.errors.invalidChoice(t.market);
    for (const [field, key] of Object.entries(fairFormProblems(f.date, todayOf(c), zones.length))) errors[field] = t.refusals[key];
    if (Object.keys(errors).length) return fairForm(c, user, input, errors, 422);
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const id = await fairs.insertFair(tx, f, zones, user.id, now);
      await auditInsert(tx, user, now, { action: "fair.create", subjectType: "job_fair", subjectId: id });
      return id;
    });
    return redirectWithFlash(c, paths.training.staffFair(id), t.fairCreated);
  });

  const staffFairPage = async (c: Ctx, user: CurrentUser, id: number, extra: { errors?: FormErrors; message?: string; status?: 400 | 422 } = {}) => {
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
  };

  app.get(paths.training.staffFairPattern, (c) => staffFairPage(c, requireStaff(c), idParam(c)));

  app.post(paths.training.staffFairCancelPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const f = await staffFair(c, user, idParam(c));
    const form = check(CancelSessionForm, await readForm(c));
    if (!form.ok) return staffFairPage(c, user, f.id, { errors: form.errors, status: 400 });
    const now = deps.clock.now();
    const done = await deps.database.transaction(async (tx) => {
      const ok = await fairs.cancelFair(tx, f, form.value.reason, now);
      if (ok) await auditInsert(tx, user, now, { action: "fair.cancel", subjectType: "job_fair", subjectId: f.id });
      return ok;
    });
    return redirectWithFlash(c, paths.training.staffFair(f.id), done ? t.fairCancelledFlash : t.refusals.fairCancelled);
  });

  // 未到场: recorded by staff on or after the day, with an audit entry.
  app.post(paths.training.staffNoShowPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const booking = await fairs.findBooking(deps.database.db, idParam(c));
    if (!booking) throw new NotFound("booking");
    const f = await staffFair(c, user, booking.fairId);
    const now = deps.clock.now();
    const refusal = noShowRefusal(booking.status, f, chinaDate(now));
    if (refusal) return staffFairPage(c, user, f.id, { message: t.refusals[refusal], status: 422 });
    await deps.database.write((db) =>
      db.batch([
        fairs.noShowStatement(db, booking.id, user.id, now),
        auditInsert(db, user, now, { action: "fair.no_show", subjectType: "job_fair_booking", subjectId: booking.id, detail: { employerId: booking.employerId } }),
      ]),
    );
    return redirectWithFlash(c, paths.training.staffFair(f.id), t.noShowDone);
  });

  return app;
}
