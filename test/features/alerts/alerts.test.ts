// SMS job alerts: subscribing at the desk and by oneself (proven numbers only),
// the daily text (Beijing date, daytime, at most one a day, up to 3 new
// postings), and replies through each provider's inbound callback: "报名 1234"
// signs a proven number's worker up, "TD" stops every text but codes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, signedIn, type TestApp } from "../../helpers/app.ts";
import { applications, auditLog, smsAlerts, smsOutbox, smsStops, users } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { flushSms, renderTemplate, templateEnvName, templateKeys } from "../../../src/features/messages/index.ts";
import { runAlerts, parseReply, jobsLine, alertsOpen } from "../../../src/features/alerts/index.ts";
import { addEmployer, addPosting, kindId } from "../training/fixtures.ts";

const TOKEN = "reply-token-0123456789abcdef";
const templateEnv = Object.fromEntries(templateKeys.map((k, i) => [templateEnvName(k), `SMS_${100000 + i}`]));
const env = (provider: "aliyun" | "tencent") => ({
  SMS_PROVIDER: provider, SMS_SIGN_NAME: "许昌零工市场", SMS_CALLBACK_TOKEN: TOKEN, ...templateEnv,
  ALIYUN_ACCESS_KEY_ID: "id", ALIYUN_ACCESS_KEY_SECRET: "secret", TENCENT_SECRET_ID: "id", TENCENT_SECRET_KEY: "key", TENCENT_SMS_APP_ID: "1400006666",
});
const YANLING = "411024";

const texts = async (t: TestApp, phone: string) =>
  (await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, phone)).orderBy(smsOutbox.id)).map((r) => ({ template: r.template, text: renderTemplate(r.template, JSON.parse(r.params)), status: r.status }));

test("replies people type: 报名 with or without a space, full-width, BM; TD and 退订", () => {
  const cases: [string, unknown][] = [
    ["报名 1234", { kind: "signUp", postingId: 1234 }],
    ["报名1234", { kind: "signUp", postingId: 1234 }],
    ["报名１２３４", { kind: "signUp", postingId: 1234 }],
    [" bm 77 ", { kind: "signUp", postingId: 77 }],
    ["报名+88", { kind: "signUp", postingId: 88 }],
    ["TD", { kind: "stop" }],
    ["td", { kind: "stop" }],
    ["ＴＤ", { kind: "stop" }],
    ["退订", { kind: "stop" }],
    ["你好", { kind: "other" }],
    ["报名", { kind: "other" }],
    ["报名 12345678901", { kind: "other" }],
  ];
  for (const [raw, want] of cases) assert.equal(parseReply(raw), want, raw);
  assert.is(jobsLine([{ id: 1234, title: "擦玻璃" }, { id: 1240, title: "搬家" }]), "1234擦玻璃;1240搬家");
  const long = jobsLine([{ id: 123456, title: "清洗油烟机和擦玻璃全套" }, { id: 123457, title: "搬家具上五楼" }, { id: 123458, title: "苗木修剪移栽" }]);
  assert.ok([...long].length <= 35, long);
  assert.ok(long.includes("123456") && long.includes("123457") && long.includes("123458"), "numbers are never cut");
  // Daytime in Beijing: 08:00 to 20:00; the hours after midnight are night.
  assert.is(alertsOpen(Date.parse("2026-11-28T00:30:00+08:00")), false);
  assert.is(alertsOpen(Date.parse("2026-11-28T08:00:00+08:00")), true);
  assert.is(alertsOpen(Date.parse("2026-11-28T19:59:00+08:00")), true);
  assert.is(alertsOpen(Date.parse("2026-11-28T20:00:00+08:00")), false);
});

test("at the desk: staff subscribe the worker in front of them, which vouches for her number; a confirmation text goes out", async () => {
  const t = await makeTestApp();
  try {
    const market = await addMarket(t, { countyCode: YANLING });
    const staff = await signedIn(t, { role: "staff", marketId: market, countyCode: YANLING });
    const w = await addUser(t, { role: "worker", name: "王阿姨", countyCode: YANLING });
    const kid = await kindId(t, "家政保洁");
    await staff.get(paths.desk.alerts(w.id));
    assert.is(staff.last.status, 200);
    assert.ok(staff.last.html.includes(copy.alerts.none));
    await staff.post(paths.desk.alerts(w.id), { kindId: String(kid), countyCode: YANLING, townshipCode: "411024999" });
    assert.is(staff.last.status, 400, "a township outside the county is refused on the same form");
    assert.ok(staff.last.html.includes(copy.alerts.townshipNotInCounty));
    await staff.post(paths.desk.alerts(w.id), { kindId: String(kid), countyCode: YANLING });
    assert.is(staff.last.status, 303);
    const [a] = await t.db.select().from(smsAlerts).where(eq(smsAlerts.userId, w.id));
    assert.equal([a.kindId, a.countyCode, a.townshipCode, a.createdBy], [kid, YANLING, null, staff.user.id]);
    const [u] = await t.db.select().from(users).where(eq(users.id, w.id));
    assert.is(u.phoneVouchedBy, staff.user.id);
    assert.ok((await t.db.select().from(auditLog).where(eq(auditLog.action, "alerts.subscribe"))).length === 1);
    const sent = await texts(t, w.phone);
    assert.equal(sent.map((x) => x.template), ["alertSubscribed"]);
    assert.match(sent[0].text, "家政保洁");
    await staff.get(paths.desk.alerts(w.id));
    assert.ok(staff.last.html.includes(copy.alerts.stop));
    await staff.post(paths.desk.alertsStop(w.id), {});
    assert.is((await t.db.select().from(smsAlerts).where(eq(smsAlerts.userId, w.id))).length, 0);
  } finally {
    t.close();
  }
});

test("a worker subscribes herself only with a proven number", async () => {
  const t = await makeTestApp();
  try {
    const w = await signedIn(t, { role: "worker", pin: "246810" });
    await w.get(paths.alerts.mine);
    assert.is(w.last.status, 200);
    await w.post(paths.alerts.mine, { countyCode: YANLING });
    assert.is(w.last.status, 422);
    assert.ok(w.last.html.includes(copy.alerts.unproven));
    assert.is((await t.db.select().from(smsAlerts)).length, 0);
    assert.is((await t.db.select().from(smsOutbox)).length, 0, "no text to an unproven number");
    await t.deps.database.write((db) => db.update(users).set({ phoneVerifiedAt: t.clock.now() }).where(eq(users.id, w.user.id)));
    await w.post(paths.alerts.mine, { countyCode: YANLING });
    assert.is(w.last.status, 303);
    assert.is((await t.db.select().from(smsAlerts)).length, 1);
  } finally {
    t.close();
  }
});

test("the daily text: daytime only, Beijing date, at most one a day, up to 3 new matching postings, newest first", async () => {
  const t = await makeTestApp({ now: "2026-11-28T00:30:00+08:00" });
  try {
    const market = await addMarket(t, { countyCode: YANLING });
    const staff = await signedIn(t, { role: "staff", marketId: market, countyCode: YANLING });
    const w = await addUser(t, { role: "worker", countyCode: YANLING });
    const other = await addUser(t, { role: "worker", countyCode: YANLING });
    const emp = await addEmployer(t);
    const old = await addPosting(t, emp, "家政保洁", { title: "早就有的活" });
    await staff.get(paths.desk.alerts(w.id));
    await staff.post(paths.desk.alerts(w.id), { kindId: String(await kindId(t, "家政保洁")), countyCode: YANLING });
    assert.is(staff.last.status, 303, "subscribed at the desk");
    await staff.post(paths.desk.alerts(other.id), { countyCode: "411002" });
    assert.is(staff.last.status, 303);
    const ids = [];
    for (const title of ["擦玻璃", "清洗油烟机", "做饭保姆", "陪护老人"]) ids.push(await addPosting(t, emp, "家政保洁", { title }));
    await addPosting(t, emp, "搬运装卸", { title: "别的活" });
    await addPosting(t, emp, "家政保洁", { title: "已招满", filledCount: 2, headcount: 2 });

    assert.is(await runAlerts(t.deps), 0, "00:30 in Beijing is night: nothing");
    t.clock.set("2026-11-28T09:00:00+08:00");
    assert.is(await runAlerts(t.deps), 1, "one text: the other county has nothing new");
    const sent = (await texts(t, w.phone)).filter((x) => x.template === "jobAlert");
    assert.is(sent.length, 1);
    for (const id of ids.slice(1)) assert.ok(sent[0].text.includes(String(id)), `posting ${id} is in the text`);
    assert.not.ok(sent[0].text.includes(String(ids[0])), "only the 3 newest");
    assert.not.ok(sent[0].text.includes(String(old)), "nothing from before the subscription");
    assert.ok(sent[0].text.includes("TD"));

    await addPosting(t, emp, "家政保洁", { title: "新来的活" });
    t.clock.set("2026-11-28T19:00:00+08:00");
    assert.is(await runAlerts(t.deps), 0, "at most one a day");
    t.clock.set("2026-11-29T00:10:00+08:00");
    assert.is(await runAlerts(t.deps), 0, "just after midnight in Beijing: a new day, but night");
    t.clock.set("2026-11-29T08:05:00+08:00");
    assert.is(await runAlerts(t.deps), 1, "the next Beijing day: the new posting");
    assert.is(await runAlerts(t.deps), 0);
    t.clock.set("2026-11-30T09:00:00+08:00");
    assert.is(await runAlerts(t.deps), 0, "nothing new: no text");
  } finally {
    t.close();
  }
});

const postJson = (t: TestApp, url: string, body: unknown) =>
  t.app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

test("Aliyun SmsUp: 报名 1234 signs up a proven number's worker once; unproven is refused by text; TD stops all texts but codes", async () => {
  const t = await makeTestApp({ env: env("aliyun") });
  try {
    const emp = await addEmployer(t);
    const posting = await addPosting(t, emp, "家政保洁", { title: "擦玻璃" });
    const proven = await addUser(t, { role: "worker", pin: "135790" });
    await t.deps.database.write((db) => db.update(users).set({ phoneVerifiedAt: t.clock.now() }).where(eq(users.id, proven.id)));
    const unproven = await addUser(t, { role: "worker" });
    const url = paths.messages.reply(TOKEN, "aliyun");
    const up = (phone: string, content: string, seq: number) => [{ phone_number: phone, send_time: "2026-11-28 09:01:00", content, sign_name: "【许昌零工市场】", dest_code: "1234", sequence_id: seq }];

    let res = await postJson(t, url, up(proven.phone, `报名 ${posting}`, 1));
    assert.is(res.status, 200);
    assert.equal(await res.json(), { code: 0, msg: "接收成功" });
    const signed = await t.db.select().from(applications).where(and(eq(applications.postingId, posting), eq(applications.workerId, proven.id)));
    assert.is(signed.length, 1);
    assert.equal((await texts(t, proven.phone)).map((x) => x.template), ["replySignedUp"]);
    // The provider pushes the same reply again: counted once.
    await postJson(t, url, up(proven.phone, `报名 ${posting}`, 1));
    assert.is((await texts(t, proven.phone)).length, 1);
    // Again by a new reply: already signed up, said so.
    await postJson(t, url, up(proven.phone, `报名${posting}`, 2));
    assert.match((await texts(t, proven.phone))[1].text, copy.sms.words.reasons.already);

    await postJson(t, url, up(unproven.phone, `报名 ${posting}`, 3));
    assert.is((await t.db.select().from(applications).where(eq(applications.workerId, unproven.id))).length, 0, "an unproven number signs no one up");
    assert.match((await texts(t, unproven.phone))[0].text, copy.sms.words.reasons.unproven);
    await postJson(t, url, up("13900009999", "报名 99999", 4));
    assert.match((await texts(t, "13900009999"))[0].text, copy.sms.words.reasons.noAccount);

    res = await postJson(t, url, up(proven.phone, "TD", 5));
    assert.is(res.status, 200);
    assert.is((await t.db.select().from(smsStops).where(eq(smsStops.phone, proven.phone))).length, 1);
    // Everything queued to that number is now refused at sending, except the TD confirmation and a code.
    await t.deps.database.write((db) =>
      db.insert(smsOutbox).values([
        { toPhone: proven.phone, template: "verifyCode", params: JSON.stringify({ code: "123456" }), createdAt: t.clock.now() },
        { toPhone: proven.phone, template: "hired", params: "{}", createdAt: t.clock.now() },
      ]),
    );
    await flushSms(t.deps, 50);
    const after = await texts(t, proven.phone);
    const byTemplate = Object.fromEntries(after.map((x) => [x.template, x.status]));
    assert.equal([byTemplate.stopped, byTemplate.verifyCode, byTemplate.hired], ["sent", "sent", "failed"]);
  } finally {
    t.close();
  }
});

test("Tencent reply callback: one object per reply; wrong token 404", async () => {
  const t = await makeTestApp({ env: env("tencent") });
  try {
    const emp = await addEmployer(t);
    const posting = await addPosting(t, emp, "家政保洁");
    const w = await addUser(t, { role: "worker" });
    await t.deps.database.write((db) => db.update(users).set({ phoneVouchedBy: w.id }).where(eq(users.id, w.id)));
    const res = await postJson(t, paths.messages.reply(TOKEN, "tencent"), { extend: "", mobile: w.phone, nationcode: "86", sign: "许昌零工市场", text: `报名 ${posting}`, time: 1764291660 });
    assert.is(res.status, 200);
    assert.equal(await res.json(), { result: 0, errmsg: "OK" });
    assert.is((await t.db.select().from(applications).where(eq(applications.workerId, w.id))).length, 1);
    // No PIN: the sign-up's own text says what happens next.
    assert.equal((await texts(t, w.phone)).map((x) => x.template), ["signupReceived"]);
    const no = await postJson(t, paths.messages.reply("wrong-token-0123456789abcdef", "tencent"), { mobile: w.phone, text: "TD", time: 1 });
    assert.is(no.status, 404);
    assert.is((await t.db.select().from(smsStops)).length, 0);
    const bad = await postJson(t, paths.messages.reply(TOKEN, "tencent"), [1, 2]);
    assert.is(bad.status, 400);
  } finally {
    t.close();
  }
});

test.run();
