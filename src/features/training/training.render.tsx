/** @jsxImportSource hono/jsx */
// The training pages as the route groups render them: looking a session up
// (404 when missing, or out of a staff member's scope), the words for a
// refusal code, and the pages a handler re-renders with errors.
import type { Ctx, CurrentUser } from "../../shared/context.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { isStaff, ensure, canSeeMarket } from "../../shared/authz.ts";
import { NotFound } from "../../shared/errors.ts";
import { marketsInScope } from "../../shared/scope.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { TrainingShowPage, type Viewer } from "../../../views/training/show.tsx";
import { SessionFormPage, StaffSessionPage } from "../../../views/training/staff.tsx";
import { AttendancePage } from "../../../views/training/attendance.tsx";
import type { SessionView } from "../../../views/training/bits.tsx";
import { sessionDays, markableDays, attendanceRefusal } from "./training.domain.ts";
import * as repo from "./training.repo.ts";
import { PAGE_SIZE, type SessionRow, type SignupResult } from "./training.repo.ts";
import type { Refused, SessionFormCode } from "./training.actions.ts";
import { pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

/** The words for a refusal code. */
export function refusalMessage(r: Pick<Refused, "code" | "detail">): string {
  if (r.code === "capacityBelowConfirmed") return t.refusals.capacityBelowConfirmed(r.detail.count ?? 0);
  if (r.code === "nameMismatch") return t.refusals.nameMismatch(r.detail.name ?? "");
  return t.refusals[r.code];
}

/** The words for the session form's problems, field by field. */
export function sessionFormErrors(problems: Record<string, SessionFormCode>): FormErrors {
  const errors: FormErrors = {};
  for (const [field, code] of Object.entries(problems)) {
    errors[field] = code === "invalidMarket" ? copy.errors.invalidChoice(t.market) : code === "invalidWorkKind" ? copy.errors.invalidChoice(t.workKind) : t.refusals[code];
  }
  return errors;
}

/** texted: the person has no PIN, so the sign-up was also sent by text (training.repo.ts signUp). */
export function signupFlash(r: SignupResult, texted = false): string {
  return (r.status === "confirmed" ? t.signedUpFlash : t.waitingFlash(r.position)) + (texted ? t.textedNote : "");
}

export const viewerOf = (user: CurrentUser | null): Viewer => (!user ? "anon" : user.role === "worker" ? "worker" : isStaff(user) ? "staff" : "other");

export type Session = NonNullable<SessionRow>;

export function toView(c: Ctx, s: Session): SessionView {
  return { ...s, countyName: c.var.deps.regions.countyName(s.countyCode) };
}

export async function sessionOr404(c: Ctx, id: number): Promise<Session> {
  const s = await repo.findSession(c.var.deps.database.db, id);
  if (!s) throw new NotFound("session");
  return s;
}

/** A staff member's session: out of their scope is a page that does not exist. */
export async function staffSession(c: Ctx, user: CurrentUser, id: number): Promise<Session> {
  const s = await sessionOr404(c, id);
  ensure(canSeeMarket(user, { id: s.marketId, countyCode: s.countyCode }));
  return s;
}

/** The public page of a session, with the visitor's own sign-up when she is a worker. */
export async function showPage(c: Ctx, id: number, extra: { values?: FormInput; errors?: FormErrors; message?: string; status?: 400 | 409 | 422 | 429 } = {}) {
  const s = await sessionOr404(c, id);
  const user = c.var.user;
  const mine = user?.role === "worker" ? await repo.findSignupOf(c.var.deps.database.db, id, user.id) : null;
  if (extra.status) c.status(extra.status);
  return c.render(
    <TrainingShowPage s={toView(c, s)} today={todayOf(c)} viewer={viewerOf(user)} mine={mine} values={extra.values} errors={extra.errors} message={extra.message} />,
    { title: s.title },
  );
}

/** The create / edit form of a session, with the markets in the staff member's scope. */
export async function formPage(c: Ctx, user: CurrentUser, action: string, title: string, values?: FormInput, errors?: FormErrors, status?: 400 | 422) {
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
}

/** What the edit form starts with: the session as stored. */
export function editValues(s: Session): FormInput {
  return {
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
  };
}

/** The staff page of a session: its details, one page of sign-ups, the walk-in and cancel forms. */
export async function staffPage(
  c: Ctx,
  user: CurrentUser,
  id: number,
  extra: { values?: FormInput; errors?: FormErrors; cancelErrors?: FormErrors; message?: string; status?: 400 | 409 | 422 } = {},
) {
  const s = await staffSession(c, user, id);
  const page = pageParam(c);
  const { rows, total } = await repo.signupList(c.var.deps.database.db, id, page);
  if (extra.status) c.status(extra.status);
  return c.render(<StaffSessionPage s={toView(c, s)} today={todayOf(c)} signups={rows} page={page} pages={pagesFor(total, PAGE_SIZE)} {...extra} />, { title: s.title });
}

/** The attendance form: one page of the roster, a checkbox per markable day. */
export async function attendancePage(c: Ctx, user: CurrentUser, id: number, message?: string, status?: 400 | 422) {
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
}
