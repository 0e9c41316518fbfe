/** @jsxImportSource hono/jsx */
// The hotline's public pages: the hotline page, online reports and the status
// check (by case number + last four digits, or by an SMS code to the phone on
// the case). Staff pages: hotline.cases.routes.tsx (intake, list, each case's
// workflow) and hotline.office.routes.tsx (call list, figures, export); the
// use cases: hotline.actions.ts.
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Ctx } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { isStaff } from "../../shared/authz.ts";
import { maskPhone } from "../../shared/validators.ts";
import { clientAddress } from "../accounts/index.ts";
import { definePurpose, startProof, provenStep } from "../phone/index.ts";
import { addressBucket } from "../../shared/client.ts";
import { copy } from "../../../views/copy/index.ts";
import { HotlineHomePage } from "../../../views/hotline/home.tsx";
import { ReportedPage } from "../../../views/hotline/intake.tsx";
import { StatusPage, StatusSmsPage, MyCasesPage, MyCasesGonePage } from "../../../views/hotline/status.tsx";
import { ReportForm, checkIntake, StatusForm, StatusSmsForm } from "./hotline.schema.ts";
import { parseCaseNumber } from "./hotline.domain.ts";
import { hotlineSettings } from "./hotline.settings.ts";
import * as actions from "./hotline.actions.ts";
import { renderIntake, wantsSearch, concernErrors } from "./hotline.render.tsx";
import { hotlineCaseRoutes } from "./hotline.cases.routes.tsx";
import { hotlineOfficeRoutes } from "./hotline.office.routes.tsx";

const t = copy.hotline;

/** The number just reported, shown once on the "received" page (never in a URL). */
const REPORTED_COOKIE = "hl_case";

/** A proof of the phone on a case: once the code matches, her cases are shown for a few minutes. */
const STATUS_PURPOSE = "hotlineStatus";
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

definePurpose(STATUS_PURPOSE, {
  title: t.smsTitle,
  back: () => paths.hotline.statusSms,
  // Kept as a proven step (not used up): the cases are a GET page after a 303, which a reload shows again.
  twoStep: true,
  complete: (c, p) => c.redirect(paths.hotline.statusMine(p.token), 303),
});

/** The phone form of the SMS way (a personal answer follows: never cached). */
function statusSmsPage(c: Ctx, values: FormInput = {}, errors?: FormErrors, status: 200 | 400 | 429 = 200) {
  c.status(status);
  if (status !== 200) c.header("cache-control", "no-store");
  return c.render(<StatusSmsPage values={values} errors={errors} />, { title: t.smsTitle });
}

export function hotlineRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.hotline.home, (c) => {
    const deps = c.var.deps;
    return c.render(<HotlineHomePage hotline={deps.config.hotline} wageDays={hotlineSettings(deps).deadlines.wage_arrears} staff={isStaff(c.var.user)} />, { title: t.homeTitle });
  });

  app.get(paths.hotline.report, (c) => {
    const user = c.var.user;
    const prefill = user && !isStaff(user) ? { callerName: user.name, callerPhone: user.phone } : {};
    return renderIntake(c, null, { urgency: "normal", ...prefill });
  });

  app.post(paths.hotline.report, async (c) => {
    const input = await readForm(c, ["anonymous"]);
    if (wantsSearch(input)) return renderIntake(c, null, { ...input, qDone: input.q ?? "" }, undefined, { search: true });
    const form = checkIntake(ReportForm, input, { needsPlace: true });
    if (!form.ok) return renderIntake(c, null, input, form.errors);
    const r = await actions.fileReport(c.var.deps, c.var.user, form.value, "report:" + clientAddress(c));
    if (!r.ok && r.code === "locked") return renderIntake(c, null, input, undefined, { message: t.reportLocked, status: 429 });
    if (!r.ok) return renderIntake(c, null, input, concernErrors(r.problems));
    setCookie(c, REPORTED_COOKIE, `${r.number}${r.anonymous ? "|a" : ""}`, { path: paths.hotline.home, httpOnly: true, sameSite: "Lax", maxAge: 600, secure: c.var.deps.config.https });
    return c.redirect(paths.hotline.reported, 303);
  });

  app.get(paths.hotline.reported, (c) => {
    const [raw, flag] = (getCookie(c, REPORTED_COOKIE) ?? "").split("|");
    c.header("cache-control", "no-store");
    return c.render(<ReportedPage number={parseCaseNumber(raw ?? "")} anonymous={flag === "a"} hotline={c.var.deps.config.hotline} />, { title: t.reportedTitle });
  });

  app.get(paths.hotline.status, (c) => c.render(<StatusPage />, { title: t.statusTitle }));

  app.post(paths.hotline.status, async (c) => {
    const input = await readForm(c);
    const page = (status: 200 | 400 | 429, props: Parameters<typeof StatusPage>[0]) => {
      c.status(status);
      c.header("cache-control", "no-store");
      return c.render(<StatusPage values={{ number: input.number }} {...props} />, { title: t.statusTitle });
    };
    const form = check(StatusForm, input);
    if (!form.ok) return page(400, { errors: form.errors });
    const r = await actions.lookUpStatus(c.var.deps, form.value, addressBucket(clientAddress(c)));
    if (!r.ok) return r.code === "locked" ? page(429, { message: t.lookupLocked }) : page(400, { message: t.lookupFailed });
    return page(200, { found: r.found });
  });

  // --- The second way: an SMS code to the phone on the case ---------------------

  app.get(paths.hotline.statusSms, (c) => statusSmsPage(c));

  // No case is looked up here: the answer (a code page) is the same whether or not the phone has any case.
  app.post(paths.hotline.statusSms, async (c) => {
    const input = await readForm(c);
    const form = check(StatusSmsForm, input);
    if (!form.ok) return statusSmsPage(c, input, form.errors, 400);
    const r = await startProof(c, { purpose: STATUS_PURPOSE, phone: form.value.phone });
    if (!r.ok) return statusSmsPage(c, input, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  // Whoever holds the token of a step whose code matched, for PROVEN_TTL_MS: the phone comes from the step, never from the request.
  app.get(paths.hotline.statusMinePattern, async (c) => {
    const deps = c.var.deps;
    const token = c.req.param("token");
    const step = TOKEN.test(token) ? await provenStep(deps, token) : null;
    c.header("cache-control", "no-store");
    if (!step || step.purpose !== STATUS_PURPOSE) {
      c.status(404);
      return c.render(<MyCasesGonePage />, { title: t.mineGoneTitle });
    }
    const mine = await actions.casesOfPhone(deps, step.phone);
    return c.render(<MyCasesPage masked={maskPhone(step.phone)} cases={mine.cases} more={mine.more} />, { title: t.mineTitle });
  });

  app.route("/", hotlineCaseRoutes());
  app.route("/", hotlineOfficeRoutes());
  return app;
}
