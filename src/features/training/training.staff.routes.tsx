/** @jsxImportSource hono/jsx */
// Training sessions, the staff side: the list, create, edit, cancel, walk-in
// sign-ups (代办) and taking a place back. Handlers: who may → read → one
// action (training.actions.ts) → redirect, or the page again with the words.
import { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors } from "../../shared/forms.ts";
import { requireStaff } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { copy } from "../../../views/copy/index.ts";
import { StaffSessionListPage } from "../../../views/training/staff.tsx";
import { SessionForm, WalkInForm, CancelSessionForm } from "./training.schema.ts";
import * as repo from "./training.repo.ts";
import { PAGE_SIZE } from "./training.repo.ts";
import * as actions from "./training.actions.ts";
import { refusalMessage, sessionFormErrors, toView, staffSession, formPage, editValues, staffPage } from "./training.render.tsx";
import { idParam, pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

/** Reads and checks the session form: its fields (400), then the market, kind and date rules (422). */
async function readSessionForm(c: Ctx, user: CurrentUser, isNew: boolean) {
  const input = await readForm(c);
  const form = check(SessionForm, input);
  if (!form.ok) return { ok: false as const, input, errors: form.errors, status: 400 as const };
  const r = await actions.sessionFormCheck(c.var.deps, user, form.value, isNew);
  if (!r.ok) return { ok: false as const, input, errors: sessionFormErrors(r.problems) as FormErrors, status: 422 as const };
  return { ok: true as const, input, value: r.value };
}

/** A POST on one session: the staff member, the session (404 outside their scope) and the form checked against `schema`. */
async function sessionPost<S extends typeof CancelSessionForm | typeof WalkInForm>(c: Ctx, schema: S) {
  const user = requireStaff(c);
  const s = await staffSession(c, user, idParam(c));
  const input = await readForm(c);
  return { user, s, input, form: check(schema, input) };
}

export function trainingStaffRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.training.staffList, async (c) => {
    const user = requireStaff(c);
    const page = pageParam(c);
    const { rows, total } = await repo.listForStaff(c.var.deps.database.db, user, page);
    return c.render(<StaffSessionListPage rows={rows.map((s) => toView(c, s))} today={todayOf(c)} page={page} pages={pagesFor(total, PAGE_SIZE)} />, {
      title: t.staffTitle,
    });
  });

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
    const r = await readSessionForm(c, user, true);
    if (!r.ok) return formPage(c, user, paths.training.staffNew, t.newSession, r.input, r.errors, r.status);
    const { id } = await actions.createSession(c.var.deps, user, r.value);
    return redirectWithFlash(c, paths.training.staffShow(id), t.created);
  });

  app.get(paths.training.staffShowPattern, (c) => staffPage(c, requireStaff(c), idParam(c)));

  app.get(paths.training.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    if (s.status !== "open") throw new NotFound("cancelled");
    return formPage(c, user, paths.training.staffEdit(s.id), t.editSession, editValues(s));
  });

  app.post(paths.training.staffEditPattern, async (c) => {
    const user = requireStaff(c);
    const s = await staffSession(c, user, idParam(c));
    if (s.status !== "open") throw new NotFound("cancelled");
    const action = paths.training.staffEdit(s.id);
    const form = await readSessionForm(c, user, false);
    if (!form.ok) return formPage(c, user, action, t.editSession, form.input, form.errors, form.status);
    const r = await actions.editSession(c.var.deps, user, s.id, form.value);
    if (!r.ok) return formPage(c, user, action, t.editSession, form.input, { capacity: refusalMessage(r) }, 422);
    return redirectWithFlash(c, paths.training.staffShow(s.id), r.promoted ? `${t.saved}${t.promotedNote(r.promoted)}` : t.saved);
  });

  app.post(paths.training.staffCancelPattern, async (c) => {
    const { user, s, input, form } = await sessionPost(c, CancelSessionForm);
    if (!form.ok) return staffPage(c, user, s.id, { values: input, cancelErrors: form.errors, status: 400 });
    const { done } = await actions.cancelSession(c.var.deps, user, s.id, form.value.reason);
    return redirectWithFlash(c, paths.training.staffShow(s.id), done ? t.sessionCancelledFlash : t.alreadyCancelled);
  });

  // 代办: staff sign up someone at the desk; a new phone number gets an account.
  app.post(paths.training.staffWalkInPattern, async (c) => {
    const { user, s, input, form } = await sessionPost(c, WalkInForm);
    if (!form.ok) return staffPage(c, user, s.id, { values: input, errors: form.errors, status: 400 });
    const { name } = form.value;
    const r = await actions.walkIn(c.var.deps, user, s, form.value);
    if (r.ok) return redirectWithFlash(c, paths.training.staffShow(s.id), r.result.status === "confirmed" ? t.walkInDone(name) : t.walkInWaiting(name, r.result.position));
    const errors = r.code === "idTaken" ? { idNumber: refusalMessage(r) } : undefined;
    return staffPage(c, user, s.id, { values: input, errors, message: errors ? undefined : refusalMessage(r), status: r.status });
  });

  app.post(paths.training.staffCancelSignupPattern, async (c) => {
    const user = requireStaff(c);
    const signup = await repo.findSignup(c.var.deps.database.db, idParam(c));
    if (!signup) throw new NotFound("signup");
    const s = await staffSession(c, user, signup.sessionId);
    const r = await actions.staffCancelSignup(c.var.deps, user, s, signup);
    if (!r.ok) return staffPage(c, user, s.id, { message: refusalMessage(r), status: r.status });
    return redirectWithFlash(c, paths.training.staffShow(s.id), t.staffCancelledFlash);
  });

  return app;
}
