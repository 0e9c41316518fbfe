// `npm run screenshots`: pictures of the key pages as a basic phone shows them
// (240×320, JavaScript off), in normal text and in 大字, saved as
// docs/screenshots/<page>-240.png and <page>-240-big.png. Uses Debian's
// Chromium (/usr/bin/chromium) and the demo data in a temp DB, like the
// browser tests; nothing is downloaded.
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cannotRun, launchBrowser, startServer, account, Session, type Server } from "../test/browser/harness.ts";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

interface Shot {
  name: string;
  /** Signed in as this demo account first, if any. */
  as?: string;
  /** Gets the session to the page. */
  go: (s: Session) => Promise<void>;
  /** Show the top of the page (the menu) instead of scrolling to the content. */
  top?: boolean;
}

const shots: Shot[] = [
  { name: "home", top: true, go: (s) => s.goto("/") },
  { name: "jobs", go: (s) => s.goto("/jobs?county=411024&q=%E4%BF%9D%E6%B4%81") },
  {
    name: "job",
    go: async (s) => {
      await s.goto("/jobs?county=411024&q=%E4%BF%9D%E6%B4%81");
      await s.page.locator("#rows .card h3 a").first().click();
      await s.page.waitForLoadState("load");
    },
  },
  { name: "login", go: (s) => s.goto("/login") },
  { name: "register", go: (s) => s.goto("/register") },
  { name: "hotline-status", go: (s) => s.goto("/hotline/status") },
  { name: "desk", as: "station:411024", go: (s) => s.goto("/desk") },
  { name: "monitoring", as: "city_admin", go: (s) => s.goto("/monitoring") },
];

async function main() {
  const why = cannotRun();
  if (why) {
    console.error(why.replace("browser tests SKIPPED", "screenshots not taken"));
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const [browser, server]: [Awaited<ReturnType<typeof launchBrowser>>, Server] = await Promise.all([launchBrowser(), startServer()]);
  try {
    for (const big of [false, true]) {
      for (const shot of shots) {
        const s = await Session.open(browser, server, { js: false, width: 240, height: 320, bigText: big, checks: false });
        try {
          if (shot.as) {
            const a = account(server, shot.as);
            await s.login(a.phone, a.secret);
          }
          await shot.go(s);
          // Straight to the content, as after the skip link: the menu is the same on every page.
          if (!shot.top) await s.page.evaluate(() => document.getElementById("main")?.scrollIntoView());
          const file = `${OUT}${shot.name}-240${big ? "-big" : ""}.png`;
          await s.page.screenshot({ path: file });
          console.log(`${file.slice(OUT.length - "docs/screenshots/".length)}  ${Math.round(statSync(file).size / 1024)} KB  ${s.path()}`);
        } finally {
          await s.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
