// Headers and personal data on every page the app has, as each of eleven roles:
// a CSP without inline script and with frame-ancestors 'none'; no-store on
// everything a signed-in user is shown; full phone and ID numbers only where
// the viewer needs them (the list below says where, and why); no phone or ID
// number in any link, form action or redirect; none in the app's logs; the
// audit log records logins, reveals and acts on someone's behalf, and cannot
// be changed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildWorld, freshCopy, appRoutes, urlFor, owners, roleKeys, roleNames, P, ID, X, PASSWORD, idFor, type World, type RoleKey } from "./world.ts";
import { Browser } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";

let w: World;
const pages: { route: string; role: RoleKey; status: number; html: string; headers: Headers }[] = [];

test.before(async () => {
  w = await buildWorld();
  for (const { method, path } of appRoutes(w.t.app)) {
    if (method !== "GET") continue;
    const url = urlFor(path, w.ids);
    for (const role of roleKeys) {
      const r = await w.agents[role].get(url);
      pages.push({ route: path, role, status: r.status, html: r.html, headers: r.headers });
    }
  }
});
test.after(() => w?.close());

const PHONE = /(?<![\d])1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const STAFF: RoleKey[] = ["sA", "sB", "sC", "aX", "aY", "city"];
const STAFF_X: RoleKey[] = ["sA", "aX", "city"];
/** Staff of any market in county X (sC: market C, market A's same-county neighbour), X's admin, the city. */
const STAFF_COUNTY_X: RoleKey[] = ["sA", "sC", "aX", "city"];

/** Numbers printed as examples in hints ("例如 13812345678"): nobody's. */
const examples = new Set(["13812345678"]);

/**
 * Where a full phone or ID number of someone other than the viewer is shown,
 * to whom, and why. Anything else found on a page fails the test.
 */
const shownInFull: { routes: string[]; whose: string[]; to: RoleKey[]; why: string }[] = [
  { routes: ["/admin/accounts"], whose: ["sA", "sB", "sC", "aX", "aY", "city"], to: ["aX", "aY", "city"], why: "a staff account's phone is its login name; admins manage the accounts" },
  { routes: ["/desk/workers/:id"], whose: ["w1"], to: STAFF_COUNTY_X, why: "the desk's record of a worker in its county: staff call them (the ID number stays masked until a logged reveal)" },
  { routes: ["/desk/priority"], whose: ["w1", "w2"], to: STAFF, why: "the help queue of the desk's own county: staff call the people waiting longest" },
  { routes: ["/hotline/call-list"], whose: ["w1"], to: STAFF_X, why: "workers without a phone of their own are asked by staff whether they were paid" },
  { routes: ["/hires/:id", "/hires/:id/print"], whose: ["w1", "e1"], to: ["w1", "e1", ...STAFF_COUNTY_X], why: "a confirmed hire: each side gets the other's number; staff opening it is audited (hire.view, hire.print)" },
  { routes: ["/jobs/:id"], whose: ["e1"], to: STAFF_COUNTY_X, why: "staff of the posting's county see its contact phone; audited (posting.view)" },
  { routes: ["/staff/employers/:id"], whose: ["e1"], to: STAFF_COUNTY_X, why: "verification: staff of the employer's county call the employer (the ID number stays masked until a logged reveal)" },
  { routes: ["/staff/fairs/:id"], whose: ["e1"], to: STAFF_X, why: "a fair's bookings: the market's staff call the employers who booked" },
  { routes: ["/workers"], whose: ["w1", "w2"], to: ["e1", "e2", ...STAFF], why: "a published seeking card is there to be called: verified employers and staff see the number, the public sees it masked" },
];

/** The person a number belongs to: "w1" for w1's phone, ID number and the like. */
function personOf(number: string): string {
  const label = owners.get(number.toUpperCase()) ?? owners.get(number);
  if (!label) return examples.has(number) ? "example" : `unknown ${number}`;
  return label.replace(/:id$/, "").replace(/Contact$/, "").replace(/Caller$/, "");
}

test("every answer has a CSP without inline script, frame-ancestors 'none', no framing and nosniff", () => {
  const problems: string[] = [];
  for (const p of pages) {
    const csp = p.headers.get("content-security-policy") ?? "";
    const script = csp.split(";").map((s) => s.trim()).find((s) => s.startsWith("script-src")) ?? "";
    const where = `GET ${p.route} as ${roleNames[p.role]} (${p.status})`;
    if (!/^script-src 'self'$/.test(script)) problems.push(`${where}: script-src is "${script}"`);
    if (!/frame-ancestors 'none'/.test(csp)) problems.push(`${where}: no frame-ancestors 'none'`);
    if (!/object-src 'none'/.test(csp) || !/base-uri 'none'/.test(csp)) problems.push(`${where}: object-src or base-uri open`);
    if (p.headers.get("x-frame-options") !== "DENY") problems.push(`${where}: X-Frame-Options ${p.headers.get("x-frame-options")}`);
    if (p.headers.get("x-content-type-options") !== "nosniff") problems.push(`${where}: no nosniff`);
    if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(p.html) || /\son[a-z]+\s*=/i.test(p.html.replace(/<pre[\s\S]*?<\/pre>/g, ""))) problems.push(`${where}: inline script or handler`);
  }
  assert.equal(problems, [], problems.join("\n"));
});

/** Answers that are the same for everyone and hold no personal data, so they may be cached. */
const publicAnswers: Record<string, string> = {
  "/static/:name": "stylesheets and scripts",
  "/healthz": "the health check (JSON)",
  "/feeds/jobs/:file": "the Atom feed of open postings, phone numbers scrubbed",
  "/api/v1": "the open API's index",
  "/api/v1/openapi.json": "the open API's description",
  "/api/v1/jobs": "open data",
  "/api/v1/jobs/:id": "open data",
  "/api/v1/markets": "open data",
  "/api/v1/markets/:id": "open data",
};

test("everything shown to a signed-in user is no-store, whatever the status (but the public answers, which hold no personal data)", () => {
  const problems: string[] = [];
  for (const p of pages) {
    if (p.role === "anon") continue;
    if (p.route in publicAnswers) {
      if (new RegExp(PHONE.source).test(p.html) || new RegExp(ID_NUMBER.source).test(p.html)) problems.push(`${p.route} (${publicAnswers[p.route]}) holds a phone or ID number`);
      continue;
    }
    if (!/no-store/.test(p.headers.get("cache-control") ?? "")) problems.push(`GET ${p.route} as ${roleNames[p.role]} (${p.status}): cache-control ${p.headers.get("cache-control")}`);
  }
  assert.equal(problems, [], problems.join("\n"));
});

test("full phone and ID numbers of other people appear only where the viewer needs them (the documented list)", () => {
  const problems: string[] = [];
  const used = new Set<number>();
  for (const p of pages) {
    const found = [...(p.html.match(PHONE) ?? []), ...(p.html.match(ID_NUMBER) ?? [])];
    for (const n of new Set(found)) {
      const person = personOf(n);
      if (person === p.role || person === "example") continue;
      const rule = shownInFull.findIndex((r) => r.routes.includes(p.route) && r.whose.includes(person) && r.to.includes(p.role));
      if (rule >= 0) {
        used.add(rule);
        continue;
      }
      problems.push(`GET ${p.route} as ${roleNames[p.role]} shows ${person}'s number ${n.slice(0, 3)}…`);
    }
  }
  assert.equal(problems, [], problems.join("\n"));
  const unused = shownInFull.filter((_, k) => !used.has(k)).map((r) => r.routes.join(" "));
  assert.equal(unused, [], "every entry of the list is still needed (else remove it)");
});

test("every masked number on every page shows no more than its mask allows: a mobile 3 + 4 digits, an ID number 3 + 2, anything else 2 at the end", () => {
  const problems: string[] = [];
  let masks = 0;
  const seen = new Set<string>();
  for (const p of pages) {
    for (const m of p.html.matchAll(/(\d*)(\*{2,})([\dXx]*)/g)) {
      const [all, lead, stars, tail] = m;
      masks++;
      seen.add(all);
      const length = lead.length + stars.length + tail.length;
      const ok =
        length === 11 ? lead.length === 3 && tail.length === 4 && stars.length === 4 // 138****5678
        : length === 18 ? lead.length === 3 && tail.length === 2 // 411*************1X
        : lead.length === 0 && tail.length <= 2; // a landline or anything else: the last 2 only
      if (!ok) problems.push(`GET ${p.route} as ${roleNames[p.role]}: "${all}" shows ${lead.length} leading and ${tail.length} trailing characters`);
    }
  }
  assert.ok(masks > 50, `the scan found masked numbers to check (${masks})`);
  // Masks of the fixture's own people are among them, in the expected shape.
  assert.ok(seen.has(`${P.w1.slice(0, 3)}****${P.w1.slice(-4)}`), "w1's masked phone was seen");
  assert.ok([...seen].some((x) => x.length === 18 && x.startsWith(ID.w1.slice(0, 3)) && x.endsWith(ID.w1.slice(-2))), "w1's masked ID number was seen");
  assert.equal([...new Set(problems)], [], [...new Set(problems)].join("\n"));
});

test("no phone or ID number in any link, form action, image source or redirect", () => {
  const problems: string[] = [];
  for (const p of pages) {
    const urls = [...p.html.matchAll(/\s(?:href|action|src|hx-get|hx-post)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith("tel:"));
    const loc = p.headers.get("location");
    if (loc) urls.push(loc);
    for (const u of urls) {
      const text = decodeURIComponent(u.replace(/&amp;/g, "&"));
      if (new RegExp(PHONE.source).test(text) || new RegExp(ID_NUMBER.source).test(text)) problems.push(`GET ${p.route} as ${roleNames[p.role]}: ${u}`);
    }
  }
  assert.equal(problems, [], problems.join("\n"));
});

test("phone and ID numbers never reach the logs, also when typed into forms, and the audit details hold none", async () => {
  const copy = await freshCopy(w);
  try {
    const staff = copy.as("sA");
    const newId = idFor(X, "19580808", 77);
    await staff.post(paths.desk.register, { phone: "13911112222", name: "孙大爷", idNumber: newId, countyCode: X, ownPhone: "yes" });
    await staff.post(paths.desk.checkin, { q: P.w1 });
    await staff.post(paths.ops.forget, { who: ID.w2 });
    await staff.post(paths.desk.reveal(w.ids.users.w1));
    const anon = new Browser(copy.app);
    await anon.get(paths.accounts.login);
    await anon.post(paths.accounts.login, { phone: "13922223333", secret: "999999" });
    await anon.post(paths.hotline.report, { category: "wage_arrears", amount: "500", description: `老板不给钱,我的电话 13933334444,身份证 ${newId}`, countyCode: X, callerName: "王", callerPhone: "13933334444" });
    await anon.post(paths.hotline.status, { number: "20261128001", lastFour: "0001" });
    await anon.post(paths.workers.register, { phone: "13944445555", name: "周", pin: "123456", pin2: "123456" });
    await anon.get(`/jobs?q=${P.w1}`);
    await anon.get(`/no/such/page/${P.w1}/${newId}`);
    const lines = [...w.t.logs, ...copy.logs];
    assert.ok(lines.length > 50, `${lines.length} log lines`);
    const leaks = lines.filter((l) => new RegExp(PHONE.source).test(l) || new RegExp(ID_NUMBER.source).test(l));
    assert.equal(leaks, [], "log lines with a phone or ID number");
    const details = (await copy.deps.database.client.execute("SELECT action, detail FROM audit_log WHERE detail IS NOT NULL")).rows.map((r) => `${r[0]} ${r[1]}`);
    assert.ok(details.length > 0);
    assert.equal(details.filter((d) => new RegExp(PHONE.source).test(d) || new RegExp(ID_NUMBER.source).test(d)), [], "audit details with a phone or ID number");
  } finally {
    copy.close();
  }
});

test("the audit log records staff logins, reveals of masked data and acts on someone's behalf, with who, whom and where", async () => {
  const copy = await freshCopy(w);
  try {
    const db = copy.deps.database.client;
    const staff = new Browser(copy.app);
    await staff.login(P.sA, PASSWORD);
    await staff.get(paths.desk.worker(w.ids.users.w1));
    assert.is((await staff.post(paths.desk.reveal(w.ids.users.w1))).status, 200);
    assert.is((await staff.post(paths.employers.reveal(w.ids.employer1))).status, 200);
    assert.is((await staff.post(paths.hotline.reveal(w.ids.case1))).status, 200);
    assert.is((await staff.post(paths.desk.contact(w.ids.users.w1), { outcome: "called", note: "上午来过" })).status, 303);
    assert.is((await staff.post(paths.desk.signUp(w.ids.users.w1), { posting: String(w.ids.posting2) })).status, 303);
    const rows = (await db.execute({ sql: "SELECT action, actor_id, market_id, subject_type, subject_id, on_behalf_of FROM audit_log WHERE actor_id = ? ORDER BY id", args: [w.ids.users.sA] })).rows.map((r) => ({
      action: String(r[0]),
      marketId: Number(r[2]),
      subject: `${r[3]}:${r[4]}`,
      onBehalfOf: r[5] === null ? null : Number(r[5]),
    }));
    const find = (action: string) => rows.filter((r) => r.action === action);
    assert.ok(find("login").length >= 1, "the login");
    assert.equal(find("reveal.id_number").at(-1), { action: "reveal.id_number", marketId: w.ids.marketA, subject: `user:${w.ids.users.w1}`, onBehalfOf: w.ids.users.w1 });
    assert.equal(find("employer.reveal_id").at(-1)?.subject, `employer:${w.ids.employer1}`);
    assert.equal(find("hotline.reveal_phone").at(-1)?.subject, `hotline_case:${w.ids.case1}`);
    assert.is(find("desk.contact").at(-1)?.onBehalfOf, w.ids.users.w1, "a contact logged for the worker");
    assert.is(find("desk.sign_up").at(-1)?.onBehalfOf, w.ids.users.w1, "a sign-up made for the worker");
    assert.ok(rows.every((r) => r.marketId === w.ids.marketA), "every entry names the staff member's market");
  } finally {
    copy.close();
  }
});

test("the audit log cannot be changed: UPDATE and DELETE fail in the DB itself, and no code outside the migrations writes anything but INSERT to it", async () => {
  const copy = await freshCopy(w);
  try {
    const db = copy.deps.database.client;
    const before = Number((await db.execute("SELECT count(*) FROM audit_log")).rows[0][0]);
    assert.ok(before > 0);
    for (const sql of ["UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log", "UPDATE audit_log SET actor_id = NULL WHERE id = (SELECT max(id) FROM audit_log)"]) {
      let failed = false;
      try {
        await db.execute(sql);
      } catch {
        failed = true;
      }
      assert.ok(failed, `refused: ${sql}`);
    }
    assert.is(Number((await db.execute("SELECT count(*) FROM audit_log")).rows[0][0]), before);
  } finally {
    copy.close();
  }
  const root = join(import.meta.dirname, "../..");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mjs)$/.test(n) ? [p] : [];
    });
  const offenders = ["src", "scripts", "db/seed"].flatMap((d) => files(join(root, d))).filter((f) => {
    const s = readFileSync(f, "utf8");
    return /\.(update|delete)\(\s*auditLog\b/.test(s) || /(UPDATE|DELETE\s+FROM)\s+audit_log\b/i.test(s);
  });
  assert.equal(offenders, [], "code that updates or deletes audit entries");
});

test.run();
