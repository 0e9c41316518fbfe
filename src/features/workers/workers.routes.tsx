/** @jsxImportSource hono/jsx */
// Workers, the account: registration (after an SMS code), 忘记密码 (a new PIN
// by code), 我的资料 and the PIN change. Cards and the public list:
// workers.cards.routes.tsx; the use cases: workers.actions.ts.
import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors } from "../../shared/forms.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { startSession } from "../../shared/session.ts";
import { loginKeys } from "../../shared/throttle.ts";
import { requireRole } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { clientAddress } from "../accounts/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { PinPage } from "../../../views/workers/profile.tsx";
import { RegisterForm, PinForm, NewPinForm, profileForm } from "./workers.schema.ts";
import { daysList } from "./workers.domain.ts";
import * as repo from "./workers.repo.ts";
import * as actions from "./workers.actions.ts";
import { byField, problemErrors, kindOptions, registerPage, forgotPage, newPinPage, profilePage } from "./workers.render.tsx";
import { startProof, definePurpose, provenStep, finishStep, weakPinMessage, outcome } from "../phone/index.ts";
import { PhoneOnlyForm } from "../phone/phone.schema.ts";
import { workerCardRoutes } from "./workers.cards.routes.tsx";

const t = copy.workers;
const pt = copy.phone;

/**
 * After the code matched: a new number becomes a worker account and is signed
 * in; a number that already has a worker account is signed in to it (and gets
 * the PIN just chosen if it had none, as after a sign-up without an account).
 */
definePurpose<{ name: string; pinHash: string }>("registerWorker", {
  title: copy.workers.registerTitle,
  back: () => paths.workers.register,
  complete: async (c, p) => {
    const r = await actions.registerProvenPhone(c.var.deps, { phone: p.phone, ...p.payload });
    if (!r.ok) return outcome(c, pt.otherRoleAccount);
    await startSession(c, r.id);
    return r.existed ? redirectWithFlash(c, paths.accounts.me, pt.alreadyAccountSignedIn) : redirectWithFlash(c, paths.workers.profile, t.registered);
  },
});

/** After a reset code matched: a worker goes on to set a new PIN; anyone else is told what to do. */
definePurpose("pinReset", {
  title: copy.phone.forgotTitle,
  twoStep: true,
  back: () => paths.workers.forgotPin,
  complete: async (c, p) => {
    const deps = c.var.deps;
    const who = await actions.pinResetTarget(deps, p.phone);
    if (who === "worker") return c.redirect(paths.phone.newPin(p.token), 303);
    const step = await provenStep(deps, p.token);
    if (step) await finishStep(deps, step.id);
    if (who === "noAccount") return outcome(c, pt.noAccount, [[paths.workers.register, pt.registerLink]]);
    return outcome(c, who === "disabled" ? pt.disabled : pt.pinResetNotWorker);
  },
});

/** The worker a proven reset code is for; a used, unknown or foreign code is a page that does not exist. */
async function provenWorker(c: Ctx) {
  const deps = c.var.deps;
  const token = c.req.param("token") ?? "";
  const step = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await provenStep(deps, token) : null;
  if (!step || step.purpose !== "pinReset") throw new NotFound("step");
  const user = await repo.findWorkerByPhone(deps.database.db, step.phone);
  if (!user || user.role !== "worker") throw new NotFound("worker");
  return { token, step, user };
}

export function workersRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.workers.register, (c) => {
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    return registerPage(c);
  });

  app.post(paths.workers.register, async (c) => {
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    const input = await readForm(c);
    const kept = { phone: input.phone, name: input.name };
    const form = check(RegisterForm, input);
    if (!form.ok) return registerPage(c, kept, form.errors, 400);
    const weak = weakPinMessage(form.value.pin);
    if (weak) return registerPage(c, kept, { pin: weak }, 400);
    // Nothing is looked up yet: the same code step follows for a new number and for one with an account.
    const pinHash = await hashSecret(form.value.pin);
    const r = await startProof(c, { purpose: "registerWorker", phone: form.value.phone, payload: { name: form.value.name, pinHash } });
    if (!r.ok) return registerPage(c, kept, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  app.get(paths.workers.forgotPin, (c) => forgotPage(c));
  app.post(paths.workers.forgotPin, async (c) => {
    const input = await readForm(c);
    const form = check(PhoneOnlyForm, input);
    if (!form.ok) return forgotPage(c, input, form.errors, 400);
    const r = await startProof(c, { purpose: "pinReset", phone: form.value.phone });
    if (!r.ok) return forgotPage(c, input, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  app.get(paths.phone.newPinPattern, async (c) => newPinPage(c, (await provenWorker(c)).token));
  app.post(paths.phone.newPinPattern, async (c) => {
    const deps = c.var.deps;
    const { token, step, user } = await provenWorker(c);
    const form = check(NewPinForm, await readForm(c));
    if (!form.ok) return newPinPage(c, token, form.errors, 400);
    const r = await actions.setNewPin(deps, user.id, form.value.pin, () => finishStep(deps, step.id));
    if (!r.ok && r.code === "stepUsed") throw new NotFound("step");
    if (!r.ok) return newPinPage(c, token, { pin: r.message }, 400);
    await startSession(c, user.id);
    return redirectWithFlash(c, paths.accounts.me, pt.pinReset);
  });

  app.get(paths.workers.profile, async (c) => {
    const user = requireRole(c, "worker");
    const me = await repo.profileOf(c.var.deps.database.db, user.id);
    if (!me) throw new NotFound("worker");
    const p = me.profile;
    return profilePage(c, p?.cardCode ?? null, {
      name: me.name,
      birthYear: p?.birthYear ? String(p.birthYear) : undefined,
      gender: p?.gender ?? undefined,
      countyCode: p?.countyCode ?? undefined,
      townshipCode: p?.townshipCode ?? undefined,
      kinds: me.kindIds.map(String),
      days: daysList(p?.days),
      wage: p?.expectedWageFen ? String(p.expectedWageFen / 100) : undefined,
      wageUnit: p?.expectedWageUnit ?? undefined,
    });
  });

  app.post(paths.workers.profile, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const input = await readForm(c, ["kinds", "days"]);
    const kindIds = (await kindOptions(deps)).map(([id]) => id);
    const form = check(profileForm(actions.thisYear(deps), kindIds), input);
    const r = form.ok ? await actions.saveProfile(deps, user, form.value) : null;
    if (r?.ok) return redirectWithFlash(c, paths.workers.profile, t.saved);
    const cardCode = (await repo.profileOf(deps.database.db, user.id))?.profile?.cardCode ?? null;
    const errors: FormErrors = !form.ok ? byField(form.errors) : r && !r.ok ? problemErrors(r.problems) : {};
    return profilePage(c, cardCode, input, errors, 400);
  });

  app.get(paths.workers.pin, (c) => {
    requireRole(c, "worker");
    return c.render(<PinPage />, { title: t.pinTitle });
  });

  app.post(paths.workers.pin, async (c) => {
    const user = requireRole(c, "worker");
    const again = (status: 400 | 429, errors?: FormErrors, message?: string) => {
      c.status(status);
      return c.render(<PinPage errors={errors} message={message} />, { title: t.pinTitle });
    };
    const form = check(PinForm, await readForm(c));
    if (!form.ok) return again(400, form.errors);
    const r = await actions.changePin(c.var.deps, user, form.value, loginKeys(user.phone, clientAddress(c)));
    if (!r.ok && r.code === "pinLocked") return again(429, undefined, t.pinLocked);
    if (!r.ok) return again(400, r.code === "weakPin" ? { pin: r.message } : { oldPin: t.oldPinWrong });
    // Anyone else signed in with the old PIN was signed out; this browser gets a fresh session.
    await startSession(c, user.id);
    return redirectWithFlash(c, paths.accounts.me, t.pinChanged);
  });

  app.route("/", workerCardRoutes());
  return app;
}
