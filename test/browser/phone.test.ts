// Phone codes in a real browser, each journey twice (MODES: JS off at 240×320,
// JS on at 360×640 in 大字). The code is read the way the person gets it: the
// newest text to her number in the SMS outbox of the real DB file.
//
//   1. 王阿姨 signs up for a job without an account (name, phone, code), sets
//      no PIN; later, on another phone, she checks her result from the login
//      page with phone + code and sees she was hired.
//   2. A worker who forgot her PIN sets a new one by code (a weak one first).
// (Registration with a code: jobs.test.ts, employers.test.ts; training sign-up
// without an account with a code: training.test.ts.)
import { test } from "uvu";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Mode, type Server } from "./harness.ts";
import { postQuickJob, confirmApplicant, registerWorker, enterSmsCode, newPhone } from "./market.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  const helper = (mode: Mode) => Session.open(browser, server, { ...mode, bigText: false, checks: false });

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: 王阿姨 signs up for a job without an account by code, and later checks her result with phone + code, no PIN`, async () => {
      const employer = account(server, "employer:demo");
      const boss = await helper(mode);
      const s = await Session.open(browser, server, mode);
      const later = await Session.open(browser, server, mode);
      const phone = newPhone("1355500");
      const name = mode.js ? "王桂英" : "王秀芝";
      try {
        await boss.login(employer.phone, employer.secret);
        const posting = await postQuickJob(boss, { kind: "家政保洁", wage: "150", address: `马栏镇${mode.js ? "东" : "西"}街 6 号`, phone: employer.phone });

        await s.goto("/", "home");
        if (mode.js) await s.toggleBigText();
        await s.follow("找活干", "job list");
        await s.followHref(posting, "job detail");
        await s.fill("姓名", name);
        await s.fill("手机号", phone);
        await s.press("免费报名", "code page");
        await enterSmsCode(s, phone, "signed up, account made");
        await s.expectText("报名成功");
        await s.expectText("已报名,等雇主确认");

        await confirmApplicant(boss, posting, name, "录用");

        // Hours later, on her daughter's phone: no PIN was ever set.
        server.clock.advance(3 * 3600_000);
        await later.goto("/", "home");
        if (mode.js) await later.toggleBigText();
        await later.follow("登录", "login");
        await later.follow("查报名结果(不用密码)", "check results");
        await later.fill("手机号", phone);
        await later.press("发验证码", "code page");
        await enterSmsCode(later, phone, "my sign-ups");
        await later.expectText("验证成功");
        await later.expectText("已录用");
        console.log(summary(s));
        console.log(summary(later));
        s.assertClean();
        later.assertClean();
      } finally {
        await s.close();
        await later.close();
        await boss.close();
      }
    });

    test(`${mode.name}: a worker who forgot her PIN sets a new one by code`, async () => {
      const first = await helper(mode);
      const s = await Session.open(browser, server, mode);
      try {
        const phone = await registerWorker(first, mode.js ? "陈月娥" : "陈桂香");
        // Some days later (a code to the same number waits at least a minute anyway).
        server.clock.advance(2 * 24 * 3600_000);
        await s.goto("/", "home");
        if (mode.js) await s.toggleBigText();
        await s.follow("登录", "login");
        await s.follow("忘记密码", "forgot PIN");
        await s.fill("手机号", phone);
        await s.press("发验证码", "code page");
        await enterSmsCode(s, phone, "new PIN form");
        await s.expectHeading("设新密码");
        await s.fill("新密码", "654321");
        await s.fill("再输一次新密码", "654321");
        await s.press("保存新密码", "weak PIN refused");
        await s.expectText("连着的数字");
        await s.fill("新密码", "582047");
        await s.fill("再输一次新密码", "582047");
        await s.press("保存新密码", "PIN reset, signed in");
        await s.expectText("新密码已设好");
        const again = await helper(mode);
        try {
          await again.login(phone, "582047");
          await again.expectHeading("我的账号");
        } finally {
          await again.close();
        }
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
        await first.close();
      }
    });
  }
}

test.run();
