/** @jsxImportSource hono/jsx */
// Who is served first: the help queue for the hardest to place (困难人员帮扶),
// the station's fair-order rule (公平派工) with its daily draw, and the public
// page of today's order as queue numbers.
import type { Hono } from "hono";
import { sql } from "drizzle-orm";
import { stationHoldsWhere } from "../../shared/station-scope.ts";
import type { AppEnv } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check } from "../../shared/forms.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { NotFound } from "../../shared/errors.ts";
import { chinaDate, addDays } from "../../shared/clock.ts";
import { pagesFor } from "../../shared/params.ts";
import { copy } from "../../../views/copy/index.ts";
import { PriorityPage } from "../../../views/desk/priority.tsx";
import { PublicOrderPage, type OrderRow } from "../../../views/desk/order.tsx";
import { RuleForm } from "./desk.schema.ts";
import { categoriesOf, waitingDays, canSeeSensitive, queueThresholds, pageNumber, priorityCategories, type PriorityCategory } from "./desk.domain.ts";
import { deskSettings } from "./desk.settings.ts";
import { PER_PAGE, requireDesk, idParam } from "./desk.scope.ts";
import { orderPage, todaysOrder } from "./desk.pages.tsx";
import * as actions from "./desk.actions.ts";
import * as repo from "./desk.repo.ts";

const t = copy.desk;
const SUGGESTIONS_PER_WORKER = 3;

export function orderRoutes(app: Hono<AppEnv>) {
  app.get(paths.desk.priority, async (c) => {
    const { user, market, m } = await requireDesk(c);
    const deps = c.var.deps;
    const db = deps.database.db;
    const s = deskSettings(deps);
    const q = readQuery(c);
    const today = chinaDate(deps.clock.now());
    const sensitive = canSeeSensitive(user, market.countyCode);
    const asked = (priorityCategories as readonly string[]).includes(String(q.category)) ? (q.category as PriorityCategory) : undefined;
    const category = !sensitive && (asked === "low_income" || asked === "disabled") ? undefined : asked;
    const page = pageNumber(q.page);
    const { rows, total } = await repo.priorityQueue(db, {
      countyCode: market.countyCode,
      // A station's staff: their own station's people and people of no station (src/shared/station-scope.ts).
      station: stationHoldsWhere(user, sql`w.id`),
      ...queueThresholds(today, s),
      withSensitive: sensitive,
      category,
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const suggestions = await repo.matchingPostings(db, {
      workerIds: rows.map((r) => r.id),
      countyCode: market.countyCode,
      today,
      until: addDays(today, 6),
      perWorker: SUGGESTIONS_PER_WORKER,
    });
    return c.render(
      <PriorityPage
        m={m}
        intro={t.priorityIntro(s.longWaitDays, s.olderAge)}
        rows={rows.map((r) => ({
          id: r.id,
          name: r.name,
          phone: r.phone,
          categories: categoriesOf(r, today, s),
          waiting: waitingDays(r, today),
          lastContact: r.lastContact,
          suggestions: suggestions.get(r.id) ?? [],
        }))}
        total={total}
        category={category}
        page={page}
        pages={pagesFor(total, PER_PAGE)}
        showsSensitive={sensitive}
      />,
      { title: t.priorityTitle },
    );
  });

  // --- Fair order (公平派工) -------------------------------------------------------------------

  app.get(paths.desk.order, async (c) => orderPage(c, await requireDesk(c)));

  app.post(paths.desk.order, async (c) => {
    const desk = await requireDesk(c);
    const deps = c.var.deps;
    const form = check(RuleForm, await readForm(c));
    if (!form.ok) return orderPage(c, desk, { errors: form.errors }, 400);
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.setRule(db, desk.market.id, form.value.rule, desk.user.id, now),
        auditInsert(db, desk.user, now, { action: "desk.fair_order_rule", subjectType: "market", subjectId: desk.market.id, detail: { rule: form.value.rule } }),
      ]),
    );
    return redirectWithFlash(c, paths.desk.order + desk.m.suffix, t.ruleSaved);
  });

  app.post(paths.desk.draw, async (c) => {
    const desk = await requireDesk(c);
    const r = await actions.draw(c.var.deps, desk);
    if (r.ok) return redirectWithFlash(c, paths.desk.order + desk.m.suffix, t.drawDone);
    const message = r.code === "already" ? t.drawAlready : r.code === "nobody" ? t.drawNobody : t.drawNotRule;
    return orderPage(c, desk, { message }, r.code === "already" ? 409 : 422);
  });

  // Public: the rule and today's order as queue numbers (the order of arrival, told to each worker at
  // check-in) — no name fragment, no phone digits (issue #16: surname, name length and last 4 digits were shown).
  app.get(paths.desk.stationOrderPattern, async (c) => {
    const id = idParam(c);
    const market = await repo.findMarket(c.var.deps.database.db, id);
    if (!market) throw new NotFound("market");
    const o = await todaysOrder(c, market.id);
    const number = new Map(o.arrived.map((a, i) => [a.workerId, i + 1]));
    const rows: OrderRow[] = o.order.map((a) => ({ who: t.queueNo(number.get(a.workerId)!), masked: "" }));
    return c.render(<PublicOrderPage name={market.name} today={o.today} rule={o.rule} rows={rows} draw={o.draw} />, { title: t.publicTitle(market.name) });
  });
}
