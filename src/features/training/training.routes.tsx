/** @jsxImportSource hono/jsx */
// Training sessions: the public list and page, sign-up (one tap when signed
// in, name and phone without an account, or a walk-in by staff), cancelling,
// the worker's own list, and the staff side: create, edit, cancel, attendance,
// the printed sheet, certificates and the CSV for the subsidy claim.
import { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireUser, requireRole, requireStaff, isStaff, ensure, canSeeMarket } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { maskPhone, maskResidentId } from "../../shared/validators.ts";
import { csvResponse } from "../../shared/csv.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { trainingKinds } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { TrainingListPage, MySignupsPage } from "../../../views/training/list.tsx";
import { TrainingShowPage, type Viewer } from "../../../views/training/show.tsx";
import { StaffSessionListPage, SessionFormPage, StaffSessionPage } from "../../../views/training/staff.tsx";
import { AttendancePage, SheetPage, CertificatePage } from "../../../views/training/attendance.tsx";
import type { SessionView } from "../../../views/training/bits.tsx";
import { insertWorker } from "../workers/index.ts";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";
import { startSession } from "../../shared/session.ts";
import { addMeLinks } from "../accounts/index.ts";
import { notifyStatements, shortDate } from "../messages/index.ts";
import { SessionForm, AnonSignupForm, WalkInForm, CancelSessionForm, type SessionFormValue } from "./training.schema.ts";
import { signupRefusal, sessionFormProblems, sessionDays, markableDays, attendanceRefusal, planAttendance, cancelRefusal, certificateNo } from "./training.domain.ts";
import * as repo from "./training.repo.ts";
import { TrainingRefusal, PAGE_SIZE, type SessionRow, type SignupResult } from "./training.repo.ts";
import { idParam, pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

// "My account" links to one's own training sign-ups. Registered once per process.
addMeLinks((c) =>
  c.var.user?.role === "worker"
    ? [[paths.training.mine, t.mineLink]]
    : isStaff(c.var.user)
      ? [
          [paths.training.staffList, t.staffTitle],
          [paths.training.staffFairs, t.staffFairsTitle],
        ]
      : [],
);

/** The Chinese message for a refusal thrown by the repo. */
export function refusalMessage(e: TrainingRefusal): string {
  if (e.key === "capacityBelowConfirmed") return t.refusals.capacityBelowConfirmed(e.detail.count ?? 0);
  if (e.key === "nameMismatch") return t.refusals.nameMismatch(e.detail.name ?? "");
  return t.refusals[e.key];
}

function toView(c: Ctx, s: NonNullable<SessionRow>): SessionView {
  return { ...s, countyName: c.var.deps.regions.countyName(s.countyCode) };
}

async function sessionOr404(c: Ctx, id: number) {
  const s = await repo.findSession(c.var.deps.database.db, id);
  if (!s) throw new NotFound("session");
  return s;
}

/** A staff member's session: out of their scope is a page that does not exist. */
async function staffSession(c: Ctx, user: CurrentUser, id: number) {
  const s = await sessionOr404(c, id);
  ensure(canSeeMarket(user, { id: s.marketId, countyCode: s.countyCode }));
  return s;
}

/** Staff see the link to a course's staff page only where they may use it (their own market's, or in their county or city as admins). */
const viewerOf = (user: CurrentUser | null, s: { marketId: number; countyCode: string }): Viewer =>
  !user ? "anon" : user.role === "worker" ? "worker" : isStaff(user) && canSeeMarket(user, { id: s.marketId, countyCode: s.countyCode }) ? "staff" : "other";

/** texted: the person has no PIN, so the sign-up was also sent by text (training.repo.ts signUp). */
function signupFlash(r: SignupResult, texted = false): string {
  return (r.status === "confirmed" ? t.signedUpFlash : t.waitingFlash(r.position)) + (texted ? t.textedNote : "");
}

export function trainingRoutes() {
  const app = new Hono<AppEnv>();

  // --- Public -----------------------------------------------------------------

  app.get(paths.training.list, async (c) => {
    const { deps } = c.var;
    const q = readQuery(c);
    const kind = (trainingKinds as readonly string[]).includes(q.kind as string) ? (q.kind as string) : undefined;
    const county = deps.regions.countyNames.has(q.county as string) ? (q.county as string) : undefined;
    const page = pageParam(c);
    const today = todayOf(c);
    const { rows, total } = await repo.listUpcoming(deps.database.db, { today, kind, county, page });
    const query = (n: number) => new URLSearchParams({ ...(kind ? { kind } : {}), ...(county ? { county } : {}), page: String(n) }).toString();
    return c.render(
      <TrainingListPage
        rows={rows.map((s) => toView(c, s))}
        today={today}
        kinds={Object.entries(t.kinds)}
        counties={deps.regions.countyOptions()}
        values={{ kind, county }}
        page={page}
        pages={pagesFor(total, PAGE_SIZE)}
        href={(n) => `${paths.training.list}?${query(n)}`}
        staff={isStaff(c.var.user)}
        worker={c.var.user?.role === "worker"}
      />,
      { title: t.listTitle },
    );
  });

  const showPage = async (c: Ctx, id: number, extra: { values?: FormInput; errors?: FormErrors; message?: string; status?: 400 | 409 | 422 | 429 } = {}) => {
    const s = await sessionOr404(c, id);
    const user = c.var.user;
    const mine = user?.role === "worker" ? await repo.findSignupOf(c.var.deps.database.db, id, user.id) : null;
    if (extra.status) c.status(extra.status);
    return c.render(
      <TrainingShowPage s={toView(c, s)} today={todayOf(c)} viewer={viewerOf(user, s)} mine={mine} values={extra.values} errors={extra.errors} message={extra.message} />,
      { title: s.title },
    );
  };

  app.get(paths.training.showPattern, (c) => showPage(c, idParam(c)));

  app.post(paths.training.signupPattern, async (c) => {
    const { deps } = c.var;
    const id = idParam(c);
    const s = await sessionOr404(c, id);
    const user = c.var.user;
    if (user && isStaff(user)) return redirectWithFlash(c, paths.training.staffShow(s.id), t.staffNotWorker);
    if (user && user.role !== "worker") throw new NotFound("role");
    const now = deps.clock.now();
    const today = chinaDate(now);
    let input: FormInput = {};
    try {
      let result: SignupResult;
      if (user) {
        result = await deps.database.transaction((tx) => repo.signUp(tx, { sessionId: id, workerId: user.id }, now, today));
      } else {
        input = await readForm(c);
        const form = check(AnonSignupForm, input);
        if (!form.ok) return showPage(c, id, { values: input, errors: form.errors, status: 400 });
        // A closed session is refused before any text is sent (it does not depend on the number).
        const closed = signupRefusal(s, today, null);
        if (closed) throw new TrainingRefusal(closed);
        // What she typed waits for the SMS code; nothing is looked up before it matches.
        const r = await startProof(c, { purpose: "trainingSignUp", phone: form.value.phone, payload: { sessionId: id, name: form.value.name } });
        if (!r.ok) return showPage(c, id, { values: input, errors: { phone: r.message }, status: 429 });
        return c.redirect(r.location, 303);
      }
      return redirectWithFlash(c, paths.training.show(id), signupFlash(result, !user));
    } catch (e) {
      if (!(e instanceof TrainingRefusal)) throw e;
      return showPage(c, id, { values: input, message: refusalMessage(e), status: e.status });
    }
  });

  /**
   * After the code matched: the number's worker account (or a new one) takes
   * the place and is signed in. The person proved the number, so her own
   * account signs up whatever name she typed; an employer's or staff number is
   * told so only now.
   */
  definePurpose<{ sessionId: number; name: string }>("trainingSignUp", {
    title: t.signupTitle,
    back: (x) => paths.training.show(x.sessionId),
    complete: async (c, proven) => {
      const { deps } = c.var;
      const { sessionId, name } = proven.payload;
      const now = deps.clock.now();
      try {
        const r = await deps.database.transaction(async (tx) => {
          const person = await repo.findPersonByPhone(tx, proven.phone);
          if (person && person.role !== "worker") throw new TrainingRefusal("notWorker");
          const workerId = person ? person.id : (await insertWorker(tx, { phone: proven.phone, name, pinHash: null }, now)).id;
          return { workerId, result: await repo.signUp(tx, { sessionId, workerId }, now, chinaDate(now)) };
        });
        await startSession(c, r.workerId);
        return redirectWithFlash(c, paths.training.show(sessionId), signupFlash(r.result));
      } catch (e) {
        if (!(e instanceof TrainingRefusal)) throw e;
        if (e.key === "notWorker") return phoneOutcome(c, refusalMessage(e));
        return showPage(c, sessionId, { message: refusalMessage(e), status: e.status });
      }
    },
  });

  app.post(paths.training.cancelSignupPattern, async (c) => {
    const user = requireRole(c, "worker");
    const { deps } = c.var;
    const signup = await repo.findSignup(deps.database.db, idParam(c));
    if (!signup || signup.workerId !== user.id) throw new NotFound("signup");
    const now = deps.clock.now();
    try {
      const r = await deps.database.transaction((tx) => repo.cancelSignup(tx, signup.id, now, chinaDate(now)));
      return redirectWithFlash(c, paths.training.show(signup.sessionId), r.was === "waiting" ? t.leftWaitingFlash : t.cancelledFlash);
    } catch (e) {
      if (!(e instanceof TrainingRefusal)) throw e;
      return showPage(c, signup.sessionId, { message: refusalMessage(e), status: e.status });
    }
  });

  app.get(paths.training.mine, async (c) => {
    const user = requireRole(c, "worker");
    const page = pageParam(c);
    const today = todayOf(c);
    const { rows, total } = await repo.signupsOfWorker(c.var.deps.database.db, user.id, page);
    return c.render(
      <MySignupsPage
        rows={rows.map((r) => ({ ...r, canCancel: r.sessionStatus === "open" && cancelRefusal(r.status, r, today) === null }))}
        page={page}
        pages={pagesFor(total, PAGE_SIZE)}
      />,
      { title: t.mineTitle },
    );
  });

  // The worker's own certificate, or staff of the market that ran the course.
  app.get(paths.training.certificatePattern, async (c) => {
    const user = requireUser(c);
    const { deps } = c.var;
    const d = await repo.certificateData(deps.database.db, idParam(c));
    if (!d || d.completedAt === null || d.status !== "confirmed") throw new NotFound("certificate");
    const s = await sessionOr404(c, d.sessionId);
    ensure(user.id === d.workerId || (isStaff(user) && canSeeMarket(user, { id: s.marketId, countyCode: s.countyCode })));
    return c.render(
      <CertificatePage
        name={d.name}
        idNumber={d.idNumber}
        title={s.title}
        kind={s.kind}
        startDate={s.startDate}
        endDate={s.endDate}
        attendedDays={d.days}
        totalDays={sessionDays(s.startDate, s.endDate).length}
        number={certificateNo(s.id, d.signupId, s.startDate)}
        issuer={`${deps.regions.countyName(s.countyCode)}${s.marketName}`}
        issuedOn={chinaDate(d.completedAt)}
      />,
      { title: t.certificateTitle, bare: true },
    );
  });

  // --- Staff ------------------------------------------------------------------

  app.get(paths.training.staffList, async (c) => {
    const user = requireStaff(c);
    const page = pageParam(c);
    const { rows, total } = await repo.listForStaff(c.var.deps.database.db, user, page);
    return c.render(<StaffSessionListPage rows={rows.map((s) => toView(c, s))} today={todayOf(c)} page={page} pages={pagesFor(total, PAGE_SIZE)} />, {
      title: t.staffTitle,
    });
  });

  const formPage = async (c: Ctx, user: CurrentUser, action: string, title: string, values?: FormInput, errors?: FormErrors, status?: 400 | 422) => {
    const { deps } = c.var;
    const [markets, kinds] = await Promise.all([marketsInScope(deps.database.db, user), repo.workKindOptions(deps.database.db)]);
    if (status) c.status(status);
    return c.render(
      <SessionFormPage
        action={action}
        title={title}
        markets={markets.map((m) => [String(m.id), `${deps.regions.countyName(m.countyCode)} ${m.name}`] as const)}
        workKinds={kinds.map((k) => [String(k.id), k.name] as const)}
        values={values}
        errors={errors}
      />,
      { title },
    );
  };

  /** Checks the session form: fields, then the market and kind exist in scope, then the date rules. */
  const readSessionForm = async (
    c: Ctx,
    user: CurrentUser,
    isNew: boolean,
  ): Promise<{ input: FormInput; value?: repo.SessionValues; errors?: FormErrors; status?: 422 }> => {
    const { deps } = c.var;
    const input = await readForm(c);
    const form = check(SessionForm, input);
    if (!form.ok) return { input, errors: form.errors };
    const f = form.value;
    const errors: FormErrors = {};
    const market = await repo.findMarket(deps.database.db, f.marketId);
    if (!market || !canSeeMarket(user, market)) errors.marketId = copy.errors.invalidChoice(t.market);
    if (f.workKindId !== undefined && !(await repo.workKindOptions(deps.database.db)).some((k) => k.id === f.workKindId)) {
      errors.workKindId = copy.errors.invalidChoice(t.workKind);
    }
    const problems = sessionFormProblems({ ...f, online: f.online === "1" }, todayOf(c), isNew);
    for (const [field, key] of Object.entries(problems)) errors[field] = t.refusals[key];
    if (Object.keys(errors).length) return { input, errors, status: 422 as const };
    return { input, value: toValues(f) };
  };

  app.get(paths.training.staffNew, (c) => {
    const user = requireStaff(c);
    const today = todayOf(c);
    return formPage(c, user, paths.training.staffNew, t.newSession, {
      marketId: user.marketId ? String(user.marketId) : undefined,
      kind: "skills",
      online: "0",
      cost: "0",
      startDate: today,
      endDate: today,
      signupDeadline: today,
    });
  });

  app.post(paths.training.staffNew, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const r = await readSessionForm(c, user, true);
    const value = r.value;
    if (!value) return formPage(c, user, paths.training.staffNew, t.newSession, r.input, r.errors, r.status ?? 400);
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const id = await repo.insertSession(tx, value, user.id, now);
      await auditInsert(tx, user, now, { action: "training.create", subjectType: "training_session", subjectId: id });
      return id;
    });
    return redirectWithFlash(c, paths.training.staffShow(id), t.created);
  });

  const staffPage = async (
    c: Ctx,
    user: CurrentUser,
    id: number,
    extra: { values?: FormInput; errors?: FormErrors; cancelErrors?: FormErrors; message?: string; status?: 400 | 409 | 422 } = {},
  ) => {
    const s = await staffSession(c, user, id);
    const page = pageParam(c);
    const { rows, total } = await repo.signupList(c.var.deps.database.db, id, page);
    if (extra.status) c.status(extra.status);
    return c.render(<StaffSessionPage s={toView(c, s)} today={todayOf(c)} signups={rows} page={page} pages={pagesFor(total, PAGE_SIZE)} {...extra} />, { title: s.title });
  };

  app.get(paths.training.staffShowPattern, (c) => staffPage(c, requireStaff(c), idParam(c)));

  app.get(paths.training.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    if (s.status !== "open") throw new NotFound("cancelled");
    return formPage(c, user, paths.training.staffEdit(s.id), t.editSession, {
      marketId: String(s.marketId),
      kind: s.kind,
      title: s.title,
      workKindId: s.workKindId === null ? undefined : String(s.workKindId),
      provider: s.provider,
      online: s.online ? "1" : "0",
      place: s.place,
      startDate: s.startDate,
      endDate: s.endDate,
      hours: s.hours,
      capacity: String(s.capacity),
      signupDeadline: s.signupDeadline,
      cost: formatYuan(s.costFen),
      subsidyRule: s.subsidyRule,
      allowanceRule: s.allowanceRule,
      description: s.description,
    });
  });

  app.post(paths.training.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const s = await staffSession(c, user, idParam(c));
    if (s.status !== "open") throw new NotFound("cancelled");
    const action = paths.training.staffEdit(s.id);
    const r = await readSessionForm(c, user, false);
    const value = r.value;
    if (!value) return formPage(c, user, action, t.editSession, r.input, r.errors, r.status ?? 400);
    const now = deps.clock.now();
    try {
      const { promoted } = await deps.database.transaction(async (tx) => {
        const out = await repo.updateSession(tx, s.id, value, now);
        await auditInsert(tx, user, now, { action: "training.edit", subjectType: "training_session", subjectId: s.id, detail: { promoted: out.promoted } });
        return out;
      });
      return redirectWithFlash(c, paths.training.staffShow(s.id), promoted ? `${t.saved}${t.promotedNote(promoted)}` : t.saved);
    } catch (e) {
      if (!(e instanceof TrainingRefusal)) throw e;
      return formPage(c, user, action, t.editSession, r.input, { capacity: refusalMessage(e) }, 422);
    }
  });

  app.post(paths.training.staffCancelPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const s = await staffSession(c, user, idParam(c));
    const input = await readForm(c);
    const form = check(CancelSessionForm, input);
    if (!form.ok) return staffPage(c, user, s.id, { values: input, cancelErrors: form.errors, status: 400 });
    const now = deps.clock.now();
    const done = await deps.database.transaction(async (tx) => {
      const ok = await repo.cancelSession(tx, s.id, form.value.reason, now);
      if (ok) await auditInsert(tx, user, now, { action: "training.cancel", subjectType: "training_session", subjectId: s.id });
      return ok;
    });
    return redirectWithFlash(c, paths.training.staffShow(s.id), done ? t.sessionCancelledFlash : t.alreadyCancelled);
  });

  // 代办: staff sign up someone at the desk; a new phone number gets an account.
  app.post(paths.training.staffWalkInPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const s = await staffSession(c, user, idParam(c));
    const input = await readForm(c);
    const form = check(WalkInForm, input);
    if (!form.ok) return staffPage(c, user, s.id, { values: input, errors: form.errors, status: 400 });
    const { name, phone, idNumber } = form.value;
    const viaMarketId = user.marketId ?? s.marketId;
    const now = deps.clock.now();
    try {
      const result = await deps.database.transaction(async (tx) => {
        const person = await repo.findPersonByPhone(tx, phone);
        if (person && person.role !== "worker") throw new TrainingRefusal("notWorker");
        if (person && person.name !== name) throw new TrainingRefusal("nameMismatch", 422, { name: person.name });
        let workerId = person?.id;
        if (!workerId) {
          if (idNumber && (await repo.idNumberOwner(tx, idNumber)) !== null) throw new TrainingRefusal("idTaken", 409);
          workerId = (await insertWorker(tx, { phone, name, pinHash: null, idNumber: idNumber ?? null, viaStaffId: user.id, viaMarketId }, now)).id;
        }
        const r = await repo.signUp(tx, { sessionId: s.id, workerId, viaStaffId: user.id, viaMarketId }, now, chinaDate(now));
        await auditInsert(tx, user, now, {
          action: "training.signup_walk_in",
          subjectType: "training_signup",
          subjectId: r.signupId,
          onBehalfOf: workerId,
          detail: { newAccount: !person },
        });
        return r;
      });
      return redirectWithFlash(c, paths.training.staffShow(s.id), result.status === "confirmed" ? t.walkInDone(name) : t.walkInWaiting(name, result.position));
    } catch (e) {
      if (!(e instanceof TrainingRefusal)) throw e;
      const errors = e.key === "idTaken" ? { idNumber: refusalMessage(e) } : undefined;
      return staffPage(c, user, s.id, { values: input, errors, message: errors ? undefined : refusalMessage(e), status: e.status });
    }
  });

  app.post(paths.training.staffCancelSignupPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const signup = await repo.findSignup(deps.database.db, idParam(c));
    if (!signup) throw new NotFound("signup");
    const s = await staffSession(c, user, signup.sessionId);
    const now = deps.clock.now();
    try {
      await deps.database.transaction(async (tx) => {
        const r = await repo.cancelSignup(tx, signup.id, now, chinaDate(now));
        await auditInsert(tx, user, now, {
          action: "training.cancel_signup",
          subjectType: "training_signup",
          subjectId: signup.id,
          onBehalfOf: signup.workerId,
          detail: { promoted: r.promoted },
        });
        // The person is told, in the inbox and by text: she may be counting on the place.
        const body = t.notices.cancelledByStaff(s.title, s.startDate);
        for (const st of notifyStatements(tx, [{ userId: signup.workerId, body, link: paths.training.show(s.id), sms: { to: signup.workerPhone, template: "trainingCancelled", countyCode: s.countyCode, params: { course: s.title, date: shortDate(s.startDate), reason: t.notices.cancelledByStaffReason } } }], now)) await st;
      });
      return redirectWithFlash(c, paths.training.staffShow(s.id), t.staffCancelledFlash);
    } catch (e) {
      if (!(e instanceof TrainingRefusal)) throw e;
      return staffPage(c, user, s.id, { message: refusalMessage(e), status: e.status });
    }
  });

  // --- Attendance, sheet, certificate list ------------------------------------

  const attendancePage = async (c: Ctx, user: CurrentUser, id: number, message?: string, status?: 400 | 422) => {
    const s = await staffSession(c, user, id);
    const today = todayOf(c);
    const page = pageParam(c);
    const days = sessionDays(s.startDate, s.endDate);
    const refusal = attendanceRefusal(s, today);
    const { rows, total } = await repo.roster(c.var.deps.database.db, id, page);
    if (status) c.status(status);
    return c.render(
      <AttendancePage
        session={s}
        days={days}
        markable={markableDays(days, today)}
        rows={rows}
        offset={(page - 1) * PAGE_SIZE}
        page={page}
        pages={pagesFor(total, PAGE_SIZE)}
        refusal={refusal ? t.refusals[refusal] : undefined}
        message={message}
      />,
      { title: t.attendanceTitle },
    );
  };

  app.get(paths.training.attendancePattern, (c) => attendancePage(c, requireStaff(c), idParam(c)));

  app.post(paths.training.attendancePattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const s = await staffSession(c, user, idParam(c));
    const today = todayOf(c);
    const refusal = attendanceRefusal(s, today);
    if (refusal) return attendancePage(c, user, s.id, t.refusals[refusal], 422);
    const input = await readForm(c, ["ids", "a", "done"]);
    const list = (k: string) => (Array.isArray(input[k]) ? (input[k] as string[]) : []);
    const days = markableDays(sessionDays(s.startDate, s.endDate), today);
    const plan = planAttendance({ ids: list("ids"), present: list("a"), done: list("done") }, await repo.rosterIds(deps.database.db, s.id), days);
    if (!plan.ok) return attendancePage(c, user, s.id, t.refusals.badAttendance, 400);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        auditInsert(db, user, now, {
          action: "training.attendance",
          subjectType: "training_session",
          subjectId: s.id,
          detail: { people: plan.pageIds.length, marks: plan.rows.length, completed: plan.completed.length },
        }),
        ...repo.saveAttendanceStatements(db, { ...plan, days }, user.id, now),
      ]),
    );
    return redirectWithFlash(c, `${paths.training.attendance(s.id)}?page=${pageParam(c)}`, t.attendanceSaved);
  });

  app.get(paths.training.sheetPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    const { rows } = await repo.roster(c.var.deps.database.db, s.id, null);
    return c.render(<SheetPage session={s} days={sessionDays(s.startDate, s.endDate)} rows={rows} />, { title: t.sheetTitle(s.title), bare: true });
  });

  // The list behind the subsidy claim (培训补贴申领). ID numbers and phones are
  // masked: the claim is matched by staff against the ID cards and the social
  // security system at the office, so the file needs to identify people, not
  // carry numbers that would leak if it were mailed around or left on the PC.
  app.get(paths.training.completersCsvPattern, async (c) => {
    const user = requireStaff(c);
    const { deps } = c.var;
    const s = await staffSession(c, user, idParam(c));
    const people = await repo.completers(deps.database.db, s.id);
    const days = sessionDays(s.startDate, s.endDate);
    const rows = people.map((p, i) => [
      i + 1,
      p.name,
      p.idNumber ? maskResidentId(p.idNumber) : "",
      maskPhone(p.phone),
      s.title,
      t.kinds[s.kind],
      s.workKindName ?? "",
      s.provider,
      s.startDate,
      s.endDate,
      days.length,
      p.days.length,
      p.days.join(" "),
      p.completedAt === null ? "" : chinaDate(p.completedAt),
      certificateNo(s.id, p.id, s.startDate),
      p.viaMarket ?? "",
    ]);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      auditInsert(db, user, now, { action: "training.export_completers", subjectType: "training_session", subjectId: s.id, detail: { rows: rows.length } }),
    );
    return csvResponse(c, `training-${s.id}-completers.csv`, [t.csvHeader, ...rows]);
  });

  return app;
}

function toValues(f: SessionFormValue): repo.SessionValues {
  const online = f.online === "1";
  return {
    marketId: f.marketId,
    kind: f.kind,
    title: f.title,
    workKindId: f.workKindId ?? null,
    provider: f.provider,
    online,
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
