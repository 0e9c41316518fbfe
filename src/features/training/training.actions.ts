// What can be done with training sessions, as use cases: sign up (oneself,
// after an SMS code, or a walk-in by staff), cancel, staff create / edit /
// cancel a session, take a place back, attendance and the completers' list.
// Each takes deps, the actor and the input (and, for staff, whom they act
// for), and returns a result union with a code; no HTTP here. The routes
// check who may (role, scope), read the form, call one of these, and turn a
// code into words through copy.training.
import type { Deps, CurrentUser } from "../../shared/context.ts";
import { auditInsert } from "../../shared/audit.ts";
import { canSeeMarket } from "../../shared/authz.ts";
import { chinaDate } from "../../shared/clock.ts";
import { insertWorker } from "../workers/index.ts";
import { notifyStatements, shortDate } from "../messages/index.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { signupRefusal, sessionFormProblems, sessionDays, markableDays, attendanceRefusal, planAttendance, type AttendanceRefusal, type SessionFormProblem } from "./training.domain.ts";
import * as repo from "./training.repo.ts";
import { TrainingRefusal, type SessionRow, type SignupResult } from "./training.repo.ts";
import type { SessionFormValue } from "./training.schema.ts";
import { tell } from "./training.notices.ts";
import type { Queryable } from "../../shared/db.ts";

const t = copy.training;

export type RefusalCode = TrainingRefusal["key"];
/** A rule refused: the code (a key of copy.training.refusals), the HTTP-free status class, and what the words need. */
export type Refused = { ok: false; code: RefusalCode; status: 409 | 422; detail: { name?: string; count?: number } };
export type Done<T = object> = { ok: true } & T;

const refused = (e: TrainingRefusal): Refused => ({ ok: false, code: e.key, status: e.status, detail: e.detail });

/** Runs a write that may throw a TrainingRefusal (rolling its transaction back) and returns the refusal as a value. */
async function refusable<T extends object>(f: () => Promise<T>): Promise<Done<T> | Refused> {
  try {
    return { ok: true, ...(await f()) };
  } catch (e) {
    if (e instanceof TrainingRefusal) return refused(e);
    throw e;
  }
}

type Session = NonNullable<SessionRow>;

/** A repo write that reports whom to tell, followed by the telling, in the same transaction. */
async function told<T extends { news: Parameters<typeof tell>[1] }>(tx: Queryable, now: number, write: Promise<T>): Promise<T> {
  const r = await write;
  await tell(tx, r.news, now);
  return r;
}

// --- Workers ---------------------------------------------------------------

/** A signed-in worker takes a place (or joins the waiting list). */
export function signUp(deps: Deps, worker: CurrentUser, sessionId: number): Promise<Done<{ result: SignupResult }> | Refused> {
  const now = deps.clock.now();
  return refusable(async () => ({
    result: await deps.database.transaction((tx) => told(tx, now, repo.signUp(tx, { sessionId, workerId: worker.id }, now, chinaDate(now)))),
  }));
}

/** Before any text is sent to a visitor without an account: a closed session is refused (it does not depend on the number). */
export function visitorSignupRefusal(deps: Deps, s: Session): Refused | null {
  const closed = signupRefusal(s, chinaDate(deps.clock.now()), null);
  return closed ? refused(new TrainingRefusal(closed)) : null;
}

/**
 * After the SMS code matched: the number's worker account (or a new one)
 * takes the place. The person proved the number, so her own account signs up
 * whatever name she typed; an employer's or staff number is refused ("notWorker").
 */
export function signUpProvenPhone(deps: Deps, a: { sessionId: number; phone: string; name: string }): Promise<Done<{ workerId: number; result: SignupResult }> | Refused> {
  const now = deps.clock.now();
  return refusable(() =>
    deps.database.transaction(async (tx) => {
      const person = await repo.findPersonByPhone(tx, a.phone);
      if (person && person.role !== "worker") throw new TrainingRefusal("notWorker");
      const workerId = person ? person.id : (await insertWorker(tx, { phone: a.phone, name: a.name, pinHash: null }, now)).id;
      return { workerId, result: await told(tx, now, repo.signUp(tx, { sessionId: a.sessionId, workerId }, now, chinaDate(now))) };
    }),
  );
}

type Signup = NonNullable<Awaited<ReturnType<typeof repo.findSignup>>>;

/** A worker cancels her own sign-up (or leaves the waiting list); the route has checked it is hers. */
export function cancelOwnSignup(deps: Deps, worker: CurrentUser, signup: Signup): Promise<Done<{ was: string; promoted: number }> | Refused> {
  const now = deps.clock.now();
  return refusable(() => deps.database.transaction((tx) => told(tx, now, repo.cancelSignup(tx, signup.id, now, chinaDate(now)))));
}

// --- Staff: sessions -------------------------------------------------------

export type SessionFormCode = "invalidMarket" | "invalidWorkKind" | SessionFormProblem;

/**
 * The checks of the session form after its fields: the market is in the
 * actor's scope, the kind of work exists, then the date rules. Field → code.
 */
export async function sessionFormCheck(
  deps: Deps,
  actor: CurrentUser,
  f: SessionFormValue,
  isNew: boolean,
): Promise<{ ok: true; value: repo.SessionValues } | { ok: false; problems: Record<string, SessionFormCode> }> {
  const { db } = deps.database;
  const problems: Record<string, SessionFormCode> = {};
  const market = await repo.findMarket(db, f.marketId);
  if (!market || !canSeeMarket(actor, market)) problems.marketId = "invalidMarket";
  if (f.workKindId !== undefined && !(await repo.workKindOptions(db)).some((k) => k.id === f.workKindId)) problems.workKindId = "invalidWorkKind";
  Object.assign(problems, sessionFormProblems({ ...f, online: f.online === "1" }, chinaDate(deps.clock.now()), isNew));
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, value: sessionValues(f) };
}

export async function createSession(deps: Deps, actor: CurrentUser, value: repo.SessionValues): Promise<Done<{ id: number }>> {
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const id = await repo.insertSession(tx, value, actor.id, now);
    await auditInsert(tx, actor, now, { action: "training.create", subjectType: "training_session", subjectId: id });
    return id;
  });
  return { ok: true, id };
}

/** Saves an edit; a larger capacity moves people up from the waiting list ("promoted"). */
export function editSession(deps: Deps, actor: CurrentUser, sessionId: number, value: repo.SessionValues): Promise<Done<{ promoted: number }> | Refused> {
  const now = deps.clock.now();
  return refusable(() =>
    deps.database.transaction(async (tx) => {
      const out = await told(tx, now, repo.updateSession(tx, sessionId, value, now));
      await auditInsert(tx, actor, now, { action: "training.edit", subjectType: "training_session", subjectId: sessionId, detail: { promoted: out.promoted } });
      return { promoted: out.promoted };
    }),
  );
}

/** Cancels the whole session and tells everyone; `done` is false when it was already cancelled. */
export async function cancelSession(deps: Deps, actor: CurrentUser, sessionId: number, reason: string): Promise<Done<{ done: boolean }>> {
  const now = deps.clock.now();
  const done = await deps.database.transaction(async (tx) => {
    const news = await repo.cancelSession(tx, sessionId, reason, now);
    if (news) await tell(tx, news, now);
    const ok = news !== null;
    if (ok) await auditInsert(tx, actor, now, { action: "training.cancel", subjectType: "training_session", subjectId: sessionId });
    return ok;
  });
  return { ok: true, done };
}

/**
 * 代办: staff sign up the person in front of them. A number with no account
 * gets one (with the ID number, when given and not someone else's); a number
 * of a worker with another name is refused ("nameMismatch"), one of an
 * employer or staff member too ("notWorker").
 */
export function walkIn(
  deps: Deps,
  actor: CurrentUser,
  s: Session,
  person: { name: string; phone: string; idNumber?: string },
): Promise<Done<{ result: SignupResult; newAccount: boolean }> | Refused> {
  const viaMarketId = actor.marketId ?? s.marketId;
  const now = deps.clock.now();
  return refusable(() =>
    deps.database.transaction(async (tx) => {
      const found = await repo.findPersonByPhone(tx, person.phone);
      if (found && found.role !== "worker") throw new TrainingRefusal("notWorker");
      if (found && found.name !== person.name) throw new TrainingRefusal("nameMismatch", 422, { name: found.name });
      let workerId = found?.id;
      if (!workerId) {
        if (person.idNumber && (await repo.idNumberOwner(tx, person.idNumber)) !== null) throw new TrainingRefusal("idTaken", 409);
        workerId = (
          await insertWorker(tx, { phone: person.phone, name: person.name, pinHash: null, idNumber: person.idNumber ?? null, viaStaffId: actor.id, viaMarketId }, now)
        ).id;
      }
      const result = await told(tx, now, repo.signUp(tx, { sessionId: s.id, workerId, viaStaffId: actor.id, viaMarketId }, now, chinaDate(now)));
      await auditInsert(tx, actor, now, {
        action: "training.signup_walk_in",
        subjectType: "training_signup",
        subjectId: result.signupId,
        onBehalfOf: workerId,
        detail: { newAccount: !found },
      });
      return { result, newAccount: !found };
    }),
  );
}

/** Staff take a place back for the person (on her behalf), and she is told in the inbox and by text. */
export function staffCancelSignup(deps: Deps, actor: CurrentUser, s: Session, signup: Signup): Promise<Done<{ promoted: number }> | Refused> {
  const now = deps.clock.now();
  return refusable(() =>
    deps.database.transaction(async (tx) => {
      const r = await told(tx, now, repo.cancelSignup(tx, signup.id, now, chinaDate(now)));
      await auditInsert(tx, actor, now, {
        action: "training.cancel_signup",
        subjectType: "training_signup",
        subjectId: signup.id,
        onBehalfOf: signup.workerId,
        detail: { promoted: r.promoted },
      });
      // She may be counting on the place.
      const sms = { to: signup.workerPhone, template: "trainingCancelled" as const, countyCode: s.countyCode, params: { course: s.title, date: shortDate(s.startDate), reason: t.notices.cancelledByStaffReason } };
      for (const st of notifyStatements(tx, [{ userId: signup.workerId, body: t.notices.cancelledByStaff(s.title, s.startDate), link: paths.training.show(s.id), sms }], now)) await st;
      return { promoted: r.promoted };
    }),
  );
}

// --- Staff: attendance and the completers' list ----------------------------

/**
 * Saves one page of the attendance form: the ids on the page, who was present
 * each markable day ("<signupId>:<day>"), who completed. Refused when the
 * session cannot take attendance today, or the form names people not on it.
 */
export async function saveAttendance(
  deps: Deps,
  actor: CurrentUser,
  s: Session,
  form: { ids: string[]; present: string[]; done: string[] },
): Promise<Done | { ok: false; code: AttendanceRefusal | "badAttendance" }> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const refusal = attendanceRefusal(s, today);
  if (refusal) return { ok: false, code: refusal };
  const days = markableDays(sessionDays(s.startDate, s.endDate), today);
  const plan = planAttendance(form, await repo.rosterIds(deps.database.db, s.id), days);
  if (!plan.ok) return { ok: false, code: "badAttendance" };
  await deps.database.write((db) =>
    db.batch([
      auditInsert(db, actor, now, {
        action: "training.attendance",
        subjectType: "training_session",
        subjectId: s.id,
        detail: { people: plan.pageIds.length, marks: plan.rows.length, completed: plan.completed.length },
      }),
      ...repo.saveAttendanceStatements(db, { ...plan, days }, actor.id, now),
    ]),
  );
  return { ok: true };
}

/** The people who completed the course, for the subsidy claim; the export is an audit entry. */
export async function exportCompleters(deps: Deps, actor: CurrentUser, s: Session) {
  const people = await repo.completers(deps.database.db, s.id);
  const now = deps.clock.now();
  await deps.database.write((db) =>
    auditInsert(db, actor, now, { action: "training.export_completers", subjectType: "training_session", subjectId: s.id, detail: { rows: people.length } }),
  );
  return people;
}

/** The session form's values as the repo stores them. */
export function sessionValues(f: SessionFormValue): repo.SessionValues {
  return {
    marketId: f.marketId,
    kind: f.kind,
    title: f.title,
    workKindId: f.workKindId ?? null,
    provider: f.provider,
    online: f.online === "1",
    place: f.place,
    startDate: f.startDate,
    endDate: f.endDate,
    hours: f.hours,
    capacity: f.capacity,
    signupDeadline: f.signupDeadline,
    costFen: f.cost,
    subsidyRule: f.subsidyRule,
    allowanceRule: f.allowanceRule,
    description: f.description,
  };
}
