// No pumping: an anonymous client can make the instance text a number only
// through a code request, and the limits hold per number, per client address
// (IPv6 per /64) and per instance per day. Figures are printed for the report.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { smsOutbox } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";

const DEFAULTS = { SMS_CODE_ADDRESS_PER_HOUR: "10", SMS_CODE_ADDRESS_PER_DAY: "30", SMS_CODE_DAILY_BUDGET: "2000" };
const texts = async (t: TestApp) => (await t.db.select().from(smsOutbox)).length;
const randomPhone = () => `1${3 + Math.floor(Math.random() * 7)}${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;

test("1,000 code requests for random numbers from one address: no more texts than the limits allow, a Chinese refusal for the rest, no 5xx", async () => {
  const t = await makeTestApp({ env: DEFAULTS });
  try {
    const b = t.client();
    await b.get(paths.phone.login);
    const statuses = new Map<number, number>();
    let refusedInChinese = 0;
    const started = performance.now();
    const forms = [paths.phone.login, paths.phone.results, paths.workers.forgotPin];
    for (let i = 0; i < 1000; i++) {
      const r = await b.post(forms[i % forms.length], { phone: randomPhone() });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 429 && r.html.includes(copy.phone.limits.addressHour)) refusedInChinese++;
    }
    const ms = performance.now() - started;
    const queued = await texts(t);
    console.log(`1,000 code requests from one address: ${queued} texts queued, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${(ms / 1000).toFixed(1)} ms per request`);
    assert.is(queued, 10, "SMS_CODE_ADDRESS_PER_HOUR");
    assert.is(statuses.get(303), 10);
    assert.is(statuses.get(429), 990);
    assert.is(refusedInChinese, 990);
    assert.ok([...statuses.keys()].every((s) => s < 500));

    // An hour later ten more; the day stops at 30.
    for (let h = 1; h <= 4; h++) {
      t.clock.advance(3600_000 + 1);
      for (let i = 0; i < 15; i++) await b.post(paths.phone.login, { phone: randomPhone() });
    }
    assert.is(await texts(t), 30, "SMS_CODE_ADDRESS_PER_DAY");
    assert.match(b.last.html, copy.phone.limits.addressDay);
  } finally {
    t.close();
  }
});

test("per number: one a minute, five an hour, ten a day, whatever the address", async () => {
  const t = await makeTestApp({ env: { TRUST_PROXY: "true" } });
  try {
    const phone = nextPhone();
    let n = 0;
    const ask = async () => {
      const b = t.client({ "x-forwarded-for": `10.0.${n >> 8}.${n++ & 255}` });
      await b.get(paths.phone.login);
      return b.post(paths.phone.login, { phone });
    };
    assert.is((await ask()).status, 303);
    const again = await ask();
    assert.is(again.status, 429);
    assert.match(again.html, "请等 60 秒再试");
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      assert.is((await ask()).status, 303);
    }
    t.clock.advance(61_000);
    const hour = await ask();
    assert.is(hour.status, 429);
    assert.match(hour.html, copy.phone.limits.numberHour);
    t.clock.advance(3600_000);
    for (let i = 0; i < 5; i++) {
      assert.is((await ask()).status, 303);
      t.clock.advance(61_000);
    }
    t.clock.advance(3600_000);
    const day = await ask();
    assert.is(day.status, 429);
    assert.match(day.html, copy.phone.limits.numberDay);
    assert.is(await texts(t), 10);
    t.clock.advance(24 * 3600_000);
    assert.is((await ask()).status, 303, "the next day");
  } finally {
    t.close();
  }
});

test("IPv6 addresses of one /64 count as one client; another /64 is another", async () => {
  const t = await makeTestApp({ env: { TRUST_PROXY: "true", SMS_CODE_ADDRESS_PER_HOUR: "3" } });
  try {
    const from = async (ip: string) => {
      const b = t.client({ "x-forwarded-for": ip });
      await b.get(paths.phone.login);
      return (await b.post(paths.phone.login, { phone: nextPhone() })).status;
    };
    const got = [];
    for (let i = 1; i <= 5; i++) got.push(await from(`2001:db8:1:2:${i.toString(16)}::${i}`));
    assert.equal(got, [303, 303, 303, 429, 429]);
    assert.is(await from("2001:db8:1:3::1"), 303);
  } finally {
    t.close();
  }
});

test("the daily budget: past it codes stop for everyone, visitors are told in Chinese, admins see an alarm on /admin/status; resend counts too", async () => {
  const t = await makeTestApp({ env: { SMS_CODE_DAILY_BUDGET: "5" } });
  try {
    const admin = await signedIn(t, { role: "city_admin" });
    await admin.get(paths.ops.status);
    assert.not.match(admin.last.html, copy.phone.statusExhausted);
    const b = t.client();
    await b.get(paths.workers.register);
    for (let i = 0; i < 4; i++) assert.is((await b.post(paths.phone.results, { phone: nextPhone() })).status, 303);
    const page = b.last.location!;
    await b.get(page);
    t.clock.advance(61_000);
    assert.is((await b.post(paths.phone.resend(page.split("/")[2]))).status, 303, "the fifth code: a resend");
    const r = await b.post(paths.workers.register, { phone: nextPhone(), name: "王芳", pin: "274913", pin2: "274913" });
    assert.is(r.status, 429);
    assert.match(r.html, copy.phone.limits.budget);
    assert.is(await texts(t), 5);
    await admin.get(paths.ops.status);
    assert.match(admin.last.html, copy.phone.statusExhausted);
    assert.match(admin.last.html, copy.phone.statusLine(5, 5));
    t.clock.set("2026-11-29T00:00:30+08:00");
    assert.is((await b.post(paths.phone.results, { phone: nextPhone() })).status, 303, "a new Beijing day");
  } finally {
    t.close();
  }
});

test("time to send a code: from the form to the text handed to the SMS sender", async () => {
  const t = await makeTestApp();
  try {
    const b = t.client();
    await b.get(paths.phone.login);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const phone = nextPhone();
      const start = performance.now();
      await b.post(paths.phone.login, { phone });
      // The flush is started after the answer, not awaited by it: wait until the sender has the text.
      for (let k = 0; k < 5000 && !t.sms.some((m) => m.to === phone); k++) await new Promise((r) => setTimeout(r, 2));
      assert.ok(t.sms.some((m) => m.to === phone && /验证码/.test(m.body) && /\d{6}/.test(m.body)), "delivered to the sender");
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`time to send a code (form POST → text at the sender), 20 codes: median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms`);
  } finally {
    t.close();
  }
});

test.run();
