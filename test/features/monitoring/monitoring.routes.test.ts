// Monitoring through HTTP: who sees which scope, bad periods, the ledger CSV,
// and the county statistics file from export to import.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, addMarket, type TestApp, type Browser } from "../../helpers/app.ts";
import { seedFixed, phoneOf } from "./fixtures.ts";
import { paths } from "../../../src/paths.ts";

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedFixed>>;
let staffA: Browser;
let countyAdmin: Browser;
let cityAdmin: Browser;
test.before(async () => {
  t = await makeTestApp();
  ids = await seedFixed(t);
  staffA = await signedIn(t, { role: "staff", marketId: ids.A });
  countyAdmin = await signedIn(t, { role: "county_admin", countyCode: "411024" });
  cityAdmin = await signedIn(t, { role: "city_admin" });
});
test.after(() => t.close());

const count = async (app: TestApp, sql: string) => Number((await app.deps.database.client.execute(sql)).rows[0][0]);
const page = (q: string) => `${paths.monitoring.home}${q}`;

test("each role sees its own scope; anything else is 404", async () => {
  const worker = await signedIn(t, { role: "worker" });
  const cases: [string, Browser, string, number][] = [
    ["staff, own market (default)", staffA, "", 200],
    ["staff, own market", staffA, `?scope=m${ids.A}`, 200],
    ["staff, another market", staffA, `?scope=m${ids.B}`, 404],
    ["staff, the county", staffA, "?scope=c411024", 404],
    ["staff, the city", staffA, "?scope=city", 404],
    ["county admin, own county (default)", countyAdmin, "", 200],
    ["county admin, a market in it", countyAdmin, `?scope=m${ids.A}`, 200],
    ["county admin, a market elsewhere", countyAdmin, `?scope=m${ids.B}`, 404],
    ["county admin, another county", countyAdmin, "?scope=c411081", 404],
    ["county admin, the city", countyAdmin, "?scope=city", 404],
    ["city admin, the city", cityAdmin, "?scope=city", 200],
    ["city admin, any county", cityAdmin, "?scope=c411081", 200],
    ["city admin, any market", cityAdmin, `?scope=m${ids.B}`, 200],
    ["city admin, a market that does not exist", cityAdmin, "?scope=m999999", 404],
    ["city admin, a county that does not exist", cityAdmin, "?scope=c999999", 404],
    ["a worker", worker, "", 404],
  ];
  for (const [what, b, q, status] of cases) assert.is((await b.get(page(q))).status, status, what);
  assert.is((await t.client().get(paths.monitoring.home)).status, 303, "a visitor is sent to log in");
  const html = (await countyAdmin.get(page(""))).html;
  assert.not.match(html, `value="m${ids.B}"`, "the scope list holds only what one may see");
  assert.not.match(html, 'value="city"');
  assert.match(html, "以上数字统计于 ", "the page says when it was counted");
});

test("bad periods and scopes: the form again with a clear message, status 400", async () => {
  const cases: [string, string][] = [
    ["?from=2026-11-28&to=2026-11-01", "结束日期不能早于开始日期"],
    ["?from=2024-01-01&to=2026-11-28", "时间段最长两年"],
    ["?from=2026-02-30", "开始日期请填日期"],
    ["?scope=nonsense", "范围的选项不对"],
    ["?by=month", "请选择按什么分"],
  ];
  for (const [q, message] of cases) {
    const r = await cityAdmin.get(page(q));
    assert.is(r.status, 400, q);
    assert.match(r.html, message, q);
    assert.match(r.html, 'id="error-summary"', q);
  }
  const kept = await cityAdmin.get(page("?from=2026-11-28&to=2026-11-01"));
  assert.match(kept.html, 'value="2026-11-28"', "the input is kept");
});

test("the page shows the figures, the trend and the kinds of work, within 14 KB", async () => {
  const r = await countyAdmin.get(page("?from=2026-11-01&to=2026-11-28&by=week"));
  assert.is(r.status, 200);
  // 鄢陵 (411024): seekers 20 now against 2 before → +900%; 家政保洁 asked 5 against 2 seekers: 缺人.
  assert.match(r.html, "<td>20</td>");
  assert.match(r.html, "+900%");
  assert.match(r.html, "缺人");
  assert.match(r.html, "<svg");
  assert.match(r.html, "<title>");
  assert.not.match(r.html, /\sstyle="/);
  assert.match(r.html, paths.monitoring.statsExport, "a county admin may export the county's file");
  const staffPage = await staffA.get(page(""));
  assert.not.match(staffPage.html, paths.monitoring.statsExport, "staff may not");
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += ch;
  }
  return rows;
}

test("ledger CSV: BOM, CRLF, the columns, masked phones, the scope; an audit entry", async () => {
  const before = await count(t, "SELECT count(*) FROM audit_log WHERE action = 'monitoring.ledger'");
  const r = await staffA.get(`${paths.monitoring.ledger}?kind=hires&from=2026-11-01&to=2026-11-28`);
  assert.is(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", "text/csv");
  assert.match(r.headers.get("content-disposition") ?? "", 'attachment; filename="ledger-hires-2026-11-01-2026-11-28.csv"');
  // fetch's text() drops a BOM: look at the bytes.
  const raw = await t.app.request(`http://localhost${paths.monitoring.ledger}?kind=hires&from=2026-11-01&to=2026-11-28`, {
    headers: { cookie: [...staffA.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  assert.equal([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  assert.ok(r.html.endsWith("\r\n"));
  assert.not.match(r.html.replace(/\r\n/g, ""), "\n", "no bare line feeds outside quotes here");
  const rows = parseCsv(r.html);
  assert.equal(rows[0], ["录用编号", "录用时间", "岗位名称", "工种", "雇主", "姓名", "电话", "工资", "开始日期", "结束日期", "状态", "工钱是否拿到", "市场"]);
  // Market A's hires: h2, h7, h8.
  assert.is(rows.length - 1, 3);
  const w1 = await phoneOf(t, ids.workers[0]);
  assert.not.match(r.html, w1, "no phone in clear");
  assert.match(r.html, `${w1.slice(0, 3)}****${w1.slice(7)}`);
  assert.ok(rows.slice(1).every((x) => x.length === 13 && x[12] === "鄢陵县马栏镇零工驿站"));
  assert.is(await count(t, "SELECT count(*) FROM audit_log WHERE action = 'monitoring.ledger'"), before + 2, "one entry per file taken");

  const kinds: [string, number][] = [["postings", 16], ["signups", 9], ["checkins", 6]];
  for (const [kind, columns] of kinds) {
    const x = await countyAdmin.get(`${paths.monitoring.ledger}?kind=${kind}&from=2026-11-01&to=2026-11-28`);
    assert.is(x.status, 200, kind);
    const rs = parseCsv(x.html);
    assert.ok(rs.every((row) => row.length === columns), kind);
  }
  const checkins = parseCsv((await countyAdmin.get(`${paths.monitoring.ledger}?kind=checkins&from=2026-11-01&to=2026-11-28`)).html);
  assert.is(checkins.length - 1, 16, "A's 16 check-ins in 鄢陵");

  assert.is((await staffA.get(`${paths.monitoring.ledger}?kind=hires&scope=m${ids.B}`)).status, 404, "out of scope");
  assert.is((await staffA.get(`${paths.monitoring.ledger}?kind=payroll`)).status, 400);
  assert.is((await staffA.get(`${paths.monitoring.ledger}?kind=hires&from=2026-11-28&to=2026-11-01`)).status, 400);
});

test("statistics export: the county's numbers only, no personal data; refused out of scope or too long", async () => {
  const r = await countyAdmin.get(`${paths.monitoring.statsExport}?from=2026-11-01&to=2026-11-28`);
  assert.is(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", "application/json");
  const file = JSON.parse(r.html);
  assert.is(file.city, "411000");
  assert.is(file.county, "411024");
  assert.not.match(r.html, /1[3-9]\d{9}/, "no phone numbers");
  assert.not.match(r.html, "工人", "no worker names");
  const keys = file.markets.map((m: { key: string }) => m.key).sort();
  assert.equal(keys, [String(ids.A), "online"].sort());
  const sum = (i: number) => file.markets.flatMap((m: { days: number[][] }) => m.days).reduce((s: number, d: number[]) => s + d[i], 0);
  // Same as the county's figures: seekers 20, hires 4.
  assert.is(sum(1), 20);
  assert.is(sum(5), 4);

  const cases: [string, Browser, string, number][] = [
    ["staff", staffA, "", 404],
    ["another county", countyAdmin, "?county=411081", 404],
    ["more than 92 days", countyAdmin, "?from=2026-08-01&to=2026-11-28", 400],
    ["end before start", countyAdmin, "?from=2026-11-28&to=2026-11-01", 400],
    ["city admin without a county", cityAdmin, "", 400],
    ["city admin with a county", cityAdmin, "?county=411081", 200],
  ];
  for (const [what, b, q, status] of cases) assert.is((await b.get(`${paths.monitoring.statsExport}${q}`)).status, status, what);
});

function multipart(fields: Record<string, string>, file?: { name: string; content: string }) {
  const boundary = "----lingong" + Math.random().toString(16).slice(2);
  let body = "";
  for (const [k, v] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  if (file) body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/json\r\n\r\n${file.content}\r\n`;
  body += `--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

test("statistics import: a county's file counts once in the city's figures; bad files change nothing", async () => {
  const file = (await countyAdmin.get(`${paths.monitoring.statsExport}?from=2026-11-01&to=2026-11-28`)).html;
  // The city's own instance: 禹州 has a market here, 鄢陵 runs its own instance.
  const city = await makeTestApp();
  try {
    await addMarket(city, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
    const admin = await signedIn(city, { role: "city_admin" });
    await admin.get(paths.monitoring.statsImport);
    const upload = async (content: string) => {
      const m = multipart({ _csrf: admin.csrf }, { name: "stats.json", content });
      return admin.request("POST", paths.monitoring.statsImport, m.body, m.type);
    };
    const cityTotals = async () => (await admin.get(page("?scope=city&from=2026-11-01&to=2026-11-28"))).html;

    const first = await upload(file);
    assert.is(first.status, 303);
    assert.match((await admin.follow()).html, "已导入鄢陵县的统计数据");
    const rows = await count(city, "SELECT count(*) FROM stats_imported");
    assert.ok(rows > 0);
    const html = await cityTotals();
    // Seekers 20 and hires 4 from 鄢陵's file, nothing local in that period.
    assert.match(html, '<th scope="row">求职人次</th><td>20</td>');
    assert.match(html, '<th scope="row">成功录用</th><td>4</td>');
    assert.match(html, "含各县导入的数据:鄢陵县");
    assert.match(html, "(导入)");

    const again = await upload(file);
    assert.is(again.status, 303);
    assert.match((await admin.follow()).html, "已导入，无变化");
    assert.is(await count(city, "SELECT count(*) FROM stats_imported"), rows, "no rows added");
    assert.match(await cityTotals(), '<th scope="row">求职人次</th><td>20</td>', "counted once");

    // Pasted into the text box works the same: as the browser sends it (multipart, with an empty file part) and as a plain form post.
    const m = multipart({ _csrf: admin.csrf, json: file }, { name: "", content: "" });
    assert.is((await admin.request("POST", paths.monitoring.statsImport, m.body, m.type)).status, 303);
    const pasted = await admin.post(paths.monitoring.statsImport, { json: file });
    assert.is(pasted.status, 303);
    assert.is(await count(city, "SELECT count(*) FROM stats_imported"), rows);

    const j = JSON.parse(file);
    const cases: [string, string, number, string][] = [
      ["malformed", file.slice(0, 40), 400, "不是本平台导出的统计数据文件"],
      ["wrong city", JSON.stringify({ ...j, city: "410100" }), 422, "其他城市"],
      ["dates out of range", JSON.stringify({ ...j, to: "2027-01-01" }), 400, "日期不对"],
      ["negative", JSON.stringify({ ...j, markets: [{ ...j.markets[0], days: [[j.from, -1, 0, 0, 0, 0, 0, 0]] }] }), 400, "负数"],
      ["a county that is local here", JSON.stringify({ ...j, county: "411081" }), 422, "不需要导入"],
      ["nothing", "", 400, "请选择统计数据文件"],
    ];
    const imports = await count(city, "SELECT count(*) FROM stats_imports");
    for (const [what, content, status, message] of cases) {
      const r = await upload(content);
      assert.is(r.status, status, what);
      assert.match(r.html, message, what);
      assert.match(r.html, 'id="error-summary"', what);
    }
    assert.is(await count(city, "SELECT count(*) FROM stats_imported"), rows, "nothing changed");
    assert.is(await count(city, "SELECT count(*) FROM stats_imports"), imports, "nothing logged");

    const county = await signedIn(city, { role: "county_admin", countyCode: "411081" });
    assert.is((await county.get(paths.monitoring.statsImport)).status, 404, "only the city admin imports");
    assert.is(await count(city, "SELECT count(*) FROM audit_log WHERE action = 'monitoring.stats_import'"), 4);
  } finally {
    city.close();
  }
});

test.run();
