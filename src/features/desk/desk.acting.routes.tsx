/** @jsxImportSource hono/jsx */
// Acting for the person present (代办): signing a worker up or recording her
// quote, confirming a hire for the employer at the desk, a quick posting for
// a walk-in employer. The jobs feature's actions do the work (the same rules
// as on the person's own pages); the desk adds who acted, where, for whom.
import type { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, check } from "../../shared/forms.ts";
import { requireStaff, canSeeCounty, ensure } from "../../shared/authz.ts";
import { stationHolds } from "../../shared/station-scope.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { findUserByPhone } from "../accounts/index.ts";
import { employerForUser } from "../employers/index.ts";
import { jobsActions, problemMessages, holdText } from "../jobs/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { SignUpForm, DeskPostForm } from "./desk.schema.ts";
import { requireDesk, workerDesk, workerHref, idParam } from "./desk.scope.ts";
import { workerPage, postJobPage } from "./desk.pages.tsx";
import * as repo from "./desk.repo.ts";

const t = copy.desk;

export function actingRoutes(app: Hono<AppEnv>) {
  app.post(paths.desk.signUpPattern, async (c) => {
    const d = await workerDesk(c);
    const input = await readForm(c);
    const form = check(SignUpForm, input);
    if (!form.ok) return workerPage(c, d, { form: "signup", values: input, errors: form.errors }, 400);
    const f = form.value;
    const r = await jobsActions.signUp(c.var.deps, d.w.id, { postingId: f.posting, quoteFen: f.quote, quoteNote: f.quoteNote }, {
      staff: d.user,
      marketId: d.market.id,
      onBehalfOf: d.w.id,
      // A sign-up made here is a referral: it goes in the worker's contact log too.
      alsoInside: (tx) => repo.insertContact(tx, { workerId: d.w.id, postingId: f.posting, outcome: "referred", note: "", at: c.var.deps.clock.now(), staffId: d.user.id, marketId: d.market.id }),
    });
    if (!r.ok && r.code === "notFound") return workerPage(c, d, { form: "signup", values: input, errors: { posting: t.unknownPostingAny } }, 422);
    if (!r.ok && r.code === "quoteNeeded") return workerPage(c, d, { form: "signup", values: input, errors: { quote: t.quoteNeeded } }, 422);
    if (!r.ok) return workerPage(c, d, { message: t.signUpRefused[r.code] }, r.code === "already" ? 409 : 422);
    const back = f.back === "priority" ? paths.desk.priority + d.m.suffix : workerHref(d, d.w.id);
    return redirectWithFlash(c, back, t.signedUp(d.w.name, r.title));
  });

  // 录用 with the employer standing at the desk: their decision, entered by staff.
  app.post(paths.desk.confirmPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const a = await jobsActions.signUpToDecide(deps, idParam(c));
    ensure(!!a && canSeeCounty(user, a.countyCode), "application");
    const w = await repo.findWorker(deps.database.db, a.workerId);
    ensure(!!w && canSeeCounty(user, w.scopeCounty) && (await stationHolds(deps.database.db, user, w.id)), "worker");
    const d = { ...(await requireDesk(c, a.countyCode)), w };
    const r = await jobsActions.decide(deps, "confirm", a.employerId, a.id, { staff: user, marketId: d.market.id, onBehalfOf: a.employerUserId, workerId: a.workerId });
    if (!r.ok) return workerPage(c, d, { message: t.confirmRefused[r.code] }, r.code === "notFound" ? 422 : 409);
    return redirectWithFlash(c, workerHref(d, w.id), t.confirmed(w.name, a.title));
  });

  app.get(paths.desk.postJob, async (c) => postJobPage(c, await requireDesk(c)));

  app.post(paths.desk.postJob, async (c) => {
    const desk = await requireDesk(c);
    const deps = c.var.deps;
    const db = deps.database.db;
    const input = await readForm(c);
    const form = check(DeskPostForm, input);
    if (!form.ok) return postJobPage(c, desk, { values: input, errors: form.errors }, 400);
    const account = await findUserByPhone(db, form.value.employerPhone);
    const employer = account?.role === "employer" ? await employerForUser(db, account.id) : null;
    if (!account || !employer) return postJobPage(c, desk, { values: input, errors: { employerPhone: t.noEmployer } }, 422);
    const r = await jobsActions.quickJob(deps, employer, form.value, { staff: desk.user, marketId: desk.market.id, onBehalfOf: account.id });
    if (r.ok) return redirectWithFlash(c, paths.jobs.show(r.id), t.posted);
    if (r.code === "problems") return postJobPage(c, desk, { values: input, errors: problemMessages(r.problems) }, 400);
    return postJobPage(c, desk, { values: input, message: r.code === "notVerified" ? t.employerNotVerified : holdText(deps, r) }, 422);
  });
}
