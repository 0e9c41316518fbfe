// Journey 7 in a real browser, walked with JavaScript off at 240×320 and with
// JavaScript on at 360×640 in 大字 (MODES in harness.ts); every page reached
// is checked: the city admin opens the monitoring page (供需监测), narrows it
// to one county, then opens the 十个一 checklist and one county's progress.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, account, Session, MODES, summary, type Server } from "./harness.ts";

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;

  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  for (const mode of Object.values(MODES)) {
    test(`${mode.name}: the city admin opens the monitoring page and the 十个一 checklist`, async () => {
      const s = await Session.open(browser, server, mode);
      try {
        const admin = account(server, "city_admin");
        await s.login(admin.phone, admin.secret);
        if (mode.js) await s.toggleBigText();
        await s.goto("/me", "my account");
        await s.follow("供需监测", "monitoring");
        await s.expectHeading("供需监测");
        await s.select("范围", "鄢陵县(全县)");
        await s.press("查看", "monitoring for one county");
        assert.match(await s.field("范围", "select").evaluate((el) => (el as HTMLSelectElement).selectedOptions[0].text), "鄢陵县", "the chosen county is kept");
        await s.expectText("每天明细");

        await s.goto("/me", "my account");
        await s.follow("「十个一」建设进度", "十个一 checklist");
        await s.expectHeading("「十个一」建设进度");
        await s.follow("鄢陵县", "one county's 十个一");
        await s.expectHeading("鄢陵县「十个一」");
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.close();
      }
    });
  }
}

test.run();
