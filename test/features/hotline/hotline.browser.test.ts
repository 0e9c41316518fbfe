// In a real browser (test/browser/harness.ts): a worker reports unpaid wages
// online and follows the case with its number; a station staff member logs a
// phone call and transfers it, then looks at the lists and figures. Each walked
// with JavaScript off on a 240px screen and with JavaScript on at 360px in
// 大字; every page is checked with axe, for text and target sizes, sideways
// scrolling and weight.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "../../browser/harness.ts";
import { paths } from "../../../src/paths.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: someone reports unpaid wages online, gets a number and follows the case`, async () => {
      const s = await Session.open(browser, server, mode);
      try {
        // Menu item 7 leads here (the home page itself is another feature's journey).
        await s.goto(paths.hotline.status, "status form first");
        if (mode.big) await s.toggleBigText();
        await s.follow("投诉求助", "hotline page");
        await s.expectHeading("投诉求助");
        await s.follow("在网上反映问题", "report form");
        await s.press("提交", "report with errors");
        await s.expectText("请改正下面的问题");
        await s.select("遇到了什么问题", "欠薪");
        await s.fill("发生了什么", "在花木基地干了三天,说好一天 150 元,老板不给钱。");
        await s.fill("欠了多少钱", "450");
        const phone = mode.js ? "13700001234" : "13700005678";
        await s.fill("电话", phone);
        await s.select("在哪个县", "鄢陵县");
        await s.press("提交", "report received");
        await s.expectHeading("已收到您的反映");
        const number = (await s.page.locator(".case-no").textContent())!.trim();
        assert.match(number, /^XC-\d{8}-\d{4}$/);
        await s.follow("用案件编号查办理进度", "status form");
        await s.fill("案件编号", number);
        await s.fill("电话后四位", "0000");
        await s.press("查询", "status refused");
        await s.expectText("案件编号或电话后四位不对");
        await s.fill("案件编号", number);
        await s.fill("电话后四位", phone.slice(-4));
        await s.press("查询", "status found");
        await s.expectText("已受理");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: station staff log a phone call, transfer it and look at the lists`, async () => {
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        const staff = account(server, "station:411024");
        await s.login(staff.phone, staff.secret);
        await s.goto(paths.hotline.home, "hotline page (staff)");
        await s.follow("登记来电来访", "new case form");
        await s.select("遇到了什么问题", "诈骗/敲诈勒索");
        await s.fill("发生了什么", "有人在驿站门口收介绍费 300 元,收了钱人就不见了。");
        await s.page.locator("#f-callerPhone").fill("13600002222");
        await s.press("受理并生成编号", "case page");
        await s.expectText("已受理,案件编号");
        await s.select("转办单位", "公安");
        await s.page.locator("#f-transferNote").fill("已转派出所,提供了对方的电话。");
        await s.press("转办", "case transferred");
        await s.expectText("已转办");
        await s.goto(paths.hotline.cases, "case list");
        await s.goto(`${paths.hotline.cases}?overdue=1`, "overdue cases");
        await s.goto(paths.hotline.callList, "call list");
        await s.goto(paths.hotline.figures, "figures");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }

  test.run();
}
