/** @jsxImportSource hono/jsx */
// The hotline's pages as the route groups render them: the case in a staff
// member's scope (404 otherwise), the intake form with its choices, a case with
// its timeline, the figures; and the words for the actions' codes.
import type { Ctx, CurrentUser, Deps } from "../../shared/context.ts";
import type { FormErrors, FormInput } from "../../shared/forms.ts";
import { ensure } from "../../shared/authz.ts";
import { chinaDate } from "../../shared/clock.ts";
import { NotFound } from "../../shared/errors.ts";
import { copy } from "../../../views/copy/index.ts";
import type { Option } from "../../../views/components/forms.tsx";
import { NewCasePage, ReportPage, type IntakeProps } from "../../../views/hotline/intake.tsx";
import { CasePage, type CaseView } from "../../../views/hotline/case.tsx";
import { FiguresPage } from "../../../views/hotline/figures.tsx";
import { canSeeCase, canAssignTo, nextActions, lateDays, averageDays, monthBefore, type CaseAction, type Refusal } from "./hotline.domain.ts";
import type { ConcernProblems } from "./hotline.actions.ts";
import * as repo from "./hotline.repo.ts";
import type { CaseStatus } from "../../../db/schema/hotline.ts";

const t = copy.hotline;

export const today = (deps: Deps) => chinaDate(deps.clock.now());
export const posInt = (s: string | undefined) => (s && /^\d{1,9}$/.test(s) ? Number(s) : NaN);

/** The case with this id, if the staff member may see it; 404 otherwise. */
export async function caseInScope(c: Ctx, user: CurrentUser): Promise<repo.CaseRow> {
  const id = posInt(c.req.param("id"));
  ensure(Number.isSafeInteger(id) && id > 0);
  const row = await repo.findCase(c.var.deps.database.db, id);
  if (!row || !canSeeCase(user, row)) throw new NotFound("case");
  return row;
}

/** The words for a step the workflow refused, from the case's status. */
export function refusalMessage(status: CaseStatus, why: Refusal, next: CaseAction[]): string {
  const s = t.statuses[status];
  if (why === "skip") return t.refusal.skip(s, next.map((a) => t.actions[a]).join("”或“"));
  return t.refusal[why](s);
}

const concernLabels = { hireId: t.hire, postingId: t.posting, employerId: t.employer, marketId: t.market, countyCode: t.county } as const;

/** The words for the intake's "what it concerns" problems, by field. */
export function concernErrors(problems: ConcernProblems): FormErrors {
  const errors: FormErrors = {};
  for (const [field, code] of Object.entries(problems) as [keyof ConcernProblems, string][]) {
    errors[field] = code === "notFound" ? t.notFoundChoice(concernLabels[field]) : code === "invalidCounty" ? copy.errors.invalidChoice(t.county) : t.countyRequired;
  }
  return errors;
}

/** A typed query not yet searched means "search first", whichever button was pressed. */
export const wantsSearch = (input: FormInput) => input.do === "search" || (typeof input.q === "string" && input.q !== (input.qDone ?? ""));

/** The employer and posting choices: the last search's finds plus whatever is already chosen. */
export async function concernOptions(deps: Deps, user: CurrentUser | null, staff: boolean, input: FormInput, search: boolean) {
  const db = deps.database.db;
  const q = typeof input.q === "string" ? input.q.slice(0, 50) : "";
  const county = staff && user ? repo.scopeCountyOf(user) : typeof input.countyCode === "string" && deps.regions.countyNames.has(input.countyCode) ? input.countyCode : null;
  const [foundEmployers, foundPostings] = search && q ? await Promise.all([repo.searchEmployers(db, q, county, !staff), repo.searchPostings(db, q, county, !staff)]) : [[], []];
  const employers: Option[] = foundEmployers.map((e) => [String(e.id), `${e.name}(#${e.id})`] as const);
  const postings: Option[] = foundPostings.map((p) => [String(p.id), `${p.title} · ${p.employerName}(#${p.id})`] as const);
  const eid = posInt(input.employerId as string);
  if (eid && !employers.some(([v]) => v === String(eid))) {
    const e = await repo.findEmployer(db, eid);
    if (e) employers.unshift([String(e.id), `${e.name}(#${e.id})`]);
  }
  const pid = posInt(input.postingId as string);
  if (pid && !postings.some(([v]) => v === String(pid))) {
    const p = await repo.findPosting(db, pid);
    if (p) postings.unshift([String(p.id), `${p.title} · ${p.employerName}(#${p.id})`]);
  }
  return { employers, postings, searched: search && !!q };
}

export const marketLabel = (deps: Deps, m: { name: string; countyCode: string }) => `${deps.regions.countyName(m.countyCode)} ${m.name}`;

export async function renderIntake(c: Ctx, staffUser: CurrentUser | null, values: FormInput, errors?: FormErrors, opts: { search?: boolean; message?: string; status?: 200 | 400 | 422 | 429 } = {}) {
  const deps = c.var.deps;
  const db = deps.database.db;
  const user = staffUser ?? c.var.user;
  const staff = !!staffUser;
  const scope = staffUser ? repo.scopeCountyOf(staffUser) : null;
  const markets = await repo.marketOptions(db, scope);
  const props: IntakeProps = {
    values,
    errors,
    message: opts.message,
    markets: markets.map((m) => [String(m.id), marketLabel(deps, m)] as const),
    counties: !staff || scope === null ? deps.regions.countyOptions() : undefined,
    ...(await concernOptions(deps, user, staff, values, !!opts.search)),
  };
  if (!staff && user && user.role === "worker") {
    props.myHires = (await repo.workerHires(db, user.id)).map((h) => [String(h.id), `${h.startDate} ${h.title} · ${h.employerName}`] as const);
  }
  c.status(opts.status ?? (errors ? 400 : 200));
  return staff
    ? c.render(<NewCasePage {...props} />, { title: t.newCaseTitle })
    : c.render(<ReportPage {...props} />, { title: t.reportTitle });
}

export async function caseView(deps: Deps, row: repo.CaseRow): Promise<CaseView> {
  const db = deps.database.db;
  const [ctx, events] = await Promise.all([repo.caseContext(db, row), repo.timeline(db, row.id)]);
  return {
    ...row,
    lateDays: lateDays(row, today(deps)),
    employerName: ctx.employer?.name ?? null,
    postingTitle: ctx.posting?.title ?? null,
    hire: ctx.hire,
    marketName: ctx.market?.name ?? null,
    countyName: deps.regions.countyName(row.countyCode),
    assigneeName: ctx.assignee,
    creatorName: ctx.creator,
    events,
  };
}

export async function renderCase(c: Ctx, user: CurrentUser, row: repo.CaseRow, opts: { values?: FormInput; errors?: FormErrors; message?: string; revealed?: boolean; status?: 200 | 400 | 409 | 422 } = {}) {
  const deps = c.var.deps;
  const staffList = await repo.assignableStaff(deps.database.db, row.countyCode);
  const assignees = staffList
    .filter((s) => canAssignTo(user, row.countyCode, { ...s, disabled: s.disabledAt !== null }))
    .map((s) => [String(s.id), s.marketName ? `${s.name}(${s.marketName})` : `${s.name}(${copy.accounts.roles[s.role]})`] as const);
  c.status(opts.status ?? 200);
  return c.render(
    <CasePage c={await caseView(deps, row)} next={nextActions(row.status)} assignees={assignees} revealed={opts.revealed} values={opts.values} errors={opts.errors} message={opts.message} />,
    { title: t.caseTitle(row.number) },
  );
}


export async function figuresPage(c: Ctx, user: CurrentUser, values: FormInput, errors?: FormErrors) {
  const deps = c.var.deps;
  const day = today(deps);
  const f = await repo.figures(deps.database.db, user, day, monthBefore(day, 11));
  const pairs = (rows: { key: string; n: number }[], label: (k: string) => string): [string, number][] => rows.map((r) => [label(r.key), Number(r.n)]);
  c.status(errors ? 400 : 200);
  return c.render(
    <FiguresPage
      f={{
        total: f.total,
        overdue: f.overdue,
        avgDays: averageDays(f.closedDurations),
        owedFen: f.owedFen,
        recoveredFen: f.recoveredFen,
        byCategory: pairs(f.byCategory, (k) => t.categories[k as keyof typeof t.categories] ?? k),
        byStatus: pairs(f.byStatus, (k) => t.statuses[k as keyof typeof t.statuses] ?? k),
        byCounty: pairs(f.byCounty, (k) => deps.regions.countyName(k)),
        byMonth: pairs(f.byMonth, (k) => k),
      }}
      values={values}
      errors={errors}
    />,
    { title: t.figuresTitle },
  );
}
