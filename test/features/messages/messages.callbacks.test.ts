// Delivery receipts (回执) from the providers' callbacks, in each provider's
// documented format, authenticated by the secret in the URL; and the staff
// page 短信记录 that shows per text its status, attempts, failure reason and
// receipt — scoped to the county admin's county, numbers masked.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, signedIn, type TestApp } from "../../helpers/app.ts";
import { smsOutbox } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { templateEnvName, templateKeys } from "../../../src/features/messages/index.ts";

const TOKEN = "cb-token-0123456789abcdef0123";
const templateEnv = Object.fromEntries(templateKeys.map((k, i) => [templateEnvName(k), `SMS_${100000 + i}`]));
const env = (provider: "aliyun" | "tencent") => ({
  SMS_PROVIDER: provider, SMS_SIGN_NAME: "许昌零工市场", SMS_CALLBACK_TOKEN: TOKEN, ...templateEnv,
  ALIYUN_ACCESS_KEY_ID: "id", ALIYUN_ACCESS_KEY_SECRET: "secret", TENCENT_SECRET_ID: "id", TENCENT_SECRET_KEY: "key", TENCENT_SMS_APP_ID: "1400006666",
});
const XUCHANG_WEIDU = "411002";
const YUZHOU = "411081";

async function sentRows(t: TestApp, provider: string) {
  const now = t.clock.now();
  await t.deps.database.write((db) =>
    db.insert(smsOutbox).values([
      { toPhone: "13800001111", template: "hired", params: "{}", status: "sent", attempts: 1, createdAt: now, sentAt: now, provider, providerId: "900619746936498440^0", countyCode: XUCHANG_WEIDU },
      { toPhone: "13800002222", template: "signupReceived", params: "{}", status: "sent", attempts: 1, createdAt: now, sentAt: now, provider, providerId: "5000:104571066915705365784949619", countyCode: XUCHANG_WEIDU },
      { toPhone: "13800003333", template: "trainingWaiting", params: "{}", status: "failed", attempts: 3, error: "aliyun 200 isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控", createdAt: now, countyCode: YUZHOU },
    ]),
  );
}
const post = (t: TestApp, url: string, body: unknown) =>
  t.app.request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const row = async (t: TestApp, phone: string) => (await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, phone)))[0];

test("Aliyun SmsReport: receipts land on their texts; the answer is the documented one", async () => {
  const t = await makeTestApp({ env: env("aliyun") });
  try {
    await sentRows(t, "aliyun");
    const res = await post(t, paths.messages.receipt(TOKEN, "aliyun"), [
      { phone_number: "13800001111", send_time: "2026-11-28 09:00:00", report_time: "2026-11-28 09:00:05", success: true, err_code: "DELIVERED", err_msg: "用户接收成功", sms_size: "1", biz_id: "900619746936498440^0", out_id: "" },
      { phone_number: "13800009999", success: true, err_code: "DELIVERED", biz_id: "900619746936498440^0" },
    ]);
    assert.is(res.status, 200);
    assert.equal(await res.json(), { code: 0, msg: "接收成功" });
    const r = await row(t, "13800001111");
    assert.equal([r.receipt, r.receiptError, r.receiptAt], ["delivered", null, t.clock.now()]);
    // A receipt for a number we did not text with that id changes nothing.
    assert.is((await row(t, "13800002222")).receipt, null);

    const failed = await post(t, paths.messages.receipt(TOKEN, "aliyun"), [{ phone_number: "13800002222", success: false, err_code: "MK:0000", err_msg: "空号", biz_id: "5000:104571066915705365784949619" }]);
    assert.is(failed.status, 200);
    assert.equal([(await row(t, "13800002222")).receipt, (await row(t, "13800002222")).receiptError], ["undelivered", "MK:0000"]);

    const garbled = await post(t, paths.messages.receipt(TOKEN, "aliyun"), { not: "an array" });
    assert.is(garbled.status, 400);
  } finally {
    t.close();
  }
});

test("Tencent status callback: receipts, failures with their reason; wrong token or provider is a 404", async () => {
  const t = await makeTestApp({ env: env("tencent") });
  try {
    await sentRows(t, "tencent");
    const res = await post(t, paths.messages.receipt(TOKEN, "tencent"), [
      { user_receive_time: "2026-11-28 09:00:04", nationcode: "86", mobile: "13800002222", report_status: "FAIL", errmsg: "MK:0005", description: "用户短信送达失败", sid: "5000:104571066915705365784949619" },
    ]);
    assert.is(res.status, 200);
    assert.equal(await res.json(), { result: 0, errmsg: "OK" });
    const r = await row(t, "13800002222");
    assert.equal([r.receipt, r.receiptError], ["undelivered", "MK:0005"]);

    for (const url of [paths.messages.receipt("wrong-token-0123456789abcdef", "tencent"), paths.messages.receipt(TOKEN, "aliyun"), paths.messages.receipt(TOKEN, "other")]) {
      const no = await post(t, url, [{ mobile: "13800001111", report_status: "SUCCESS", sid: "900619746936498440^0" }]);
      assert.is(no.status, 404, url);
    }
    assert.is((await row(t, "13800001111")).receipt, null);
  } finally {
    t.close();
  }
});

test("without SMS_CALLBACK_TOKEN every callback is a 404", async () => {
  const t = await makeTestApp();
  try {
    const no = await post(t, paths.messages.receipt("anything-0123456789abcdefgh", "aliyun"), []);
    assert.is(no.status, 404);
  } finally {
    t.close();
  }
});

test("短信记录: a county admin sees their county's texts with status, attempts, reason and receipt; numbers masked; the city admin sees all", async () => {
  const t = await makeTestApp({ env: env("aliyun") });
  try {
    await sentRows(t, "aliyun");
    await post(t, paths.messages.receipt(TOKEN, "aliyun"), [{ phone_number: "13800001111", success: true, err_code: "DELIVERED", biz_id: "900619746936498440^0" }]);
    const county = await signedIn(t, { role: "county_admin", countyCode: XUCHANG_WEIDU });
    await county.get(paths.accounts.me);
    assert.ok(county.last.html.includes(paths.messages.texts), "linked from my account");
    await county.get(paths.messages.texts);
    assert.is(county.last.status, 200);
    const html = county.last.html;
    assert.ok(html.includes("138****1111") && html.includes("138****2222"));
    assert.not.ok(html.includes("13800001111"), "no full number");
    assert.not.ok(html.includes("138****3333"), "another county's text is not shown");
    assert.ok(html.includes(copy.sms.purposes.hired) && html.includes(copy.smsPages.receipts.delivered));
    assert.match(county.last.headers.get("cache-control") ?? "", "no-store");

    const city = await signedIn(t, { role: "city_admin" });
    await city.get(`${paths.messages.texts}?show=failed`);
    assert.ok(city.last.html.includes("138****3333"));
    assert.ok(city.last.html.includes("BUSINESS_LIMIT_CONTROL"), "the failure reason");
    assert.ok(city.last.html.includes(copy.smsPages.attempts(3)));
    assert.not.ok(city.last.html.includes("138****1111"), "the filter keeps only failed ones");

    const staff = await signedIn(t, { role: "worker", pin: "135790" });
    await staff.get(paths.messages.texts);
    assert.is(staff.last.status, 404);
  } finally {
    t.close();
  }
});

test.run();
