// SMS job alerts at the station desk, in a real browser on the station PC
// (1280×800, JavaScript on, and off): staff register a walk-in from the desk
// home by links only, open her page, subscribe her to 家政保洁 texts in her
// county, see the subscription, and she gets the confirmation text.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, summary, type Server } from "./harness.ts";
import { smsAlerts, users } from "../../db/schema/index.ts";
import { flushSms } from "../../src/features/messages/index.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  const PC = [
    { js: true, width: 1280, height: 800, name: "station PC 1280×800, JS on" },
    { js: false, width: 1280, height: 800, name: "station PC 1280×800, JS off" },
  ];

  for (const mode of PC) {
    test(`${mode.name}: staff subscribe a walk-in worker to SMS job alerts at the desk`, async () => {
      const s = await Session.open(browser, server, mode);
      const name = mode.js ? "任大姐" : "屈大娘";
      const phone = mode.js ? "13600004444" : "13600003333";
      try {
        const a = account(server, "station:411024");
        await s.login(a.phone, a.secret);
        await s.follow("驿站工作台", "desk");
        await s.follow("签到", "check-in");
        await s.fill("手机号、卡号或姓名", phone);
        await s.press("签到", "unknown phone");
        await s.press("为他登记", "registration for a walk-in");
        await s.fill("姓名", name);
        await s.fill("出生年份", "1963");
        await s.choose("家政保洁");
        await s.press("登记", "registered");
        await s.expectHeading(`${name} 的情况`);

        await s.follow("招工短信提醒(订阅、退订)", "alerts page");
        await s.expectHeading(`${name}的招工短信提醒`);
        await s.expectText("还没有订阅");
        await s.select("活的种类", "家政保洁");
        await s.select("县区", "鄢陵县");
        await s.press("订阅招工短信", "subscribed");
        await s.expectText(`已为${name}订阅招工短信`);
        await s.follow("招工短信提醒(订阅、退订)", "alerts page again");
        await s.expectText("现在订阅的是:家政保洁(鄢陵县)");

        const [u] = await server.deps.database.db.select().from(users).where(eq(users.phone, phone));
        const [alert] = await server.deps.database.db.select().from(smsAlerts).where(eq(smsAlerts.userId, u.id));
        assert.is(alert.countyCode, "411024");
        assert.ok(u.phoneVouchedBy !== null, "the desk vouched for her number");
        await flushSms(server.deps, 100);
        assert.ok(server.sms.some((m) => m.to === phone && m.body.includes("家政保洁") && m.body.includes("TD")), "she gets the confirmation text");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }
}

test.run();
