/** @jsxImportSource hono/jsx */
// One posting and its sign-ups: the posting page, signing up (signed in, or
// by a phone proven with a code), the employer's decisions, and the worker's
// own list, first PIN and withdrawals. Handlers read, call the action
// (jobs.actions.ts), then render or redirect.
import type { Hono } from "hono";
import type { AppEnv, Ctx, Deps } from "../../shared/context.ts";
import { perApp } from "../../shared/memo.ts";
import { paths } from "../../paths.ts";
import { readForm, check } from "../../shared/forms.ts";
import { requireRole, isStaff } from "../../shared/authz.ts";
import { sharedForSignedIn } from "../../shared/signed-in-cache.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound, Refused } from "../../shared/errors.ts";
import { startSession } from "../../shared/session.ts";
import { idParam, pageParam, pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { MyApplicationsPage } from "../../../views/jobs/applications.tsx";
import { FirstPinPage } from "../../../views/jobs/pin.tsx";
import { asksPaid } from "../hires/index.ts";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";
import { applySchema, FirstPinForm } from "./jobs.schema.ts";
import { refusalStatus } from "./jobs.domain.ts";
import { todayOf } from "./jobs.refs.ts";
import { PER_PAGE, currentEmployer, ownPosting, renderPosting, renderApplicants } from "./jobs.pages.tsx";
import * as actions from "./jobs.actions.ts";
import * as repo from "./jobs.repo.ts";

const t = copy.jobs;

/**
 * After the code matched: the number's worker account (or a new one) signs
 * up and is signed in. A number that belongs to an employer or staff is told
 * so only now.
 */
definePurpose<actions.JobSignUpPayload>("jobSignUp", {
  title: t.signUpTitle,
  back: (x) => paths.jobs.show(x.postingId),
  complete: async (c, proven) => {
    const r = await actions.signUpByPhone(c.get("deps"), proven.phone, proven.payload);
    if (!r.ok && r.code === "notWorker") return phoneOutcome(c, t.notWorkerAfterProof);
    if (!r.ok) return renderPosting(c, proven.payload.postingId, { message: t.refusals[r.code], code: refusalStatus[r.code] });
    await startSession(c, r.workerId);
    return redirectWithFlash(c, paths.jobs.applications, r.isNew ? t.signedUpNew : r.already ? t.alreadyAfterProof : t.signedUpExisting);
  },
});

/**
 * A posting's page is the same for every worker who has not signed up for it, and for every employer whose
 * posting it is not: one cheap query says which (src/shared/signed-in-cache.ts). Null: render it for her alone.
 * The answer is kept per (person, posting) on the same terms as the shared copy itself: until the DB's
 * generation changes (a sign-up, a withdrawal, a posting or employer change all write shown tables) and
 * at most PAGE_CACHE_SECONDS (writes by another process).
 */
async function sharedVariant(c: Ctx, id: number): Promise<string | null> {
  const user = c.get("user");
  if (!user || isStaff(user)) return null;
  const deps = c.get("deps");
  const memo = marksMemo(deps);
  const key = `${user.id}|${id}`;
  const generation = deps.database.generation;
  const now = performance.now();
  const known = memo.get(key);
  if (known && known.generation === generation && now - known.at < deps.config.pageCacheSeconds * 1000) return known.variant;
  const [marks] = await repo.personalMarksQuery(deps.database.db).all({ postingId: id, userId: user.id });
  const variant = marks && !marks.applied && !marks.owns ? "" : null;
  if (memo.size >= MARKS_MEMO_MAX) memo.clear();
  memo.set(key, { variant, generation, at: now });
  return variant;
}
const MARKS_MEMO_MAX = 10_000;
const marksMemo = perApp((_deps: Deps) => new Map<string, { variant: string | null; generation: number; at: number }>());

export function postingRoutes(app: Hono<AppEnv>) {
  app.get(paths.jobs.showPattern, async (c) => {
    const id = idParam(c);
    return sharedForSignedIn(c, await sharedVariant(c, id), () => renderPosting(c, id));
  });

  app.post(paths.jobs.applyPattern, async (c) => {
    const deps = c.get("deps");
    const id = idParam(c);
    const user = c.get("user");
    // A signed-in worker, her form as a posting without a quote takes it: the write alone, without the
    // look before it — it inserts only where the full path below would (jobs.twins.test.ts), and when it
    // inserts nothing the full path runs as it always did and finds the reason (the refusal page, the quote
    // asked for, 404). One statement fewer for a sign-up that is taken; a refused one pays one empty write.
    if (user?.role === "worker") {
      const form = check(applySchema({ anon: false, quote: false }), await readForm(c));
      if (form.ok && (await actions.signUpWage(deps, user.id, id)) !== null) return redirectWithFlash(c, paths.jobs.show(id), t.signedUp);
    }
    const may = await actions.signUpCheck(deps, user, id);
    if (!may.ok && may.code === "notFound") throw new NotFound("posting");
    if (!may.ok) return renderPosting(c, id, { message: t.refusals[may.code], code: refusalStatus[may.code] });
    const quote = may.posting.payMode === "quote";
    const input = await readForm(c);
    const form = check(applySchema({ anon: !user, quote }), input);
    if (!form.ok) return renderPosting(c, id, { values: input, errors: form.errors, code: 400 });
    const quoteFen = quote ? (form.value.quote as number) : null;
    const quoteNote = quote ? form.value.quoteNote ?? null : null;
    if (user) {
      const r = await actions.signUp(deps, user.id, { postingId: id, quoteFen, quoteNote, looked: may.posting });
      if (!r.ok) return r.code === "notFound" || r.code === "quoteNeeded" ? renderPosting(c, id, { code: 422 }) : renderPosting(c, id, { message: t.refusals[r.code], code: refusalStatus[r.code] });
      return redirectWithFlash(c, paths.jobs.show(id), t.signedUp);
    }
    // A visitor without an account: what she typed waits for the SMS code;
    // nothing is looked up yet, so the answer is the same for any number.
    const payload: actions.JobSignUpPayload = { postingId: id, name: form.value.name as string, quoteFen, quoteNote };
    const r = await startProof(c, { purpose: "jobSignUp", phone: form.value.phone as string, payload });
    if (!r.ok) return renderPosting(c, id, { values: input, errors: { phone: r.message }, code: 429 });
    return c.redirect(r.location, 303);
  });
}

export function decisionRoutes(app: Hono<AppEnv>) {
  app.get(paths.jobs.applicantsPattern, async (c) => {
    const { found } = await ownPosting(c);
    return renderApplicants(c, found);
  });

  const decide = (kind: "confirm" | "decline") => async (c: Ctx) => {
    const { employer } = await currentEmployer(c);
    if (!employer) throw new NotFound("employer");
    const r = await actions.decide(c.get("deps"), kind, employer.id, idParam(c));
    if (!r.ok && r.code === "notFound") throw new NotFound("application");
    const found = await repo.findPosting(c.get("deps").database.db, r.postingId!);
    if (!found) throw new NotFound("posting");
    if (!r.ok) return renderApplicants(c, found, t[r.code as "alreadyDecided" | "fullNow" | "postingNotOpen"], r.code === "alreadyDecided" ? 409 : 422);
    return redirectWithFlash(c, paths.jobs.applicants(found.posting.id), kind === "confirm" ? t.confirmed : t.declined);
  };
  app.post(paths.jobs.confirmPattern, decide("confirm"));
  app.post(paths.jobs.declinePattern, decide("decline"));

  // --- The worker's list -------------------------------------------------------------

  app.get(paths.jobs.applications, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.get("deps");
    const page = pageParam(c);
    const today = todayOf(deps);
    const [{ rows, total }, pinSet] = await Promise.all([repo.workerApplications(deps.database.db, user.id, page, PER_PAGE), repo.hasPin(deps.database.db, user.id)]);
    const list = rows.map((r) => ({
      id: r.id,
      status: r.status,
      postingId: r.postingId,
      title: r.title,
      dates: t.dates(r.startDate, r.endDate),
      place: deps.regions.countyName(r.countyCode),
      hireId: r.hireId,
      hireStatus: r.hireStatus,
      paid: r.paid,
      viaMarketName: r.viaMarketName,
      quoteFen: r.quoteFen,
      quoteNote: r.quoteNote,
      asksPaid: r.hireId !== null && asksPaid({ status: r.hireStatus!, endDate: r.hireEndDate!, paid: r.paid }, today),
    }));
    return c.render(<MyApplicationsPage rows={list} page={page} pages={pagesFor(total, PER_PAGE)} needsPin={!pinSet} />, { title: t.myTitle });
  });

  app.get(paths.jobs.firstPin, async (c) => {
    const user = requireRole(c, "worker");
    if (await repo.hasPin(c.get("deps").database.db, user.id)) return c.redirect(paths.workers.pin, 303);
    return c.render(<FirstPinPage />, { title: t.pinTitle });
  });

  app.post(paths.jobs.firstPin, async (c) => {
    const user = requireRole(c, "worker");
    const form = check(FirstPinForm, await readForm(c));
    const r = form.ok ? await actions.setFirstPin(c.get("deps"), user, form.value.pin) : null;
    if (!form.ok || (r && !r.ok && r.code === "weak")) {
      c.status(400);
      return c.render(<FirstPinPage errors={form.ok ? { pin: (r as { message: string }).message } : form.errors} />, { title: t.pinTitle });
    }
    // Already set (another tab, or a PIN from elsewhere): changing it needs the old one.
    if (!r!.ok) return c.redirect(paths.workers.pin, 303);
    return redirectWithFlash(c, paths.jobs.applications, t.pinSet);
  });

  app.post(paths.jobs.withdrawPattern, async (c) => {
    const user = requireRole(c, "worker");
    const r = await actions.withdraw(c.get("deps"), user, idParam(c));
    if (!r.ok && r.code === "notFound") throw new NotFound("application");
    if (!r.ok) throw new Refused(t.cantWithdraw, 422);
    return redirectWithFlash(c, paths.jobs.applications, t.withdrawn);
  });
}
