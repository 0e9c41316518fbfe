// Content first on a basic phone (issue 17, house rule 3): at 240×320 with
// JavaScript off, a page's own content starts on the first screen, the full
// menu is below it (one link at the top leads there, and the number keys still
// work), a search's first result is on the first screen, and a job page offers
// "我要报名" on the first screen. Measured in the real browser, normal and 大字;
// the y-positions are printed so a change can be compared (the closing
// note quotes them).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Browser } from "playwright-core";
import { chromiumOrSkip, shareBrowserAndServer, Session, MODES, summary, type Server } from "./harness.ts";

const SCREEN = MODES.basic.height;

if (chromiumOrSkip()) {
  let browser: Browser;
  let server: Server;
  shareBrowserAndServer((b, s) => ([browser, server] = [b, s]));

  /** Top of the first element matching the selector, in CSS px from the top of the page (null when absent). */
  const topOf = (s: Session, selector: string) =>
    s.page.evaluate((sel) => {
      const el = document.querySelector(sel);
      return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
    }, selector);

  for (const bigText of [false, true]) {
    const name = bigText ? "大字" : "normal text";
    test(`JS off 240×320, ${name}: search results, a job's 我要报名 and each page's heading start on the first screen; the menu is one link away`, async () => {
      const s = await Session.open(browser, server, { ...MODES.basic, bigText });
      try {
        await s.goto("/", "home");
        const h1Home = await topOf(s, "main h1");
        // The menu is below the content, one link at the top leads to it.
        const menuTop = await topOf(s, "nav.menu-nav");
        const mainTop = await topOf(s, "main");
        assert.ok(menuTop !== null && mainTop !== null && menuTop > mainTop, `the menu (${menuTop}) comes after the content (${mainTop})`);
        await s.follow("菜单", "menu link");
        assert.ok(s.page.url().endsWith("#menu"), s.page.url());

        // A search from the job list: the first result is on the first screen.
        await s.follow("找活干", "job list");
        await s.fill("关键词", "保洁");
        await s.press("找活", "search results");
        const firstResult = await topOf(s, "#rows .cards > li");
        // The number keys still reach the menu (accesskey 1 = 找活干).
        const key1 = await s.page.locator('a[accesskey="1"]').getAttribute("href");
        assert.is(key1, "/jobs");

        // A job page: 我要报名 is on the first screen.
        await s.page.locator("#rows .cards > li a").first().click();
        await s.landed("job page");
        const signUp = await topOf(s, "main a.signup-jump");
        const firstField = await topOf(s, "#signup input:not([type=hidden]), #signup button");
        const h1Job = await topOf(s, "main h1");

        console.log(
          `first screen (${name}, 240×320, JS off): home h1 at ${h1Home}px; menu at ${menuTop}px; ` +
            `first search result at ${firstResult}px; job page h1 at ${h1Job}px, 我要报名 at ${signUp}px, first field of the sign-up form at ${firstField}px`,
        );
        assert.ok(h1Home !== null && h1Home < SCREEN, `home heading at ${h1Home}px`);
        assert.ok(firstResult !== null && firstResult < SCREEN, `first search result at ${firstResult}px`);
        assert.ok(h1Job !== null && h1Job < SCREEN, `job heading at ${h1Job}px`);
        assert.ok(signUp !== null && signUp < SCREEN, `我要报名 at ${signUp}px`);
        // The link leads to the form.
        await s.page.locator("main a.signup-jump").first().click();
        assert.ok(s.page.url().endsWith("#signup"), s.page.url());
        console.log(summary(s));
        s.assertClean();
      } finally {
        await s.context.close();
      }
    });
  }

  test.run();
}
