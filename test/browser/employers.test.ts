// Journey 2 in a real browser, walked with JavaScript off at 240×320 and with
// JavaScript on at 360×640 in 大字 (MODES in harness.ts); every page reached
// is checked: a household employer registers (the 用工承诺书 first refused
// unticked), station staff verify them, they post a quick job (即时快招) and
// confirm the worker who signed up. The staff member and the worker are second
// browsers with the checks off (their pages are checked in other journeys).
import { test } from "uvu";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Mode, type Server } from "./harness.ts";
import { completeResidentId } from "../../src/features/employers/index.ts";
import { YANLING, newPhone, postQuickJob, confirmApplicant } from "./market.ts";
import { enterSmsCode } from "./market.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  /** A second person's browser for the other side of a journey: same pages, checks off. */
  const helper = (mode: Mode) => Session.open(browser, server, { ...mode, bigText: false, checks: false });

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: a household employer registers, is verified by staff, posts a quick job and confirms a worker`, async () => {
      const s = await Session.open(browser, server, mode);
      const staff = await helper(mode);
      const worker = await helper(mode);
      const phone = newPhone("1360000");
      const name = mode.js ? "周建国" : "吴志强";
      try {
        await s.goto("/", "home");
        if (mode.js) await s.toggleBigText();
        await s.follow("登录", "login");
        await s.follow("雇主注册", "employer registration");
        await s.choose("个人雇主");
        await s.fill("单位名称或本人姓名", name);
        await s.fill("身份证号", completeResidentId(`41102419${mode.js ? "66" : "70"}0315${mode.js ? "123" : "456"}`));
        await s.select("所在县(市、区)", YANLING);
        await s.fill("地址", "只乐镇东街 12 号");
        await s.fill("手机号(登录用)", phone);
        await s.fill("登录密码", "household-2026");
        await s.fill("再输一次密码", "household-2026");
        await s.press("注册", "registration without the pledge");
        await s.expectText("个人雇主必须同意《用工承诺书》");
        await s.fill("登录密码", "household-2026");
        await s.fill("再输一次密码", "household-2026");
        await s.choose("同意");
        await s.press("注册", "code page");
        await enterSmsCode(s, phone, "registered, waiting for review");
        await s.expectText("注册成功,请等待工作人员审核");

        // Station staff of 鄢陵县 verify the new employer.
        const desk = account(server, "staff:411024");
        await staff.login(desk.phone, desk.secret);
        await staff.goto("/staff/employers", "verification queue");
        await staff.follow(name, "employer record");
        await staff.press("审核通过", "verified");
        await staff.expectText("已认证");

        await s.goto("/employer", "employer home");
        await s.expectText("已认证");
        await s.follow("即时快招", "quick hire form");
        await s.press("马上发布", "quick hire with errors");
        await s.expectText("请改正下面的问题");
        const posting = await postQuickJob(s, { kind: "搬运装卸", wage: "180", address: "只乐镇东街 12 号", phone });
        await s.expectHeading("今天要搬运装卸");

        // A worker signs up for it.
        const w = account(server, "worker:demo");
        await worker.login(w.phone, w.secret);
        await worker.goto(posting, "the quick job");
        await worker.press("免费报名", "signed up");
        await worker.expectText("报名成功");
        const workerName = (await worker.page.locator("header .who span").first().textContent())!.replace(/^您好,/, "").trim();

        await confirmApplicant(s, posting, workerName, "录用");
        await s.follow("用工记录", "hire record");
        await s.expectText("已确认,等上工");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
        await staff.close();
        await worker.close();
      }
    });
  }
}

test.run();
