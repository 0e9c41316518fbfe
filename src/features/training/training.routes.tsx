/** @jsxImportSource hono/jsx */
// Training sessions, the public side: the list and page, sign-up (one tap when
// signed in, name and phone without an account), cancelling, the worker's own
// list and her certificate. Staff pages: training.staff.routes.tsx and
// training.attendance.routes.tsx; the use cases: training.actions.ts.
import { Hono } from "hono";
import type { LinkProvider } from "../../shared/hooks.ts";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormInput } from "../../shared/forms.ts";
import { requireUser, requireRole, isStaff, ensure, canSeeMarket } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { trainingKinds } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { TrainingListPage, MySignupsPage } from "../../../views/training/list.tsx";
import { CertificatePage } from "../../../views/training/attendance.tsx";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";
import { startSession } from "../../shared/session.ts";
import { AnonSignupForm } from "./training.schema.ts";
import { sessionDays, cancelRefusal, certificateNo } from "./training.domain.ts";
import * as repo from "./training.repo.ts";
import { PAGE_SIZE } from "./training.repo.ts";
import * as actions from "./training.actions.ts";
import { refusalMessage, signupFlash, toView, sessionOr404, showPage } from "./training.render.tsx";
import { idParam, pageParam, pagesFor, todayOf } from "./params.ts";

const t = copy.training;

// "My account" links to one's own training sign-ups (listed on the feature in index.ts).
export const trainingMeLinks: LinkProvider = (c) =>
  c.var.user?.role === "worker"
    ? [[paths.training.mine, t.mineLink]]
    : isStaff(c.var.user)
      ? [
          [paths.training.staffList, t.staffTitle],
          [paths.training.staffFairs, t.staffFairsTitle],
        ]
      : [];

export function trainingRoutes() {
  const app = new Hono<AppEnv>();

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

  app.get(paths.training.showPattern, (c) => showPage(c, idParam(c)));

  app.post(paths.training.signupPattern, async (c) => {
    const id = idParam(c);
    const s = await sessionOr404(c, id);
    const user = c.var.user;
    if (user && isStaff(user)) return redirectWithFlash(c, paths.training.staffShow(s.id), t.staffNotWorker);
    if (user && user.role !== "worker") throw new NotFound("role");
    if (user) {
      const r = await actions.signUp(c.var.deps, user, id);
      if (!r.ok) return showPage(c, id, { message: refusalMessage(r), status: r.status });
      return redirectWithFlash(c, paths.training.show(id), signupFlash(r.result));
    }
    const input: FormInput = await readForm(c);
    const form = check(AnonSignupForm, input);
    if (!form.ok) return showPage(c, id, { values: input, errors: form.errors, status: 400 });
    const closed = actions.visitorSignupRefusal(c.var.deps, s);
    if (closed) return showPage(c, id, { values: input, message: refusalMessage(closed), status: closed.status });
    // What she typed waits for the SMS code; nothing is looked up before it matches.
    const r = await startProof(c, { purpose: "trainingSignUp", phone: form.value.phone, payload: { sessionId: id, name: form.value.name } });
    if (!r.ok) return showPage(c, id, { values: input, errors: { phone: r.message }, status: 429 });
    return c.redirect(r.location, 303);
  });

  // After the code matched: the number's worker account (or a new one) takes the place and is signed in.
  definePurpose<{ sessionId: number; name: string }>("trainingSignUp", {
    title: t.signupTitle,
    back: (x) => paths.training.show(x.sessionId),
    complete: async (c, proven) => {
      const { sessionId, name } = proven.payload;
      const r = await actions.signUpProvenPhone(c.var.deps, { sessionId, phone: proven.phone, name });
      if (!r.ok && r.code === "notWorker") return phoneOutcome(c, refusalMessage(r));
      if (!r.ok) return showPage(c, sessionId, { message: refusalMessage(r), status: r.status });
      await startSession(c, r.workerId);
      return redirectWithFlash(c, paths.training.show(sessionId), signupFlash(r.result));
    },
  });

  app.post(paths.training.cancelSignupPattern, async (c) => {
    const user = requireRole(c, "worker");
    const signup = await repo.findSignup(c.var.deps.database.db, idParam(c));
    if (!signup || signup.workerId !== user.id) throw new NotFound("signup");
    const r = await actions.cancelOwnSignup(c.var.deps, user, signup);
    if (!r.ok) return showPage(c, signup.sessionId, { message: refusalMessage(r), status: r.status });
    return redirectWithFlash(c, paths.training.show(signup.sessionId), r.was === "waiting" ? t.leftWaitingFlash : t.cancelledFlash);
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

  return app;
}
