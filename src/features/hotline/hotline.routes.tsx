/** @jsxImportSource hono/jsx */
// The hotline's public pages: the hotline page, online reports and the status
// check. Staff pages: hotline.cases.routes.tsx (intake, list, each case's
// workflow) and hotline.office.routes.tsx (call list, figures, export); the
// use cases: hotline.actions.ts.
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check } from "../../shared/forms.ts";
import { isStaff } from "../../shared/authz.ts";
import { clientAddress } from "../accounts/index.ts";
import { addressBucket } from "../../shared/client.ts";
import { copy } from "../../../views/copy/index.ts";
import { HotlineHomePage } from "../../../views/hotline/home.tsx";
import { ReportedPage } from "../../../views/hotline/intake.tsx";
import { StatusPage } from "../../../views/hotline/status.tsx";
import { ReportForm, checkIntake, StatusForm } from "./hotline.schema.ts";
import { parseCaseNumber } from "./hotline.domain.ts";
import { hotlineSettings } from "./hotline.settings.ts";
import * as actions from "./hotline.actions.ts";
import { renderIntake, wantsSearch, concernErrors } from "./hotline.render.tsx";
import { hotlineCaseRoutes } from "./hotline.cases.routes.tsx";
import { hotlineOfficeRoutes } from "./hotline.office.routes.tsx";

const t = copy.hotline;

/** The number just reported, shown once on the "received" page (never in a URL). */
const REPORTED_COOKIE = "hl_case";

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

  app.route("/", hotlineCaseRoutes());
  app.route("/", hotlineOfficeRoutes());
  return app;
}
