// 00:30 in Beijing is still the day before in UTC. A call logged then is a
// case of the Beijing day: its number, its day and its deadline count from the
// 29th, and a case due on the 28th is late.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { hotlineCases } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { dueDateFor, defaultDeadlineDays, lateDays } from "../../../src/features/hotline/hotline.domain.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp({ now: "2026-11-29T00:30:00+08:00" });
});
test.after(() => t.close());

test("a call logged at 00:30 Beijing time gets the Beijing day in its number, its day and its deadline", async () => {
  const market = await addMarket(t, { countyCode: "411024" });
  const staff = await signedIn(t, { role: "staff", marketId: market });
  await staff.get(paths.hotline.newCase);
  const r = await staff.post(paths.hotline.newCase, {
    channel: "phone",
    category: "wage_arrears",
    description: "干了三天活,老板不给钱。",
    amount: "600",
    urgency: "normal",
    callerName: "张大爷",
    callerPhone: "13812345678",
    marketId: market,
    do: "save",
  });
  assert.is(r.status, 303);
  const [c] = await t.db.select().from(hotlineCases).where(eq(hotlineCases.createdBy, staff.user.id));
  assert.is(c.number, "XC-20261129-0001");
  assert.is(c.day, "2026-11-29");
  assert.is(c.dueDate, dueDateFor("2026-11-29", "wage_arrears", defaultDeadlineDays));
  assert.is(lateDays({ status: "accepted", dueDate: "2026-11-28" }, "2026-11-29"), 1, "the rule the list uses: due on the 28th is a day late");
});

test.run();
