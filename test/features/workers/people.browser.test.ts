// In a real browser, with JavaScript off on a 240px screen and on at 360px in
// 大字: a worker registers, fills in the profile and publishes a card; a
// private employer registers, station staff verify it, and the employer then
// sees full phone numbers on 找工人. Every page is checked by the harness
// (axe, text size, target size, weight).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "../../browser/harness.ts";
import { enterSmsCode } from "../../browser/market.ts";
import { completeResidentId } from "../../../src/features/employers/index.ts";
import { paths } from "../../../src/paths.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  for (const mode of Object.values(MODES)) {
    const n = mode.js ? 2 : 1;

    test(`${mode.name}: a worker registers, fills in the profile and publishes a card`, async () => {
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.goto(paths.workers.register, "worker registration");
        await s.expectHeading("工人注册");
        await s.fill("手机号", `1371111000${n}`);
        await s.fill("姓名", mode.js ? "刘桂兰" : "何秀兰");
        await s.fill("密码(6 位数字)", "482915");
        await s.fill("再输一次密码", "482916");
        await s.press("注册", "registration with mismatched PINs");
        await s.expectText("两次输入的密码不一样");
        await s.fill("密码(6 位数字)", "482915");
        await s.fill("再输一次密码", "482915");
        await s.press("注册", "code page");
        await enterSmsCode(s, `1371111000${n}`, "profile after registration");
        await s.expectHeading("我的资料");

        await s.fill("出生年份", "1967");
        await s.choose("女");
        await s.select("住在哪个县", "鄢陵县");
        await s.select("乡镇(街道)", "鄢陵县 马栏镇");
        await s.choose("花木养护");
        await s.choose("周一");
        await s.fill("期望工钱(元)", "abc");
        await s.press("保存", "profile with a bad wage");
        await s.expectText("期望工钱(元)请填金额");
        await s.fill("期望工钱(元)", "130");
        await s.select("工钱怎么算", "按天");
        await s.press("保存", "profile saved");
        await s.expectText("资料已保存");

        await s.goto(paths.workers.cards, "my cards");
        await s.follow("发布求职信息", "new card");
        await s.select("会干什么活", "花木养护");
        await s.fill("补充说明", "会修剪、打药,有三轮车");
        await s.press("发布", "card published");
        await s.expectText("求职信息已发布");

        await s.goto(paths.workers.list, "find workers");
        await s.expectText("会修剪、打药,有三轮车");
        await s.goto(paths.accounts.me, "my account");
        await s.follow(/^我的消息/, "inbox");
        await s.expectHeading("我的消息");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: a private employer registers, staff verify, the employer sees full numbers`, async () => {
      const employer = await Session.open(browser, server, { ...mode, bigText: mode.big });
      const staff = await Session.open(browser, server, { ...mode, bigText: mode.big });
      const name = mode.js ? "魏长顺" : "贾长顺";
      try {
        await employer.goto(paths.employers.register, "employer registration");
        await employer.expectHeading("雇主注册");
        await employer.choose("个人雇主");
        await employer.fill("单位名称或本人姓名", name);
        await employer.fill("身份证号", completeResidentId(`41102419700${n}15123`));
        await employer.select("所在县(市、区)", "鄢陵县");
        await employer.fill("手机号(登录用)", `1372222000${n}`);
        await employer.fill("登录密码", "huamu-boss-1");
        await employer.fill("再输一次密码", "huamu-boss-1");
        await employer.press("注册", "registration without the pledge");
        await employer.expectText("个人雇主必须同意《用工承诺书》");
        await employer.fill("登录密码", "huamu-boss-1");
        await employer.fill("再输一次密码", "huamu-boss-1");
        await employer.choose("同意");
        await employer.press("注册", "code page");
        await enterSmsCode(employer, `1372222000${n}`, "employer home, pending");
        await employer.expectText("待审核");

        const clerk = account(server, "staff:411024");
        await staff.goto(`${paths.accounts.login}?next=${encodeURIComponent(paths.employers.queue)}`, "login");
        await staff.fill("手机号", clerk.phone);
        await staff.fill("密码", clerk.secret);
        await staff.press("登录", "verification queue");
        await staff.expectHeading("雇主审核");
        await staff.follow(name, "employer record");
        await staff.press("查看完整身份证号", "ID number revealed");
        await staff.expectText("完整身份证号");
        await staff.press("审核通过", "verified");
        await staff.expectText(`已认证:${name}`);

        await employer.goto(paths.employers.home, "employer home, verified");
        await employer.expectText("已认证");
        await employer.goto(`${paths.workers.list}?county=411024`, "find workers as a verified employer");
        const tel = await employer.page.locator("main a[href^='tel:']").count();
        assert.ok(tel > 0, "full numbers as tel: links");
        console.log(summary(employer));
        console.log(summary(staff));
        employer.assertClean();
        staff.assertClean();
      } finally {
        await employer.close();
        await staff.close();
      }
    });
  }
}

test.run();
