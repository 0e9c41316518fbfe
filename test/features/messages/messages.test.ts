// The inbox and the SMS outbox: listing, marking read, the unread count on
// "my account", and flushSms delivering, retrying and giving up.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, signedIn, type TestApp } from "../../helpers/app.ts";
import { messages, smsOutbox } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { notifyStatements, flushSms, startSmsTimer, feature, MAX_SMS_ATTEMPTS, SMS_FLUSH_EVERY_MS, renderTemplate } from "../../../src/features/messages/index.ts";
import { afterAttempt, shortError } from "../../../src/features/messages/messages.domain.ts";
import type { SmsSender } from "../../../src/shared/sms.ts";
import { waitFor } from "../../helpers/wait.ts";
import { assertInOrder } from "../../helpers/order.ts";

const t = copy.messages;
let app: TestApp;

test.before(async () => {
  app = await makeTestApp();
});
test.after(() => app.close());

async function notify(userId: number, bodies: string[], opts: { smsTo?: string; at?: number; link?: string } = {}) {
  const now = opts.at ?? app.clock.now();
  await app.deps.database.write((db) =>
    db.batch(notifyStatements(db, bodies.map((body) => ({ userId, body, link: opts.link ?? null, sms: opts.smsTo ? sms(opts.smsTo, body) : null })), now) as never),
  );
}
/** A text in these tests: a template with the message as its one parameter. */
const sms = (to: string, reason: string) => ({ to, template: "employerRejected" as const, params: { reason } });
/** What the person reads for it. */
const said = (reason: string) => renderTemplate("employerRejected", { reason });

test("an attempt's outcome: sent, retry later, or give up after the last try", () => {
  const cases: [number, boolean, string][] = [
    [1, true, "sent"], [MAX_SMS_ATTEMPTS, true, "sent"], [1, false, "pending"], [MAX_SMS_ATTEMPTS - 1, false, "pending"], [MAX_SMS_ATTEMPTS, false, "failed"], [MAX_SMS_ATTEMPTS + 1, false, "failed"],
  ];
  for (const [attempts, ok, status] of cases) assert.is(afterAttempt(attempts, ok), status, `${attempts} ${ok}`);
  const errors: [string, string][] = [["timeout", "timeout"], ["bad number 13812345678", "bad number ***"], ["x".repeat(500), "x".repeat(200)]];
  for (const [raw, kept] of errors) assert.is(shortError(raw), kept);
});

test("the inbox lists a user's own messages newest first, 20 a page, unread marked", async () => {
  const b = await signedIn(app, { role: "worker", pin: "123123" });
  const other = await signedIn(app, { role: "worker", pin: "321321" });
  const base = app.clock.now();
  for (let i = 0; i < 23; i++) await notify(b.user.id, [`第${i}条消息`], { at: base + i * 1000 });
  await notify(other.user.id, ["别人的消息"]);
  await b.get(paths.messages.inbox);
  assert.is(b.last.status, 200);
  const html = b.last.html;
  assert.is((html.match(/第\d+条消息/g) ?? []).length, 20);
  assertInOrder(html, ["第22条消息", "第21条消息"], "newest first");
  assert.not.ok(html.includes("别人的消息"));
  assert.ok(html.includes(t.unreadCount(23)));
  assert.is((html.match(new RegExp(`>${t.unread}<`, "g")) ?? []).length, 20);
  await b.get(`${paths.messages.inbox}?page=2`);
  assert.is((b.last.html.match(/第\d+条消息/g) ?? []).length, 3);
});

test("mark all read clears only this user's unread messages; my account shows the count", async () => {
  const b = await signedIn(app, { role: "employer" });
  const other = await signedIn(app, { role: "worker", pin: "456456" });
  await notify(b.user.id, ["审核通过", "有人报名"], { link: paths.employers.home });
  await notify(other.user.id, ["别人的未读"]);
  await b.get(paths.accounts.me);
  assert.ok(b.last.html.includes(t.meInbox(2)));
  await b.get(paths.messages.inbox);
  assert.ok(b.last.html.includes(`href="${paths.employers.home}"`), "a message links where it points");
  await b.post(paths.messages.readAll);
  assert.is(b.last.status, 303);
  await b.follow();
  assert.ok(b.last.html.includes(t.markedRead));
  assert.not.ok(b.last.html.includes(`>${t.unread}<`));
  const mine = await app.db.select().from(messages).where(eq(messages.userId, b.user.id));
  assert.ok(mine.every((m) => m.readAt === app.clock.now()));
  const theirs = await app.db.select().from(messages).where(eq(messages.userId, other.user.id));
  assert.ok(theirs.every((m) => m.readAt === null));
  await b.get(paths.accounts.me);
  assert.ok(b.last.html.includes(`>${t.meInbox(0)}<`));
});

test("the inbox needs a signed-in user", async () => {
  const anon = app.client();
  await anon.get(paths.messages.inbox);
  assert.is(anon.last.status, 303);
  assert.ok(anon.last.location?.startsWith(paths.accounts.login));
  await anon.get("/login");
  await anon.post(paths.messages.readAll);
  assert.is(anon.last.status, 303);
  assert.ok(anon.last.location?.startsWith(paths.accounts.login));
});

test("flushSms sends pending texts through the sender and marks them sent", async () => {
  const fresh = await makeTestApp();
  try {
    const user = await signedIn(fresh, { role: "worker", pin: "111222" });
    await fresh.deps.database.write((db) =>
      db.batch(notifyStatements(db, [{ userId: user.user.id, body: "短信一", sms: sms("13800001111", "短信一") }, { userId: user.user.id, body: "只在站内" }, { userId: user.user.id, body: "短信二", sms: sms("13800002222", "短信二") }], fresh.clock.now()) as never),
    );
    fresh.clock.advance(5000);
    const r = await flushSms(fresh.deps, 10);
    assert.equal(r, { sent: 2, retry: 0, failed: 0 });
    assert.equal(fresh.sms, [{ to: "13800001111", body: said("短信一") }, { to: "13800002222", body: said("短信二") }]);
    const rows = await fresh.db.select().from(smsOutbox);
    assert.equal(rows.map((x) => [x.status, x.attempts, x.sentAt, x.error]), [["sent", 1, fresh.clock.now(), null], ["sent", 1, fresh.clock.now(), null]]);
    assert.equal(await flushSms(fresh.deps, 10), { sent: 0, retry: 0, failed: 0 }, "nothing is sent twice");
    assert.is(fresh.sms.length, 2);
  } finally {
    fresh.close();
  }
});

test("flushSms respects the limit, retries failures and gives up after the last attempt", async () => {
  const fresh = await makeTestApp();
  try {
    const user = await signedIn(fresh, { role: "worker", pin: "333444" });
    const notices = ["甲", "乙", "丙"].map((body, i) => ({ userId: user.user.id, body, sms: sms(`1380000333${i}`, body) }));
    await fresh.deps.database.write((db) => db.batch(notifyStatements(db, notices, fresh.clock.now()) as never));
    const sent: string[] = [];
    // A provider that refuses 乙, throws on 丙 and delivers 甲.
    fresh.deps.sms = {
      name: "flaky",
      async send(m) {
        if (m.params.reason === "丙") throw new Error("connection reset to 13800003332");
        if (m.params.reason === "乙") return { ok: false, error: "number blocked" };
        sent.push(m.params.reason);
        return { ok: true };
      },
    } satisfies SmsSender;
    assert.equal(await flushSms(fresh.deps, 2), { sent: 1, retry: 1, failed: 0 }, "only 2 rows per run");
    assert.equal(await flushSms(fresh.deps, 10), { sent: 0, retry: 2, failed: 0 });
    assert.equal(await flushSms(fresh.deps, 10), { sent: 0, retry: 1, failed: 1 });
    assert.equal(await flushSms(fresh.deps, 10), { sent: 0, retry: 0, failed: 1 });
    assert.equal(await flushSms(fresh.deps, 10), { sent: 0, retry: 0, failed: 0 });
    assert.equal(sent, ["甲"]);
    const rows = await fresh.db.select().from(smsOutbox).orderBy(smsOutbox.id);
    assert.equal(rows.map((x) => [x.status, x.attempts]), [["sent", 1], ["failed", MAX_SMS_ATTEMPTS], ["failed", MAX_SMS_ATTEMPTS]]);
    assert.is(rows[1].error, "number blocked");
    assert.is(rows[2].error, "connection reset to ***", "no phone number in the stored error");
    assert.ok(fresh.logs.some((l) => l.includes("sms failed")));
    assert.not.ok(fresh.logs.some((l) => l.includes("13800003332")), "no phone number in the logs");
  } finally {
    fresh.close();
  }
});

test("two flushes at once never send the same text twice", async () => {
  const fresh = await makeTestApp();
  try {
    const user = await signedIn(fresh, { role: "worker", pin: "555666" });
    const notices = Array.from({ length: 6 }, (_, i) => ({ userId: user.user.id, body: `并发${i}`, sms: sms(`1390000444${i}`, `并发${i}`) }));
    await fresh.deps.database.write((db) => db.batch(notifyStatements(db, notices, fresh.clock.now()) as never));
    const [a, b] = await Promise.all([flushSms(fresh.deps, 10), flushSms(fresh.deps, 10)]);
    assert.is(a.sent + b.sent, 6);
    assert.is(fresh.sms.length, 6);
    assert.is(new Set(fresh.sms.map((m) => m.body)).size, 6);
  } finally {
    fresh.close();
  }
});

test("install starts an unref'd 30-second timer that flushes the outbox, and returns its stop function", async () => {
  const fresh = await makeTestApp();
  const realSetInterval = globalThis.setInterval;
  const started: { ms: number; timer: NodeJS.Timeout }[] = [];
  try {
    globalThis.setInterval = ((fn: () => void, ms: number) => {
      const timer = realSetInterval(fn, ms);
      started.push({ ms, timer });
      return timer;
    }) as typeof setInterval;
    const stop = feature.install!(fresh.deps) as () => void;
    globalThis.setInterval = realSetInterval;
    assert.is(started.length, 1);
    assert.is(started[0].ms, SMS_FLUSH_EVERY_MS);
    assert.is(SMS_FLUSH_EVERY_MS, 30_000);
    assert.is(started[0].timer.hasRef(), false, "the timer does not keep the process alive");
    stop();

    // The same timer, faster, really delivers what was queued.
    const user = await signedIn(fresh, { role: "worker", pin: "777888" });
    await fresh.deps.database.write((db) => db.batch(notifyStatements(db, [{ userId: user.user.id, body: "定时发送", sms: sms("13700005555", "定时发送") }], fresh.clock.now()) as never));
    const stopFast = startSmsTimer(fresh.deps, 10);
    await waitFor(() => fresh.sms.length > 0, "the fast SMS timer sent the queued message");
    stopFast();
    assert.equal(fresh.sms, [{ to: "13700005555", body: said("定时发送") }]);
  } finally {
    globalThis.setInterval = realSetInterval;
    fresh.close();
  }
});

test.run();
