// Journeys of station staff in a real browser, each walked with JavaScript off
// at 240×320 and with JavaScript on at 360×640 in 大字 (MODES in harness.ts);
// every page reached is checked.
//
//   4. Station staff check in a walk-in worker (registering them first), sign
//      them up for a job, and print the day's job sheet.
//   5. Staff log a wage-arrears phone call; the caller checks its progress by
//      case number; staff transfer, handle and close it; the caller sees it closed,
//      then checks again without the number, by an SMS code to her phone.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser, Locator } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Mode, type Server } from "./harness.ts";
import { enterSmsCode } from "./market.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  async function staffLogin(s: Session, key: string) {
    const a = account(server, key);
    await s.login(a.phone, a.secret);
    if (s.opts.js && !(await s.big)) await s.toggleBigText();
  }

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: station staff check in a walk-in, sign them up for a job and print the day's job sheet`, async () => {
      const s = await Session.open(browser, server, mode);
      const name = mode.js ? "马大爷" : "牛大娘";
      const phone = mode.js ? "13600002222" : "13600001111";
      try {
        await staffLogin(s, "station:411024");
        await s.follow("驿站工作台", "desk");
        await s.follow("签到", "check-in");
        await s.fill("手机号、卡号或姓名", phone);
        await s.press("签到", "unknown phone");
        await s.expectText("没有找到这个手机号");
        await s.press("为他登记", "registration for a walk-in");
        assert.is(await s.field("手机号", "text").inputValue(), phone, "the phone is carried over");
        await s.fill("姓名", name);
        await s.fill("出生年份", "1961");
        await s.choose("家政保洁");
        await s.press("登记", "registered");
        // She is standing at the desk: registering her also checks her in (#17); a second check-in is refused kindly.
        await s.expectText("登记好了,今天也已签到");
        await s.expectHeading(`${name} 的情况`);
        await s.press("在本站签到", "checked in");
        await s.expectText(`${name} 今天已经在本站签过到了`);

        await s.follow(name, "the walk-in's page");
        await s.expectText("合适的活");
        const offer = s.page.getByRole("button", { name: /^帮他报名:/ }).first();
        const title = ((await offer.textContent()) ?? "").replace(/^帮他报名:/, "").trim();
        assert.ok(title, "a matching job is offered");
        await offer.click();
        await s.landed("signed up for a job");
        await s.expectText(`已帮 ${name} 报名`);

        await s.follow("驿站工作台", "desk");
        await s.follow("打印岗位单", "job sheet");
        await s.expectHeading("招工信息");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: staff log a wage-arrears call, the caller checks it by case number, staff close it`, async () => {
      const s = await Session.open(browser, server, mode);
      const caller = await Session.open(browser, server, { ...mode, bigText: mode.big });
      const phone = mode.js ? "13911112468" : "13911111357";
      try {
        await staffLogin(s, "staff:411024");
        await s.follow("投诉求助", "hotline");
        await s.follow("登记来电来访", "new case form");
        await s.press("受理并生成编号", "new case with errors");
        await s.expectText("请改正下面的问题");
        await s.choose("电话");
        await s.select("遇到了什么问题", "欠薪");
        await s.fill("发生了什么", "在张桥镇苗圃干了 12 天,老板一直不给工钱。");
        await s.fill("欠了多少钱", "2400");
        await s.choose("一般");
        await s.fill("姓名", "冯大哥");
        await s.fill("电话", phone);
        await s.press("受理并生成编号", "case created");
        await s.expectText("已受理,案件编号");
        const number = ((await s.page.locator("h1").first().textContent()) ?? "").replace(/^案件\s*/, "").trim();
        assert.ok(number.length >= 6, `a case number in the heading, got "${number}"`);

        const checkStatus = async (expected: string) => {
          await caller.goto("/", "home");
          await caller.follow("投诉求助", "hotline");
          await caller.follow("用案件编号查办理进度", "status lookup");
          await caller.fill("案件编号", number);
          await caller.fill("电话后四位", phone.slice(-4));
          await caller.press("查询", `status: ${expected}`);
          await caller.expectText(expected);
        };
        await checkStatus("已受理");

        const step = (h3: string): Locator => s.page.locator("form.step", { has: s.page.locator("h3", { hasText: h3 }) });
        await step("转办").getByLabel("转办单位").selectOption({ label: "劳动监察" });
        await step("转办").getByLabel(/^说明/).fill("转劳动监察大队核实。");
        await step("转办").getByRole("button", { name: "转办" }).click();
        await s.landed("transferred");
        await s.expectText("已转办");
        await step("开始处理").getByRole("button", { name: "开始处理" }).click();
        await s.landed("processing");
        await step("办结").getByLabel("办结结果").selectOption({ label: "属实" });
        await step("办结").getByLabel(/^追回金额/).fill("2400");
        await step("办结").getByLabel(/^说明/).fill("监察大队约谈雇主,工钱已全部付清。");
        await step("办结").getByLabel("在查进度页面上显示这条说明").check();
        await step("办结").getByRole("button", { name: "办结" }).click();
        await s.landed("closed");
        await s.expectText("已办结");

        await checkStatus("已办结");
        await caller.expectText("工钱已全部付清");

        // Later she has lost the slip with the number: the phone on the case and a code are enough.
        await caller.goto("/", "home");
        await caller.follow("投诉求助", "hotline");
        await caller.follow("用案件编号查办理进度", "status lookup");
        await caller.follow("用短信验证码查(不用案件编号)", "status by SMS code");
        await caller.fill("投诉时留的手机号", phone);
        await caller.press("发验证码", "code page");
        await enterSmsCode(caller, phone, "my cases");
        await caller.expectHeading("我的投诉");
        await caller.expectText(number);
        await caller.expectText("已办结");
        await caller.expectText("工钱已全部付清");
        console.log(summary(s));
        console.log(summary(caller));
        s.assertClean();
        caller.assertClean();
      } finally {
        await s.close();
        await caller.close();
      }
    });
  }
}

test.run();
