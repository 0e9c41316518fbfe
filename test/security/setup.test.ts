// Setup happens once. Regression for issue #16: using one setup link did not
// revoke the others, POST /setup never checked whether a city admin existed,
// and each restart before setup printed a new 24-hour link.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { setupLinkIfNeeded, newSetupLink } from "../../src/features/accounts/index.ts";
import { makeTestApp, addUser } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";

const form = (token: string, phone: string) => ({ token, name: "刘主任", phone, password: "a good password", password2: "a good password" });
const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

test("at most one setup link is live: a new one ends the one before", async () => {
  const t = await makeTestApp();
  try {
    const first = (await setupLinkIfNeeded(t.deps))!;
    const second = await newSetupLink(t.deps);
    assert.is((await t.client().get(pathOf(first))).status, 404, "the older link is dead");
    assert.is((await t.client().get(pathOf(second))).status, 200);
    const b = t.client();
    await b.get(pathOf(first));
    const r = await b.post(paths.accounts.setup, form(tokenOf(first), "13912345601"));
    assert.is(r.status, 404);
    const n = Number((await t.deps.database.client.execute("SELECT count(*) FROM users WHERE role = 'city_admin'")).rows[0][0]);
    assert.is(n, 0);
  } finally {
    t.close();
  }
});

test("a restart while a link is live prints no new link; after it expires, one new link", async () => {
  const t = await makeTestApp();
  try {
    assert.ok(await setupLinkIfNeeded(t.deps));
    assert.is(await setupLinkIfNeeded(t.deps), null, "restart: the printed link is still live, none minted");
    assert.ok(t.logs.some((l) => l.includes("setup_link_still_valid")), "the log says the printed link still works");
    const rows = Number((await t.deps.database.client.execute("SELECT count(*) FROM setup_tokens")).rows[0][0]);
    assert.is(rows, 1);
    t.clock.advance(25 * 3600_000);
    assert.ok(await setupLinkIfNeeded(t.deps), "expired: a new one");
  } finally {
    t.close();
  }
});

test("once a city admin exists, every link is dead: /setup says so, POST /setup writes nothing, no new link can be made", async () => {
  const t = await makeTestApp();
  try {
    const link = await newSetupLink(t.deps);
    const b = t.client();
    assert.is((await b.get(pathOf(link))).status, 200);
    // A city admin appears some other way while the link is live (another tab, the admin CLI, a second link).
    await addUser(t, { role: "city_admin", phone: "13912345600" });
    const page = await t.client().get(pathOf(link));
    assert.is(page.status, 404);
    assert.match(page.html, "市级管理员已经设置好了");
    const r = await b.post(paths.accounts.setup, form(tokenOf(link), "13912345602"));
    assert.is(r.status, 404);
    assert.match(r.html, "市级管理员已经设置好了");
    const n = Number((await t.deps.database.client.execute("SELECT count(*) FROM users WHERE role = 'city_admin'")).rows[0][0]);
    assert.is(n, 1, "no second city admin");
    let threw = false;
    await newSetupLink(t.deps).catch(() => (threw = true));
    assert.ok(threw, "newSetupLink refuses");
    assert.is(await setupLinkIfNeeded(t.deps), null);
  } finally {
    t.close();
  }
});

test.run();
