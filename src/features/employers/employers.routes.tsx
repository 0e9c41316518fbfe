/** @jsxImportSource hono/jsx */
// Employers: registration, the employer's home, correcting and resubmitting
// after a rejection, and the staff verification queue (审核).
import { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { startSession } from "../../shared/session.ts";
import { requireRole, requireStaff, canSeeCounty, ensure, canVerifyAndReveal } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { flagsFor, publishRefusal, afterVerification, type VerifiedDrafts } from "../../shared/hooks.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { verificationStatuses, type VerificationStatus } from "../../../db/schema/constants.ts";
import { findUserByPhone, insertUser } from "../accounts/index.ts";
import { notifyStatements, type Notice } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { RegisterPage, EditPage } from "../../../views/employers/forms.tsx";
import { EmployerHomePage } from "../../../views/employers/home.tsx";
import { QueuePage, EmployerDetailPage } from "../../../views/employers/staff.tsx";
import { checkRegistration, checkDetails, RejectForm, type EmployerDetails, type Registration } from "./employers.schema.ts";
import { canEditOwnDetails, decide, duplicateField, pageNumber, type Decision } from "./employers.domain.ts";
import * as repo from "./employers.repo.ts";
import { startProof, definePurpose, outcome as phoneOutcome } from "../phone/index.ts";

const t = copy.employers;
const PER_PAGE = 20;

const clashMessage = { phone: t.phoneTaken, uscc: t.usccTaken, idNumber: t.idNumberTaken } as const;
type Clash = keyof typeof clashMessage;

/** The messages along an error's cause chain: drizzle wraps the driver's error. */
function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let x = e as { message?: string; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) parts.push(String(x.message ?? ""));
  return parts.join(" | ");
}

/** Runs a write; a UNIQUE violation that slipped past the check (another process won the race) becomes a clash. */
async function catchingDuplicates<T>(run: () => Promise<T | { clash: Clash }>): Promise<T | { clash: Clash }> {
  try {
    return await run();
  } catch (e) {
    const field = duplicateField(errorText(e));
    if (!field) throw e;
    return { clash: field };
  }
}

const isClash = (x: unknown): x is { clash: Clash } => typeof x === "object" && x !== null && "clash" in x;

/** Links other features add to the employer's home (e.g. "my postings"). */
/**
 * What the employer is told when a decision is made. On verification, one text
 * says which of her drafts went public (linking to the one, or to her list), and
 * each published posting gets an inbox message linking to it; drafts that could
 * not go public (out of date, or held back) are named with a link to her list,
 * where each has a 发布 button.
 */
function verificationNotices(userId: number, sms: Notice["sms"], body: string, site: string, d: VerifiedDrafts): Notice[] {
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


/** Employers a staff member may see: their market's county; the city admin every county. */
export const scopeOf = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty ?? "");

export function employersRoutes() {
  const app = new Hono<AppEnv>();

  // --- Registration -------------------------------------------------------

  const registerPage = (c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 | 429 = 200) => {
    c.status(status);
    return c.render(<RegisterPage counties={c.var.deps.regions.countyOptions()} values={values} errors={errors} />, { title: t.registerTitle });
  };

  app.get(paths.employers.register, (c) => {
    if (c.var.user) return c.redirect(c.var.user.role === "employer" ? paths.employers.home : paths.accounts.me, 303);
    return registerPage(c);
  });

  app.post(paths.employers.register, async (c) => {
    const deps = c.var.deps;
    if (c.var.user) return c.redirect(paths.accounts.me, 303);
    const input = await readForm(c);
    const kept = { ...input, password: undefined, password2: undefined };
    const form = checkRegistration(input, (code) => deps.regions.countyNames.has(code));
    if (!form.ok) return registerPage(c, kept, form.errors, 400);
    const { password, ...details } = form.value;
    // Nothing is looked up yet (number, USCC, ID number): the code step comes first for everyone.
    const passwordHash = await hashSecret(password);
    const r = await startProof(c, { purpose: "registerEmployer", phone: details.phone, payload: { details, passwordHash } });
    if (!r.ok) return registerPage(c, kept, { phone: r.message }, 429);
    return c.redirect(r.location, 303);
  });

  /**
   * After the code matched: the account and the employer record land together.
   * A number that already is an employer is signed in; a USCC or ID number
   * registered before is said only now, to the proven owner of the number.
   */
  definePurpose<{ details: Omit<Registration, "password">; passwordHash: string }>("registerEmployer", {
    title: t.registerTitle,
    back: () => paths.employers.register,
    complete: async (c, proven) => {
      const deps = c.var.deps;
      const f = { ...proven.payload.details, phone: proven.phone };
      const now = deps.clock.now();
      const outcome = await catchingDuplicates(() =>
        deps.database.transaction(async (tx) => {
          const existing = await findUserByPhone(tx, f.phone);
          if (existing) return existing.role === "employer" && existing.disabledAt === null ? { signIn: existing.id as number } : { clash: "phone" as const };
          const taken = await repo.identityTaken(tx, f);
          if (taken) return { clash: taken };
          const [user] = await insertUser(tx, { role: "employer", phone: f.phone, name: f.contactName, passwordHash: proven.payload.passwordHash, countyCode: f.countyCode }, now);
          await repo.insertEmployer(tx, user.id, f.phone, f, t.pledgeText, now);
          return user.id;
        }),
      );
      if (typeof outcome === "object" && "signIn" in outcome && outcome.signIn !== undefined) {
        await startSession(c, outcome.signIn);
        return redirectWithFlash(c, paths.employers.home, copy.phone.alreadyEmployer);
      }
      if (isClash(outcome)) {
        if (outcome.clash === "phone") return phoneOutcome(c, copy.phone.otherRoleEmployer);
        const kept = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]));
        return registerPage(c, kept, { [outcome.clash]: clashMessage[outcome.clash] }, 409);
      }
      await startSession(c, outcome);
      return redirectWithFlash(c, paths.employers.home, t.registered);
    },
  });

  // --- The employer's own pages --------------------------------------------

  app.get(paths.employers.home, async (c) => {
    const user = requireRole(c, "employer");
    const deps = c.var.deps;
    const e = await repo.employerForUser(deps.database.db, user.id);
    const links = (await Promise.all(c.var.deps.hooks.employerHomeLinks.map((f) => f(c)))).flat();
    return c.render(
      <EmployerHomePage employer={e && { ...e, county: deps.regions.countyName(e.countyCode) }} links={links} />,
      { title: t.homeTitle },
    );
  });

  const editPage = (c: Ctx, values?: FormInput, errors?: FormErrors, status: 200 | 400 | 409 = 200) => {
    c.status(status);
    return c.render(<EditPage counties={c.var.deps.regions.countyOptions()} values={values} errors={errors} />, { title: t.editTitle });
  };

  app.get(paths.employers.edit, async (c) => {
    const user = requireRole(c, "employer");
    const e = await repo.employerForUser(c.var.deps.database.db, user.id);
    if (e && !canEditOwnDetails(e.status)) return redirectWithFlash(c, paths.employers.home, t.notEditable);
    const values: FormInput = e
      ? {
          kind: e.kind,
          name: e.name,
          uscc: e.uscc ?? undefined,
          idNumber: e.idNumber ?? undefined,
          contactName: e.contactName,
          countyCode: e.countyCode,
          address: e.address,
          pledge: e.pledgeAcceptedAt !== null ? "yes" : undefined,
        }
      : { countyCode: user.countyCode ?? undefined, contactName: user.name };
    return editPage(c, values);
  });

  app.post(paths.employers.edit, async (c) => {
    const user = requireRole(c, "employer");
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = checkDetails(input, (code) => deps.regions.countyNames.has(code));
    if (!form.ok) return editPage(c, input, form.errors, 400);
    const f: EmployerDetails = form.value;
    const now = deps.clock.now();
    const outcome = await catchingDuplicates(() =>
      deps.database.transaction(async (tx) => {
        const e = await repo.employerForUser(tx, user.id);
        if (e && !canEditOwnDetails(e.status)) return "locked" as const;
        const taken = await repo.identityTaken(tx, f, e?.id);
        if (taken) return { clash: taken };
        if (e) await repo.resubmitEmployer(tx, e.id, f, t.pledgeText, now);
        else await repo.insertEmployer(tx, user.id, user.phone, f, t.pledgeText, now);
        return e ? ("resubmitted" as const) : ("saved" as const);
      }),
    );
    if (isClash(outcome)) return editPage(c, input, { [outcome.clash]: clashMessage[outcome.clash] }, 409);
    if (outcome === "locked") return redirectWithFlash(c, paths.employers.home, t.notEditable);
    return redirectWithFlash(c, paths.employers.home, outcome === "resubmitted" ? t.resubmitted : t.saved);
  });

  // --- Staff: the verification queue ----------------------------------------

  app.get(paths.employers.queue, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const q = readQuery(c);
    const status = (verificationStatuses as readonly string[]).includes(String(q.status)) ? (q.status as VerificationStatus) : undefined;
    const page = pageNumber(q.page);
    const { total, rows } = await repo.listQueue(deps.database.db, { county: scopeOf(user), status, page, perPage: PER_PAGE });
    const flags = await flagsFor(deps, rows.map((r) => r.id));
    return c.render(
      <QueuePage
        rows={rows.map((r) => ({ ...r, county: deps.regions.countyName(r.countyCode), flags: flags.get(r.id) ?? [] }))}
        total={total}
        status={status}
        page={page}
        pages={Math.max(1, Math.ceil(total / PER_PAGE))}
      />,
      { title: t.queueTitle },
    );
  });

  /** The record, if this staff member may see it; otherwise 404 (as if it did not exist). */
  const recordInScope = async (c: Ctx) => {
    const user = requireStaff(c);
    const id = idParam(c);
    const rec = await repo.findEmployer(c.var.deps.database.db, id);
    ensure(!!rec && canSeeCounty(user, rec.employer.countyCode));
    return { user, rec };
  };

  const detailPage = async (
    c: Ctx,
    rec: NonNullable<Awaited<ReturnType<typeof repo.findEmployer>>>,
    extra: { revealed?: string; values?: FormInput; errors?: FormErrors; message?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const deps = c.var.deps;
    const flags = await flagsFor(deps, [rec.employer.id]);
    c.status(status);
    const e = rec.employer;
    return c.render(
      <EmployerDetailPage
        e={{ ...e, county: deps.regions.countyName(e.countyCode), reviewerName: rec.reviewerName, viaName: rec.viaName }}
        flags={flags.get(e.id) ?? []}
        stationOnly={!!c.var.user && !canVerifyAndReveal(c.var.user)}
        {...extra}
      />,
      { title: t.detailTitle(e.name) },
    );
  };

  app.get(paths.employers.showPattern, async (c) => {
    const { rec } = await recordInScope(c);
    return detailPage(c, rec);
  });

  // Showing the full ID number is a logged act; the answer shows it once and is not cached.
  app.post(paths.employers.revealPattern, async (c) => {
    const { user, rec } = await recordInScope(c);
    ensure(canVerifyAndReveal(user));
    const idNumber = rec.employer.idNumber;
    if (!idNumber) throw new NotFound("no id number");
    const deps = c.var.deps;
    await deps.database.write((db) =>
      auditInsert(db, user, deps.clock.now(), { action: "employer.reveal_id", subjectType: "employer", subjectId: rec.employer.id, onBehalfOf: null }),
    );
    return detailPage(c, rec, { revealed: idNumber });
  });

  type InScope = Awaited<ReturnType<typeof recordInScope>>;
  const applyDecision = async (c: Ctx, { user, rec }: InScope, decision: Decision, reason: string | null) => {
    const deps = c.var.deps;
    const e = rec.employer;
    const to = decide(e.status, decision);
    if (!to) return detailPage(c, rec, { message: t.alreadyDecided }, 409);
    const now = deps.clock.now();
    const site = deps.config.siteName;
    const body = to === "verified" ? t.noticeVerified(site) : e.status === "verified" ? t.noticeRevoked(site, reason ?? "") : t.noticeRejected(site, reason ?? "");
    // Read before the write: whether anything else (e.g. a wage-arrears stop) keeps her postings back.
    const refusal = to === "verified" ? await publishRefusal(deps, e.id) : null;
    const done = await deps.database.transaction(async (tx) => {
      // Only if nobody changed it since the page was read: two staff cannot both decide.
      const r = await repo.decisionUpdate(tx, e.id, e.status, to, user.id, now, reason);
      if (r.rowsAffected !== 1) return false;
      await auditInsert(tx, user, now, { action: `employer.${decision}`, subjectType: "employer", subjectId: e.id, detail: { from: e.status, to, reason } });
      const sms = to === "verified"
        ? { to: rec.phone, template: "employerVerified" as const, countyCode: e.countyCode, params: {} as Record<string, string> }
        : { to: rec.phone, countyCode: e.countyCode, template: e.status === "verified" ? ("employerRevoked" as const) : ("employerRejected" as const), params: { reason: reason ?? "" } };
      const drafts = to === "verified" ? await afterVerification(tx, deps, e.id, now, refusal) : { published: [], left: [] };
      for (const s of notifyStatements(tx, verificationNotices(e.userId, sms, body, site, drafts), now)) await s;
      return true;
    });
    if (!done) {
      const fresh = await repo.findEmployer(deps.database.db, e.id);
      return detailPage(c, fresh ?? rec, { message: t.alreadyDecided }, 409);
    }
    return redirectWithFlash(c, paths.employers.show(e.id), to === "verified" ? t.verifiedDone(e.name) : t.rejectedDone(e.name));
  };

  app.post(paths.employers.verifyPattern, async (c) => {
    const scope = await recordInScope(c);
    ensure(canVerifyAndReveal(scope.user));
    return applyDecision(c, scope, "verify", null);
  });

  app.post(paths.employers.rejectPattern, async (c) => {
    const scope = await recordInScope(c);
    ensure(canVerifyAndReveal(scope.user));
    const input = await readForm(c);
    const form = check(RejectForm, input);
    if (!form.ok) return detailPage(c, scope.rec, { values: input, errors: form.errors }, 400);
    return applyDecision(c, scope, "reject", form.value.reason);
  });

  return app;
}
