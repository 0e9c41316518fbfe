/** @jsxImportSource hono/jsx */
// Hire records: the record page for the two parties and staff, the printable
// agreement, progress marks, and the worker's "were you paid?" answer.
import { Hono } from "hono";
import * as v from "valibot";
import { logOf, type AppEnv, type Ctx, type CurrentUser, type Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { requireUser, requireRole, ensure } from "../../shared/authz.ts";
import { readForm, check, choice } from "../../shared/forms.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate } from "../../shared/clock.ts";
import { paidAnswers } from "../../../db/schema/constants.ts";
import { notifyStatements, type Notice } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { HirePage, type HireDetail } from "../../../views/hires/show.tsx";
import { HirePrintPage } from "../../../views/hires/print.tsx";
import { stationHoldsHire } from "../../shared/station-scope.ts";
import { partyOf, canMark, actionsFor, nextStatus, asksPaid, hireActions, type HireParty } from "./hires.domain.ts";
import * as repo from "./hires.repo.ts";

const t = copy.hires;

const StatusForm = v.object({ action: choice(t.status, hireActions) });
const PaidForm = v.object({ answer: choice(t.askPaid, paidAnswers) });

function idParam(c: Ctx): number {
  const id = Number(c.req.param("id"));
  ensure(Number.isSafeInteger(id) && id > 0, "id");
  return id;
}

/** The hire and how the viewer relates to it; anyone else gets a 404. */
async function hireFor(c: Ctx, user: CurrentUser) {
  const found = await repo.findHire(c.var.deps.database.db, idParam(c));
  if (!found) throw new NotFound("hire");
  const party = partyOf(user, { workerId: found.hire.workerId, employerUserId: found.employerUserId, countyCode: found.countyCode });
  if (!party) throw new NotFound("hire");
  // A station's staff: hires made at their station or of their station's people.
  if (party === "staff" && !(await stationHoldsHire(c.var.deps.database.db, user, found.hire))) throw new NotFound("hire");
  return { found, party };
}

function detailOf(f: repo.HireView): HireDetail {
  const h = f.hire;
  return {
    id: h.id,
    postingId: h.postingId,
    title: f.title,
    quote: f.payMode === "quote",
    wageFen: h.wageFen,
    wageUnit: h.wageUnit,
    startDate: h.startDate,
    endDate: h.endDate,
    place: h.place,
    duties: h.duties,
    status: h.status,
    paid: h.paid,
    paidAnsweredAt: h.paidAnsweredAt,
    confirmedAt: h.confirmedAt,
    workerName: f.workerName,
    workerPhone: f.workerPhone,
    employerName: f.employerName,
    contactName: f.contactName,
    contactPhone: f.contactPhone,
    viaMarketName: f.viaMarketName,
    quoteNote: f.quoteNote ?? "",
    hours: h.hours,
    payTime: h.payTime as HireDetail["payTime"],
    payMethod: h.payMethod as HireDetail["payMethod"],
  };
}

/** Staff reading a record see both phones in full: logged as a reveal. */
async function auditStaffView(deps: Deps, user: CurrentUser, party: HireParty, hireId: number, action: string) {
  if (party !== "staff") return;
  await deps.database.write((db) => auditInsert(db, user, deps.clock.now(), { action, subjectType: "hire", subjectId: hireId }));
}

export function hiresRoutes() {
  const app = new Hono<AppEnv>();

  const renderHire = (c: Ctx, f: repo.HireView, party: HireParty, message?: string, status?: 400 | 409 | 422) => {
    const today = chinaDate(c.var.deps.clock.now());
    if (status) c.status(status);
    return c.render(
      <HirePage
        d={detailOf(f)}
        actions={canMark(party) ? actionsFor(f.hire.status) : []}
        asksPaid={party === "worker" && asksPaid(f.hire, today)}
        message={message}
      />,
      { title: t.title },
    );
  };

  app.get(paths.hires.showPattern, async (c) => {
    const user = requireUser(c);
    const { found, party } = await hireFor(c, user);
    await auditStaffView(c.var.deps, user, party, found.hire.id, "hire.view");
    return renderHire(c, found, party);
  });

  app.get(paths.hires.printPattern, async (c) => {
    const user = requireUser(c);
    const { found, party } = await hireFor(c, user);
    await auditStaffView(c.var.deps, user, party, found.hire.id, "hire.print");
    return c.render(<HirePrintPage d={detailOf(found)} hotline={c.var.deps.config.hotline} />, { title: t.printTitle, bare: true });
  });

  app.post(paths.hires.statusPattern, async (c) => {
    const user = requireUser(c);
    const deps = c.var.deps;
    const { found, party } = await hireFor(c, user);
    if (!canMark(party)) throw new NotFound("hire");
    const form = check(StatusForm, await readForm(c));
    if (!form.ok) return renderHire(c, found, party, form.errors.action, 400);
    const h = found.hire;
    const to = nextStatus(h.status, form.value.action);
    if (!to) return renderHire(c, found, party, t.wrongState, 422);
    const now = deps.clock.now();
    const body = t.notices.status(found.title, t.statuses[to]);
    // The other side hears of it; when staff mark it, both sides do.
    const notices: Notice[] = [{ userId: h.workerId, body, link: paths.hires.show(h.id) }];
    if (party === "staff") notices.push({ userId: found.employerUserId, body, link: paths.hires.show(h.id) });
    const done = await deps.database.transaction(async (tx) => {
      const r = await repo.setHireStatus(tx, h.id, h.status, to);
      if (r.rowsAffected !== 1) return false;
      for (const s of notifyStatements(tx, notices, now)) await s;
      if (party === "staff") await auditInsert(tx, user, now, { action: `hire.${form.value.action}`, subjectType: "hire", subjectId: h.id });
      return true;
    });
    if (!done) return renderHire(c, found, party, t.wrongState, 422);
    return redirectWithFlash(c, paths.hires.show(h.id), t.marked);
  });

  app.post(paths.hires.paidPattern, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const { found, party } = await hireFor(c, user);
    const h = found.hire;
    const form = check(PaidForm, await readForm(c));
    if (!form.ok) return renderHire(c, found, party, form.errors.answer, 400);
    if (h.paid !== null) return renderHire(c, found, party, t.alreadyAnswered, 409);
    if (!asksPaid(h, chinaDate(deps.clock.now()))) return renderHire(c, found, party, t.notYet, 422);
    const answer = form.value.answer;
    const now = deps.clock.now();
    const stored = await deps.database.transaction(async (tx) => {
      const r = await repo.answerPaid(tx, h.id, user.id, answer, now);
      if (r.rowsAffected !== 1) return false;
      const body = answer === "paid" ? t.notices.paid(found.title) : t.notices.notPaid(found.title);
      for (const s of notifyStatements(tx, [{ userId: found.employerUserId, body, link: paths.hires.show(h.id) }], now)) await s;
      return true;
    });
    if (!stored) return renderHire(c, found, party, t.alreadyAnswered, 409);
    if (answer === "not_paid") {
      // After the answer is stored: a listener's failure must not lose the answer.
      for (const hook of deps.hooks.hireNotPaid) {
        await hook(deps, h.id).catch((e: Error) => logOf(c).error("hireNotPaid hook", { hireId: h.id, error: e.message }));
      }
    }
    return redirectWithFlash(c, paths.hires.show(h.id), answer === "paid" ? t.thanksPaid : t.notPaidDone(deps.config.hotline));
  });

  return app;
}
