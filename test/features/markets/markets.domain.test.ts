// The pure rules of markets: who manages what, the record's checks, the
// checklist, and the open-data feed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  canManageMarket, tiersFor, marketProblems, namesOf, isPublicPhone, missingEvidence, changedEntries, fullChecklist, doneCount,
  evidenceHref, scrubPhones, xmlEscape, feedCounty, atomFeed, type Manager,
} from "../../../src/features/markets/markets.domain.ts";
import { checklistItems } from "../../../db/schema/monitoring.ts";
import { wellFormed } from "./xml.ts";

const city: Manager = { role: "city_admin", scopeCounty: null };
const county: Manager = { role: "county_admin", scopeCounty: "411024" };
const staff: Manager = { role: "staff", scopeCounty: "411024" };

test("who manages which market", () => {
  const cases: [Manager, string, boolean][] = [
    [city, "411024", true],
    [city, "411081", true],
    [county, "411024", true],
    [county, "411081", false],
    [staff, "411024", false],
    [{ role: "county_admin", scopeCounty: null }, "411024", false],
  ];
  for (const [m, c, want] of cases) assert.is(canManageMarket(m, c), want, `${m.role} ${c}`);
  assert.ok(tiersFor(city).includes("city"));
  assert.not.ok(tiersFor(county).includes("city"));
  assert.equal(tiersFor(county), ["county", "township", "station", "online"]);
});

test("a market record: county in scope, tier allowed, township inside the county", () => {
  const inCounty = (tw: string, c: string) => tw.startsWith(c);
  const cases: [string, Manager, Parameters<typeof marketProblems>[0], Record<string, string>][] = [
    ["a station with its township", county, { tier: "station", countyCode: "411024", townshipCode: "411024101" }, {}],
    ["a county market without a township", county, { tier: "county", countyCode: "411024" }, {}],
    ["a township market needs its township", county, { tier: "township", countyCode: "411024" }, { townshipCode: "townshipRequired" }],
    ["a township of another county", county, { tier: "station", countyCode: "411024", townshipCode: "411081100" }, { townshipCode: "townshipNotInCounty" }],
    ["another county's market", county, { tier: "station", countyCode: "411081" }, { countyCode: "countyNotAllowed" }],
    ["a county admin may not make a city market", county, { tier: "city", countyCode: "411024" }, { tier: "tierNotAllowed" }],
    ["the city admin may", city, { tier: "city", countyCode: "411002" }, {}],
    ["staff may not at all", staff, { tier: "station", countyCode: "411024" }, { countyCode: "countyNotAllowed" }],
  ];
  for (const [what, user, m, want] of cases) assert.equal(marketProblems(m, user, inCounty), want, what);
});

test("stored name lists and public phone numbers", () => {
  assert.equal(namesOf('["家政保洁","搬运装卸"]'), ["家政保洁", "搬运装卸"]);
  for (const bad of ["", "nope", "{}", "[1,2]", null]) assert.equal(namesOf(bad), [], String(bad));
  const phones: [string, boolean][] = [["0374-2961234", true], ["12333", true], ["13812345678", true], ["12", false], ["--", false], ["0374 296", false], ["电话", false]];
  for (const [p, ok] of phones) assert.is(isPublicPhone(p), ok, p);
});

test("checklist: done needs evidence; only real changes count", () => {
  const entries = fullChecklist([{ item: "person", done: true, evidence: "王科长" }]);
  assert.is(entries.length, 10);
  assert.equal(entries.map((e) => e.item), [...checklistItems]);
  assert.is(doneCount(entries), 1);
  assert.equal(missingEvidence([{ item: "plan", done: true, evidence: "  " }, { item: "person", done: true, evidence: "王" }, { item: "hotline", done: false, evidence: "" }]), ["plan"]);
  const next = entries.map((e) => (e.item === "plan" ? { ...e, done: true, evidence: "方案.pdf" } : e));
  assert.equal(changedEntries(entries, next).map((e) => e.item), ["plan"]);
  assert.equal(changedEntries(entries, entries), []);
  assert.equal(changedEntries([], [{ item: "hotline", done: false, evidence: "" }]), [], "an unsaved item is not done, no evidence");
});

test("evidence becomes a link only when it is a web address or a path here", () => {
  const cases: [string, string | null][] = [
    ["https://rsj.xuchang.gov.cn/plan.pdf", "https://rsj.xuchang.gov.cn/plan.pdf"],
    ["/markets?county=411024", "/markets?county=411024"],
    ["//evil.example", null],
    ["javascript:alert(1)", null],
    ["方案已印发(许人社〔2026〕12号)", null],
    ["https://x.example/a b", null],
  ];
  for (const [e, want] of cases) assert.is(evidenceHref(e), want, e);
});

test("feed: phone numbers scrubbed from free text, XML escaped, file names", () => {
  const cases: [string, string][] = [
    ["招保洁 电话13812345678", "招保洁 电话[电话]"],
    ["联系 138-1234-5678 王", "联系 [电话] 王"],
    ["座机 0374 2961234", "座机 [电话]"],
    ["+86 13812345678", "[电话]"],
    ["招 3 人,日薪 150 元", "招 3 人,日薪 150 元"],
    ["2026-12-01 开工", "2026-12-01 开工"],
  ];
  for (const [text, want] of cases) assert.is(scrubPhones(text, "[电话]"), want, text);
  assert.is(xmlEscape(`<a href="x">&'\u0001`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  assert.is(feedCounty("411024.atom"), "411024");
  for (const bad of ["411024", "411024.xml", "4110245.atom", "../x.atom"]) assert.is(feedCounty(bad), null, bad);
  const xml = atomFeed({
    id: "http://x/feeds/jobs/411024.atom",
    title: "鄢陵县 <正在招工>",
    selfUrl: "http://x/feeds/jobs/411024.atom",
    siteUrl: "http://x/jobs?county=411024&when=today",
    updated: Date.parse("2026-11-28T01:00:00Z"),
    author: "许昌零工市场",
    tagBase: "tag:x,2026",
    entries: [{ id: 7, title: "搬运 & 装卸", summary: "招 2 人", updated: Date.parse("2026-11-28T01:00:00Z"), url: "http://x/jobs/7" }],
  });
  assert.equal(wellFormed(xml), []);
  assert.match(xml, "<id>tag:x,2026:posting/7</id>");
  assert.match(xml, "when=today".replace("&", "&amp;"));
  assert.match(xml, "<updated>2026-11-28T01:00:00.000Z</updated>");
});

test("the well-formedness checker itself catches broken XML", () => {
  assert.ok(wellFormed("<a><b></a>").length > 0);
  assert.ok(wellFormed("<a>&</a>").length > 0);
  assert.ok(wellFormed('<a x="1"><b/></a>').length === 0);
});

// --- Rows added after the Stryker run of 2026-12-05 (mutation testing) -----------

test("who manages: an empty scope matches nothing, other roles manage nothing", () => {
  const cases: [Manager, string, boolean][] = [
    [{ role: "county_admin", scopeCounty: "" }, "", false],
    [{ role: "worker", scopeCounty: "411024" }, "411024", false],
    [{ role: "employer", scopeCounty: "411024" }, "411024", false],
    [{ role: "city_admin", scopeCounty: "411024" }, "411081", true],
  ];
  for (const [m, c, want] of cases) assert.is(canManageMarket(m, c), want, `${m.role} ${m.scopeCounty} ${c}`);
  assert.equal(tiersFor(city), ["city", "county", "township", "station", "online"]);
  assert.equal(tiersFor(staff), ["county", "township", "station", "online"]);
});

test("market records: more cases, each field's problem written out", () => {
  const inCounty = (tw: string, c: string) => tw.startsWith(c);
  const cases: [string, Manager, Parameters<typeof marketProblems>[0], Record<string, string>][] = [
    ["a township market with its township", county, { tier: "township", countyCode: "411024", townshipCode: "411024101" }, {}],
    ["a township market with another county's township", county, { tier: "township", countyCode: "411024", townshipCode: "411081100" }, { townshipCode: "townshipNotInCounty" }],
    ["a township market with an empty township", county, { tier: "township", countyCode: "411024", townshipCode: "" }, { townshipCode: "townshipRequired" }],
    ["a township market with a null township", county, { tier: "township", countyCode: "411024", townshipCode: null }, { townshipCode: "townshipRequired" }],
    ["a station without a township", county, { tier: "station", countyCode: "411024", townshipCode: null }, {}],
    ["an online market", county, { tier: "online", countyCode: "411024" }, {}],
    ["a city market in another county by a county admin", county, { tier: "city", countyCode: "411081" }, { countyCode: "countyNotAllowed", tier: "tierNotAllowed" }],
    ["staff and a city market", staff, { tier: "city", countyCode: "411024" }, { countyCode: "countyNotAllowed", tier: "tierNotAllowed" }],
    ["the city admin, any county, a township elsewhere", city, { tier: "station", countyCode: "411002", townshipCode: "411024101" }, { townshipCode: "townshipNotInCounty" }],
  ];
  for (const [what, user, m, want] of cases) assert.equal(marketProblems(m, user, inCounty), want, what);
});

test("stored name lists keep strings only; public phones are 3–20 digits and dashes, at least 3 of them digits", () => {
  const names: [string | null | undefined, string[]][] = [
    ['["家政保洁",1,"搬运装卸",null]', ["家政保洁", "搬运装卸"]],
    ["[]", []],
    [undefined, []],
    ['"家政"', []],
    ["null", []],
    ['{"a":["x"]}', []],
  ];
  for (const [json, want] of names) assert.equal(namesOf(json), want, String(json));
  const phones: [string, boolean][] = [
    ["123", true],
    ["12-3", true], // the digits counted without the dashes
    ["1-2-3", true],
    ["1-2", false],
    ["--1-2--", false],
    ["1-234", true],
    ["1".repeat(20), true],
    ["1".repeat(21), false],
    ["a123", false],
    ["123a", false],
    [" 123", false],
    ["123 ", false],
    ["0374-2961234-8001", true],
  ];
  for (const [p, ok] of phones) assert.is(isPublicPhone(p), ok, p);
});

test("checklist: evidence of blanks is missing; a change of either part counts; stored entries keep their values", () => {
  assert.equal(missingEvidence([{ item: "plan", done: true, evidence: "\t\n" }, { item: "person", done: false, evidence: " " }, { item: "hotline", done: true, evidence: " 有 " }]), ["plan"]);
  assert.equal(missingEvidence([]), []);
  const stored = [{ item: "plan" as const, done: true, evidence: "方案.pdf" }];
  const cases: [string, Parameters<typeof changedEntries>[1], string[]][] = [
    ["the same", [{ item: "plan", done: true, evidence: "方案.pdf" }], []],
    ["new evidence", [{ item: "plan", done: true, evidence: "方案2.pdf" }], ["plan"]],
    ["undone", [{ item: "plan", done: false, evidence: "方案.pdf" }], ["plan"]],
    ["an unsaved item marked done", [{ item: "person", done: true, evidence: "" }], ["person"]],
    ["an unsaved item with evidence only", [{ item: "person", done: false, evidence: "王" }], ["person"]],
  ];
  for (const [what, next, want] of cases) assert.equal(changedEntries(stored, next).map((e) => e.item), want, what);
  const full = fullChecklist([{ item: "monitoring", done: true, evidence: "月报" }, { item: "person", done: false, evidence: "待定" }]);
  assert.equal(full[0], { item: "person", done: false, evidence: "待定" });
  assert.equal(full[1], { item: "plan", done: false, evidence: "" });
  assert.equal(full[9], { item: "monitoring", done: true, evidence: "月报" });
  assert.is(doneCount(full), 1);
  assert.is(doneCount([]), 0);
});

test("evidence links: more addresses", () => {
  const cases: [string, string | null][] = [
    ["  https://a.example/x  ", "https://a.example/x"],
    ["HTTP://A.EXAMPLE/X", "HTTP://A.EXAMPLE/X"],
    ["http://a.example", "http://a.example"],
    ["http://", null],
    ["ftp://a.example/x", null],
    ["见 https://a.example/x", null],
    ['https://a.example/"onclick', null],
    ["https://a.example/<b>", null],
    ["/", "/"],
    ["/markets", "/markets"],
    ["/\\evil.example", null],
    ["/a b", null],
    ["/a<b", null],
    ['/a"b', null],
    ["markets", null],
    ["", null],
  ];
  for (const [e, want] of cases) assert.is(evidenceHref(e), want, e);
});

test("XML escaping: every special character and the characters XML 1.0 forbids", () => {
  const cases: [string, string][] = [
    ["&", "&amp;"],
    ["<", "&lt;"],
    [">", "&gt;"],
    ['"', "&quot;"],
    ["'", "&apos;"],
    ["&lt;", "&amp;lt;"],
    ["a\u0000b\u0008c\u000Bd\u000Ce\u000Ef\u001Fg\uFFFEh\uFFFFi", "abcdefghi"],
    ["\t\n\r", "\t\n\r"],
    ["许昌 ok", "许昌 ok"],
    ["<<&&>>", "&lt;&lt;&amp;&amp;&gt;&gt;"],
  ];
  for (const [raw, want] of cases) assert.is(xmlEscape(raw), want, JSON.stringify(raw));
  for (const bad of ["x411024.atom", "411024.atomx", "41102.atom", "411024.ATOM", "411024atom"]) assert.is(feedCounty(bad), null, bad);
  assert.is(feedCounty("000000.atom"), "000000");
  assert.is(scrubPhones("电话13812345678", "*"), "电话*");
});

test("the Atom document, written out in full", () => {
  const feed = {
    id: "I", title: "T&", selfUrl: "S", siteUrl: "U", updated: 0, author: "A", tagBase: "tag:b",
    entries: [
      { id: 1, title: "t<", summary: "s>", updated: 86_400_000, url: 'u"' },
      { id: 2, title: "二", summary: "'", updated: 1000, url: "v" },
    ],
  };
  assert.is(
    atomFeed(feed),
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">' +
      "<id>I</id><title>T&amp;</title><updated>1970-01-01T00:00:00.000Z</updated>" +
      "<author><name>A</name></author>" +
      '<link rel="self" type="application/atom+xml" href="S"/>' +
      '<link rel="alternate" type="text/html" href="U"/>' +
      '<entry><id>tag:b:posting/1</id><title>t&lt;</title><updated>1970-01-02T00:00:00.000Z</updated><link rel="alternate" type="text/html" href="u&quot;"/><summary>s&gt;</summary></entry>' +
      '<entry><id>tag:b:posting/2</id><title>二</title><updated>1970-01-01T00:00:01.000Z</updated><link rel="alternate" type="text/html" href="v"/><summary>&apos;</summary></entry>' +
      "</feed>\n",
  );
  assert.is(
    atomFeed({ ...feed, tagBase: "tag:&", entries: [{ id: 3, title: "", summary: "", updated: 0, url: "" }] }).includes("<entry><id>tag:&amp;:posting/3</id>"),
    true,
  );
  assert.is(
    atomFeed({ ...feed, entries: [] }),
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">' +
      "<id>I</id><title>T&amp;</title><updated>1970-01-01T00:00:00.000Z</updated><author><name>A</name></author>" +
      '<link rel="self" type="application/atom+xml" href="S"/><link rel="alternate" type="text/html" href="U"/></feed>\n',
  );
});

test.run();
