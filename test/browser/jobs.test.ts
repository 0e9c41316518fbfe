// Journeys of the gig market in a real browser, each walked twice: with
// JavaScript off on a 240×320 phone, and with JavaScript on at 360×640 in 大字
// (see MODES in harness.ts). Every page reached is checked (axe, text size,
// target size, no sideways scrolling, 14 KB).
//
//   1. A worker registers, finds today's 家政保洁 job in 鄢陵县 by the keyword
//      保洁, signs up, and after the work answers "paid".
//   2. A household employer registers, staff verify them, they post a quick
//      job (即时快招) and confirm the worker who signed up.
//   3. An employer asks for quotes, a worker offers one, the employer accepts it.
//
// Steps a journey is not about (the other side of it) run in a second browser
// with the checks off, through the same pages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, launchBrowser, startServer, account, Session, MODES, summary, type Mode, type Server } from "./harness.ts";
import { DAY_MS } from "../../src/shared/clock.ts";
import { completeResidentId } from "../../src/features/employers/index.ts";

const YANLING = "鄢陵县";

let phoneSeq = 0;
/** A fresh mobile number per call (the demo data uses 138…). */
const newPhone = () => `1370000${String(1000 + ++phoneSeq).slice(-4)}`;

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  test.before(async () => {
    try {
      [browser, server] = await Promise.all([launchBrowser(), startServer()]);
    } catch (e) {
      console.error("browser test setup failed:", e); // uvu would not say why
      throw e;
    }
  });
  test.after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A second person's browser for the other side of a journey: same pages, checks off. */
  const helper = (mode: Mode) => Session.open(browser, server, { ...mode, bigText: false, checks: false });

  /** An employer posts a 即时快招 through the five-field form; returns the posting's path. */
  async function postQuickJob(s: Session, o: { kind: string; wage: string; address: string; phone: string }) {
    await s.goto("/jobs/quick", "quick hire form");
    await s.select("工种", o.kind);
    await s.fill("要几个人", "1");
    await s.fill("每天工钱", o.wage);
    await s.select("县(市、区)", YANLING);
    await s.fill("详细地址", o.address);
    await s.fill("联系电话", o.phone);
    await s.press("马上发布", "quick job published");
    await s.expectText("已发布,工人现在能看到了");
    return new URL(s.page.url()).pathname;
  }

  /** The employer confirms (or accepts the quote of) the applicant with this name. */
  async function confirmApplicant(s: Session, postingPath: string, workerName: string, button: "录用" | "选这个报价") {
    await s.goto(postingPath, "own posting");
    await s.follow(/^报名的人/, "applicants");
    await s.page.locator("tr", { hasText: workerName }).getByRole("button", { name: button, exact: true }).click();
    await s.landed("applicant confirmed");
    await s.expectText("已录用,工人会收到通知");
  }

  async function registerWorker(s: Session, name: string) {
    const phone = newPhone();
    await s.goto("/", "home");
    if (s.opts.js && !(await s.big)) await s.toggleBigText();
    await s.follow("登录", "login");
    await s.follow("工人注册", "worker registration");
    await s.fill("手机号", phone);
    await s.fill("姓名", name);
    await s.fill("密码", "1357");
    await s.fill("再输一次密码", "1357");
    await s.press("注册", "registration refused");
    await s.expectText("请改正下面的问题");
    await s.fill("密码", "135790");
    await s.fill("再输一次密码", "135790");
    await s.press("注册", "registered");
    await s.expectText("注册成功");
    return phone;
  }

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

    test(`${mode.name}: a household employer registers, is verified by staff, posts a quick job and confirms a worker`, async () => {
      const s = await Session.open(browser, server, mode);
      const staff = await helper(mode);
      const worker = await helper(mode);
      const phone = newPhone();
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
        await s.press("注册", "registered, waiting for review");
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
