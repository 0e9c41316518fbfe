// Who is a priority worker, asked three ways against one table of cases
// (priority.cases.ts): categoriesOf (desk.domain.ts, names the categories on
// the desk pages), the desk queue's SQL filter (priorityQueue, which picks the
// candidates, whole and per category) and the monitoring figure's SQL condition
// (priorityCondition, "was a priority worker at the moment of the hire").
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sql } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, type TestApp } from "../../helpers/app.ts";
import { priorityConsents } from "../../../db/schema/index.ts";
import { categoriesOf, queueThresholds, priorityCategories, defaultPrioritySettings, type PrioritySettings } from "../../../src/features/desk/desk.domain.ts";
import { deskSettings } from "../../../src/features/desk/desk.settings.ts";
import { priorityQueue } from "../../../src/features/desk/desk.repo.ts";
import { priorityCondition } from "../../../src/features/monitoring/monitoring.priority.ts";
import { addWorker, addEmployer, addPosting, addCheckIn, addHire } from "./fixtures.ts";
import { priorityCases, priorityToday } from "./priority.cases.ts";

// One app per distinct setting (the SQL reads the app's own DESK_* settings).
const groups = new Map<string, typeof priorityCases>();
for (const c of priorityCases) {
  const key = JSON.stringify({ ...defaultPrioritySettings, ...c[2] });
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

for (const [key, cases] of groups) {
  test(`the desk queue and the monitoring figure answer the categoriesOf cases (${key})`, async () => {
    const s: PrioritySettings = JSON.parse(key);
    const t: TestApp = await makeTestApp({
      now: `${priorityToday}T09:00:00+08:00`,
      env: { DESK_LONG_WAIT_DAYS: String(s.longWaitDays), DESK_OLDER_AGE: String(s.olderAge) },
    });
    try {
      assert.equal(deskSettings(t.deps), s);
      const market = await addMarket(t, { countyCode: "411024", tier: "station" });
      const staff = await addUser(t, { role: "staff", marketId: market });
      const posting = await addPosting(t, { employerId: (await addEmployer(t)).employerId, start: "2026-01-01", end: "2026-12-31" });
      const made: { name: string; id: number; want: string[] }[] = [];
      for (const [name, f, , want] of cases) {
        const w = await addWorker(t, { name: "工人", birthYear: f.birthYear ?? null });
        if (f.firstCheckIn) await addCheckIn(t, market, w.id, f.firstCheckIn);
        if (f.lastHire) await addHire(t, posting, w.id, f.lastHire);
        for (const category of f.sensitive ?? [])
          await t.deps.database.write((db) => db.insert(priorityConsents).values({ workerId: w.id, category, consentText: "同意", consentedAt: t.clock.now(), recordedBy: staff.id, marketId: market }));
        assert.equal(categoriesOf({ birthYear: null, firstCheckIn: null, lastHire: null, sensitive: [], ...f }, priorityToday, s), want, `categoriesOf: ${name}`);
        made.push({ name, id: w.id, want });
      }
      const queue = async (category?: (typeof priorityCategories)[number]) => {
        const r = await priorityQueue(t.db, { countyCode: "411024", ...queueThresholds(priorityToday, s), withSensitive: true, category, limit: 1000, offset: 0 });
        return new Set(r.rows.map((row) => row.id));
      };
      const any = await queue();
      const byCategory = new Map(await Promise.all(priorityCategories.map(async (c) => [c, await queue(c)] as const)));
      // The moment of a hire late today: a hire earlier today counts as recent, as lastHire = today does above.
      const at = Date.parse(`${priorityToday}T23:00:00+08:00`);
      const condition = priorityCondition(t.deps);
      for (const m of made) {
        assert.is(any.has(m.id), m.want.length > 0, `desk queue: ${m.name}`);
        for (const c of priorityCategories) assert.is(byCategory.get(c)!.has(m.id), m.want.includes(c), `desk queue, ${c}: ${m.name}`);
        const [row] = await t.db.all<{ p: number }>(sql`select ${condition(sql`${m.id}`, sql`${at}`)} as p`);
        assert.is(Boolean(Number(row.p)), m.want.length > 0, `monitoring priority: ${m.name}`);
      }
    } finally {
      t.close();
    }
  });
}

test.run();
