// What a worker can do with her account and her work-seeking cards, as use
// cases: register (after the SMS code), a new PIN after a reset code, change
// the PIN, save the profile, publish a card, close or reopen one. Deps, the
// actor and the input in; a result union with a code out (a key of
// copy.workers, turned into words by the routes); no HTTP here.
import type { Deps, CurrentUser } from "../../shared/context.ts";
import { hashSecret, verifySecret } from "../../shared/crypto.ts";
import { endAllSessions } from "../../shared/session.ts";
import { checkThrottle, recordFailure, clearPair, type LoginKeys } from "../../shared/throttle.ts";
import { chinaDate } from "../../shared/clock.ts";
import { findUserByPhone } from "../accounts/index.ts";
import { weakPinMessage } from "../phone/index.ts";
import { daysString, wageProblem, placeProblem, canOpenAnotherCard } from "./workers.domain.ts";
import * as repo from "./workers.repo.ts";
import type { profileForm, cardForm } from "./workers.schema.ts";
import type * as v from "valibot";

// --- Account -------------------------------------------------------------------

/**
 * After the registration code matched: a new number becomes a worker account;
 * a number with a worker account is that account (and gets the PIN just
 * chosen if it had none). Another role's number, or a disabled account: "otherRole".
 */
export async function registerProvenPhone(deps: Deps, a: { phone: string; name: string; pinHash: string }): Promise<{ ok: true; id: number; existed: boolean } | { ok: false; code: "otherRole" }> {
  const now = deps.clock.now();
  return deps.database.transaction(async (tx) => {
    const existing = await findUserByPhone(tx, a.phone);
    if (existing) {
      if (existing.role !== "worker" || existing.disabledAt !== null) return { ok: false as const, code: "otherRole" as const };
      if (!existing.pinHash) await repo.updatePin(tx, existing.id, a.pinHash);
      return { ok: true as const, id: existing.id, existed: true };
    }
    return { ok: true as const, id: (await repo.insertWorker(tx, { phone: a.phone, name: a.name, pinHash: a.pinHash }, now)).id, existed: false };
  });
}

/** Who a proven reset code belongs to: a worker goes on to a new PIN; the others are told what to do. */
export async function pinResetTarget(deps: Deps, phone: string): Promise<"worker" | "noAccount" | "disabled" | "notWorker"> {
  const user = await findUserByPhone(deps.database.db, phone);
  if (!user) return "noAccount";
  if (user.disabledAt !== null) return "disabled";
  return user.role === "worker" ? "worker" : "notWorker";
}

/** The PIN refused as too easy (the words come from the phone feature's rule). */
export type WeakPin = { ok: false; code: "weakPin"; message: string };

/**
 * A new PIN for a worker who proved her number: `finish` claims the code step
 * once (false: it was used meanwhile → "stepUsed"). Every session with the
 * old PIN ends.
 */
export async function setNewPin(deps: Deps, workerId: number, pin: string, finish: () => Promise<boolean>): Promise<{ ok: true } | WeakPin | { ok: false; code: "stepUsed" }> {
  const me = await repo.profileOf(deps.database.db, workerId);
  const weak = weakPinMessage(pin, me?.profile?.idNumber);
  if (weak) return { ok: false, code: "weakPin", message: weak };
  const pinHash = await hashSecret(pin);
  if (!(await finish())) return { ok: false, code: "stepUsed" };
  await deps.database.write((db) => repo.updatePin(db, workerId, pinHash));
  await endAllSessions(deps, workerId);
  return { ok: true };
}

/**
 * The worker changes her PIN, proving the old one. Wrong old PINs count like
 * failed logins (`keys`: her phone and address), so "locked" after too many.
 * Every other session with the old PIN ends.
 */
export async function changePin(
  deps: Deps,
  worker: CurrentUser,
  f: { oldPin: string; pin: string },
  keys: LoginKeys,
): Promise<{ ok: true } | WeakPin | { ok: false; code: "pinLocked" | "oldPinWrong" }> {
  if ((await checkThrottle(deps, keys)).locked) return { ok: false, code: "pinLocked" };
  const me = await repo.profileOf(deps.database.db, worker.id);
  if (!(await verifySecret(f.oldPin, me?.pinHash))) {
    await recordFailure(deps, keys);
    return { ok: false, code: "oldPinWrong" };
  }
  const weak = weakPinMessage(f.pin, me?.profile?.idNumber);
  if (weak) return { ok: false, code: "weakPin", message: weak };
  const pinHash = await hashSecret(f.pin);
  await deps.database.write((db) => repo.updatePin(db, worker.id, pinHash));
  await clearPair(deps, keys);
  await endAllSessions(deps, worker.id);
  return { ok: true };
}

// --- Profile and cards ------------------------------------------------------------

/** Field → code (a key of copy.workers). */
export type PlaceWageProblems = Partial<Record<"countyCode" | "townshipCode" | "wage" | "wageUnit", "countyInvalid" | "townshipNeedsCounty" | "townshipNotInCounty" | "wageNeeded" | "wageUnitNeeded">>;

/** County and township against the region data, and a wage with its unit. */
export function placeAndWageProblems(deps: Deps, f: { countyCode?: string; townshipCode?: string; wage?: number; wageUnit?: string }): PlaceWageProblems {
  const problems: PlaceWageProblems = {};
  if (f.countyCode && !deps.regions.countyNames.has(f.countyCode)) problems.countyCode = "countyInvalid";
  else {
    const problem = placeProblem(f.countyCode, f.townshipCode, deps.regions.townshipInCounty);
    if (problem) problems.townshipCode = problem;
  }
  const wage = wageProblem(f.wage, f.wageUnit);
  if (wage) problems[wage === "wageNeeded" ? "wage" : "wageUnit"] = wage;
  return problems;
}

export type ProfileInput = v.InferOutput<ReturnType<typeof profileForm>>;

/** 我的资料: name, birth year, gender, place, kinds of work, days, expected wage. */
export async function saveProfile(deps: Deps, worker: CurrentUser, f: ProfileInput): Promise<{ ok: true } | { ok: false; problems: PlaceWageProblems }> {
  const problems = placeAndWageProblems(deps, f);
  if (Object.keys(problems).length) return { ok: false, problems };
  const now = deps.clock.now();
  const change: repo.ProfileChange = {
    name: f.name,
    birthYear: f.birthYear ?? null,
    gender: f.gender ?? null,
    countyCode: f.countyCode ?? null,
    townshipCode: f.townshipCode ?? null,
    kindIds: f.kinds.map(Number),
    days: daysString(f.days),
    expectedWageFen: f.wage ?? null,
    expectedWageUnit: f.wageUnit ?? null,
  };
  await deps.database.write((db) => db.batch(repo.saveProfileStatements(db, worker.id, change, now)));
  return { ok: true };
}

export type CardInput = v.InferOutput<ReturnType<typeof cardForm>>;

/** Publishes a card; refused past MAX_OPEN_CARDS open ones ("tooManyOpen"), counted inside the write. */
export async function openCard(deps: Deps, worker: CurrentUser, f: CardInput): Promise<{ ok: true } | { ok: false; problems: PlaceWageProblems } | { ok: false; code: "tooManyOpen" }> {
  const problems = placeAndWageProblems(deps, f);
  if (Object.keys(problems).length) return { ok: false, problems };
  const now = deps.clock.now();
  const created = await deps.database.transaction(async (tx) => {
    if (!canOpenAnotherCard(await repo.openCardCount(tx, worker.id))) return false;
    const card = { kindId: f.kindId, countyCode: f.countyCode, townshipCode: f.townshipCode ?? null, days: daysString(f.days), wageFen: f.wage ?? null, wageUnit: f.wageUnit ?? null, note: f.note ?? "" };
    await repo.insertCard(tx, worker.id, card, now);
    return true;
  });
  return created ? { ok: true } : { ok: false, code: "tooManyOpen" };
}

/** Closes or reopens one of her own cards: "missing" when it is not hers, "tooManyOpen" to reopen past the limit. */
export async function setCardStatus(deps: Deps, worker: CurrentUser, cardId: number, to: "open" | "closed"): Promise<{ ok: true; changed: boolean } | { ok: false; code: "missing" | "tooManyOpen" }> {
  const now = deps.clock.now();
  return deps.database.transaction(async (tx) => {
    const card = await repo.findOwnCard(tx, worker.id, cardId);
    if (!card) return { ok: false as const, code: "missing" as const };
    if (card.status === to) return { ok: true as const, changed: false };
    if (to === "open" && !canOpenAnotherCard(await repo.openCardCount(tx, worker.id))) return { ok: false as const, code: "tooManyOpen" as const };
    await repo.setCardStatus(tx, worker.id, cardId, to, now);
    return { ok: true as const, changed: true };
  });
}

/** This year (Beijing), for the birth-year choices. */
export const thisYear = (deps: Deps) => Number(chinaDate(deps.clock.now()).slice(0, 4));
