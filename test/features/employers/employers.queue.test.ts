// The staff's verification queue is ordered by SQL alone (listQueue,
// employers.repo.ts; its TypeScript twin queueRank was only ever tested, never
// used, and is gone — issue #19: each rule once): pending first, then
// rejected, then verified; newest first within each.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { employers } from "../../../db/schema/index.ts";
import { listQueue } from "../../../src/features/employers/employers.repo.ts";
import type { VerificationStatus } from "../../../db/schema/constants.ts";
import { addEmployer } from "./fixtures.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("the queue puts pending first, then rejected, then verified; newest first within each", async () => {
  // [name, status, filed minutes after the first]
  const cases: [string, VerificationStatus, number][] = [
    ["verified, old", "verified", 0],
    ["rejected", "rejected", 1],
    ["pending, old", "pending", 2],
    ["verified, new", "verified", 3],
    ["pending, new", "pending", 4],
  ];
  const names = new Map<number, string>();
  for (const [name, status, minutes] of cases) {
    const e = await addEmployer(t, { countyCode: "411081", status, name });
    await t.deps.database.write((db) => db.update(employers).set({ createdAt: t.clock.now() + minutes * 60_000 }).where(eq(employers.id, e.employerId)));
    names.set(e.employerId, name);
  }
  const { rows, total } = await listQueue(t.db, { county: "411081", page: 1, perPage: 20 });
  assert.is(Number(total), cases.length);
  assert.equal(rows.map((r) => names.get(r.id)), ["pending, new", "pending, old", "rejected", "verified, new", "verified, old"]);
});

test.run();
