// The use cases of employers: an employer's account made once her number is
// proven, her own details saved or resubmitted, and staff showing a full ID
// number or deciding on a record (审核). Each takes the deps, who acts and
// what was typed, and answers with a result union; the routes turn the codes
// into words and pages (no HTTP in here).
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { canSeeCounty, canVerifyAndReveal } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { publishRefusal, afterVerification, type VerifiedDrafts } from "../../shared/hooks.ts";
import { paths } from "../../paths.ts";
import { findUserByPhone, insertUser } from "../accounts/index.ts";
import { notifyStatements, type Notice } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { checkDetails, RejectForm, type EmployerDetails, type Registration } from "./employers.schema.ts";
import { canEditOwnDetails, decide, duplicateField, type Decision } from "./employers.domain.ts";
import * as repo from "./employers.repo.ts";
import type { VerificationStatus } from "../../../db/schema/constants.ts";

const t = copy.employers;

/** A form the schema refused: field messages (from the copy catalog), shown at 400. */
export type Invalid = { ok: false; code: "invalid"; errors: FormErrors };
/** A USCC, ID number or phone already held by another record (409 at that field). */
export type Clash = "phone" | "uscc" | "idNumber";

/** The messages along an error's cause chain: drizzle wraps the driver's error. */
function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let x = e as { message?: string; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) parts.push(String(x.message ?? ""));
  return parts.join(" | ");
}

/** Runs a write; a UNIQUE violation that slipped past the check (another process won the race) becomes a clash. */
export async function catchingDuplicates<T>(run: () => Promise<T | { clash: Clash }>): Promise<T | { clash: Clash }> {
  try {
    return await run();
  } catch (e) {
    const field = duplicateField(errorText(e));
    if (!field) throw e;
    return { clash: field };
  }
}

const isClash = (x: unknown): x is { clash: Clash } => typeof x === "object" && x !== null && "clash" in x;

// --- Registration, after the code matched --------------------------------------------

export type RegisterResult =
  /** existing: the number already was an active employer's: she is signed in, nothing new is made. */
  | { ok: true; userId: number; existing: boolean }
  /** The number belongs to another kind of account (or a disabled one). */
  | { ok: false; code: "otherRole" }
  /** The USCC or ID number is registered already: said only now, to the proven owner of the number. */
  | { ok: false; code: "clash"; field: "uscc" | "idNumber" };

/** The account and the employer record land together, for a number an SMS code has proven. */
export async function registerProven(deps: Deps, x: { phone: string; details: Omit<Registration, "password">; passwordHash: string }): Promise<RegisterResult> {
  const f = { ...x.details, phone: x.phone };
  const now = deps.clock.now();
  const outcome = await catchingDuplicates(() =>
    deps.database.transaction(async (tx) => {
      const existing = await findUserByPhone(tx, f.phone);
      if (existing) return existing.role === "employer" && existing.disabledAt === null ? { existing: true, userId: existing.id as number } : { clash: "phone" as const };
      const taken = await repo.identityTaken(tx, f);
      if (taken) return { clash: taken };
      const [user] = await insertUser(tx, { role: "employer", phone: f.phone, name: f.contactName, passwordHash: x.passwordHash, countyCode: f.countyCode }, now);
      await repo.insertEmployer(tx, user.id, f.phone, f, t.pledgeText, now);
      return { existing: false, userId: user.id as number };
    }),
  );
  if (isClash(outcome)) return outcome.clash === "phone" ? { ok: false, code: "otherRole" } : { ok: false, code: "clash", field: outcome.clash };
  return { ok: true, userId: outcome.userId, existing: outcome.existing };
}

// --- The employer's own details ---------------------------------------------------------

export type DetailsResult =
  | { ok: true; code: "saved" | "resubmitted" }
  | Invalid
  /** A verified record is not changed by its employer (staff do that). */
  | { ok: false; code: "locked" }
  | { ok: false; code: "clash"; field: Clash };

/** An employer saves her details: a first record, or a correction resubmitted after a rejection. */
export async function saveOwnDetails(deps: Deps, actor: CurrentUser, input: FormInput): Promise<DetailsResult> {
  const form = checkDetails(input, (code) => deps.regions.countyNames.has(code));
  if (!form.ok) return { ok: false, code: "invalid", errors: form.errors };
  const f: EmployerDetails = form.value;
  const now = deps.clock.now();
  const outcome = await catchingDuplicates(() =>
    deps.database.transaction(async (tx) => {
      const e = await repo.employerForUser(tx, actor.id);
      if (e && !canEditOwnDetails(e.status)) return "locked" as const;
      const taken = await repo.identityTaken(tx, f, e?.id);
      if (taken) return { clash: taken };
      if (e) await repo.resubmitEmployer(tx, e.id, f, t.pledgeText, now);
      else await repo.insertEmployer(tx, actor.id, actor.phone, f, t.pledgeText, now);
      return e ? ("resubmitted" as const) : ("saved" as const);
    }),
  );
  if (isClash(outcome)) return { ok: false, code: "clash", field: outcome.clash };
  if (outcome === "locked") return { ok: false, code: "locked" };
  return { ok: true, code: outcome };
}

// --- Staff: one record -------------------------------------------------------------------

export type EmployerRecord = NonNullable<Awaited<ReturnType<typeof repo.findEmployer>>>;

/** The record, if this staff member may see it (their county; the city admin all). */
export async function employerInScope(deps: Deps, actor: CurrentUser, id: number): Promise<EmployerRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const rec = await repo.findEmployer(deps.database.db, id);
  return rec && canSeeCounty(actor, rec.employer.countyCode) ? rec : null;
}

/** Station (驿站) staff neither verify nor see full ID numbers. */
type NotAllowed = { ok: false; code: "notAllowed" };

/** Staff show the full ID number of an individual employer: an audited act. */
export async function revealIdNumber(deps: Deps, actor: CurrentUser, rec: EmployerRecord): Promise<{ ok: true; idNumber: string } | NotAllowed | { ok: false; code: "noIdNumber" }> {
  if (!canVerifyAndReveal(actor)) return { ok: false, code: "notAllowed" };
  const idNumber = rec.employer.idNumber;
  if (!idNumber) return { ok: false, code: "noIdNumber" };
  await deps.database.write((db) =>
    auditInsert(db, actor, deps.clock.now(), { action: "employer.reveal_id", subjectType: "employer", subjectId: rec.employer.id, onBehalfOf: null }),
  );
  return { ok: true, idNumber };
}

/**
 * What the employer is told when a decision is made. On verification, one text
 * says which of her drafts went public (linking to the one, or to her list), and
 * each published posting gets an inbox message linking to it; drafts that could
 * not go public (out of date, or held back) are named with a link to her list,
 * where each has a 发布 button.
 */
export function verificationNotices(userId: number, sms: Notice["sms"], body: string, site: string, d: VerifiedDrafts): Notice[] {
  if (!d.published.length && !d.left.length) return [{ userId, body, link: paths.employers.home, sms }];
  const parts = [body];
  if (d.published.length) parts.push(t.draftsPublished(d.published.length));
  if (d.left.length) parts.push(t.draftsLeft(d.left.length));
  const link = d.published.length === 1 && !d.left.length ? paths.jobs.show(d.published[0].id) : paths.jobs.mine;
  return [
    { userId, body: parts.join(""), link, sms },
    ...d.published.map((p) => ({ userId, body: t.draftPublishedOne(site, p.title), link: paths.jobs.show(p.id) })),
    ...d.left.map((p) => ({ userId, body: t.draftLeftOne(site, p.title), link: paths.jobs.show(p.id) })),
  ];
}

export type DecisionResult =
  | { ok: true; to: VerificationStatus }
  | Invalid
  | NotAllowed
  /** Someone decided first (or the status does not allow this decision): the record as it is now. */
  | { ok: false; code: "alreadyDecided"; rec: EmployerRecord };

/**
 * Staff verify or reject (or revoke) an employer: the status changes only if
 * nobody changed it since the page was read; the employer is told by text and
 * inbox, and on verification her waiting drafts go public (audited).
 */
export async function decideEmployer(deps: Deps, actor: CurrentUser, rec: EmployerRecord, decision: Decision, input: FormInput = {}): Promise<DecisionResult> {
  if (!canVerifyAndReveal(actor)) return { ok: false, code: "notAllowed" };
  let reason: string | null = null;
  if (decision === "reject") {
    const form = check(RejectForm, input);
    if (!form.ok) return { ok: false, code: "invalid", errors: form.errors };
    reason = form.value.reason;
  }
  const e = rec.employer;
  const to = decide(e.status, decision);
  if (!to) return { ok: false, code: "alreadyDecided", rec };
  const now = deps.clock.now();
  const site = deps.config.siteName;
  const body = to === "verified" ? t.noticeVerified(site) : e.status === "verified" ? t.noticeRevoked(site, reason ?? "") : t.noticeRejected(site, reason ?? "");
  // Read before the write: whether anything else (e.g. a wage-arrears stop) keeps her postings back.
  const refusal = to === "verified" ? await publishRefusal(deps, e.id) : null;
  const done = await deps.database.transaction(async (tx) => {
    // Only if nobody changed it since the page was read: two staff cannot both decide.
    const r = await repo.decisionUpdate(tx, e.id, e.status, to, actor.id, now, reason);
    if (r.rowsAffected !== 1) return false;
    await auditInsert(tx, actor, now, { action: `employer.${decision}`, subjectType: "employer", subjectId: e.id, detail: { from: e.status, to, reason } });
    const sms = to === "verified"
      ? { to: rec.phone, template: "employerVerified" as const, countyCode: e.countyCode, params: {} as Record<string, string> }
      : { to: rec.phone, countyCode: e.countyCode, template: e.status === "verified" ? ("employerRevoked" as const) : ("employerRejected" as const), params: { reason: reason ?? "" } };
    const drafts = to === "verified" ? await afterVerification(tx, deps, e.id, now, refusal) : { published: [], left: [] };
    for (const s of notifyStatements(tx, verificationNotices(e.userId, sms, body, site, drafts), now)) await s;
    return true;
  });
  if (!done) return { ok: false, code: "alreadyDecided", rec: (await repo.findEmployer(deps.database.db, e.id)) ?? rec };
  return { ok: true, to };
}
