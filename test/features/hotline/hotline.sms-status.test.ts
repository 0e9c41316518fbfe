// The second way to check a hotline case (issue #16 item 3): the caller proves
// the phone on the case by SMS code and sees every case filed under it, with
// no case number. Before the code, the answer is the same whether or not the
// phone has a case; after it, only that phone's cases, only what the
// case-number check shows, never cached.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq, sql } from "drizzle-orm";
import { makeTestApp, nextPhone, type TestApp, type Browser } from "../../helpers/app.ts";
import { lastCode } from "../../helpers/phone.ts";
import { paths } from "../../../src/paths.ts";
import { smsOutbox, phoneProofs } from "../../../db/schema/index.ts";
import { insertEvent } from "../../../src/features/hotline/hotline.repo.ts";
import { PROVEN_TTL_MS } from "../../../src/features/phone/phone.domain.ts";
import { addCase } from "./fixtures.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp({ now: "2026-11-28T09:00:00+08:00" });
});
test.after(() => t.close());

/** Tokens, CSRF values and the last digits of a masked number differ by nature; everything else must not. */
const normalise = (s: string | null) =>
  (s ?? "")
    .replace(/(\/|%2F)(phone|hotline(\/|%2F)status(\/|%2F)sms)(\/|%2F)[A-Za-z0-9_-]{16,64}/g, "$1$2$5TOKEN")
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="CSRF"')
    .replace(/name="_once" value="[^"]*"/g, 'name="_once" value="ONCE"')
    .replace(/(\d{3})\*{4}\d{4}/g, "$1****NNNN");

const codesTo = async (phone: string) =>
  Number((await t.db.select({ n: sql<number>`count(*)` }).from(smsOutbox).where(and(eq(smsOutbox.toPhone, phone), eq(smsOutbox.template, "verifyCode"))))[0].n);

/** Asks for a code from the SMS form as a fresh visitor; returns the browser (on the code page's 303). */
async function askCode(phone: string): Promise<Browser> {
  const b = t.client();
  await b.get(paths.hotline.status);
  await b.get(paths.hotline.statusSms);
  await b.post(paths.hotline.statusSms, { phone });
  return b;
}

/** Asks for a code and types it in: returns the browser on the page of her cases, and that page's path. */
async function prove(phone: string, typed = phone) {
  const b = await askCode(typed);
  assert.is(b.last.status, 303, "a code page follows");
  const codePage = b.last.location!;
  await b.get(codePage);
  await b.post(codePage, { code: (await lastCode(t, phone))! });
  assert.is(b.last.status, 303, "the code matched");
  const mine = b.last.location!;
  assert.match(mine, /^\/hotline\/status\/sms\/[A-Za-z0-9_-]{16,64}$/);
  await b.get(mine);
  return { b, mine, codePage };
}

test("the status page offers the second way, and its form is a plain page with a labelled phone field", async () => {
  const b = t.client();
  const status = await b.get(paths.hotline.status);
  assert.ok(status.html.includes(`href="${paths.hotline.statusSms}"`), "a link from the status page");
  assert.ok(status.html.includes("用短信验证码查"));
  const form = await b.get(paths.hotline.statusSms);
  assert.is(form.status, 200);
  assert.match(form.html, /<label[^>]*>[^<]*投诉时留的手机号/);
  assert.match(form.html, /<form[^>]*action="\/hotline\/status\/sms"[^>]*method="post"|<form[^>]*method="post"[^>]*action="\/hotline\/status\/sms"/);
});

test("asking for a code: the same answer for a phone with cases and one without — status, the code page, its words — and a code is texted either way", async () => {
  const known = nextPhone();
  const unknown = nextPhone();
  await addCase(t, { callerPhone: known });
  const before = [await codesTo(known), await codesTo(unknown)];
  const answers = [];
  for (const phone of [known, unknown]) {
    const b = await askCode(phone);
    const start = performance.now();
    const r = { status: b.last.status, location: normalise(b.last.location), html: normalise(b.last.html) };
    const page = normalise((await b.get(b.last.location!)).html);
    answers.push({ ...r, page, ms: performance.now() - start });
  }
  const [a, u] = answers;
  assert.is(a.status, 303);
  assert.is(u.status, a.status);
  assert.is(u.location, a.location);
  assert.is(u.html, a.html);
  assert.is(u.page, a.page, "the code page says the same words");
  assert.ok(a.page.includes("验证码已发到"));
  assert.equal([await codesTo(known), await codesTo(unknown)], [before[0] + 1, before[1] + 1], "the same work: a code to each");
  console.log(`  code asked: known ${a.ms.toFixed(1)} ms, unknown ${u.ms.toFixed(1)} ms (printed, not asserted)`);
});

test("after the code: she sees every case filed under her phone, newest first, with the public replies only — no other phone's case, no names, never cached", async () => {
  const phone = nextPhone();
  const other = nextPhone();
  // Same last four digits, another number: never shown.
  const lookalike = other.slice(0, 7) + phone.slice(-4);
  const first = await addCase(t, { callerPhone: phone, channel: "phone", description: "苗圃干了十天没给钱" });
  t.clock.advance(3600_000);
  const second = await addCase(t, { callerPhone: phone, channel: "online", category: "false_ad", callerName: "王秀芝", description: "招聘广告说包吃住,去了不包" });
  const foreign = await addCase(t, { callerPhone: other, callerName: "李大姐" });
  const similar = await addCase(t, { callerPhone: lookalike });
  const anonymous = await addCase(t, { callerPhone: null, callerName: null });
  await t.deps.database.write((db) =>
    db.batch([
      insertEvent(db, first.id, null, t.clock.now(), { kind: "note", note: "已电话联系雇主,月底前结清", public: true, status: "accepted" }),
      insertEvent(db, first.id, null, t.clock.now(), { kind: "note", note: "内部:雇主态度差", public: false, status: "accepted" }),
      insertEvent(db, foreign.id, null, t.clock.now(), { kind: "note", note: "别人的答复", public: true, status: "accepted" }),
    ]),
  );

  const { b, mine } = await prove(phone);
  const page = b.last;
  assert.is(page.status, 200);
  assert.match(page.headers.get("cache-control") ?? "", /no-store/);
  const html = page.html;
  assert.ok(html.includes("我的投诉"));
  assert.ok(html.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`), "the phone, masked");
  assert.not.ok(html.includes(phone), "never the whole number");
  const [i2, i1] = [html.indexOf(second.number), html.indexOf(first.number)];
  assert.ok(i2 > 0 && i1 > 0, "both of her cases");
  assert.ok(i2 < i1, "newest first");
  assert.ok(html.includes("已电话联系雇主,月底前结清"), "a public reply");
  assert.ok(html.includes("已受理"));
  for (const never of [foreign.number, similar.number, anonymous.number, "内部:雇主态度差", "别人的答复", "王秀芝", "李大姐", "张大爷", "苗圃干了十天没给钱", "招聘广告说包吃住"]) {
    assert.not.ok(html.includes(never), `not shown: ${never}`);
  }

  // A reload shows it again (a GET after the 303), still never cached; a stranger without the token sees nothing.
  const again = await b.get(mine);
  assert.is(again.status, 200);
  assert.ok(again.html.includes(second.number));
  assert.match(again.headers.get("cache-control") ?? "", /no-store/);
  const stranger = await t.client().get(mine.replace(/[A-Za-z0-9_-]{16,64}$/, "AAAAAAAAAAAAAAAAAAAAAAAA"));
  assert.is(stranger.status, 404);
  assert.not.ok(stranger.html.includes(second.number));
});

test("a proven phone with no case is told so; typed in full-width digits it is the same number", async () => {
  const phone = nextPhone();
  const wide = phone.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const { b } = await prove(phone, wide);
  assert.is(b.last.status, 200);
  assert.ok(b.last.html.includes("这个手机号没有投诉记录"));
  assert.is(await codesTo(phone), 1, "the code went to the normalised number");
});

test("a wrong code shows no case, and the cases' page of an unproven step does not exist", async () => {
  const phone = nextPhone();
  const made = await addCase(t, { callerPhone: phone });
  const b = await askCode(phone);
  const codePage = b.last.location!;
  const token = codePage.split("/").at(-1)!;
  await b.get(codePage);
  const right = (await lastCode(t, phone))!;
  const wrong = right === "000000" ? "111111" : "000000";
  const r = await b.post(codePage, { code: wrong });
  assert.is(r.status, 422);
  assert.ok(r.html.includes("验证码不对"));
  assert.not.ok(r.html.includes(made.number));
  const early = await b.get(paths.hotline.statusMine(token));
  assert.is(early.status, 404, "not proven yet");
  assert.not.ok(early.html.includes(made.number));
  // The right code still works after one wrong try.
  await b.get(codePage);
  await b.post(codePage, { code: right });
  assert.is(b.last.location, paths.hotline.statusMine(token));
  assert.ok((await b.get(b.last.location!)).html.includes(made.number));
});

test("the proven step lasts 10 minutes: then the page says to ask again, and shows nothing", async () => {
  const phone = nextPhone();
  const made = await addCase(t, { callerPhone: phone });
  const { b, mine } = await prove(phone);
  assert.ok(b.last.html.includes(made.number));
  t.clock.advance(PROVEN_TTL_MS + 1000);
  const late = await b.get(mine);
  assert.is(late.status, 404);
  assert.match(late.headers.get("cache-control") ?? "", /no-store/);
  assert.ok(late.html.includes("查询已过期"));
  assert.ok(late.html.includes(`href="${paths.hotline.statusSms}"`), "a link to ask again");
  assert.not.ok(late.html.includes(made.number));
});

test("a proven step of another purpose (a PIN reset of the same phone) opens no cases", async () => {
  const phone = nextPhone();
  const made = await addCase(t, { callerPhone: phone });
  const b = t.client();
  await b.get(paths.workers.forgotPin);
  await b.post(paths.workers.forgotPin, { phone });
  const codePage = b.last.location!;
  const token = codePage.split("/").at(-1)!;
  await b.get(codePage);
  await b.post(codePage, { code: (await lastCode(t, phone))! });
  const [step] = await t.db.select({ provenAt: phoneProofs.provenAt, usedAt: phoneProofs.usedAt }).from(phoneProofs).where(eq(phoneProofs.phone, phone));
  assert.ok(step, "the reset step exists");
  const r = await b.get(paths.hotline.statusMine(token));
  assert.is(r.status, 404);
  assert.not.ok(r.html.includes(made.number));
});

test("bad input keeps the number on the form; a second code to the same number at once is held back by the phone limits, the same for any number", async () => {
  const b = t.client();
  await b.get(paths.hotline.statusSms);
  const bad = await b.post(paths.hotline.statusSms, { phone: "1381234" });
  assert.is(bad.status, 400);
  assert.ok(bad.html.includes("请改正下面的问题"));
  assert.ok(bad.html.includes('value="1381234"'));

  const known = nextPhone();
  const unknown = nextPhone();
  await addCase(t, { callerPhone: known });
  const answers = [];
  for (const phone of [known, unknown]) {
    await askCode(phone);
    const again = await askCode(phone);
    answers.push({ status: again.last.status, html: normalise(again.last.html).replace(/\d+ 秒/g, "N 秒") });
    assert.is(await codesTo(phone), 1, "no second text");
  }
  assert.is(answers[0].status, 429);
  assert.is(answers[1].status, answers[0].status);
  assert.is(answers[1].html.replace(unknown, "PHONE"), answers[0].html.replace(known, "PHONE"));
  assert.ok(answers[0].html.includes("刚给这个号码发过验证码"));
});

test.run();
