// Journeys of issue 17 in a real browser, from the home page by links only:
//
//   1. JS off, 240×320: a household employer presses 我要招工 signed out,
//      reads the steps, registers, posts a quick job while waiting for review
//      (kept as a draft, "审核通过后自动公开"); staff verify her (1280×800,
//      JavaScript on, through the desk's 雇主审核); she opens her message and
//      its link leads to her job, now public, which a visitor finds in 找活干.
//   2. 1280×800, JavaScript on: a county admin signs in and reaches every tool
//      of hers from the greeting's 我的工作台: 供需监测, 市场和驿站管理, 十个一,
//      系统状态, 工作人员账号, 注销工人 — and the desk links 登记来电.
//
// The per-role reachability crawl (every page the authorization table allows
// each role, by links from /) is test/browser/reach.*.test.ts in Chromium (one
// of each kind of role), and test/security/reach.test.ts at route level
// (all eleven roles, through app.request).
import { test } from "uvu";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "./harness.ts";
import { completeResidentId } from "../../src/features/employers/index.ts";
import { YANLING, newPhone, enterSmsCode } from "./market.ts";

/** Staff work at the station PC. */
const DESKTOP = { js: true, width: 1280, height: 800, big: false, name: "JS on 1280×800" } as const;

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;
  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  test(`${MODES.basic.name}: a household employer's job posted before review goes public when staff verify her, and her message links to it`, async () => {
    const s = await Session.open(browser, server, MODES.basic);
    const staff = await Session.open(browser, server, DESKTOP);
    const visitor = await Session.open(browser, server, { ...MODES.basic, checks: false });
    const phone = newPhone("1361000");
    const name = "孙玉梅";
    try {
      // 我要招工, signed out: the steps come first.
      console.log("journey 1: start");
      await s.goto("/", "home");
      await s.follow("我要招工", "employer steps");
      await s.expectHeading("我要招工");
      await s.expectText("先注册雇主账号");
      await s.follow("雇主注册", "employer registration");
      await s.choose("个人雇主");
      await s.fill("单位名称或本人姓名", name);
      await s.fill("身份证号", completeResidentId("41102419720408345"));
      await s.select("所在县(市、区)", YANLING);
      await s.fill("地址", "陶城镇南街 3 号");
      await s.fill("手机号(登录用)", phone);
      await s.fill("登录密码", "household-2027");
      await s.fill("再输一次密码", "household-2027");
      await s.choose("同意");
      await s.press("注册", "code page");
      await enterSmsCode(s, phone, "registered, waiting for review");
      await s.expectText("注册成功,请等待工作人员审核");

      // While pending she posts a quick job: kept as a draft, to go public on verification.
      await s.follow("即时快招", "quick hire form");
      await s.select("工种", "家政保洁");
      await s.fill("要几个人", "1");
      await s.fill("每天工钱", "150");
      await s.select("县(市、区)", YANLING);
      await s.fill("详细地址", "陶城镇南街 3 号");
      await s.fill("联系电话", phone);
      await s.press("马上发布", "saved as a draft");
      await s.expectText("审核通过后,这条招工会自动公开");
      const posting = new URL(s.page.url()).pathname;

      // Staff at the station PC verify her, by links from the home page.
      const desk = account(server, "staff:411024");
      console.log("journey 1: staff");
      await staff.goto("/", "home");
      await staff.follow("登录", "login");
      await staff.fill("手机号", desk.phone);
      await staff.fill("密码", desk.secret);
      await staff.press("登录", "desk");
      await staff.follow("雇主审核", "verification queue");
      await staff.follow(name, "employer record");
      await staff.press("审核通过", "verified");
      await staff.expectText("已认证");

      // She opens her messages from her own page and follows the link to the job, now public.
      console.log("journey 1: her messages");
      await s.goto("/", "home");
      await s.follow("我的", "my page");
      await s.follow(/^我的消息/, "inbox");
      await s.expectText("已自动公开");
      await s.followHref(posting, "her job, public");
      await s.expectHeading("今天要家政保洁");
      await s.expectText("招工中");

      // A visitor finds it in 找活干 (today's work first).
      console.log("journey 1: visitor");
      await visitor.goto("/", "home");
      await visitor.follow("找活干", "job list");
      await visitor.follow("只看今天有活", "today's work");
      await visitor.fill("关键词", "陶城镇南街");
      await visitor.press("找活", "search results");
      await visitor.expectText(/找到 \d+ 个活/);
      await visitor.followHref(posting, "the job");
      await visitor.expectHeading("今天要家政保洁");
      console.log(summary(s));
      console.log(summary(staff));
      s.assertClean();
      staff.assertClean();
    } finally {
      await s.close();
      await staff.close();
      await visitor.close();
    }
  });

  test(`${DESKTOP.name}: a county admin reaches every tool of hers from the greeting's 我的工作台, by links only`, async () => {
    const s = await Session.open(browser, server, DESKTOP);
    const admin = account(server, "county_admin:411024");
    try {
      await s.goto("/", "home");
      await s.follow("登录", "login");
      await s.fill("手机号", admin.phone);
      await s.fill("密码", admin.secret);
      await s.press("登录", "after login");
      const workbench = async () => s.follow(/我的工作台/, "my workbench");
      const tools: [string | RegExp, string][] = [
        ["供需监测", "供需监测"],
        ["市场和驿站管理", "市场和驿站管理"],
        ["「十个一」建设进度", "十个一"],
        ["系统状态", "系统状态"],
        ["工作人员账号", "工作人员账号"],
        ["注销工人(删除个人信息)", "注销工人"],
      ];
      for (const [link, heading] of tools) {
        await workbench();
        await s.follow(link, heading);
        await s.expectHeading(heading);
      }
      // The desk links to logging a hotline call and back to all tools.
      await s.follow("驿站工作台", "desk");
      await s.follow("登记来电", "log a call");
      await s.expectText("来电");
      await s.follow("驿站工作台", "desk again");
      await s.follow("全部工具", "all tools");
      await s.expectText("供需监测");
      console.log(summary(s));
      s.assertClean();
    } finally {
      await s.close();
    }
  });

  test.run();
}
