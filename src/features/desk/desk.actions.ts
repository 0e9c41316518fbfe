// The desk's own use cases, for the person in front of it: check-in,
// registration (代登记), login help (unlock, a new PIN), the day's draw. Each
// takes deps, the desk (staff member and market) and the input, writes with
// its audit entry in one transaction or batch, and answers with codes; the
// routes turn codes into words (views/copy/desk.ts). Tables other features
// own are changed only through their index.ts: accounts (users, sessions,
// login holds), workers (worker_kinds), jobs (postings, sign-ups, hires —
// see jobs.actions.ts, which the desk calls to act for someone).
import type { Deps, CurrentUser } from "../../shared/context.ts";
import { auditInsert } from "../../shared/audit.ts";
import { chinaDate } from "../../shared/clock.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { findUserByPhone, clearLock, vouchPhoneStmt, resetPinStatements } from "../accounts/index.ts";
import { insertWorker, insertWorkerKinds, listKinds } from "../workers/index.ts";
import { weakPinMessage } from "../phone/index.ts";
import type { RegisterFormValue } from "./desk.schema.ts";
import { drawOrder, newSeed, resolveBirthYear, birthYearBounds } from "./desk.domain.ts";
import * as repo from "./desk.repo.ts";

/** Who acts: the staff member (or admin) at this market's desk. */
export type DeskActor = { user: CurrentUser; market: { id: number; countyCode: string } };

/** Checks a worker in for today. `queueNo`: her number in today's order of arrival. */
export async function checkIn(deps: Deps, d: DeskActor, workerId: number): Promise<{ ok: true; queueNo: number } | { ok: false; code: "already" }> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const queueNo = await deps.database.transaction(async (tx) => {
    const [row] = await repo.insertCheckIn(tx, { marketId: d.market.id, workerId, day: today, at: now, viaStaffId: d.user.id });
    if (!row) return 0;
    await auditInsert(tx, d.user, now, { action: "desk.checkin", subjectType: "check_in", subjectId: row.id, onBehalfOf: workerId, detail: { marketId: d.market.id } });
    // Her queue number today: the public order page shows numbers, not names.
    const arrived = await repo.checkInsOn(tx, d.market.id, today);
    return arrived.findIndex((a) => a.workerId === workerId) + 1;
  });
  return queueNo ? { ok: true, queueNo } : { ok: false, code: "already" };
}

export type RegisterProblem = "unknownCounty" | "unknownTownship" | "birthYearMismatch" | "birthYearRange" | "unknownKind";
export type RegisterOutcome =
  | { ok: true; id: number; cardCode: string }
  | { ok: false; code: "problems"; problems: Partial<Record<"countyCode" | "townshipCode" | "birthYear" | "kinds", RegisterProblem>>; range: { min: number; max: number } }
  | { ok: false; code: "otherAccount" }
  | { ok: false; code: "existing"; id: number };

/**
 * 代登记: a walk-in worker's account, her kinds of work, the phone vouched
 * for by the staff member, and today's check-in, together or not at all.
 * Someone with the phone or ID number already is `existing`.
 */
export async function registerWalkIn(deps: Deps, d: DeskActor, f: RegisterFormValue): Promise<RegisterOutcome> {
  const now = deps.clock.now();
  const problems: Extract<RegisterOutcome, { code: "problems" }>["problems"] = {};
  if (!deps.regions.countyNames.has(f.countyCode)) problems.countyCode = "unknownCounty";
  else if (f.townshipCode && !deps.regions.townshipInCounty(f.townshipCode, f.countyCode)) problems.townshipCode = "unknownTownship";
  const born = resolveBirthYear(f.birthYear, f.idNumber);
  const range = birthYearBounds(chinaDate(now));
  if (!born.ok) problems.birthYear = "birthYearMismatch";
  else if (born.year !== null && (born.year < range.min || born.year > range.max)) problems.birthYear = "birthYearRange";
  const known = new Set((await listKinds(deps.database.db)).map((k) => k.id));
  if (f.kinds.some((k) => !known.has(k))) problems.kinds = "unknownKind";
  if (Object.keys(problems).length) return { ok: false, code: "problems", problems, range };
  const { user, market } = d;
  return deps.database.transaction(async (tx): Promise<RegisterOutcome> => {
    // Looked up inside the write, so two desks cannot register the same person at once.
    const byPhone = await findUserByPhone(tx, f.phone);
    if (byPhone) return byPhone.role === "worker" ? { ok: false, code: "existing", id: byPhone.id } : { ok: false, code: "otherAccount" };
    if (f.idNumber) {
      const byId = await repo.findWorkerByIdNumber(tx, f.idNumber);
      if (byId) return { ok: false, code: "existing", id: byId.id };
    }
    const created = await insertWorker(
      tx,
      {
        phone: f.phone,
        name: f.name,
        pinHash: null,
        countyCode: f.countyCode,
        townshipCode: f.townshipCode ?? null,
        birthYear: born.ok ? born.year : null,
        idNumber: f.idNumber ?? null,
        ownPhone: f.ownPhone === "yes",
        viaStaffId: user.id,
        viaMarketId: market.id,
      },
      now,
    );
    if (f.kinds.length) await insertWorkerKinds(tx, created.id, [...new Set(f.kinds)]);
    // No code at the desk: the staff member vouches for the person in front of them, on the record.
    await vouchPhoneStmt(tx, created.id, user.id);
    await auditInsert(tx, user, now, { action: "desk.register", subjectType: "user", subjectId: created.id, onBehalfOf: created.id, detail: { marketId: market.id, phoneVouched: true } });
    // She is standing at the desk: registering her also checks her in for today.
    const [row] = await repo.insertCheckIn(tx, { marketId: market.id, workerId: created.id, day: chinaDate(now), at: now, viaStaffId: user.id });
    if (row) await auditInsert(tx, user, now, { action: "desk.checkin", subjectType: "check_in", subjectId: row.id, onBehalfOf: created.id, detail: { marketId: market.id } });
    return { ok: true, ...created };
  });
}

/** Ends every login hold on the worker's account. */
export async function unlock(deps: Deps, d: DeskActor, w: { id: number; phone: string }): Promise<{ ok: true }> {
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([clearLock(db, w.phone), auditInsert(db, d.user, now, { action: "desk.unlock", subjectType: "user", subjectId: w.id, onBehalfOf: w.id })]),
  );
  return { ok: true };
}

/** A new PIN the worker typed herself: holds end and she is signed out everywhere. */
export async function resetPin(deps: Deps, d: DeskActor, w: { id: number; phone: string; idNumber: string | null }, pin: string): Promise<{ ok: true } | { ok: false; code: "weak"; message: string }> {
  const weak = weakPinMessage(pin, w.idNumber);
  if (weak) return { ok: false, code: "weak", message: weak };
  const pinHash = await hashSecret(pin);
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([...resetPinStatements(db, w, pinHash), auditInsert(db, d.user, now, { action: "desk.pin_reset", subjectType: "user", subjectId: w.id, onBehalfOf: w.id })]),
  );
  return { ok: true };
}

/** 抽签: today's order drawn once, from everyone checked in, when the market's rule is the draw. */
export async function draw(deps: Deps, d: DeskActor, random = () => crypto.getRandomValues(new Uint32Array(1))[0]): Promise<{ ok: true } | { ok: false; code: "notRule" | "already" | "nobody" }> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const seed = newSeed(random);
  const outcome = await deps.database.transaction(async (tx) => {
    if ((await repo.ruleOf(tx, d.market.id)) !== "draw") return "notRule" as const;
    if (await repo.drawOf(tx, d.market.id, today)) return "already" as const;
    const arrived = await repo.checkInsOn(tx, d.market.id, today);
    if (arrived.length === 0) return "nobody" as const;
    const order = drawOrder(arrived.map((a) => a.workerId), seed);
    const [row] = await repo.insertDraw(tx, { marketId: d.market.id, day: today, seed, order, at: now, by: d.user.id });
    await auditInsert(tx, d.user, now, { action: "desk.draw", subjectType: "fair_draw", subjectId: row.id, detail: { seed, count: order.length } });
    return "done" as const;
  });
  return outcome === "done" ? { ok: true } : { ok: false, code: outcome };
}
