// In a real browser: the shell and the account pages (home, 大字, login with a
// wrong and a right password, my account, the admin's staff accounts, the
// first-run setup link), each walked with JavaScript off on a 240px screen and
// with JavaScript on at 360px in 大字; and the login form used with the
// keyboard only.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, startServer, account, Session, MODES, summary, type Server } from "./harness.ts";
import { newSetupLink } from "../../src/features/accounts/index.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: the city admin signs in, adds a station staff account and signs out`, async () => {
      const s = await Session.open(browser, server, mode);
      try {
        await s.goto("/", "home");
        if (mode.big) {
          await s.toggleBigText();
          assert.ok(await s.big, "大字 link switches large text on");
        }
        await s.follow("登录", "login");
        await s.expectHeading("登录");

        const admin = account(server, "city_admin");
        await s.fill("手机号", admin.phone);
        await s.fill("密码", "wrong-password-1");
        await s.press("登录", "login refused");
        await s.expectText("手机号或密码不对");

        await s.fill("密码", admin.secret);
        await s.press("登录", "after login");
        await s.goto("/me", "my account");
        await s.expectHeading("我的账号");
        await s.expectText("市级管理员");

        await s.goto("/admin/accounts", "staff accounts");
        await s.follow("新建账号", "new account form");
        await s.press("提交", "new account with errors");
        await s.expectText("请改正下面的问题");

        const phone = mode.js ? "13900001112" : "13900001111";
        await s.select("身份", "驿站工作人员");
        await s.fill("姓名", mode.js ? "钱站长" : "孙站长");
        await s.fill("手机号", phone);
        await s.select(/所属市场或驿站/, (await s.page.locator("#f-marketId option").nth(1).textContent())!.trim());
        await s.fill("登录密码", "station-pass-1");
        await s.fill("再输一次密码", "station-pass-1");
        await s.press("提交", "account created");
        await s.expectText("账号已建好");
        await s.expectText(mode.js ? "钱站长" : "孙站长");

        await s.press(/^(退出|换人登录)$/, "signed out");
        await s.expectText("您已退出登录");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });

    test(`${mode.name}: the one-time setup link creates the first city admin`, async () => {
      // A fresh instance: once a city admin exists, no setup link can be made (issue #16).
      const fresh = await startServer({ empty: true });
      const s = await Session.open(browser, fresh, { ...mode, bigText: mode.big });
      try {
        const link = new URL(await newSetupLink(fresh.deps));
        await s.goto(link.pathname + link.search, "setup");
        await s.expectHeading("设置第一个市级管理员");
        await s.fill("姓名", "新主任");
        await s.fill("手机号", mode.js ? "13900002222" : "13900002221");
        await s.fill("登录密码", "first-admin-1");
        await s.fill("再输一次密码", "first-admin-2");
        await s.press("提交", "setup with mismatched passwords");
        await s.expectText("两次输入的密码不一样");
        await s.fill("登录密码", "first-admin-1");
        await s.fill("再输一次密码", "first-admin-1");
        await s.press("提交", "setup done");
        await s.expectText("设置完成,请登录");
        await s.goto(link.pathname + link.search, "setup link used twice");
        await s.expectText("市级管理员已经设置好了,所有设置链接都已失效");
        s.assertClean();
      } finally {
        await s.close();
        await fresh.close();
      }
    });

    test(`${mode.name}: keyboard only — tab through the login form, focus always visible, submit with Enter`, async () => {
      const s = await Session.open(browser, server, { ...mode, bigText: mode.big });
      try {
        await s.goto("/login", "login");
        const admin = account(server, "staff:411024");
        const page = s.page;
        const seen: string[] = [];
        // Tab from the top of the page until the phone field has focus; every stop must show an outline.
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press("Tab");
          const f = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || el === document.body) return null;
            const st = getComputedStyle(el);
            const r = el.getBoundingClientRect();
            return {
              id: el.id,
              what: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent ?? "").trim().slice(0, 12)}"`,
              outline: st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2,
              onScreen: r.right > 0 && r.bottom > 0 && r.left < innerWidth,
            };
          });
          assert.ok(f, "Tab moves focus to an element");
          seen.push(f!.what);
          assert.ok(f!.outline, `focus outline visible on ${f!.what}`);
          assert.ok(f!.onScreen, `focused element is on screen: ${f!.what}`);
          if (f!.id === "f-phone") break;
        }
        assert.ok(seen[0].includes("跳到正文"), `the first Tab stop is the skip link, got ${seen[0]}`);
        assert.is(await page.evaluate(() => document.activeElement?.id), "f-phone", `reached the phone field: ${seen.join(" → ")}`);
        await page.keyboard.type(admin.phone);
        await page.keyboard.press("Tab");
        assert.is(await page.evaluate(() => document.activeElement?.id), "f-secret");
        await page.keyboard.type(admin.secret);
        await page.keyboard.press("Enter");
        await page.waitForURL((u) => u.pathname !== "/login");
        await page.waitForLoadState("load");
        assert.match(await page.locator("header").textContent() ?? "", /您好/);
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }
}

test.run();
