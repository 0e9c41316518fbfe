// The jobs use cases, shared by the jobs pages and the station desk: posting
// (full form and 即时快招), publishing, editing, closing, relisting, removing,
// signing up (signed in, by a proven phone, or at the desk), the employer's
// decisions, withdrawing, the first PIN. Each takes deps, who acts, the input
// and — at the desk — for whom, and answers with a result union of codes.
// No HTTP here: the routes read the form, call, and render or redirect; the
// words for each code are in jobs.words.ts / views/copy.
import type { Deps, CurrentUser } from "../../shared/context.ts";
import type { Tx } from "../../shared/db.ts";
import { auditInsert } from "../../shared/audit.ts";
import { addDays, DAY_MS } from "../../shared/clock.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { publishRefusal } from "../../shared/hooks.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { insertWorker, findWorkerByPhone } from "../workers/index.ts";
import { weakPinMessage } from "../phone/index.ts";
import {
  draftProblems, normalizeDraft, canDo, effectiveStatus, isPublic, statusAfterEdit, publishProblem, signUpRefusal,
  postingLimitProblem, quickDraft, type PostingDraft, type DraftProblem, type SignUpRefusal,
} from "./jobs.domain.ts";
import { draftFromForm, type PostingFormValue, type QuickFormValue } from "./jobs.schema.ts";
import { references, textOf, draftContext, placeOf, todayOf } from "./jobs.refs.ts";
import * as repo from "./jobs.repo.ts";

/** The employer a posting is for (the signed-in one, or the one standing at the desk). */
export interface PostingEmployer {
  id: number;
  userId: number;
  status: string;
  kind: string;
  contactName: string;
}

/**
 * Staff at a station desk acting for the person in front of them (代办): the
 * rows written carry the staff member and market, and the audit log names
 * both and the person (`onBehalfOf`, a user id).
 */
export interface AtDesk {
  staff: CurrentUser;
  marketId: number;
  onBehalfOf: number;
}

const viaOf = (d: AtDesk): repo.Via => ({ viaStaffId: d.staff.id, viaMarketId: d.marketId });

export type Problems = Partial<Record<keyof PostingDraft, DraftProblem>>;

/** Why a posting may not go public now. `refused` carries another feature's words (e.g. a wage-arrears stop). */
export type PublishHold =
  | { code: "notVerified" | "endPast" | "perHour" | "perDay" | "householdHeadcount" }
  | { code: "refused"; message: string };

export type WrongState = { ok: false; code: "wrongState" };

// --- Posting -----------------------------------------------------------------------------

/**
 * May this employer's posting go public now? A hold, or null. `skipLimits`:
 * staff reviewed a posting the limits held back (review queue) — the limits are
 * not asked again, every other rule is.
 */
export async function publishHold(
  deps: Deps,
  employer: { id: number; status: string; kind: string },
  p: { endDate: string; headcount: number },
  o: { skipLimits?: boolean } = {},
): Promise<PublishHold | null> {
  const problem = publishProblem(employer.status, p, todayOf(deps));
  if (problem) return { code: problem };
  if (o.skipLimits) return refusedHold(deps, employer.id);
  // Posting limits (issue #16): a flood of postings, or a household hiring a crowd, waits.
  const now = deps.clock.now();
  const [lastHour, lastDay] = await Promise.all([
    repo.publishedSince(deps.database.db, employer.id, now - 3600_000),
    repo.publishedSince(deps.database.db, employer.id, now - 24 * 3600_000),
  ]);
  const over = postingLimitProblem({ kind: employer.kind, headcount: p.headcount }, { lastHour, lastDay }, deps.config.postingLimits);
  if (over) return { code: over };
  return refusedHold(deps, employer.id);
}

/** Anything else that keeps this employer's postings back (e.g. a wage-arrears stop), with its words. */
async function refusedHold(deps: Deps, employerId: number): Promise<PublishHold | null> {
  const message = await publishRefusal(deps, employerId);
  return message ? { code: "refused", message } : null;
}

export type PostResult = { ok: true; id: number; hold: PublishHold | null } | { ok: false; code: "problems"; problems: Problems } | ({ ok: false } & PublishHold);

/**
 * Saves a posting: public at once, or a draft when it may not go public yet
 * (the hold says why). At the desk a hold refuses instead: posting for
 * someone never skips what would stop them posting themselves.
 */
async function savePosting(deps: Deps, employer: PostingEmployer, draft: PostingDraft, quick: boolean, desk?: AtDesk): Promise<PostResult> {
  const refs = await references(deps);
  const problems = draftProblems(draft, draftContext(deps, refs));
  if (Object.keys(problems).length) return { ok: false, code: "problems", problems };
  const hold = await publishHold(deps, employer, draft);
  if (hold && desk) return { ok: false, ...hold };
  const now = deps.clock.now();
  const id = await deps.database.transaction(async (tx) => {
    const postingId = await repo.insertPosting(
      tx,
      { employerId: employer.id, draft, searchText: textOf(deps, refs, draft), status: hold ? "draft" : "open", quick, awaitingVerification: employer.status !== "verified" },
      now,
    );
    if (desk) {
      await repo.viaOnPosting(tx, postingId, viaOf(desk));
      await auditInsert(tx, desk.staff, now, { action: "desk.post_job", subjectType: "posting", subjectId: postingId, onBehalfOf: desk.onBehalfOf, detail: { marketId: desk.marketId } });
    }
    return postingId;
  });
  return { ok: true, id, hold };
}

/** A posting from the full form. */
export async function postJob(deps: Deps, employer: PostingEmployer, form: PostingFormValue): Promise<PostResult> {
  return savePosting(deps, employer, normalizeDraft(draftFromForm(form)), false);
}

/** 即时快招: a same-day posting in five fields; at the desk, for the employer present. */
export async function quickJob(deps: Deps, employer: PostingEmployer, form: QuickFormValue, desk?: AtDesk): Promise<PostResult> {
  const refs = await references(deps);
  const title = copy.jobs.quickPostingTitle(refs.kindNames.get(form.kindId) ?? "");
  const draft = quickDraft({ ...form, wageFen: form.wage }, { today: todayOf(deps), title, contactName: employer.contactName });
  return savePosting(deps, employer, draft, true, desk);
}

/** The employer edits a posting; checked again inside the write, since a confirm may have landed since the page was read. */
export async function editPosting(deps: Deps, found: repo.PostingView, form: PostingFormValue): Promise<{ ok: true } | WrongState | { ok: false; code: "problems"; problems: Problems }> {
  const p = found.posting;
  if (!canDo("edit", effectiveStatus(p, todayOf(deps)))) return { ok: false, code: "wrongState" };
  const refs = await references(deps);
  const draft = normalizeDraft(draftFromForm(form));
  const problems = draftProblems(draft, draftContext(deps, refs, p.status === "open" ? p.filledCount : undefined));
  if (Object.keys(problems).length) return { ok: false, code: "problems", problems };
  const now = deps.clock.now();
  const saved = await deps.database.transaction(async (tx) => {
    const current = await repo.findPosting(tx, p.id);
    if (!current || !canDo("edit", current.posting.status) || draft.headcount < current.posting.filledCount) return false;
    const status = statusAfterEdit(current.posting.status, draft.headcount, current.posting.filledCount);
    for (const s of repo.updatePostingStatements(tx, p.id, draft, status, textOf(deps, refs, draft), now)) await s;
    if (status === "filled") await repo.releaseWaiting(tx, p.id, draft.title, now);
    return true;
  });
  return saved ? { ok: true } : { ok: false, code: "wrongState" };
}

/** A draft goes public. */
/**
 * A draft goes public, unless a hold says why not. The staff review of held
 * postings (src/features/review) publishes through here too, with
 * `review.skipLimits` (the limits held it; staff decided) and its audit entry and
 * the employer's notice written `alsoInside` the same transaction.
 */
export async function publish(
  deps: Deps,
  employer: Pick<PostingEmployer, "id" | "status" | "kind">,
  found: repo.PostingView,
  review?: { skipLimits: true; alsoInside: (tx: Tx, now: number) => Promise<unknown> },
): Promise<{ ok: true } | WrongState | ({ ok: false } & PublishHold)> {
  const p = found.posting;
  if (!canDo("publish", p.status)) return { ok: false, code: "wrongState" };
  const hold = await publishHold(deps, employer, p, { skipLimits: review?.skipLimits });
  if (hold) return { ok: false, ...hold };
  const now = deps.clock.now();
  const done = await deps.database.transaction(async (tx) => {
    const r = await repo.setStatus(tx, p.id, ["draft"], "open", now);
    if (r.rowsAffected !== 1) return false;
    await review?.alsoInside(tx, now);
    return true;
  });
  return done ? { ok: true } : { ok: false, code: "wrongState" };
}

/** The employer stops taking people; those still waiting are told. */
export async function close(deps: Deps, found: repo.PostingView): Promise<{ ok: true } | WrongState> {
  const p = found.posting;
  if (!canDo("close", p.status)) return { ok: false, code: "wrongState" };
  const done = await deps.database.transaction((tx) => repo.endPosting(tx, p, ["open", "filled"], "closed", deps.clock.now()));
  return done ? { ok: true } : { ok: false, code: "wrongState" };
}

/** A copy of an ended posting, as a draft dated today, for the employer to check before publishing. */
export async function relist(deps: Deps, employer: PostingEmployer, found: repo.PostingView): Promise<{ ok: true; id: number } | WrongState> {
  const p = found.posting;
  if (!canDo("relist", p.status)) return { ok: false, code: "wrongState" };
  const refs = await references(deps);
  const today = todayOf(deps);
  const old = repo.draftOf(p, found.brands.map((b) => b.id));
  const days = Math.max(0, Math.round((Date.parse(old.endDate) - Date.parse(old.startDate)) / DAY_MS));
  const draft = { ...old, startDate: today, endDate: addDays(today, days) };
  const id = await deps.database.transaction((tx) =>
    repo.insertPosting(tx, { employerId: employer.id, draft, searchText: textOf(deps, refs, draft), status: "draft", quick: p.quick, copiedFrom: p.id }, deps.clock.now()),
  );
  return { ok: true, id };
}

/** Staff take a posting down, with a reason the employer is told; audited. */
export async function remove(deps: Deps, staff: CurrentUser, found: repo.PostingView, reason: string): Promise<{ ok: true } | WrongState> {
  const p = found.posting;
  if (!canDo("remove", p.status)) return { ok: false, code: "wrongState" };
  const now = deps.clock.now();
  const done = await deps.database.transaction(async (tx) => {
    const ok = await repo.endPosting(tx, p, ["draft", "open", "filled", "closed", "expired"], "removed", now, { removedReason: reason, removedBy: staff.id }, [
      { userId: found.employerUserId, body: copy.jobs.notices.removed(p.title, reason), link: paths.jobs.show(p.id) },
    ]);
    if (ok) await auditInsert(tx, staff, now, { action: "posting.remove", subjectType: "posting", subjectId: p.id, detail: { reason } });
    return ok;
  });
  return done ? { ok: true } : { ok: false, code: "wrongState" };
}

// --- Sign-ups ------------------------------------------------------------------------------

export type SignUpCode = Exclude<SignUpRefusal, "notWorker">;

/**
 * Before the form is read: is there a public posting `id`, and may this viewer
 * (null: a visitor without an account) sign up for it?
 */
export async function signUpCheck(deps: Deps, user: CurrentUser | null, id: number): Promise<{ ok: true; posting: repo.SignUpLook } | { ok: false; code: "notFound" } | { ok: false; code: SignUpRefusal }> {
  // One statement: the posting's rule fields and whether she signed up already.
  const found = await repo.signUpLook(deps.database.db, id, user?.role === "worker" ? user.id : null);
  const today = todayOf(deps);
  if (!found || !isPublic(effectiveStatus(found, today))) return { ok: false, code: "notFound" };
  const refusal = signUpRefusal(found, user?.role ?? null, found.already, today);
  return refusal ? { ok: false, code: refusal } : { ok: true, posting: found };
}

/**
 * `looked`: the posting as `signUpCheck` read it just before (the route passes
 * it on, so the posting is not read twice); the rules are checked again inside
 * the transaction whatever it says.
 */
export type SignUpInput = { postingId: number; quoteFen?: number | null; quoteNote?: string | null; looked?: repo.SignUpLook };
export type SignUpOutcome = { ok: true; applicationId: number; postingId: number; title: string } | { ok: false; code: "notFound" } | { ok: false; code: "quoteNeeded" } | { ok: false; code: SignUpCode };

/**
 * A worker signs up (a quote posting takes her price). At the desk the
 * sign-up carries the staff member and market, is audited, and `alsoInside`
 * adds the desk's own rows in the same transaction (its contact log).
 */
export async function signUp(
  deps: Deps,
  workerId: number,
  input: SignUpInput,
  desk?: AtDesk & { alsoInside?: (tx: Tx, applicationId: number) => Promise<unknown> },
): Promise<SignUpOutcome> {
  const p = input.looked?.id === input.postingId ? input.looked : await repo.signUpLook(deps.database.db, input.postingId, null);
  if (!p) return { ok: false, code: "notFound" };
  const isQuote = p.payMode === "quote";
  if (isQuote && (input.quoteFen === undefined || input.quoteFen === null)) return { ok: false, code: "quoteNeeded" };
  const now = deps.clock.now();
  const r = await deps.database.transaction(async (tx) => {
    const r = await repo.signUp(tx, { postingId: p.id, workerId, quoteFen: isQuote ? input.quoteFen! : null, quoteNote: isQuote ? input.quoteNote ?? null : null }, todayOf(deps), now);
    if (!r.ok || !desk) return r;
    await repo.viaOnApplication(tx, r.applicationId, viaOf(desk));
    await desk.alsoInside?.(tx, r.applicationId);
    await auditInsert(tx, desk.staff, now, {
      action: isQuote ? "desk.quote" : "desk.sign_up",
      subjectType: "application",
      subjectId: r.applicationId,
      onBehalfOf: desk.onBehalfOf,
      detail: { postingId: p.id },
    });
    return r;
  });
  return r.ok ? { ok: true, applicationId: r.applicationId, postingId: p.id, title: p.title } : { ok: false, code: r.reason };
}

/**
 * A signed-in worker's sign-up tried without the look first (`signUpCheck`): one write that inserts only
 * where `signUp` would insert for a posting that takes no quote. Null when it inserted nothing (a quote
 * posting, a refusal, no such posting): the caller takes the full path, which looks and says why.
 */
export async function signUpWage(deps: Deps, workerId: number, postingId: number): Promise<number | null> {
  const now = deps.clock.now();
  const today = todayOf(deps);
  return deps.database.transaction((tx) => repo.signUpWage(tx, { postingId, workerId }, today, now));
}

/** What a visitor typed before her code, kept with the code until it matches. */
export interface JobSignUpPayload {
  postingId: number;
  name: string;
  quoteFen: number | null;
  quoteNote: string | null;
}

/**
 * After the code matched: the number's worker account (or a new one) signs
 * up, together or not at all. A number that belongs to an employer or staff
 * is `notWorker`; a worker already signed up is not refused (`already`).
 */
export async function signUpByPhone(
  deps: Deps,
  phone: string,
  x: JobSignUpPayload,
): Promise<{ ok: true; workerId: number; isNew: boolean; already: boolean } | { ok: false; code: "notWorker" | SignUpCode }> {
  const today = todayOf(deps);
  const now = deps.clock.now();
  return deps.database
    .transaction(async (tx) => {
      const person = await findWorkerByPhone(tx, phone);
      if (person && person.role !== "worker") return { ok: false as const, code: "notWorker" as const };
      const workerId = person ? person.id : (await insertWorker(tx, { phone, name: x.name, pinHash: null }, now)).id;
      const r = await repo.signUp(tx, { postingId: x.postingId, workerId, quoteFen: x.quoteFen, quoteNote: x.quoteNote }, today, now);
      // Rolls back the new account when the sign-up itself is refused.
      if (!r.ok && !(person && r.reason === "already")) throw new SignUpRefused(r.reason);
      return { ok: true as const, workerId, isNew: !person, already: !r.ok };
    })
    .catch((e) => {
      if (e instanceof SignUpRefused) return { ok: false as const, code: e.reason };
      throw e;
    });
}

class SignUpRefused extends Error {
  constructor(readonly reason: SignUpCode) {
    super(reason);
  }
}

/** The worker takes back a pending sign-up. */
export async function withdraw(deps: Deps, worker: CurrentUser, applicationId: number): Promise<{ ok: true } | { ok: false; code: "notFound" | "cantWithdraw" }> {
  const r = await deps.database.transaction((tx) => repo.withdrawApplication(tx, applicationId, worker.id, deps.clock.now()));
  return r === "ok" ? { ok: true } : { ok: false, code: r };
}

/** The first PIN of an account a sign-up made without one. `already`: it has one (changing it needs the old one). */
export async function setFirstPin(deps: Deps, worker: CurrentUser, pin: string): Promise<{ ok: true } | { ok: false; code: "weak"; message: string } | { ok: false; code: "already" }> {
  const weak = weakPinMessage(pin);
  if (weak) return { ok: false, code: "weak", message: weak };
  const pinHash = await hashSecret(pin);
  const r = await deps.database.write((db) => repo.setFirstPin(db, worker.id, pinHash));
  return r.rowsAffected === 1 ? { ok: true } : { ok: false, code: "already" };
}

// --- The employer's decisions ----------------------------------------------------------------

export type DecisionCode = "notFound" | "alreadyDecided" | "fullNow" | "postingNotOpen";
export type DecisionOutcome = { ok: true; postingId: number; hireId?: number } | { ok: false; code: DecisionCode; postingId?: number };

/** A sign-up with what deciding it for the employer at the desk needs: the posting's county and title, the employer and the worker. */
export async function signUpToDecide(deps: Deps, applicationId: number) {
  const row = await repo.applicationWithPosting(deps.database.db, applicationId);
  const found = row && (await repo.findPosting(deps.database.db, row.posting.id));
  if (!row || !found) return null;
  const { application: a, posting: p } = row;
  return { id: a.id, workerId: a.workerId, postingId: p.id, title: p.title, countyCode: p.countyCode, employerId: p.employerId, employerUserId: found.employerUserId };
}

/**
 * 录用 or 不录用 a sign-up on one of the employer's postings. At the desk
 * (the employer present) the hire carries the staff member and market and the
 * confirm is audited for the employer.
 */
export async function decide(deps: Deps, kind: "confirm" | "decline", employerId: number, applicationId: number, desk?: AtDesk & { workerId: number }): Promise<DecisionOutcome> {
  const now = deps.clock.now();
  const r = await deps.database.transaction(async (tx) => {
    if (kind === "decline") return repo.declineApplication(tx, applicationId, employerId, now);
    const r = await repo.confirmApplication(tx, applicationId, employerId, { today: todayOf(deps), now, place: (p) => placeOf(deps, p) });
    if (!r.ok || r.hireId === undefined || !desk) return r;
    await repo.viaOnHire(tx, r.hireId, viaOf(desk));
    await auditInsert(tx, desk.staff, now, { action: "desk.confirm", subjectType: "hire", subjectId: r.hireId, onBehalfOf: desk.onBehalfOf, detail: { applicationId, workerId: desk.workerId } });
    return r;
  });
  return r.ok ? r : { ok: false, code: r.reason, postingId: r.postingId };
}
