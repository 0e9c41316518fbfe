// The SMS template catalog: every template renders, fits one 70-character
// segment with typical values (signature included), never carries an ID
// number, and has the same parameters in its wording as in its spec.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  templateSpecs, templateKeys, renderTemplate, cleanParams, cleanParam, segments, tencentWording, aliyunWording, paramNames, shortDate, shortDates,
} from "../../../src/features/messages/messages.templates.ts";
import { textStatements, templateEnvName } from "../../../src/features/messages/index.ts";
import { readFileSync } from "node:fs";
import { fromRoot } from "../../../src/shared/root.ts";
import { smsOutbox } from "../../../db/schema/index.ts";
import { makeTestApp } from "../../helpers/app.ts";

const SIGN = "许昌零工市场";
/** Typical values, as the features fill them. */
const typical: Record<string, string> = {
  code: "483920", job: "擦玻璃、清洗油烟机", date: "12月6日", time: "8:00-17:00", place: "魏都区文峰路88号", phone: "13812345678",
  course: "家政服务员培训", no: "3", reason: "场地维修", fair: "春风行动招聘会", case: "XC2026120500012", hotline: "0374-12345",
  status: "已受理", jobs: "1234擦玻璃;1240搬家;1251保洁", what: "保洁(魏都区)",
};

test("every template's wording names exactly its parameters", () => {
  for (const k of templateKeys) {
    const named = [...aliyunWording(k).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.equal(named, [...paramNames(k)].sort(), k);
    assert.not.match(tencentWording(k), /\$\{/, k);
    for (let i = 1; i <= paramNames(k).length; i++) assert.ok(tencentWording(k).includes(`{${i}}`), `${k} {${i}}`);
  }
});

test("with typical values every text fits one segment, signature included", () => {
  for (const k of templateKeys) {
    const params = cleanParams(k, typical);
    const text = renderTemplate(k, params);
    assert.not.match(text, /\$\{|undefined/, k);
    assert.is(segments(text, SIGN), 1, `${k}: ${[...text].length} chars: ${text}`);
  }
  // The code text the phone helper sends.
  assert.is(renderTemplate("verifyCode", { code: "483920" }), "验证码483920,5分钟内有效,请勿告诉他人。");
});

test("parameters are cut to their limits, kept on one line, and never carry an ID number", () => {
  const cases: [string, number, string][] = [
    ["擦玻璃", 12, "擦玻璃"],
    ["一二三四五六七八九十一二三四", 12, "一二三四五六七八九十一…"],
    ["第一行\n第二行", 20, "第一行 第二行"],
    ["身份证411023199001011234要带", 20, "身份证***要带"],
    ["【假签名】内容", 20, "假签名内容"],
  ];
  for (const [raw, max, out] of cases) assert.is(cleanParam(raw, max), out, raw);
  for (const k of templateKeys) {
    const long = Object.fromEntries(paramNames(k).map((n) => [n, "长".repeat(100)]));
    const p = cleanParams(k, long);
    for (const [n, max] of Object.entries(templateSpecs[k].params as Record<string, number>)) assert.ok([...p[n]].length <= max, `${k}.${n}`);
  }
});

test("dates in texts are short", () => {
  assert.is(shortDate("2026-12-06"), "12月6日");
  assert.is(shortDates("2026-12-06", "2026-12-06"), "12月6日");
  assert.is(shortDates("2026-12-06", "2026-12-08"), "12月6日至12月8日");
});

test("textStatements queues template and cleaned parameters, no free text", async () => {
  const t = await makeTestApp();
  try {
    await t.deps.database.write((db) =>
      db.batch(textStatements(db, [{ to: "13800001111", template: "verifyCode", params: { code: "123456", extra: "ignored" } }], t.clock.now()) as never),
    );
    const [row] = await t.db.select().from(smsOutbox);
    assert.is(row.template, "verifyCode");
    assert.equal(JSON.parse(row.params), { code: "123456" });
    assert.is(row.status, "pending");
    assert.equal(textStatements(t.db, [], 0), []);
  } finally {
    t.close();
  }
});

test("the install guide and the env example list every template: its setting, wording (both providers' forms) and callbacks", () => {
  const guide = readFileSync(fromRoot("docs", "install.zh-CN.md"), "utf8");
  const envExample = readFileSync(fromRoot("deploy", "lingong.env.example"), "utf8");
  for (const k of templateKeys) {
    assert.ok(guide.includes(templateEnvName(k)), `guide: ${templateEnvName(k)}`);
    assert.ok(guide.includes(aliyunWording(k)), `guide: Aliyun wording of ${k}`);
    assert.ok(guide.includes(tencentWording(k)), `guide: Tencent wording of ${k}`);
    assert.ok(envExample.includes(`#${templateEnvName(k)}=`), `env example: ${templateEnvName(k)}`);
  }
  for (const p of ["aliyun", "tencent"]) for (const kind of ["report", "reply"]) assert.ok(guide.includes(`/api/sms/密钥/${p}/${kind}`), `${p} ${kind}`);
  for (const v of ["SMS_PROVIDER", "SMS_SIGN_NAME", "ALIYUN_ACCESS_KEY_ID", "TENCENT_SMS_APP_ID", "SMS_CALLBACK_TOKEN"]) assert.ok(envExample.includes(v), v);
});

test.run();
