// The waiting position, where each person sees it: the course page, her own
// list (我的培训) and the staff list. Several people wait, so a position that
// is always "1" (the bug of issue 17: the subquery compared the column with
// itself) fails here; one leaving the queue moves those behind her up.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { trainingSignups, messages, smsOutbox } from "../../../db/schema/index.ts";
import { addSession } from "./fixtures.ts";

let t: TestApp;
let marketA: number;
test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: "411024" });
  t.clock.set("2026-11-28T09:00:00+08:00");
});
test.after(() => t.close());

const text = (html: string) => html.replace(/<[^>]+>/g, "");

test("with four people waiting, each sees her own place in the queue on the course page, in 我的培训 and on the staff list", async () => {
  const id = await addSession(t, marketA, { capacity: 1 });
  const names = ["甲", "乙", "丙", "丁", "戊"];
  const people: (Browser & { user: { id: number } })[] = [];
  for (const name of names) {
    const w = await signedIn(t, { role: "worker", name, pin: "246810" });
    await w.get(paths.training.show(id));
    await w.post(paths.training.signup(id));
    assert.is(w.last.status, 303);
    people.push(w);
  }
  // 甲 has the place; 乙 丙 丁 戊 wait as 1st to 4th.
  for (let i = 1; i < people.length; i++) {
    const w = people[i];
    await w.get(paths.training.show(id));
    assert.match(text(w.last.html), `候补第 ${i} 位`, `${names[i]} on the course page`);
    await w.get(paths.training.mine);
    assert.match(text(w.last.html), `候补第 ${i} 位`, `${names[i]} in 我的培训`);
  }
  const staff = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
  await staff.get(paths.training.staffShow(id));
  const staffText = text(staff.last.html);
  for (let i = 1; i <= 4; i++) assert.match(staffText, `候补第 ${i} 位`);

  // 丙 (2nd in the queue) leaves: 丁 and 戊 move up to 2nd and 3rd; 乙 stays 1st.
  const rows = await t.db.select().from(trainingSignups).where(eq(trainingSignups.sessionId, id));
  const mine = rows.find((r) => r.workerId === people[2].user.id)!;
  await people[2].get(paths.training.mine);
  await people[2].post(paths.training.cancelSignup(mine.id));
  assert.is(people[2].last.status, 303);
  const expect: [number, number][] = [[1, 1], [3, 2], [4, 3]];
  for (const [i, pos] of expect) {
    await people[i].get(paths.training.show(id));
    assert.match(text(people[i].last.html), `候补第 ${pos} 位`, `${names[i]} after 丙 left`);
  }
});

test("staff cancelling a confirmed place tell the person, in her inbox and by text", async () => {
  const id = await addSession(t, marketA, { capacity: 5, title: "电工培训" });
  const w = await signedIn(t, { role: "worker", name: "己", pin: "246810" });
  await w.get(paths.training.show(id));
  await w.post(paths.training.signup(id));
  const [row] = await t.db.select().from(trainingSignups).where(eq(trainingSignups.workerId, w.user.id));
  assert.is(row.status, "confirmed");
  const staff = await signedIn(t, { role: "staff", name: "李干事", marketId: marketA });
  await staff.get(paths.training.staffShow(id));
  await staff.post(paths.training.staffCancelSignup(row.id));
  assert.is(staff.last.status, 303);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, w.user.id));
  assert.ok(inbox.some((m) => m.body.includes("工作人员已取消") && m.body.includes("电工培训")), JSON.stringify(inbox));
  const texts = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, w.user.phone));
  assert.ok(texts.some((m) => m.template === "trainingCancelled"), JSON.stringify(texts.map((m) => m.template)));
});

test.run();
