/** @jsxImportSource hono/jsx */
// The hotline for staff: intake of calls and visits, the case list, and each
// case's workflow (steps, notes, assigning, revealing the caller's phone).
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check } from "../../shared/forms.ts";
import { requireStaff } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { copy } from "../../../views/copy/index.ts";
import { CasesPage } from "../../../views/hotline/cases.tsx";
import { CaseIntakeForm, checkIntake, StepForms, publicFields, AssignForm, CaseListQuery } from "./hotline.schema.ts";
import { caseActions, lateDays, type CaseAction } from "./hotline.domain.ts";
import * as repo from "./hotline.repo.ts";
import * as actions from "./hotline.actions.ts";
import { today, caseInScope, renderIntake, renderCase, wantsSearch, concernErrors, refusalMessage } from "./hotline.render.tsx";

const t = copy.hotline;

export function hotlineCaseRoutes() {
  const app = new Hono<AppEnv>();

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
    const input = await readForm(c, ["anonymous"]);
    if (wantsSearch(input)) return renderIntake(c, user, { ...input, qDone: input.q ?? "" }, undefined, { search: true });
    const form = checkIntake(CaseIntakeForm, input, { needsPlace: user.role === "city_admin" });
    if (!form.ok) return renderIntake(c, user, input, form.errors);
    const r = await actions.fileCase(c.var.deps, user, form.value);
    if (!r.ok) return renderIntake(c, user, input, concernErrors(r.problems));
    return redirectWithFlash(c, paths.hotline.case(r.id), t.created(r.number));
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
    if (input.action === "note") {
      const form = check(StepForms.note, input);
      if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
      await actions.addNote(deps, user, row, { text: form.value.noteText, public: form.value.notePublic.includes("1") });
      return redirectWithFlash(c, paths.hotline.case(row.id), t.noteDone);
    }
    const action = input.action as CaseAction;
    if (!(caseActions as readonly string[]).includes(action)) return renderCase(c, user, row, { message: copy.errors.invalidChoice(t.nextTitle), status: 400 });
    const refused = actions.stepRefusal(row, action);
    if (refused) return renderCase(c, user, row, { message: refusalMessage(refused.caseStatus, refused.code, refused.next), status: 422 });
    const form = check(StepForms[action], input);
    if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
    const r = await actions.takeStep(deps, user, row, action, form.value as Record<string, unknown>);
    if (!r.ok) return renderCase(c, user, r.row, { message: refusalMessage(r.caseStatus, r.code, r.next), status: r.conflict ? 409 : 422 });
    return redirectWithFlash(c, paths.hotline.case(row.id), (r.texted ? t.stepDoneTexted : t.stepDone)(t.actions[action]));
  });

  app.post(paths.hotline.assignPattern, async (c) => {
    const user = requireStaff(c);
    const row = await caseInScope(c, user);
    const input = await readForm(c);
    const form = check(AssignForm, input);
    if (!form.ok) return renderCase(c, user, row, { values: input, errors: form.errors, status: 400 });
    const r = await actions.assign(c.var.deps, user, row, form.value.assignee);
    if (!r.ok) return renderCase(c, user, row, { values: input, errors: { assignee: t.assigneeInvalid }, status: 400 });
    return redirectWithFlash(c, paths.hotline.case(row.id), t.assignDone(r.name));
  });

  app.post(paths.hotline.revealPattern, async (c) => {
    const user = requireStaff(c);
    const row = await caseInScope(c, user);
    await actions.revealPhone(c.var.deps, user, row);
    return renderCase(c, user, row, { revealed: true });
  });

  return app;
}
