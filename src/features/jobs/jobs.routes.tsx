/** @jsxImportSource hono/jsx */
// The gig market's pages: home, browse, a posting, posting and editing,
// quick hire, sign-ups, the employer's decisions, the worker's list.
import { memoized, perApp } from "../../shared/memo.ts";
import { Hono } from "hono";
import { RequestContext } from "hono/jsx-renderer";
import type { AppEnv, Ctx, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireRole, requireStaff, isStaff, canSeeCounty, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound, Refused } from "../../shared/errors.ts";
import { chinaDate, addDays, DAY_MS } from "../../shared/clock.ts";
import { startSession } from "../../shared/session.ts";
import { hashSecret } from "../../shared/crypto.ts";
import { publishRefusal, flagsFor } from "../../shared/hooks.ts";
import { maskPostingText, maskPersonalNumbers } from "../../shared/mask-text.ts";
import { employmentForms, wageUnits } from "../../../db/schema/constants.ts";
import { insertWorker, findWorkerByPhone } from "../workers/index.ts";
import { employerForUser } from "../employers/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { HomePage } from "../../../views/home/home.tsx";
import { JobListPage } from "../../../views/jobs/list.tsx";
import { JobRows } from "../../../views/jobs/_rows.tsx";
import { PostingFormPage, QuickFormPage } from "../../../views/jobs/form.tsx";
import { PostingPage, type DetailProps } from "../../../views/jobs/show.tsx";
import { MyPostingsPage } from "../../../views/jobs/mine.tsx";
import { ApplicantsPage } from "../../../views/jobs/applicants.tsx";
import { MyApplicationsPage } from "../../../views/jobs/applications.tsx";
import { FirstPinPage } from "../../../views/jobs/pin.tsx";
import { asksPaid } from "../hires/index.ts";
import { startProof, definePurpose, weakPinMessage, outcome as phoneOutcome } from "../phone/index.ts";

interface JobSignUpPayload {
  postingId: number;
  name: string;
  quoteFen: number | null;
  quoteNote: string | null;
}
import { employerRecordOf, goingRateOf, goingRatesOf, wellBelow, type GoingRate } from "../records/index.ts";
import { rateText, wellBelowText } from "../../../views/records/parts.tsx";
import {
  PostingForm, postingMulti, draftFromForm, formFromDraft, QuickForm, applySchema, RemoveForm, FirstPinForm,
  parseFilters, filterQuery, parsePage, type Filters,
} from "./jobs.schema.ts";
import {
  draftProblems, normalizeDraft, minimumShortfall, canDo, effectiveStatus, isPublic, statusAfterEdit, publishProblem,
  signUpRefusal, refusalStatus, contactVisible, quickDraft, postingLimitProblem, type PostingDraft, type DraftProblem,
} from "./jobs.domain.ts";
import { searchText } from "./jobs.search.ts";
import * as repo from "./jobs.repo.ts";

const t = copy.jobs;
export const PER_PAGE = 20;

const todayOf = (deps: Deps) => chinaDate(deps.clock.now());

function idParam(c: Ctx): number {
  const id = Number(c.req.param("id"));
  ensure(Number.isSafeInteger(id) && id > 0, "id");
  return id;
}

const pagesFor = (total: number, perPage = PER_PAGE) => Math.max(1, Math.ceil(total / perPage));

/** Work kinds and brands, with lookups for the rules and the search text. */
async function loadReferences(deps: Deps) {
  const { kinds, brands } = await repo.kindsAndBrands(deps.database.db);
  const kindNames = new Map(kinds.map((k) => [k.id, k.name]));
  const brandIds = new Set(brands.map((b) => b.id));
  return { kinds, brands, kindNames, brandIds };
}
type References = Awaited<ReturnType<typeof loadReferences>>;
const referencesOf = perApp((deps: Deps) => memoized(deps.database, 60_000, () => loadReferences(deps)));
/** Kinds and brands, for the forms and filters of nearly every jobs page: from memory while nothing was written. */
const references = (deps: Deps): Promise<References> => referencesOf(deps)();

/** "鄢陵县 马栏镇 某某村" for a posting. */
export function placeOf(deps: Deps, p: { countyCode: string; townshipCode: string | null; address: string }): string {
  return [deps.regions.countyName(p.countyCode), deps.regions.townshipName(p.townshipCode), p.address].filter(Boolean).join(" ");
}

function textOf(deps: Deps, refs: References, d: PostingDraft): string {
  return searchText({
    title: d.title,
    kindName: refs.kindNames.get(d.kindId) ?? "",
    duties: d.duties,
    requirements: d.requirements,
    address: d.address,
    countyName: deps.regions.countyName(d.countyCode),
    townshipName: deps.regions.townshipName(d.townshipCode),
  });
}

/** The minimum-wage warning for a wage, or null. */
function wageWarning(deps: Deps, p: { payMode: string; wageFen: number | null; wageUnit: PostingDraft["wageUnit"] }): string | null {
  if (p.payMode !== "wage") return null;
  const floor = minimumShortfall(p.wageFen, p.wageUnit, deps.config.minWage);
  return floor === null || !p.wageUnit ? null : t.belowMinimum(formatYuan(floor), copy.jobs.unitWords[p.wageUnit]);
}

/** The rules' codes as messages, on the form's field names. */
function problemMessages(problems: Partial<Record<keyof PostingDraft, DraftProblem>>): FormErrors {
  const out: FormErrors = {};
  for (const [field, code] of Object.entries(problems)) out[field === "wageFen" ? "wage" : field] = t.problems[code as DraftProblem];
  return out;
}

function draftContext(deps: Deps, refs: References, filledCount?: number) {
  return {
    today: todayOf(deps),
    countyExists: (code: string) => deps.regions.countyNames.has(code),
    townshipInCounty: (tw: string, county: string) => deps.regions.townshipInCounty(tw, county),
    kindExists: (id: number) => refs.kindNames.has(id),
    brandExists: (id: number) => refs.brandIds.has(id),
    filledCount,
  };
}

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
async function rateLines(deps: Deps, refs: References, v: FormInput) {
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

/** The employer record of the signed-in employer account, or null when its details are not filled in yet. */
async function currentEmployer(c: Ctx) {
  const user = requireRole(c, "employer");
  return { user, employer: await employerForUser(c.var.deps.database.db, user.id) };
}

/** A posting of the signed-in employer; anyone else's is a 404. */
async function ownPosting(c: Ctx) {
  const { user, employer } = await currentEmployer(c);
  const id = idParam(c);
  const found = await repo.findPosting(c.var.deps.database.db, id);
  if (!employer || !found || found.posting.employerId !== employer.id) throw new NotFound("posting");
  return { user, employer, found };
}

/** May this employer go public now? A reason to refuse, or null. */
async function publishBlock(deps: Deps, employer: { id: number; status: string; kind: string }, p: { endDate: string; headcount: number }): Promise<string | null> {
  const problem = publishProblem(employer.status, p, todayOf(deps));
  if (problem === "notVerified") return t.notVerified;
  if (problem === "endPast") return t.endPastPublish;
  // Posting limits (issue #16): a flood of postings, or a household hiring a crowd, waits.
  const lim = deps.config.postingLimits;
  const now = deps.clock.now();
  const [lastHour, lastDay] = await Promise.all([
    repo.publishedSince(deps.database.db, employer.id, now - 3600_000),
    repo.publishedSince(deps.database.db, employer.id, now - 24 * 3600_000),
  ]);
  const over = postingLimitProblem({ kind: employer.kind, headcount: p.headcount }, { lastHour, lastDay }, lim);
  if (over === "perHour") return t.limitPerHour(lim.perHour);
  if (over === "perDay") return t.limitPerDay(lim.perDay);
  if (over === "householdHeadcount") return t.limitHousehold(lim.householdHeadcount, deps.config.hotline);
  return publishRefusal(deps, employer.id);
}

export function jobsRoutes() {
  const app = new Hono<AppEnv>();

  // --- Home and browsing ------------------------------------------------------

  app.get(paths.home, async (c) => {
    const deps = c.var.deps;
    const lists = await repo.homeLists(deps.database.db, todayOf(deps), 5);
    const quick = lists.quick.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    const newest = lists.newest.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    return c.render(<HomePage counties={deps.regions.countyOptions()} quick={quick} newest={newest} />, { title: copy.home.title });
  });

  app.get(paths.jobs.list, async (c) => {
    const deps = c.var.deps;
    const query = readQuery(c);
    const filters = parseFilters(query, {
      county: (code) => deps.regions.countyNames.has(code),
      township: (tw, county) => (county ? deps.regions.townshipInCounty(tw, county) : deps.regions.townshipNames.has(tw)),
    });
    const page = parsePage(query.page);
    const browsed = await repo.browse(deps.database.db, filters, todayOf(deps), page, PER_PAGE);
    const { total, capped, hasNext } = browsed;
    // A public list: numbers typed into titles are masked.
    const rows = browsed.rows.map((r) => ({ ...r, title: maskPersonalNumbers(r.title) }));
    const flags = isStaff(c.var.user) ? await flagsFor(deps, [...new Set(rows.map((r) => r.employerId))]) : undefined;
    const rowsProps = { rows, total, capped, hasNext, page, pages: capped ? null : pagesFor(total), pageHref: (n: number) => `${paths.jobs.list}${filterQuery(filters, n)}`, flags };
    c.header("vary", "HX-Request");
    // The fragment is rendered outside the page shell, so it gets the request context itself.
    if (c.req.header("hx-request")) return c.html(<RequestContext.Provider value={c}><JobRows {...rowsProps} /></RequestContext.Provider>);
    const refs = await references(deps);
    const options = {
      kinds: refs.kinds.map((k) => [String(k.id), k.name] as const),
      counties: deps.regions.countyOptions(),
      townships: filters.county ? deps.regions.townshipOptions(filters.county) : [],
      forms: employmentForms.map((f) => [f, t.forms[f]] as const),
      brands: refs.brands.map((b) => [String(b.id), b.name] as const),
    };
    const values = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));
    return c.render(<JobListPage values={values} options={options} rows={rowsProps} />, { title: t.listTitle });
  });

  // --- Posting and editing ------------------------------------------------------

  const formOptions = (deps: Deps, refs: References, county: unknown) => ({
    kinds: refs.kinds.map((k) => [String(k.id), k.name] as const),
    counties: deps.regions.countyOptions(),
    townships: typeof county === "string" && deps.regions.countyNames.has(county) ? deps.regions.townshipOptions(county) : [],
    forms: employmentForms.map((f) => [f, t.forms[f]] as const),
    units: wageUnits.map((u) => [u, t.units[u]] as const),
    brands: refs.brands.map((b) => [String(b.id), b.name] as const),
  });

  const renderPostingForm = async (c: Ctx, o: { action: string; heading: string; submit: string; values: FormInput; errors?: FormErrors; intro?: boolean; warning?: string | null }) => {
    const deps = c.var.deps;
    const refs = await references(deps);
    if (o.errors) c.status(400);
    return c.render(
      <PostingFormPage heading={o.heading} action={o.action} values={o.values} errors={o.errors} options={formOptions(deps, refs, o.values.countyCode)} submit={o.submit} intro={o.intro} warning={o.warning} rates={await rateLines(deps, refs, o.values)} />,
      { title: o.heading },
    );
  };

  app.get(paths.jobs.new, async (c) => {
    const { employer } = await currentEmployer(c);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, t.needEmployer);
    const today = todayOf(c.var.deps);
    const values: FormInput = {
      form: "gig",
      payMode: "wage",
      wageUnit: "day",
      headcount: "1",
      startDate: today,
      endDate: today,
      countyCode: employer.countyCode,
      townshipCode: employer.townshipCode ?? undefined,
      address: employer.address,
      contactName: employer.contactName,
      contactPhone: employer.contactPhone,
    };
    return renderPostingForm(c, { action: paths.jobs.new, heading: t.newTitle, submit: t.publishButton, values, intro: true });
  });

  app.post(paths.jobs.new, async (c) => {
    const { employer } = await currentEmployer(c);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, t.needEmployer);
    const deps = c.var.deps;
    const input = await readForm(c, postingMulti);
    const again = (errors: FormErrors) => renderPostingForm(c, { action: paths.jobs.new, heading: t.newTitle, submit: t.publishButton, values: input, errors, intro: true });
    const form = check(PostingForm, input);
    if (!form.ok) return again(form.errors);
    const refs = await references(deps);
    const draft = normalizeDraft(draftFromForm(form.value));
    const problems = draftProblems(draft, draftContext(deps, refs));
    if (Object.keys(problems).length) return again(problemMessages(problems));
    const blocked = await publishBlock(deps, employer, draft);
    const now = deps.clock.now();
    const id = await deps.database.transaction((tx) =>
      repo.insertPosting(tx, { employerId: employer.id, draft, searchText: textOf(deps, refs, draft), status: blocked ? "draft" : "open", awaitingVerification: employer.status !== "verified" }, now),
    );
    return redirectWithFlash(c, paths.jobs.show(id), blocked ? `${t.draftSaved}${employer.status !== "verified" ? t.publishOnVerification : blocked}` : t.published);
  });

  app.get(paths.jobs.quick, async (c) => {
    const { employer } = await currentEmployer(c);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, t.needEmployer);
    const refs = await references(c.var.deps);
    const values = { headcount: "1", countyCode: employer.countyCode, contactPhone: employer.contactPhone };
    return c.render(<QuickFormPage values={values} options={formOptions(c.var.deps, refs, null)} rates={await rateLines(c.var.deps, refs, values)} />, { title: t.quickTitle });
  });

  app.post(paths.jobs.quick, async (c) => {
    const { employer } = await currentEmployer(c);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, t.needEmployer);
    const deps = c.var.deps;
    const input = await readForm(c);
    const refs = await references(deps);
    const again = (errors: FormErrors) => {
      c.status(400);
      return c.render(<QuickFormPage values={input} errors={errors} options={formOptions(deps, refs, null)} />, { title: t.quickTitle });
    };
    const form = check(QuickForm, input);
    if (!form.ok) return again(form.errors);
    const kindName = refs.kindNames.get(form.value.kindId);
    const draft = quickDraft(
      { ...form.value, wageFen: form.value.wage },
      { today: todayOf(deps), title: t.quickPostingTitle(kindName ?? ""), contactName: employer.contactName },
    );
    const problems = draftProblems(draft, draftContext(deps, refs));
    if (Object.keys(problems).length) return again(problemMessages(problems));
    const blocked = await publishBlock(deps, employer, draft);
    const id = await deps.database.transaction((tx) =>
      repo.insertPosting(tx, { employerId: employer.id, draft, searchText: textOf(deps, refs, draft), status: blocked ? "draft" : "open", quick: true, awaitingVerification: employer.status !== "verified" }, deps.clock.now()),
    );
    return redirectWithFlash(c, paths.jobs.show(id), blocked ? `${t.draftSaved}${employer.status !== "verified" ? t.publishOnVerification : blocked}` : t.published);
  });

  app.get(paths.jobs.mine, async (c) => {
    const { employer } = await currentEmployer(c);
    if (!employer) return redirectWithFlash(c, paths.employers.edit, t.needEmployer);
    const page = parsePage(c.req.query("page"));
    const { rows, total } = await repo.employerPostings(c.var.deps.database.db, employer.id, page, PER_PAGE);
    return c.render(<MyPostingsPage rows={rows} page={page} pages={pagesFor(total)} />, { title: t.mineTitle });
  });

  // --- One posting ---------------------------------------------------------------

  /** The posting page for whoever is looking, with an optional message, form state and status. */
  const renderPosting = async (c: Ctx, id: number, { code, ...extra }: Partial<Omit<DetailProps, "status">> & { code?: 400 | 409 | 422 | 429 } = {}) => {
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
  };

  app.get(paths.jobs.showPattern, (c) => renderPosting(c, idParam(c)));

  app.post(paths.jobs.applyPattern, async (c) => {
    const deps = c.var.deps;
    const id = idParam(c);
    const found = await repo.findPosting(deps.database.db, id);
    const today = todayOf(deps);
    if (!found || !isPublic(effectiveStatus(found.posting, today))) throw new NotFound("posting");
    const p = found.posting;
    const user = c.var.user;
    const already = user?.role === "worker" ? !!(await repo.findApplication(deps.database.db, id, user.id)) : false;
    const refusal = signUpRefusal(p, user?.role ?? null, already, today);
    if (refusal) return renderPosting(c, id, { message: t.refusals[refusal], code: refusalStatus[refusal] });
    const input = await readForm(c);
    const form = check(applySchema({ anon: !user, quote: p.payMode === "quote" }), input);
    if (!form.ok) return renderPosting(c, id, { values: input, errors: form.errors, code: 400 });
    const quoteFen = p.payMode === "quote" ? (form.value.quote as number) : null;
    const quoteNote = p.payMode === "quote" ? form.value.quoteNote ?? null : null;
    const now = deps.clock.now();

    if (user) {
      const r = await deps.database.transaction((tx) => repo.signUp(tx, { postingId: id, workerId: user.id, quoteFen, quoteNote }, today, now));
      if (!r.ok) return renderPosting(c, id, { message: t.refusals[r.reason], code: refusalStatus[r.reason] });
      return redirectWithFlash(c, paths.jobs.show(id), t.signedUp);
    }

    // A visitor without an account: what she typed waits for the SMS code;
    // nothing is looked up yet, so the answer is the same for any number.
    const r = await startProof(c, {
      purpose: "jobSignUp",
      phone: form.value.phone as string,
      payload: { postingId: id, name: form.value.name as string, quoteFen, quoteNote } satisfies JobSignUpPayload,
    });
    if (!r.ok) return renderPosting(c, id, { values: input, errors: { phone: r.message }, code: 429 });
    return c.redirect(r.location, 303);
  });

  /**
   * After the code matched: the number's worker account (or a new one) signs
   * up, together or not at all, and is signed in. A number that belongs to an
   * employer or staff is told so only now.
   */
  definePurpose<JobSignUpPayload>("jobSignUp", {
    title: t.signUpTitle,
    back: (x) => paths.jobs.show(x.postingId),
    complete: async (c, proven) => {
      const deps = c.var.deps;
      const x = proven.payload;
      const today = todayOf(deps);
      const now = deps.clock.now();
      const outcome = await deps.database
        .transaction(async (tx) => {
          const person = await findWorkerByPhone(tx, proven.phone);
          if (person && person.role !== "worker") return { notWorker: true as const };
          const workerId = person ? person.id : (await insertWorker(tx, { phone: proven.phone, name: x.name, pinHash: null }, now)).id;
          const r = await repo.signUp(tx, { postingId: x.postingId, workerId, quoteFen: x.quoteFen, quoteNote: x.quoteNote }, today, now);
          if (!r.ok && !(person && r.reason === "already")) throw new SignUpRefused(r.reason);
          return { workerId, isNew: !person, already: !r.ok };
        })
        .catch((e) => {
          if (e instanceof SignUpRefused) return { refused: e.reason };
          throw e;
        });
      if ("notWorker" in outcome) return phoneOutcome(c, t.notWorkerAfterProof);
      if ("refused" in outcome) return renderPosting(c, x.postingId, { message: t.refusals[outcome.refused], code: refusalStatus[outcome.refused] });
      await startSession(c, outcome.workerId);
      return redirectWithFlash(c, paths.jobs.applications, outcome.isNew ? t.signedUpNew : outcome.already ? t.alreadyAfterProof : t.signedUpExisting);
    },
  });

  app.get(paths.jobs.editPattern, async (c) => {
    const { found } = await ownPosting(c);
    const today = todayOf(c.var.deps);
    if (!canDo("edit", effectiveStatus(found.posting, today))) return redirectWithFlash(c, paths.jobs.show(found.posting.id), t.wrongState);
    const values = formFromDraft(repo.draftOf(found.posting, found.brands.map((b) => b.id)));
    return renderPostingForm(c, { action: paths.jobs.edit(found.posting.id), heading: t.editTitle, submit: t.saveButton, values, warning: wageWarning(c.var.deps, found.posting) });
  });

  app.post(paths.jobs.editPattern, async (c) => {
    const { found } = await ownPosting(c);
    const deps = c.var.deps;
    const id = found.posting.id;
    const input = await readForm(c, postingMulti);
    const again = (errors: FormErrors) => renderPostingForm(c, { action: paths.jobs.edit(id), heading: t.editTitle, submit: t.saveButton, values: input, errors });
    if (!canDo("edit", effectiveStatus(found.posting, todayOf(deps)))) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    const form = check(PostingForm, input);
    if (!form.ok) return again(form.errors);
    const refs = await references(deps);
    const draft = normalizeDraft(draftFromForm(form.value));
    const problems = draftProblems(draft, draftContext(deps, refs, found.posting.status === "open" ? found.posting.filledCount : undefined));
    if (Object.keys(problems).length) return again(problemMessages(problems));
    const now = deps.clock.now();
    const saved = await deps.database.transaction(async (tx) => {
      // Checked again inside the write: a confirm may have landed since the page was read.
      const current = await repo.findPosting(tx, id);
      if (!current || !canDo("edit", current.posting.status) || draft.headcount < current.posting.filledCount) return false;
      const status = statusAfterEdit(current.posting.status, draft.headcount, current.posting.filledCount);
      for (const s of repo.updatePostingStatements(tx, id, draft, status, textOf(deps, refs, draft), now)) await s;
      if (status === "filled") await repo.releaseWaiting(tx, id, draft.title, now);
      return true;
    });
    if (!saved) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(id), t.saved);
  });

  app.post(paths.jobs.publishPattern, async (c) => {
    const { employer, found } = await ownPosting(c);
    const deps = c.var.deps;
    const p = found.posting;
    if (!canDo("publish", p.status)) return renderPosting(c, p.id, { message: t.wrongState, code: 422 });
    const blocked = await publishBlock(deps, employer!, p);
    if (blocked) return renderPosting(c, p.id, { message: blocked, code: 422 });
    const r = await deps.database.write((db) => repo.setStatus(db, p.id, ["draft"], "open", deps.clock.now()));
    if (r.rowsAffected !== 1) return renderPosting(c, p.id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(p.id), t.published);
  });

  app.post(paths.jobs.closePattern, async (c) => {
    const { found } = await ownPosting(c);
    const deps = c.var.deps;
    const p = found.posting;
    if (!canDo("close", p.status)) return renderPosting(c, p.id, { message: t.wrongState, code: 422 });
    const done = await deps.database.transaction((tx) => repo.endPosting(tx, p, ["open", "filled"], "closed", deps.clock.now()));
    if (!done) return renderPosting(c, p.id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(p.id), t.closedDone);
  });

  app.post(paths.jobs.relistPattern, async (c) => {
    const { employer, found } = await ownPosting(c);
    const deps = c.var.deps;
    const p = found.posting;
    if (!canDo("relist", p.status)) return renderPosting(c, p.id, { message: t.wrongState, code: 422 });
    const refs = await references(deps);
    // The copy starts as a draft dated today, for the employer to check before publishing.
    const today = todayOf(deps);
    const old = repo.draftOf(p, found.brands.map((b) => b.id));
    const days = Math.max(0, Math.round((Date.parse(old.endDate) - Date.parse(old.startDate)) / DAY_MS));
    const draft = { ...old, startDate: today, endDate: addDays(today, days) };
    const id = await deps.database.transaction((tx) =>
      repo.insertPosting(tx, { employerId: employer!.id, draft, searchText: textOf(deps, refs, draft), status: "draft", quick: p.quick, copiedFrom: p.id }, deps.clock.now()),
    );
    return redirectWithFlash(c, paths.jobs.edit(id), t.relisted);
  });

  app.post(paths.jobs.removePattern, async (c) => {
    const actor = requireStaff(c);
    const deps = c.var.deps;
    const id = idParam(c);
    const found = await repo.findPosting(deps.database.db, id);
    if (!found) throw new NotFound("posting");
    ensure(canSeeCounty(actor, found.posting.countyCode));
    const input = await readForm(c);
    const form = check(RemoveForm, input);
    if (!form.ok) return renderPosting(c, id, { values: input, errors: form.errors, code: 400 });
    if (!canDo("remove", found.posting.status)) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    const now = deps.clock.now();
    const reason = form.value.reason;
    const done = await deps.database.transaction(async (tx) => {
      const ok = await repo.endPosting(tx, found.posting, ["draft", "open", "filled", "closed", "expired"], "removed", now, { removedReason: reason, removedBy: actor.id }, [
        { userId: found.employerUserId, body: t.notices.removed(found.posting.title, reason), link: paths.jobs.show(id) },
      ]);
      if (ok) await auditInsert(tx, actor, now, { action: "posting.remove", subjectType: "posting", subjectId: id, detail: { reason } });
      return ok;
    });
    if (!done) return renderPosting(c, id, { message: t.wrongState, code: 422 });
    return redirectWithFlash(c, paths.jobs.show(id), t.removedDone);
  });

  // --- The employer's decisions ---------------------------------------------------

  const renderApplicants = async (c: Ctx, found: repo.PostingView, message?: string, status?: 409 | 422) => {
    const deps = c.var.deps;
    const p = found.posting;
    const rows = await repo.applicantsOf(deps.database.db, p.id, p.payMode === "quote");
    if (status) c.status(status);
    const open = effectiveStatus(p, todayOf(deps)) === "open";
    return c.render(<ApplicantsPage posting={p} rows={rows} quote={p.payMode === "quote"} canDecide={open} message={message} />, { title: t.applicantsTitle(p.title) });
  };

  app.get(paths.jobs.applicantsPattern, async (c) => {
    const { found } = await ownPosting(c);
    return renderApplicants(c, found);
  });

  const decide = (kind: "confirm" | "decline") => async (c: Ctx) => {
    const { employer } = await currentEmployer(c);
    if (!employer) throw new NotFound("employer");
    const deps = c.var.deps;
    const applicationId = idParam(c);
    const now = deps.clock.now();
    const r = await deps.database.transaction((tx) =>
      kind === "confirm"
        ? repo.confirmApplication(tx, applicationId, employer.id, { today: todayOf(deps), now, place: (p) => placeOf(deps, p) })
        : repo.declineApplication(tx, applicationId, employer.id, now),
    );
    if (!r.ok && r.reason === "notFound") throw new NotFound("application");
    const found = await repo.findPosting(deps.database.db, r.postingId!);
    if (!found) throw new NotFound("posting");
    if (!r.ok) return renderApplicants(c, found, t[r.reason as "alreadyDecided" | "fullNow" | "postingNotOpen"], r.reason === "alreadyDecided" ? 409 : 422);
    return redirectWithFlash(c, paths.jobs.applicants(found.posting.id), kind === "confirm" ? t.confirmed : t.declined);
  };
  app.post(paths.jobs.confirmPattern, decide("confirm"));
  app.post(paths.jobs.declinePattern, decide("decline"));

  // --- The worker's list -------------------------------------------------------------

  app.get(paths.jobs.applications, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const page = parsePage(c.req.query("page"));
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
    return c.render(<MyApplicationsPage rows={list} page={page} pages={pagesFor(total)} needsPin={!pinSet} />, { title: t.myTitle });
  });

  app.get(paths.jobs.firstPin, async (c) => {
    const user = requireRole(c, "worker");
    if (await repo.hasPin(c.var.deps.database.db, user.id)) return c.redirect(paths.workers.pin, 303);
    return c.render(<FirstPinPage />, { title: t.pinTitle });
  });

  app.post(paths.jobs.firstPin, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const form = check(FirstPinForm, await readForm(c));
    if (!form.ok) {
      c.status(400);
      return c.render(<FirstPinPage errors={form.errors} />, { title: t.pinTitle });
    }
    const weak = weakPinMessage(form.value.pin);
    if (weak) {
      c.status(400);
      return c.render(<FirstPinPage errors={{ pin: weak }} />, { title: t.pinTitle });
    }
    const pinHash = await hashSecret(form.value.pin);
    const r = await deps.database.write((db) => repo.setFirstPin(db, user.id, pinHash));
    // Already set (another tab, or a PIN from elsewhere): changing it needs the old one.
    if (r.rowsAffected !== 1) return c.redirect(paths.workers.pin, 303);
    return redirectWithFlash(c, paths.jobs.applications, t.pinSet);
  });

  app.post(paths.jobs.withdrawPattern, async (c) => {
    const user = requireRole(c, "worker");
    const deps = c.var.deps;
    const id = idParam(c);
    const r = await deps.database.transaction((tx) => repo.withdrawApplication(tx, id, user.id, deps.clock.now()));
    if (r === "notFound") throw new NotFound("application");
    if (r === "cantWithdraw") throw new Refused(t.cantWithdraw, 422);
    return redirectWithFlash(c, paths.jobs.applications, t.withdrawn);
  });

  return app;
}

/** Rolls back a visitor's new account when the sign-up itself is refused. */
class SignUpRefused extends Error {
  constructor(readonly reason: "already" | "full" | "closed" | "expired" | "notOpen") {
    super(reason);
  }
}

export type { Filters };
