// The real Aliyun and Tencent adapters against a local fake of each API
// (fake-providers.ts checks the signature and parameters and answers as the
// provider documents), and the outbox states that follow: sent with the
// provider's id, retried when throttled or down, failed at once for an
// invalid number or a bad signature. Plus the start-up checks of the settings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { smsOutbox } from "../../../db/schema/index.ts";
import { ConfigError } from "../../../src/config.ts";
import { flushSms, smsSender, smsSettings, templateEnvName, textStatements, MAX_SMS_ATTEMPTS, templateKeys, type TemplateKey } from "../../../src/features/messages/index.ts";
import { startFake, NUMBERS, type Fake } from "./fake-providers.ts";

const ALI_SECRET = "aliyun-test-secret-0123456789";
const TC_SECRET = "tencent-test-secret-0123456789";
let fake: Fake;

test.before(async () => {
  fake = await startFake({ aliyunSecret: ALI_SECRET, tencentSecret: TC_SECRET });
});
test.after(() => fake.close());

const templateEnv = Object.fromEntries(templateKeys.map((k, i) => [templateEnvName(k), `SMS_${100000 + i}`]));
const aliyunEnv = (over: Record<string, string> = {}) => ({
  SMS_PROVIDER: "aliyun", SMS_SIGN_NAME: "许昌零工市场", ALIYUN_ACCESS_KEY_ID: "LTAI5tTestKeyId", ALIYUN_ACCESS_KEY_SECRET: ALI_SECRET, ALIYUN_SMS_ENDPOINT: fake.url, ...templateEnv, ...over,
});
const tencentEnv = (over: Record<string, string> = {}) => ({
  SMS_PROVIDER: "tencent", SMS_SIGN_NAME: "许昌零工市场", TENCENT_SECRET_ID: "AKIDTestSecretId", TENCENT_SECRET_KEY: TC_SECRET, TENCENT_SMS_APP_ID: "1400006666", TENCENT_SMS_ENDPOINT: fake.url, ...templateEnv, ...over,
});

async function queue(t: TestApp, texts: { to: string; template: TemplateKey; params: Record<string, string> }[]) {
  await t.deps.database.write((db) => db.batch(textStatements(db, texts, t.clock.now()) as never));
}
const rowFor = async (t: TestApp, phone: string) => (await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, phone)))[0];

for (const provider of ["aliyun", "tencent"] as const) {
  test(`${provider}: success, throttled, invalid number and provider down, and the outbox states that follow`, async () => {
    const t = await makeTestApp();
    try {
      t.deps.sms = smsSender(smsSettings(provider === "aliyun" ? aliyunEnv() : tencentEnv()), () => t.clock.now());
      const before = fake.received.length;
      await queue(t, [
        { to: NUMBERS.ok, template: "hired", params: { job: "擦玻璃", date: "12月6日", time: "8:00", place: "文峰路88号", phone: "13912345678" } },
        { to: NUMBERS.throttled, template: "verifyCode", params: { code: "482913" } },
        { to: NUMBERS.invalid, template: "trainingWaiting", params: { course: "家政培训", no: "3" } },
        { to: NUMBERS.down, template: "employerVerified", params: {} },
      ]);
      assert.equal(await flushSms(t.deps, 10), { sent: 1, retry: 2, failed: 1 });
      const got = fake.received.slice(before);
      assert.ok(got.every((r) => r.provider === provider && r.signatureOk && r.signName === "许昌零工市场"), "every request signed right, with the sign name");
      const hired = got.find((r) => r.phone === NUMBERS.ok)!;
      assert.is(hired.templateId, templateEnv[templateEnvName("hired")]);
      assert.equal(
        hired.params,
        provider === "aliyun"
          ? { job: "擦玻璃", date: "12月6日", time: "8:00", place: "文峰路88号", phone: "13912345678" }
          : ["擦玻璃", "12月6日", "8:00", "文峰路88号", "13912345678"],
        "parameters by name (Aliyun) or in the catalog's order (Tencent)",
      );

      const ok = await rowFor(t, NUMBERS.ok);
      assert.is(ok.status, "sent");
      assert.is(ok.provider, provider);
      assert.ok(ok.providerId && ok.providerId.length > 5, "the provider's id is kept for its receipt");
      const invalid = await rowFor(t, NUMBERS.invalid);
      assert.equal([invalid.status, invalid.attempts], ["failed", 1], "an invalid number is not tried again");
      assert.match(invalid.error!, provider === "aliyun" ? "MOBILE_NUMBER_ILLEGAL" : "IncorrectPhoneNumber");
      const throttled = await rowFor(t, NUMBERS.throttled);
      assert.equal([throttled.status, throttled.attempts], ["pending", 1], "throttled: tried again later");
      assert.match(throttled.error!, provider === "aliyun" ? "BUSINESS_LIMIT_CONTROL" : "LimitExceeded");
      const down = await rowFor(t, NUMBERS.down);
      assert.equal([down.status, down.attempts], ["pending", 1], "provider down: tried again later");

      // The next runs retry the two, and give up after the last attempt.
      for (let i = 1; i < MAX_SMS_ATTEMPTS; i++) await flushSms(t.deps, 10);
      assert.equal([(await rowFor(t, NUMBERS.throttled)).status, (await rowFor(t, NUMBERS.throttled)).attempts], ["failed", MAX_SMS_ATTEMPTS]);
      assert.equal((await rowFor(t, NUMBERS.down)).status, "failed");
      assert.equal((await rowFor(t, NUMBERS.throttled)).params, "{}", "a code is not kept once given up on");
    } finally {
      t.close();
    }
  });

  test(`${provider}: a wrong secret is refused by the provider, and the text fails at once with the reason`, async () => {
    const t = await makeTestApp();
    try {
      const env = provider === "aliyun" ? aliyunEnv({ ALIYUN_ACCESS_KEY_SECRET: "wrong-secret" }) : tencentEnv({ TENCENT_SECRET_KEY: "wrong-secret" });
      t.deps.sms = smsSender(smsSettings(env), () => t.clock.now());
      await queue(t, [{ to: NUMBERS.ok, template: "verifyCode", params: { code: "111222" } }]);
      assert.equal(await flushSms(t.deps, 10), { sent: 0, retry: 0, failed: 1 });
      const row = await rowFor(t, NUMBERS.ok);
      assert.match(row.error!, provider === "aliyun" ? "SignatureDoesNotMatch" : "AuthFailure.SignatureFailure");
      assert.is(fake.received.at(-1)!.signatureOk, false);
    } finally {
      t.close();
    }
  });
}

test("a template this instance chose not to send (-) fails at once without a request", async () => {
  const t = await makeTestApp();
  try {
    t.deps.sms = smsSender(smsSettings(aliyunEnv({ [templateEnvName("jobAlert")]: "-" })), () => t.clock.now());
    const before = fake.received.length;
    await queue(t, [{ to: NUMBERS.ok, template: "jobAlert", params: { jobs: "1234保洁" } }]);
    assert.equal(await flushSms(t.deps, 10), { sent: 0, retry: 0, failed: 1 });
    assert.is(fake.received.length, before);
  } finally {
    t.close();
  }
});

test("settings are checked at start, with Chinese messages naming the variable", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ SMS_PROVIDER: "qq" }, /SMS_PROVIDER.*aliyun/],
    [{ ...aliyunEnv(), SMS_SIGN_NAME: "" }, /SMS_SIGN_NAME 未设置/],
    [{ ...aliyunEnv(), SMS_SIGN_NAME: "【许昌】" }, /不要带【】/],
    [{ ...aliyunEnv(), [templateEnvName("hired")]: "" }, /SMS_TEMPLATE_HIRED/],
    [{ ...aliyunEnv(), [templateEnvName("verifyCode")]: "-" }, /SMS_TEMPLATE_VERIFY_CODE 不能填 -/],
    [{ ...aliyunEnv(), ALIYUN_ACCESS_KEY_SECRET: "" }, /ALIYUN_ACCESS_KEY_SECRET 未设置/],
    [{ ...aliyunEnv(), ALIYUN_SMS_ENDPOINT: "dysmsapi" }, /ALIYUN_SMS_ENDPOINT.*无效/],
    [{ ...tencentEnv(), TENCENT_SMS_APP_ID: "abc" }, /TENCENT_SMS_APP_ID.*无效/],
    [{ ...tencentEnv(), TENCENT_SECRET_ID: "" }, /TENCENT_SECRET_ID 未设置/],
    [{ SMS_CALLBACK_TOKEN: "short" }, /SMS_CALLBACK_TOKEN 无效/],
  ];
  for (const [env, message] of cases) {
    try {
      smsSettings(env);
      assert.unreachable(JSON.stringify(env).slice(0, 80));
    } catch (e) {
      assert.instance(e, ConfigError);
      assert.match((e as Error).message, message);
    }
  }
  assert.is(smsSettings({}).provider, "log", "the log sender is the default");
  assert.is(templateEnvName("verifyCode"), "SMS_TEMPLATE_VERIFY_CODE");
});

test.run();
