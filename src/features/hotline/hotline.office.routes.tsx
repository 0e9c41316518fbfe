/** @jsxImportSource hono/jsx */
// The hotline for staff, office work: the call list of workers without a
// phone ("were you paid?"), the figures and the CSV export.
import { Hono } from "hono";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check } from "../../shared/forms.ts";
import { requireStaff, ensure } from "../../shared/authz.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate, addDays } from "../../shared/clock.ts";
import { maskPhone } from "../../shared/validators.ts";
import { csvResponse } from "../../shared/csv.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { CallListPage } from "../../../views/hotline/calls.tsx";
import { PageQuery, ExportQuery, CallAnswerForm } from "./hotline.schema.ts";
import { exportRangeProblem } from "./hotline.domain.ts";
import * as repo from "./hotline.repo.ts";
import * as actions from "./hotline.actions.ts";
import { today, posInt, figuresPage } from "./hotline.render.tsx";

const t = copy.hotline;

export function hotlineOfficeRoutes() {
  const app = new Hono<AppEnv>();

  app.get(paths.hotline.figures, (c) => {
    const user = requireStaff(c);
    const day = today(c.var.deps);
    return figuresPage(c, user, { from: addDays(day, -30), to: day });
  });

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
    const hireId = posInt(c.req.param("hireId"));
    // Not on this staff member's list: a page that does not exist, whatever the form says.
    ensure(Number.isSafeInteger(hireId) && hireId > 0 && (await repo.hireInScope(c.var.deps.database.db, user, hireId)), "hire");
    const form = check(CallAnswerForm, await readForm(c));
    if (!form.ok) return redirectWithFlash(c, paths.hotline.callList, form.errors.answer);
    const r = await actions.answerCall(c.var.deps, user, hireId, form.value.answer);
    ensure(r.ok || r.code !== "notInScope", "hire");
    if (!r.ok) return redirectWithFlash(c, paths.hotline.callList, t.answeredAlready);
    return redirectWithFlash(c, paths.hotline.callList, r.answer === "paid" ? t.answerPaid : t.answerNotPaid(r.number));
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
    const rows = await actions.exportCases(deps, user, from, to);
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
