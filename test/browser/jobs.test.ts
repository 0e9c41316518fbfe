// Journeys of the gig market in a real browser, each walked twice: with
// JavaScript off on a 240×320 phone, and with JavaScript on at 360×640 in 大字
// (see MODES in harness.ts). Every page reached is checked (axe, text size,
// target size, no sideways scrolling, 14 KB).
//
//   1. A worker registers, finds today's 家政保洁 job in 鄢陵县 by the keyword
//      保洁, signs up, and after the work answers "paid".
//   3. An employer asks for quotes, a worker offers one, the employer accepts it.
// (Journey 2, the household employer, is in employers.test.ts.)
//
// Steps a journey is not about (the other side of it) run in a second browser
// with the checks off, through the same pages.
import { test } from "uvu";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Mode, type Server } from "./harness.ts";
import { DAY_MS } from "../../src/shared/clock.ts";
import { YANLING, postQuickJob, confirmApplicant, registerWorker } from "./market.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  /** A second person's browser for the other side of a journey: same pages, checks off. */
  const helper = (mode: Mode) => Session.open(browser, server, { ...mode, bigText: false, checks: false });

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: a worker registers, finds today's cleaning job in 鄢陵县 by "保洁", signs up, and answers "paid"`, async () => {
      const employer = account(server, "employer:demo");
      const boss = await helper(mode);
      const s = await Session.open(browser, server, mode);
      const name = mode.js ? "李秀兰" : "赵桂芝";
      try {
        // The job: today's 家政保洁 in 鄢陵县, posted by a verified employer.
        await boss.login(employer.phone, employer.secret);
        const address = `张桥镇王庄村东头${mode.js ? "二" : "三"}号`;
        const posting = await postQuickJob(boss, { kind: "家政保洁", wage: "160", address, phone: employer.phone });

        await registerWorker(s, name);
        await s.follow("找活干", "job list");
        await s.fill("关键词", "保洁");
        await s.select("县(市、区)", YANLING);
        await s.open("更多条件");
        await s.select("什么时候干", "今天有活");
        await s.press("找活", "search results");
        await s.expectText(/找到 \d+ 个活/);
        await s.followHref(posting, "job detail");
        await s.expectHeading("今天要家政保洁");
        await s.expectText(address);
        await s.press("免费报名", "signed up");
        await s.expectText("报名成功");
        await s.expectText("已报名,等雇主确认");

        await confirmApplicant(boss, posting, name, "录用");

        // The work was today; tomorrow the worker is asked whether they were paid.
        server.clock.advance(DAY_MS);
        await s.follow("我的", "my account");
        await s.follow("我报名的活", "my jobs");
        await s.expectText("工钱拿到了吗?");
        await s.press("拿到了", "answered paid");
        await s.expectText("好的,已记下");
        await s.expectText("工人说:工钱已拿到");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
        await boss.close();
      }
    });

    test(`${mode.name}: an employer asks for quotes, a worker offers one, the employer accepts it`, async () => {
      const employer = account(server, "employer:demo");
      const boss = await Session.open(browser, server, mode);
      const s = await Session.open(browser, server, mode);
      const title = mode.js ? "厨房下水道堵了,请报价" : "卫生间漏水,请师傅报价";
      const name = mode.js ? "孙师傅" : "钱师傅";
      try {
        await boss.login(employer.phone, employer.secret);
        if (mode.js) await boss.toggleBigText();
        await boss.follow("我要招工", "new posting form");
        await boss.fill("活的名称", title);
        await boss.select("工种", "管道疏通");
        await boss.choose("请工人报价(询价)");
        await boss.fill("要几个人", "1");
        await boss.fill("干什么活", "上门疏通,自带工具。");
        await boss.press("发布", "quote job published");
        await boss.expectText("已发布,工人现在能看到了");
        const posting = new URL(boss.page.url()).pathname;

        await registerWorker(s, name);
        await s.follow("找活干", "job list");
        await s.fill("关键词", "报价");
        await s.select("县(市、区)", YANLING);
        await s.press("找活", "search results");
        await s.followHref(posting, "quote job");
        await s.expectText("请工人报价");
        await s.press("报价并报名", "quote without a price");
        await s.expectText("请改正下面的问题");
        await s.fill("您的报价", "120");
        await s.fill("说明", "含材料,两小时干完");
        await s.press("报价并报名", "quote sent");
        await s.expectText("报名成功");

        await confirmApplicant(boss, posting, name, "选这个报价");
        await s.follow("我的", "my account");
        await s.follow("我报名的活", "my jobs");
        await s.expectText("已录用");
        await s.follow("用工记录", "hire record");
        await s.expectText("120 元(整个活的报价)");
        console.log(summary(boss));
        console.log(summary(s));
        boss.assertClean();
        s.assertClean();
      } finally {
        await s.close();
        await boss.close();
      }
    });
  }
}

test.run();
