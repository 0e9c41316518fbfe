// What can be done with job fairs (专场招聘会), as use cases: an employer
// books a place in a zone or cancels it; staff create a fair, cancel it and
// record a no-show. Deps, the actor and the input in; a result union with a
// code (a key of copy.training.refusals) out; no HTTP here.
import type { Deps, CurrentUser } from "../../shared/context.ts";
import { auditInsert } from "../../shared/audit.ts";
import { canSeeMarket } from "../../shared/authz.ts";
import { chinaDate } from "../../shared/clock.ts";
import { bookingRefusal, bookingCancelRefusal, noShowRefusal, fairFormProblems, type BookingRefusal } from "./training.domain.ts";
import * as fairs from "./fairs.repo.ts";
import { findMarket, workKindOptions } from "./training.repo.ts";
import type { FairForm } from "./training.schema.ts";
import { tell } from "./training.notices.ts";
import type * as v from "valibot";

export type Fair = NonNullable<Awaited<ReturnType<typeof fairs.findFair>>>;
export type Booking = NonNullable<Awaited<ReturnType<typeof fairs.findBooking>>>;
export type BookCode = BookingRefusal | "zoneFull";

/** A refusal that is a conflict with what already exists is 409; a broken rule 422. */
export const bookStatus = (code: BookCode): 409 | 422 => (code === "alreadyBooked" || code === "zoneFull" ? 409 : 422);

/**
 * An employer (the signed-in employer user) books a place in one zone. Read
 * and checked again inside the write, so two clicks cannot book twice.
 */
export async function book(deps: Deps, actor: CurrentUser, fairId: number, zoneId: number): Promise<{ ok: true } | { ok: false; code: BookCode }> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const code = await deps.database.transaction(async (tx): Promise<BookCode | null> => {
    const fair = await fairs.findFair(tx, fairId);
    if (!fair) return "fairCancelled";
    const employer = await fairs.employerOfUser(tx, actor.id);
    const zones = await fairs.zonesOf(tx, fairId);
    const existing = employer ? await fairs.bookingOf(tx, fairId, employer.id) : null;
    const refusal = bookingRefusal(fair, today, employer?.status ?? null, zones.some((z) => z.id === zoneId), existing?.status ?? null);
    if (refusal) return refusal;
    const ok = await fairs.book(tx, { fairId, zoneId, employerId: employer!.id, existingId: existing?.id ?? null }, now);
    return ok ? null : "zoneFull";
  });
  return code ? { ok: false, code } : { ok: true };
}

/** The employer gives the place back (not on the day itself); the route has checked the booking is theirs. */
export async function cancelBooking(deps: Deps, actor: CurrentUser, booking: Booking, fair: Fair): Promise<{ ok: true } | { ok: false; code: "notBooked" | "fairToday" }> {
  const now = deps.clock.now();
  const code = await deps.database.transaction(async (tx) => {
    const fresh = await fairs.findBooking(tx, booking.id);
    const r = bookingCancelRefusal(fresh!.status, fair, chinaDate(now));
    if (!r) await fairs.cancelBooking(tx, booking, now);
    return r;
  });
  return code ? { ok: false, code } : { ok: true };
}

export type FairFormCode = "invalidMarket" | "fairInPast" | "noZones";

/**
 * Creates a fair with its zones (booths per kind of work) after the checks
 * beyond the form's fields: the market in the actor's scope, a date not past,
 * at least one zone. Field → code when refused.
 */
export async function createFair(
  deps: Deps,
  actor: CurrentUser,
  f: v.InferOutput<typeof FairForm>,
  zones: { workKindId: number; capacity: number }[],
): Promise<{ ok: true; id: number } | { ok: false; problems: Record<string, FairFormCode> }> {
  const problems: Record<string, FairFormCode> = {};
  const market = await findMarket(deps.database.db, f.marketId);
  if (!market || !canSeeMarket(actor, market)) problems.marketId = "invalidMarket";
  Object.assign(problems, fairFormProblems(f.date, chinaDate(deps.clock.now()), zones.length));
  if (Object.keys(problems).length) return { ok: false, problems };
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const id = await fairs.insertFair(tx, f, zones, actor.id, now);
    await auditInsert(tx, actor, now, { action: "fair.create", subjectType: "job_fair", subjectId: id });
    return id;
  });
  return { ok: true, id };
}

/** The kinds of work a fair may have zones for (the form has one field per kind). */
export const zoneKinds = (deps: Deps) => workKindOptions(deps.database.db);

/** Cancels the fair and tells the employers booked; `done` is false when it was already cancelled. */
export async function cancelFair(deps: Deps, actor: CurrentUser, fair: Fair, reason: string): Promise<{ ok: true; done: boolean }> {
  const now = deps.clock.now();
  const done = await deps.database.transaction(async (tx) => {
    const news = await fairs.cancelFair(tx, fair, reason, now);
    if (news) await tell(tx, news, now);
    const ok = news !== null;
    if (ok) await auditInsert(tx, actor, now, { action: "fair.cancel", subjectType: "job_fair", subjectId: fair.id });
    return ok;
  });
  return { ok: true, done };
}

/** 未到场: staff record that a booked employer did not come, on or after the day. */
export async function markNoShow(deps: Deps, actor: CurrentUser, booking: Booking, fair: Fair): Promise<{ ok: true } | { ok: false; code: "notBooked" | "fairNotYet" }> {
  const now = deps.clock.now();
  const code = noShowRefusal(booking.status, fair, chinaDate(now));
  if (code) return { ok: false, code };
  await deps.database.write((db) =>
    db.batch([
      fairs.noShowStatement(db, booking.id, actor.id, now),
      auditInsert(db, actor, now, { action: "fair.no_show", subjectType: "job_fair_booking", subjectId: booking.id, detail: { employerId: booking.employerId } }),
    ]),
  );
  return { ok: true };
}
