/** @jsxImportSource hono/jsx */
// The hotline's pages: the public page, online reports and the status check;
// for staff, intake of calls and visits, the case list, each case's workflow,
// the call list of workers without a phone, figures and the CSV export.
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Ctx, CurrentUser, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireStaff, isStaff, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate, addDays } from "../../shared/clock.ts";
import { maskPhone } from "../../shared/validators.ts";
import { NotFound } from "../../shared/errors.ts";
import { idParam } from "../../shared/params.ts";
import { csvResponse } from "../../shared/csv.ts";
import { clientAddress } from "../accounts/index.ts";
import { addressBucket } from "../../shared/client.ts";
import { notifyStatements, textStatements } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import type { Option } from "../../../views/components/forms.tsx";
import { formatYuan } from "../../../views/components/bits.tsx";
import { HotlineHomePage } from "../../../views/hotline/home.tsx";
import { NewCasePage, ReportPage, ReportedPage, type IntakeProps } from "../../../views/hotline/intake.tsx";
import { StatusPage } from "../../../views/hotline/status.tsx";
import { CasesPage } from "../../../views/hotline/cases.tsx";
import { CasePage, type CaseView } from "../../../views/hotline/case.tsx";
import { CallListPage } from "../../../views/hotline/calls.tsx";
import { FiguresPage } from "../../../views/hotline/figures.tsx";
import {
  CaseIntakeForm, ReportForm, checkIntake, StatusForm, StepForms, publicFields, AssignForm, CaseListQuery, PageQuery, ExportQuery, CallAnswerForm,
  type IntakeValue,
} from "./hotline.schema.ts";
import {
  canSeeCase, canAssignTo, transition, nextActions, caseActions, lateDays, lastFourMatches, isLocked, hotlineThrottleRules as rules,
  dueDateFor, exportRangeProblem, averageDays, monthBefore, parseCaseNumber, type CaseAction, type Refusal,
} from "./hotline.domain.ts";
import { hotlineSettings } from "./hotline.settings.ts";
import { openCaseForHire } from "./hotline.hooks.ts";
import * as repo from "./hotline.repo.ts";
import type { CaseStatus } from "../../../db/schema/hotline.ts";

const t = copy.hotline;

/** The number just reported, shown once on the "received" page (never in a URL). */
const REPORTED_COOKIE = "hl_case";

const today = (deps: Deps) => chinaDate(deps.clock.now());
const posInt = (s: string | undefined) => (s && /^\d{1,9}$/.test(s) ? Number(s) : NaN);
const checked = (x: string | string[] | undefined) => Array.isArray(x) && x.includes("1");

/** The case with this id, if the staff member may see it; 404 otherwise. */
async function caseInScope(c: Ctx, user: CurrentUser): Promise<repo.CaseRow> {
  const id = idParam(c);
  const row = await repo.findCase(c.var.deps.database.db, id);
  if (!row || !canSeeCase(user, row)) throw new NotFound("case");
  return row;
}

// --- What an intake concerns ---------------------------------------------------

interface Concern {
  employerId: number | null;
  postingId: number | null;
  hireId: number | null;
  marketId: number | null;
  countyCode: string;
}

/**
 * Checks the chosen employer, posting, hire and market (the public may pick
 * verified employers, published postings and their own hires; staff anything
 * in their county) and works out the county the case belongs to.
 */
async function resolveConcern(deps: Deps, user: CurrentUser | null, staff: boolean, f: IntakeValue): Promise<{ ok: true; value: Concern } | { ok: false; errors: FormErrors }> {
  const db = deps.database.db;
  const scope = staff && user ? repo.scopeCountyOf(user) : null;
  const inScope = (county: string) => !staff || scope === null || county === scope;
  const errors: FormErrors = {};
  let { employerId = null, postingId = null, hireId = null, marketId = null } = f;
  let county: string | null = null;
  // The posting and employer of a hire the caller may name come with it: a staff
  // member's hire (by its station) may be for a job in another county.
  let fromHire = false;
  if (hireId !== null) {
    const hire = await repo.findHire(db, hireId);
    const ok = !!hire && (staff ? await repo.hireInScope(db, user!, hireId) : !!user && hire.workerId === user.id);
    if (!ok || !hire) errors.hireId = t.notFoundChoice(t.hire);
    else {
      employerId = hire.employerId;
      postingId = hire.postingId;
      marketId ??= hire.marketId;
      county = hire.countyCode;
      fromHire = true;
    }
  }
  if (postingId !== null && !errors.hireId) {
    const p = await repo.findPosting(db, postingId);
    const ok = !!p && (fromHire || (staff ? inScope(p.countyCode) : p.publishedAt !== null && p.status !== "removed"));
    if (!ok || !p) errors.postingId = t.notFoundChoice(t.posting);
    else {
      employerId = p.employerId;
      county ??= p.countyCode;
    }
  }
  if (employerId !== null && !errors.hireId && !errors.postingId) {
    const e = await repo.findEmployer(db, employerId);
    const ok = !!e && (fromHire || (staff ? inScope(e.countyCode) : e.status === "verified"));
    if (!ok || !e) errors.employerId = t.notFoundChoice(t.employer);
    else county ??= e.countyCode;
  }
  if (marketId !== null) {
    const m = await repo.findMarket(db, marketId);
    if (!m || !inScope(m.countyCode)) errors.marketId = t.notFoundChoice(t.market);
    // The market's staff handle the case, so its county is the case's.
    else county = m.countyCode;
  }
  if (f.countyCode && !deps.regions.countyNames.has(f.countyCode)) errors.countyCode = copy.errors.invalidChoice(t.county);
  county ??= (f.countyCode && inScope(f.countyCode) ? f.countyCode : null) ?? (staff ? scope : null);
  if (!county && !errors.countyCode) errors.countyCode = t.countyRequired;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { employerId, postingId, hireId, marketId, countyCode: county! } };
}

/** A typed query not yet searched means "search first", whichever button was pressed. */
const wantsSearch = (input: FormInput) => input.do === "search" || (typeof input.q === "string" && input.q !== (input.qDone ?? ""));

/** The employer and posting choices: the last search's finds plus whatever is already chosen. */
async function concernOptions(deps: Deps, user: CurrentUser | null, staff: boolean, input: FormInput, search: boolean) {
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

const marketLabel = (deps: Deps, m: { name: string; countyCode: string }) => `${deps.regions.countyName(m.countyCode)} ${m.name}`;

async function renderIntake(c: Ctx, staffUser: CurrentUser | null, values: FormInput, errors?: FormErrors, opts: { search?: boolean; message?: string; status?: 200 | 400 | 422 | 429 } = {}) {
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

// --- Case pages --------------------------------------------------------------------

async function caseView(deps: Deps, row: repo.CaseRow): Promise<CaseView> {
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

async function renderCase(c: Ctx, user: CurrentUser, row: repo.CaseRow, opts: { values?: FormInput; errors?: FormErrors; message?: string; revealed?: boolean; status?: 200 | 400 | 409 | 422 } = {}) {
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

function refusalMessage(status: CaseStatus, why: Refusal, next: CaseAction[]): string {
  const s = t.statuses[status];
  if (why === "skip") return t.refusal.skip(s, next.map((a) => t.actions[a]).join("”或“"));
  return t.refusal[why](s);
}

/** What each step writes on the case, beside its status. */
function stepChanges(action: CaseAction, v: Record<string, unknown>, row: repo.CaseRow, deps: Deps, now: number) {
  switch (action) {
    case "transfer":
      return { set: { agency: v.agency as repo.CaseRow["agency"] }, note: v.transferNote as string, public: checked(v.transferPublic as string[]), detail: { agency: v.agency } };
    case "start":
      return { set: {}, note: (v.startNote as string) ?? "", public: checked(v.startPublic as string[]) };
    case "close":
      return {
        set: { outcome: v.outcome as repo.CaseRow["outcome"], recoveredFen: (v.recovered as number | undefined) ?? null, closedAt: now },
        note: v.closeNote as string,
        public: checked(v.closePublic as string[]),
        detail: { outcome: v.outcome, recoveredFen: v.recovered ?? null },
      };
    case "callback":
      return { set: { satisfaction: v.satisfaction as repo.CaseRow["satisfaction"] }, note: (v.callbackNote as string) ?? "", public: checked(v.callbackPublic as string[]), detail: { satisfaction: v.satisfaction } };
    case "reopen": {
      // A reopened case gets a fresh deadline from today.
      const dueDate = dueDateFor(today(deps), row.category, hotlineSettings(deps).deadlines);
      return { set: { outcome: null, recoveredFen: null, satisfaction: null, closedAt: null, dueDate }, note: v.reopenNote as string, public: checked(v.reopenPublic as string[]), detail: { dueDate } };
    }
  }
}

export function hotlineRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.hotline.home, (c) => {
    const deps = c.var.deps;
    return c.render(<HotlineHomePage hotline={deps.config.hotline} wageDays={hotlineSettings(deps).deadlines.wage_arrears} staff={isStaff(c.var.user)} />, { title: t.homeTitle });
  });

  // --- Anyone: report online, check progress ---------------------------------------

  app.get(paths.hotline.report, (c) => {
    const user = c.var.user;
    const prefill = user && !isStaff(user) ? { callerName: user.name, callerPhone: user.phone } : {};
    return renderIntake(c, null, { urgency: "normal", ...prefill });
  });

  app.post(paths.hotline.report, async (c) => {
    const deps = c.var.deps;
    const user = c.var.user;
    const input = await readForm(c, ["anonymous"]);
    if (wantsSearch(input)) return renderIntake(c, null, { ...input, qDone: input.q ?? "" }, undefined, { search: true });
    const form = checkIntake(ReportForm, input, { needsPlace: true });
    if (!form.ok) return renderIntake(c, null, input, form.errors);
    const reportKey = "report:" + clientAddress(c);
    const now = deps.clock.now();
    if (isLocked((await repo.throttleRows(deps.database.db, [reportKey])).get(reportKey), now)) {
      return renderIntake(c, null, input, undefined, { message: t.reportLocked, status: 429 });
    }
    const concern = await resolveConcern(deps, user, false, form.value);
    if (!concern.ok) return renderIntake(c, null, input, concern.errors);
    const f = form.value;
    const anonymous = f.anonymous.includes("1");
    const callerUserId = user && !isStaff(user) ? user.id : null;
    const made = await deps.database.transaction(async (tx) => {
      const created = await repo.insertCase(
        tx,
        {
          channel: "online",
          callerName: anonymous ? null : f.callerName ?? null,
          callerPhone: anonymous ? null : f.callerPhone ?? null,
          callerUserId: anonymous ? null : callerUserId,
          category: f.category,
          urgency: f.urgency,
          amountOwedFen: f.amount ?? null,
          description: f.description,
          createdBy: null,
          ...concern.value,
        },
        now,
        hotlineSettings(deps),
      );
      await repo.countTries(tx, [[reportKey, rules.report]], now);
      if (callerUserId && !anonymous) {
        const phone = await repo.caseTextPhone(tx, { callerPhone: null, callerUserId, createdBy: null });
        const sms = phone ? { to: phone, template: "caseOpened" as const, countyCode: concern.value.countyCode, params: { case: created.number, hotline: deps.config.hotline } } : null;
        for (const s of notifyStatements(tx, [{ userId: callerUserId, body: t.reportedNotice(created.number), link: paths.hotline.status, sms }], now)) await s;
      }
      return created;
    });
    setCookie(c, REPORTED_COOKIE, `${made.number}${anonymous ? "|a" : ""}`, { path: paths.hotline.home, httpOnly: true, sameSite: "Lax", maxAge: 600, secure: deps.config.https });
    return c.redirect(paths.hotline.reported, 303);
  });

  app.get(paths.hotline.reported, (c) => {
    const [raw, flag] = (getCookie(c, REPORTED_COOKIE) ?? "").split("|");
    c.header("cache-control", "no-store");
    return c.render(<ReportedPage number={parseCaseNumber(raw ?? "")} anonymous={flag === "a"} hotline={c.var.deps.config.hotline} />, { title: t.reportedTitle });
  });

  app.get(paths.hotline.status, (c) => c.render(<StatusPage />, { title: t.statusTitle }));

  app.post(paths.hotline.status, async (c) => {
    const deps = c.var.deps;
    const input = await readForm(c);
    const page = (status: 200 | 400 | 429, props: Parameters<typeof StatusPage>[0]) => {
      c.status(status);
      c.header("cache-control", "no-store");
      return c.render(<StatusPage values={{ number: input.number }} {...props} />, { title: t.statusTitle });
    };
    const form = check(StatusForm, input);
    if (!form.ok) return page(400, { errors: form.errors });
    const { number, lastFour } = form.value;
    // Per (case, address) and per address: a stranger guessing one case's last 4 digits
    // holds only herself back, never the caller checking her own case from her own phone.
    const bucket = addressBucket(clientAddress(c));
    const keys = [`case:${number}@${bucket}`, "lookup-ip:" + bucket];
    const now = deps.clock.now();
    const locks = await repo.throttleRows(deps.database.db, keys);
    if (keys.some((k) => isLocked(locks.get(k), now))) return page(429, { message: t.lookupLocked });
    const found = await repo.findCaseByNumber(deps.database.db, number);
    // An unknown number and a wrong phone get the same answer and the same count.
    if (!found || !lastFourMatches(found.callerPhone, lastFour)) {
      await deps.database.transaction((tx) => repo.countTries(tx, [[keys[0], rules.caseLookup], [keys[1], rules.ipLookup]], now));
      return page(400, { message: t.lookupFailed });
    }
    const replies = await repo.timeline(deps.database.db, found.id, true);
    return page(200, { found: { ...found, replies } });
  });

  // --- Staff: intake and the case list --------------------------------------------------

  app.get(paths.hotline.cases, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const input = readQuery(c);
    const q = check(CaseListQuery, input);
    const filters = q.ok ? q.value : { page: 1 };
    const day = today(deps);
    const { rows, total } = await repo.listCases(deps.database.db, user, { ...filters, overdue: q.ok && q.value.overdue === "1" }, day);
    const params = new URLSearchParams();
    if (q.ok) for (const k of ["status", "category", "overdue"] as const) if (q.value[k]) params.set(k, q.value[k]!);
    c.status(q.ok ? 200 : 400);
    return c.render(
      <CasesPage
        rows={rows.map((r) => ({ ...r, lateDays: lateDays(r, day), concern: r.employerName ?? r.marketName ?? "" }))}
        total={total}
        page={filters.page}
        values={input}
        errors={q.ok ? undefined : q.errors}
        query={params.toString()}
      />,
      { title: t.casesTitle },
    );
  });

  // Registered before /hotline/cases/:id so "new" is not read as an id.
  app.get(paths.hotline.newCase, (c) => {
    const user = requireStaff(c);
    return renderIntake(c, user, { channel: "phone", urgency: "normal", marketId: user.marketId ? String(user.marketId) : undefined });
  });

  app.post(paths.hotline.newCase, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const input = await readForm(c, ["anonymous"]);
    if (wantsSearch(input)) return renderIntake(c, user, { ...input, qDone: input.q ?? "" }, undefined, { search: true });
    const form = checkIntake(CaseIntakeForm, input, { needsPlace: user.role === "city_admin" });
    if (!form.ok) return renderIntake(c, user, input, form.errors);
    const concern = await resolveConcern(deps, user, true, form.value);
    if (!concern.ok) return renderIntake(c, user, input, concern.errors);
    const f = form.value;
    const anonymous = f.anonymous.includes("1");
    const now = deps.clock.now();
    const made = await deps.database.transaction(async (tx) => {
      const created = await repo.insertCase(
        tx,
        {
          channel: f.channel,
          callerName: anonymous ? null : f.callerName ?? null,
          callerPhone: anonymous ? null : f.callerPhone ?? null,
          callerUserId: null,
          category: f.category,
          urgency: f.urgency,
          amountOwedFen: f.amount ?? null,
          description: f.description,
          createdBy: user.id,
          ...concern.value,
        },
        now,
        hotlineSettings(deps),
      );
      await auditInsert(tx, user, now, { action: "hotline.intake", subjectType: "hotline_case", subjectId: created.id });
      return created;
    });
    return redirectWithFlash(c, paths.hotline.case(made.id), t.created(made.number));
  });

  app.get(paths.hotline.casePattern, async (c) => {
    const user = requireStaff(c);
    return renderCase(c, user, await caseInScope(c, user));
  });

  app.post(paths.hotline.stepPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const row = await caseInScope(c, user);
    const input = await readForm(c, publicFields);
    const now = deps.clock.now();
    if (input.action === "note") {
      const form = check(StepForms.note, input);
      if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
      await deps.database.write((db) =>
        db.batch([
          repo.insertEvent(db, row.id, user.id, now, { kind: "note", note: form.value.noteText, public: checked(form.value.notePublic), status: row.status }),
          auditInsert(db, user, now, { action: "hotline.note", subjectType: "hotline_case", subjectId: row.id }),
        ]),
      );
      return redirectWithFlash(c, paths.hotline.case(row.id), t.noteDone);
    }
    const action = input.action as CaseAction;
    if (!(caseActions as readonly string[]).includes(action)) return renderCase(c, user, row, { message: copy.errors.invalidChoice(t.nextTitle), status: 400 });
    const move = transition(row.status, action);
    if (!move.ok) return renderCase(c, user, row, { message: refusalMessage(row.status, move.why, move.next), status: 422 });
    const form = check(StepForms[action], input);
    if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
    const change = stepChanges(action, form.value as Record<string, unknown>, row, deps, now);
    let texted = false;
    const result = await deps.database.transaction(async (tx) => {
      // Checked again inside the write: another tab may have moved the case on.
      const fresh = (await repo.findCase(tx, row.id))!;
      const again = transition(fresh.status, action);
      if (!again.ok) return { ok: false as const, fresh, again };
      await repo.updateCaseIf(tx, row.id, fresh.status, { ...change.set, status: again.to, updatedAt: now });
      await repo.insertEvent(tx, row.id, user.id, now, { kind: action, note: change.note, public: change.public, status: again.to, detail: change.detail });
      await auditInsert(tx, user, now, { action: `hotline.${action}`, subjectType: "hotline_case", subjectId: row.id });
      // The caller hears of each change of status by text, with the case number to quote.
      const phone = again.to !== fresh.status ? await repo.caseTextPhone(tx, fresh) : null;
      if (phone) {
        texted = true;
        for (const s of textStatements(tx, [{ to: phone, template: "caseStatus", params: { case: fresh.number, status: t.statuses[again.to], hotline: deps.config.hotline }, userId: fresh.callerUserId, countyCode: fresh.countyCode }], now)) await s;
      }
      return { ok: true as const };
    });
    if (!result.ok) return renderCase(c, user, result.fresh, { message: refusalMessage(result.fresh.status, result.again.why, result.again.next), status: 409 });
    return redirectWithFlash(c, paths.hotline.case(row.id), (texted ? t.stepDoneTexted : t.stepDone)(t.actions[action]));
  });

  app.post(paths.hotline.assignPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const row = await caseInScope(c, user);
    const input = await readForm(c);
    const form = check(AssignForm, input);
    if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
    const target = await repo.findStaffForAssign(deps.database.db, form.value.assignee);
    if (!target || !canAssignTo(user, row.countyCode, { ...target, disabled: target.disabledAt !== null })) {
      return renderCase(c, user, row, { values: input, errors: { assignee: t.assigneeInvalid }, status: 400 });
    }
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.assignCase(db, row.id, target.id, now),
        repo.insertEvent(db, row.id, user.id, now, { kind: "assign", note: target.name, public: false, status: row.status, detail: { assignee: target.id } }),
        auditInsert(db, user, now, { action: "hotline.assign", subjectType: "hotline_case", subjectId: row.id, detail: { assignee: target.id } }),
        ...notifyStatements(db, [{ userId: target.id, body: t.assignedNotice(row.number), link: paths.hotline.case(row.id) }], now),
      ]),
    );
    return redirectWithFlash(c, paths.hotline.case(row.id), t.assignDone(target.name));
  });

  app.post(paths.hotline.revealPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const row = await caseInScope(c, user);
    await deps.database.write((db) => auditInsert(db, user, deps.clock.now(), { action: "hotline.reveal_phone", subjectType: "hotline_case", subjectId: row.id }));
    return renderCase(c, user, row, { revealed: true });
  });

  // --- Staff: the call list ---------------------------------------------------------------

  app.get(paths.hotline.callList, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const q = check(PageQuery, readQuery(c));
    const page = q.ok ? q.value.page : 1;
    const { rows, total } = await repo.callList(deps.database.db, user, today(deps), page);
    return c.render(<CallListPage rows={rows} total={total} page={page} />, { title: t.callListTitle });
  });

  app.post(paths.hotline.callAnswerPattern, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const hireId = posInt(c.req.param("hireId"));
    ensure(Number.isSafeInteger(hireId) && hireId > 0 && (await repo.hireInScope(deps.database.db, user, hireId)), "hire");
    const form = check(CallAnswerForm, await readForm(c));
    if (!form.ok) return redirectWithFlash(c, paths.hotline.callList, form.errors.answer);
    const hire = (await repo.findHire(deps.database.db, hireId))!;
    const now = deps.clock.now();
    const answer = form.value.answer;
    // The answer, its audit entry and the wage case land together or not at all.
    const result = await deps.database.transaction(async (tx) => {
      if (!(await repo.recordPaidAnswer(tx, hireId, answer, now))) return null;
      await auditInsert(tx, user, now, { action: "hotline.call_answer", subjectType: "hire", subjectId: hireId, onBehalfOf: hire.workerId, detail: { answer } });
      return answer === "not_paid" ? await openCaseForHire(tx, deps, hireId, { channel: "phone", staffId: user.id }) : { number: "" };
    });
    if (!result) return redirectWithFlash(c, paths.hotline.callList, t.answeredAlready);
    if (answer === "paid") return redirectWithFlash(c, paths.hotline.callList, t.answerPaid);
    // Tell the other listeners too; ours finds the case it just opened and does nothing.
    for (const h of deps.hooks.hireNotPaid) await h(deps, hireId);
    return redirectWithFlash(c, paths.hotline.callList, t.answerNotPaid(result.number));
  });

  // --- Staff: figures and export -----------------------------------------------------------

  const figuresPage = async (c: Ctx, user: CurrentUser, values: FormInput, errors?: FormErrors) => {
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
  };

  app.get(paths.hotline.figures, (c) => {
    const user = requireStaff(c);
    const day = today(c.var.deps);
    return figuresPage(c, user, { from: addDays(day, -30), to: day });
  });

  app.get(paths.hotline.export, async (c) => {
    const user = requireStaff(c);
    const deps = c.var.deps;
    const input = readQuery(c);
    // Without a range this is the form's address typed by hand: show the form.
    if (!input.from && !input.to) return c.redirect(`${paths.hotline.figures}#export`, 303);
    const form = check(ExportQuery, input);
    if (!form.ok) return figuresPage(c, user, input, form.errors);
    const { from, to } = form.value;
    const problem = exportRangeProblem(from, to);
    if (problem) return figuresPage(c, user, input, { to: problem === "order" ? t.rangeOrder : t.rangeTooLong });
    const rows = await repo.exportRows(deps.database.db, user, from, to);
    await deps.database.write((db) => auditInsert(db, user, deps.clock.now(), { action: "hotline.export", detail: { from, to, rows: rows.length } }));
    const yuan = (fen: number | null) => (fen === null ? "" : formatYuan(fen));
    return csvResponse(c, `hotline-${from}-${to}.csv`, [
      [...t.csvHeader],
      ...rows.map((r) => [
        r.number,
        r.day,
        t.channels[r.channel],
        t.categories[r.category],
        t.urgencies[r.urgency],
        t.statuses[r.status],
        deps.regions.countyName(r.countyCode),
        r.marketName ?? "",
        r.employerName ?? "",
        r.callerName ?? "",
        r.callerPhone ? maskPhone(r.callerPhone) : "",
        yuan(r.amountOwedFen),
        r.agency ? t.agencies[r.agency] : "",
        r.outcome ? t.outcomes[r.outcome] : "",
        yuan(r.recoveredFen),
        r.satisfaction ? t.satisfactions[r.satisfaction] : "",
        r.dueDate,
        r.closedAt ? chinaDate(r.closedAt) : "",
      ]),
    ]);
  });

  return app;
}
