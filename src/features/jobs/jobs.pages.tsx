/** @jsxImportSource hono/jsx */
// The jobs pages' shared parts, out of the route files so each can be read and
// tested alone: who the signed-in employer is, their posting, the posting page
// for whoever looks, the posting form, the applicants page.
import type { Ctx, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { requireRole, isStaff, canSeeCounty } from "../../shared/authz.ts";
import { idParam } from "../../shared/params.ts";
import { auditInsert } from "../../shared/audit.ts";
import { NotFound } from "../../shared/errors.ts";
import { flagsFor } from "../../shared/hooks.ts";
import { maskPostingText } from "../../shared/mask-text.ts";
import { employmentForms, wageUnits } from "../../../db/schema/constants.ts";
import { employerForUser } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { PostingFormPage } from "../../../views/jobs/form.tsx";
import { PostingPage, type DetailProps } from "../../../views/jobs/show.tsx";
import { ApplicantsPage } from "../../../views/jobs/applicants.tsx";
import { employerRecordOf, goingRateOf, goingRatesOf, wellBelow, type GoingRate } from "../records/index.ts";
import { rateText, wellBelowText } from "../../../views/records/parts.tsx";
import { canDo, effectiveStatus, isPublic, signUpRefusal, contactVisible } from "./jobs.domain.ts";
import { references, todayOf, type References } from "./jobs.refs.ts";
import { wageWarning } from "./jobs.words.ts";
import * as repo from "./jobs.repo.ts";

const t = copy.jobs;
export const PER_PAGE = 20;


/** The employer record of the signed-in employer account, or null when its details are not filled in yet. */
export async function currentEmployer(c: Ctx) {
  const user = requireRole(c, "employer");
  return { user, employer: await employerForUser(c.var.deps.database.db, user.id) };
}

/** A posting of the signed-in employer; anyone else's is a 404. */
export async function ownPosting(c: Ctx) {
  const { user, employer } = await currentEmployer(c);
  const id = idParam(c);
  const found = await repo.findPosting(c.var.deps.database.db, id);
  if (!employer || !found || found.posting.employerId !== employer.id) throw new NotFound("posting");
  return { user, employer, found };
}

/** The choices of the posting forms. */
export const formOptions = (deps: Deps, refs: References, county: unknown) => ({
  kinds: refs.kinds.map((k) => [String(k.id), k.name] as const),
  counties: deps.regions.countyOptions(),
  townships: typeof county === "string" && deps.regions.countyNames.has(county) ? deps.regions.townshipOptions(county) : [],
  forms: employmentForms.map((f) => [f, t.forms[f]] as const),
  units: wageUnits.map((u) => [u, t.units[u]] as const),
  brands: refs.brands.map((b) => [String(b.id), b.name] as const),
});

/** The employer's record, and the going rate: a warning when the wage is well below it; the line itself for the owner. */
async function trustOf(deps: Deps, p: { employerId: number; kindId: number; countyCode: string; payMode: string; wageFen: number | null; wageUnit: string | null }, isOwner: boolean) {
  const [record, rate] = await Promise.all([
    employerRecordOf(deps, p.employerId),
    p.payMode === "wage" ? goingRateOf(deps, p.kindId, p.countyCode, p.wageUnit) : null,
  ]);
  if (!record) return null;
  const place = rate?.scope === "city" ? deps.config.region.city.name : deps.regions.countyName(p.countyCode);
  const kind = rate ? (await references(deps)).kindNames.get(rate.kindId) ?? "" : "";
  return {
    record,
    cardHref: paths.records.employer(p.employerId),
    rateWarn: rate && wellBelow(p.wageFen, rate) ? wellBelowText(rate) : null,
    rateLine: rate && isOwner ? rateText(rate, place, kind) : null,
  };
}

/** The going rate for the form's county: the line for its kind of work and unit when there is one, else every kind's. */
export async function rateLines(deps: Deps, refs: References, v: FormInput) {
  const county = typeof v.countyCode === "string" && deps.regions.countyNames.has(v.countyCode) ? v.countyCode : null;
  if (!county) return null;
  const line = (r: GoingRate) =>
    rateText(r, r.scope === "city" ? deps.config.region.city.name : deps.regions.countyName(county), refs.kindNames.get(r.kindId) ?? "");
  const kindId = Number(v.kindId);
  const one = kindId > 0 ? await goingRateOf(deps, kindId, county, typeof v.wageUnit === "string" ? v.wageUnit : "day") : null;
  if (one) return { lines: [line(one)], intro: "" };
  const all = await goingRatesOf(deps, county);
  return all.length ? { lines: all.map(line), intro: copy.records.goingRateFormIntro(deps.regions.countyName(county)) } : null;
}

export async function renderPostingForm(c: Ctx, o: { action: string; heading: string; submit: string; values: FormInput; errors?: FormErrors; intro?: boolean; warning?: string | null }) {
  const deps = c.var.deps;
  const refs = await references(deps);
  if (o.errors) c.status(400);
  return c.render(
    <PostingFormPage heading={o.heading} action={o.action} values={o.values} errors={o.errors} options={formOptions(deps, refs, o.values.countyCode)} submit={o.submit} intro={o.intro} warning={o.warning} rates={await rateLines(deps, refs, o.values)} />,
    { title: o.heading },
  );
}

/** The posting page for whoever is looking, with an optional message, form state and status. */
export async function renderPosting(c: Ctx, id: number, { code, ...extra }: Partial<Omit<DetailProps, "status">> & { code?: 400 | 409 | 422 | 429 } = {}) {
  const deps = c.var.deps;
  const found = await repo.findPosting(deps.database.db, id);
  if (!found) throw new NotFound("posting");
  const p = found.posting;
  const user = c.var.user;
  const isOwner = user?.role === "employer" && user.id === found.employerUserId;
  const staffInScope = !!user && isStaff(user) && canSeeCounty(user, p.countyCode);
  const today = todayOf(deps);
  const status = effectiveStatus(p, today);
  if (!isPublic(status) && !isOwner && !staffInScope) throw new NotFound("posting");
  const mine = user?.role === "worker" ? await repo.findApplication(deps.database.db, id, user.id) : null;
  const contactShown = contactVisible({ isOwner, staffInScope, hiredHere: mine?.status === "confirmed" });
  if (staffInScope && !isOwner) {
    // Staff see the contact phone in full: a reveal, so it is logged.
    await deps.database.write((db) => auditInsert(db, user, deps.clock.now(), { action: "posting.view", subjectType: "posting", subjectId: id }));
  }
  const refusal = signUpRefusal(p, user?.role ?? null, !!mine, today);
  const canSignUp = refusal === null;
  const closedNote = refusal && refusal !== "notWorker" && refusal !== "already" ? t.refusals[refusal] : null;
  const owner = isOwner
    ? {
        canEdit: canDo("edit", status),
        canPublish: canDo("publish", status),
        canClose: canDo("close", status),
        canRelist: canDo("relist", p.status),
        waiting: await repo.countWaiting(deps.database.db, id),
      }
    : null;
  const trust = await trustOf(deps, p, isOwner);
  const staff = staffInScope ? { canRemove: canDo("remove", p.status), flags: (await flagsFor(deps, [p.employerId])).get(p.employerId) ?? [] } : null;
  if (code) c.status(code);
  // Phone and ID numbers typed into the free text: masked for everyone but the owner and staff in scope.
  const shown = isOwner || staffInScope ? p : maskPostingText(p);
  return c.render(
    <PostingPage
      p={{ ...shown, kindName: found.kindName, brands: found.brands.map((b) => b.name), viaMarketName: found.viaMarketName }}
      status={status}
      contactShown={contactShown}
      warning={wageWarning(deps, p)}
      mine={mine ? { status: mine.status, hireId: mine.hireId, quoteFen: mine.quoteFen, quoteNote: mine.quoteNote } : null}
      closedNote={closedNote}
      signUp={canSignUp ? { anon: !user, quote: p.payMode === "quote" } : null}
      owner={owner}
      staff={staff}
      trust={trust}
      {...extra}
    />,
    { title: shown.title },
  );
}

/** The employer's list of who signed up, with an optional message and status. */
export async function renderApplicants(c: Ctx, found: repo.PostingView, message?: string, status?: 409 | 422) {
  const deps = c.var.deps;
  const p = found.posting;
  const rows = await repo.applicantsOf(deps.database.db, p.id, p.payMode === "quote");
  if (status) c.status(status);
  const open = effectiveStatus(p, todayOf(deps)) === "open";
  return c.render(<ApplicantsPage posting={p} rows={rows} quote={p.payMode === "quote"} canDecide={open} message={message} />, { title: t.applicantsTitle(p.title) });
}
