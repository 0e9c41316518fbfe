/** @jsxImportSource hono/jsx */
// The code page every proof goes through (POST → 303 → this page, the code,
// "没收到?" as a plain form), and two ways back in without a PIN that need
// nothing but the phone: 验证码登录 and 查报名结果.
import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths, safeNext } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { startSession } from "../../shared/session.ts";
import { isStaff } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { maskPhone } from "../../shared/validators.ts";
import { findUserByPhone } from "../accounts/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { CodePage, GonePage, PhoneOnlyPage, OutcomePage } from "../../../views/phone/pages.tsx";
import { PhoneOnlyForm } from "./phone.schema.ts";
import { normalizeCode, resendWait } from "./phone.domain.ts";
import { startProof, resendCode, checkCode, pendingStep, markProven, definePurpose, type Proven } from "./phone.actions.ts";

const t = copy.phone;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** What is said after the code matched, when there is nothing to sign in to. */
export const outcome = (c: Ctx, message: string, links: [string, string][] = [[paths.home, copy.phone.startAgain]]) => {
  c.header("cache-control", "no-store");
  return c.render(<OutcomePage message={message} links={links} />, { title: t.outcomeTitle });
};

/** Signs in the account of a proven number, or says why not. */
async function signInProven(c: Ctx, p: Proven<unknown>, then: (role: string) => string, flashText: string, none: string) {
  const user = await findUserByPhone(c.var.deps.database.db, p.phone);
  if (!user) return outcome(c, none, [[paths.workers.register, t.registerLink], [paths.jobs.list, t.jobsLink]]);
  if (user.disabledAt !== null) return outcome(c, t.disabled);
  // Staff and admins sign in with their password: a code to the phone is not enough for the desk.
  if (isStaff({ ...user, scopeCounty: null })) return outcome(c, t.staffUsePassword, [[paths.accounts.login, copy.accounts.loginTitle]]);
  await startSession(c, user.id);
  return redirectWithFlash(c, then(user.role), flashText);
}

definePurpose<{ next?: string }>("login", {
  title: t.loginTitle,
  back: () => paths.phone.login,
  complete: (c, p) =>
    signInProven(c, p, (role) => safeNext(p.payload.next ?? (role === "employer" ? paths.employers.home : paths.accounts.me)), t.signedIn, t.noAccount),
});

definePurpose("results", {
  title: t.resultsTitle,
  back: () => paths.phone.results,
  complete: (c, p) => signInProven(c, p, (role) => (role === "worker" ? paths.jobs.applications : paths.accounts.me), t.resultsShown, t.noSignups),
});

export function phoneRoutes() {
  const app = new Hono<AppEnv>();

  const gone = (c: Ctx) => {
    c.status(404);
    c.header("cache-control", "no-store");
    return c.render(<GonePage />, { title: t.goneTitle });
  };

  const codePage = async (c: Ctx, token: string, extra: { errors?: FormErrors; message?: string; status?: 200 | 400 | 422 | 429 } = {}) => {
    const deps = c.var.deps;
    const step = TOKEN.test(token) ? await pendingStep(deps, token) : null;
    if (!step) return gone(c);
    c.status(extra.status ?? 200);
    c.header("cache-control", "no-store");
    const title = step.purpose.title ?? t.codeTitle;
    return c.render(
      <CodePage
        token={token}
        masked={maskPhone(step.proof.phone)}
        title={title}
        waitSeconds={resendWait(step.proof.lastSentAt, deps.clock.now(), deps.config.phoneCodes.numberGapSeconds)}
        back={step.purpose.back(step.payload)}
        errors={extra.errors}
        message={extra.message}
      />,
      { title },
    );
  };

  app.get(paths.phone.codePattern, (c) => codePage(c, c.req.param("token")));

  app.post(paths.phone.codePattern, async (c) => {
    const token = c.req.param("token");
    if (!TOKEN.test(token)) return gone(c);
    const input = await readForm(c);
    const r = await checkCode(c, token, normalizeCode(input.code));
    if (r.kind === "gone") return gone(c);
    if (r.kind === "ok") {
      const answer = await r.purpose.complete(c, r.proven);
      // An account the purpose just made for this number is proven too.
      await markProven(c.var.deps, r.proven.phone);
      return answer;
    }
    const message =
      r.kind === "wrong" ? t.codeWrong(r.left) : r.kind === "format" ? t.codeFormat : r.kind === "expired" ? t.codeExpired : t.codeTooManyTries;
    return codePage(c, token, { errors: { code: message }, status: r.kind === "format" ? 400 : 422 });
  });

  app.post(paths.phone.resendPattern, async (c) => {
    const token = c.req.param("token");
    if (!TOKEN.test(token)) return gone(c);
    const r = await resendCode(c, token);
    if ("gone" in r) return gone(c);
    if (!r.ok) return codePage(c, token, { message: r.message, status: 429 });
    return redirectWithFlash(c, paths.phone.code(token), t.resent);
  });

  // --- 验证码登录 and 查报名结果 ----------------------------------------------------

  const phoneOnly = (kind: "login" | "results") => {
    const view = (c: Ctx, values: FormInput = {}, errors?: FormErrors, status: 200 | 400 | 429 = 200) => {
      c.status(status);
      const title = kind === "login" ? t.loginTitle : t.resultsTitle;
      return c.render(
        <PhoneOnlyPage
          title={title}
          intro={kind === "login" ? t.loginIntro : t.resultsIntro}
          action={kind === "login" ? paths.phone.login : paths.phone.results}
          values={values}
          errors={errors}
          next={typeof values.next === "string" && values.next !== "/" ? safeNext(values.next) : undefined}
        />,
        { title },
      );
    };
    return {
      get: (c: Ctx) => view(c, { next: c.req.query("next") }),
      post: async (c: Ctx) => {
        const input = await readForm(c);
        const form = check(PhoneOnlyForm, input);
        if (!form.ok) return view(c, input, form.errors, 400);
        const next = form.value.next ? safeNext(form.value.next) : undefined;
        const r = await startProof(c, { purpose: kind, phone: form.value.phone, payload: kind === "login" ? { next } : {} });
        if (!r.ok) return view(c, input, { phone: r.message }, 429);
        return c.redirect(r.location, 303);
      },
    };
  };
  const login = phoneOnly("login");
  const results = phoneOnly("results");
  app.get(paths.phone.login, login.get);
  app.post(paths.phone.login, login.post);
  app.get(paths.phone.results, results.get);
  app.post(paths.phone.results, results.post);

  return app;
}
