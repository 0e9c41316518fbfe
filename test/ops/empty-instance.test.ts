// An empty instance (issue 18): a new county has only its first admin — no
// market, no station, no staff, no postings. The install guide sends the
// clerk through the admin pages next; none of them may answer 500. This walks
// every page an admin reaches by links from their home page, and submits every
// form on it twice: empty, and filled with plausible values. And the staff
// form says plainly that a station must exist first, and links to making one.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, nextPhone, type Browser } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";
import { copy } from "../../views/copy/index.ts";

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const unescape = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

interface FoundForm {
  action: string;
  fields: { name: string; type: string; value: string; options: string[] }[];
}

function formsOf(html: string, page: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if ((attr(m[1], "method") ?? "get").toLowerCase() !== "post") continue;
    const action = unescape(attr(m[1], "action") ?? page);
    const fields: FoundForm["fields"] = [];
    for (const i of m[2].matchAll(/<input\b[^>]*>/g)) {
      const name = attr(i[0], "name");
      if (!name || name === "_csrf") continue;
      fields.push({ name, type: attr(i[0], "type") ?? "text", value: unescape(attr(i[0], "value") ?? ""), options: [] });
    }
    for (const s of m[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(s[1], "name");
      if (!name) continue;
      const options = [...s[2].matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((o) => unescape(o[1])).filter(Boolean);
      fields.push({ name, type: "select", value: "", options });
    }
    for (const a of m[2].matchAll(/<textarea\b([^>]*)>/g)) {
      const name = attr(a[1], "name");
      if (name) fields.push({ name, type: "textarea", value: "", options: [] });
    }
    out.push({ action, fields });
  }
  return out;
}

/** Plausible values: what a clerk would type into a fresh form. */
function filled(f: FoundForm): Record<string, string | string[]> {
  const v: Record<string, string | string[]> = {};
  const phone = nextPhone();
  for (const x of f.fields) {
    const n = x.name.toLowerCase();
    if (x.type === "hidden" || x.type === "submit") v[x.name] = x.value;
    else if (x.type === "select") v[x.name] = x.options[0] ?? "";
    else if (x.type === "checkbox" || x.type === "radio") v[x.name] = x.value || "1";
    else if (x.type === "password" || n.includes("password")) v[x.name] = "correct horse 1";
    else if (x.type === "tel" || n.includes("phone")) v[x.name] = phone;
    else if (x.type === "date" || n.includes("date") || n === "day") v[x.name] = "2026-11-30";
    else if (x.type === "number") v[x.name] = "1";
    else v[x.name] = x.value || "测试";
  }
  return v;
}

async function walk(b: Browser, start: string, failures: string[]) {
  const seen = new Set<string>();
  const queue = [start];
  let forms = 0;
  while (queue.length && seen.size < 150) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const page = await b.get(url);
    if (page.status >= 500) failures.push(`GET ${url} → ${page.status}`);
    if (page.status !== 200 || !(page.headers.get("content-type") ?? "").includes("text/html")) continue;
    const html = page.html;
    for (const m of html.matchAll(/<a\b[^>]*href="(\/[^"#]*)"/g)) {
      const href = unescape(m[1]);
      // Leave what is not an admin's own work: the public site, downloads, the text-size switch.
      if (href.startsWith("/api/") || href.startsWith("/static/") || href.startsWith(paths.textSize) || /\.(csv|xml|json|png|svg)(\?|$)/.test(href)) continue;
      if (!seen.has(href)) queue.push(href);
    }
    for (const f of formsOf(html, url)) {
      if (f.action === paths.accounts.logout) continue;
      forms++;
      for (const values of [{}, filled(f)]) {
        await b.get(url); // a fresh CSRF token from the page the form is on
        const r = await b.post(f.action, values);
        if (r.status >= 500) failures.push(`POST ${f.action} (from ${url}) ${JSON.stringify(values)} → ${r.status}`);
      }
    }
  }
  return { pages: seen.size, forms };
}

test("the staff form on an empty instance: says no station exists, links to making one, and a submit is a 400 with that message, not a 500", async () => {
  const t = await makeTestApp();
  try {
    const admin = await signedIn(t, { role: "city_admin" });
    const page = await admin.get(paths.accounts.adminNew);
    assert.is(page.status, 200);
    assert.match(page.html, copy.accounts.noMarketNotice);
    assert.match(page.html, `href="${paths.markets.adminNew}"`);
    const r = await admin.post(paths.accounts.adminNew, { role: "staff", name: "王芳", phone: nextPhone(), password: "correct horse 1", password2: "correct horse 1" });
    assert.is(r.status, 400);
    assert.match(r.html, copy.accounts.noMarketYet);
    assert.match(r.html, "王芳", "the input is kept");
    // A county admin needs no station.
    const ok = await admin.post(paths.accounts.adminNew, { role: "county_admin", countyCode: "411024", name: "李县", phone: nextPhone(), password: "correct horse 1", password2: "correct horse 1" });
    assert.is(ok.status, 303);
  } finally {
    t.close();
  }
});

for (const role of ["city_admin", "county_admin"] as const) {
  test(`an empty instance, as ${role}: every page reached by links answers, every form submitted empty and filled in gives no 500`, async () => {
    const t = await makeTestApp();
    try {
      const admin = await signedIn(t, { role, countyCode: role === "county_admin" ? "411024" : null });
      const failures: string[] = [];
      const { pages, forms } = await walk(admin, paths.accounts.me, failures);
      assert.ok(pages > 5, `walked ${pages} pages`);
      assert.ok(forms > 3, `submitted ${forms} forms`);
      assert.equal(failures, []);
      // After the walk, the instance still answers and no unhandled error was logged.
      const unhandled = t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === "unhandled");
      assert.equal(unhandled, []);
    } finally {
      t.close();
    }
  });
}

test.run();
