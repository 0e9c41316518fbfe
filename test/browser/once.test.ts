// One submission, one record, in a real browser: someone reports unpaid wages
// from the home page by links only, gets a case number, presses Back and sends
// the form again (two identical POSTs at once are covered through
// app.request in test/shared/once.test.ts). The second answer is the same receipt with the same number, and no second case
// is written. The same journey types its numbers as a Chinese keyboard does:
// a landline with area code and extension, and "450元" full-width.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { count } from "drizzle-orm";
import { chromiumOrSkip, shareBrowserAndServer, Session, MODES, summary, type Server } from "./harness.ts";
import { hotlineCases } from "../../db/schema/index.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  const cases = async () => (await server.deps.database.db.select({ n: count() }).from(hotlineCases))[0].n;

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: a report sent again after Back is the same case, not a new one`, async () => {
      const s = await Session.open(browser, server, mode);
      try {
        await s.goto("/", "home");
        if (mode.js) await s.toggleBigText();
        await s.follow(/投诉求助/, "hotline page");
        await s.follow("在网上反映问题", "report form");
        await s.select("遇到了什么问题", "欠薪");
        await s.fill("发生了什么", "在苗圃干了三天活,说好一天 150 元,老板一直不给钱。");
        await s.fill("欠了多少钱", "４５０元");
        await s.fill("电话", mode.js ? "0374 6123456-8" : "（０３７４）６１２３４５７");
        await s.select("在哪个县", "鄢陵县");
        const before = await cases();
        await s.press("提交", "report received");
        await s.expectHeading("已收到您的反映");
        const number = (await s.page.locator(".case-no").textContent())!.trim();
        assert.is(await cases(), before + 1, "one case");

        // Back to the form: the browser fetches it anew (a new key) and puts back what was typed.
        await s.page.goBack();
        await s.landed("back to the sent form");
        assert.is(await s.field("发生了什么", "text").inputValue(), "在苗圃干了三天活,说好一天 150 元,老板一直不给钱。", "the form comes back filled in");
        await s.press("提交", "the same report sent again");
        await s.expectHeading("已收到您的反映");
        assert.is((await s.page.locator(".case-no").textContent())!.trim(), number, "the same case number");
        assert.is(await cases(), before + 1, "still one case");

        const [stored] = await server.deps.database.db.select().from(hotlineCases).orderBy(hotlineCases.id).limit(1).offset(before);
        assert.equal([stored.callerPhone, stored.amountOwedFen], [mode.js ? "0374-6123456-8" : "0374-6123457", 45000]);

        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }
}

test.run();
