// The hotline's SQL rules against the tables of cases of their TypeScript
// twins (rules.cases.ts): the overdue list (listCases with `overdue`) lists
// what lateDays calls late, in the order of the overdue table (the order is
// SQL's alone); caseScope lets through what canSeeCase lets through.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, sql } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import { hotlineCases } from "../../../db/schema/index.ts";
import { lateDays, canSeeCase } from "../../../src/features/hotline/hotline.domain.ts";
import { listCases, caseScope } from "../../../src/features/hotline/hotline.repo.ts";
import type { CaseStatus } from "../../../db/schema/hotline.ts";
import { addCase } from "./fixtures.ts";
import { lateCases, overdueCases, overdueOrder, overdueToday, scopeCases } from "./rules.cases.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

async function fileCase(countyCode: string, c: { status: CaseStatus; dueDate: string; urgency?: "normal" | "urgent" }) {
  const { id } = await addCase(t, { countyCode, urgency: c.urgency ?? "normal" });
  await t.deps.database.write((db) => db.update(hotlineCases).set({ status: c.status, dueDate: c.dueDate }).where(eq(hotlineCases.id, id)));
  return id;
}

test("the overdue filter lists a case exactly when lateDays says it is late", async () => {
  const admin = await actorFor(t, { role: "county_admin", countyCode: "411024" });
  for (const [name, status, dueDate, today, days] of lateCases) {
    assert.is(lateDays({ status, dueDate }, today), days, `lateDays: ${name}`);
    const id = await fileCase("411024", { status, dueDate });
    const { rows } = await listCases(t.db, admin, { overdue: true, page: 1 }, today);
    assert.is(rows.some((r) => r.id === id), days > 0, `listCases overdue: ${name}`);
    await t.deps.database.write((db) => db.update(hotlineCases).set({ status: "closed" }).where(eq(hotlineCases.id, id)));
  }
});

test("the overdue list: latest first, urgent before normal at equal lateness, then the older case", async () => {
  const admin = await actorFor(t, { role: "county_admin", countyCode: "411081" });
  const ids = new Map<number, number>();
  for (const c of overdueCases) ids.set(await fileCase("411081", c), c.id);
  const { rows, total } = await listCases(t.db, admin, { overdue: true, page: 1 }, overdueToday);
  assert.equal(rows.map((r) => ids.get(r.id)), overdueOrder);
  assert.is(total, overdueOrder.length);
  for (const r of rows) assert.ok(lateDays(r, overdueToday) > 0);
});

test("caseScope (the list's SQL) lets through exactly the cases canSeeCase lets through", async () => {
  for (const [name, user, c, sees] of scopeCases) {
    assert.is(canSeeCase(user, c), sees, `canSeeCase: ${name}`);
    // The case as a one-row table named like the real one, so the condition's column names resolve to it.
    const cond = caseScope(user) ?? sql`1`;
    const [row] = await t.db.all<{ ok: number }>(sql`with hotline_cases(market_id, county_code, assigned_to, created_by) as
      (values (${c.marketId}, ${c.countyCode}, ${c.assignedTo}, ${c.createdBy})) select (${cond}) as ok from hotline_cases`);
    assert.is(Boolean(Number(row.ok)), sees, `caseScope: ${name}`);
  }
});

test.run();
