// The one CSV format behind every download: quoting, formula defusing, BOM,
// CRLF, and the headers of the response.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Hono } from "hono";
import { csvCell, toCsv, csvResponse, type CsvValue } from "../../src/shared/csv.ts";

test("a cell: quoted only when needed, quotes doubled", () => {
  const cases: [CsvValue, string][] = [
    ["王大姐", "王大姐"],
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [12, "12"],
    [0, "0"],
    ["a,b", '"a,b"'],
    ['说"好"的', '"说""好""的"'],
    ["两\n行", '"两\n行"'],
    ["CR\rhere", '"CR\rhere"'],
    ["CRLF\r\nhere", '"CRLF\r\nhere"'],
    ["a b", "a b"],
    ["1=1", "1=1"],
  ];
  for (const [v, want] of cases) assert.is(csvCell(v), want, JSON.stringify(v));
});

test("a cell: text a spreadsheet would run as a formula is kept as text", () => {
  const cases: [CsvValue, string][] = [
    ["=1+1", "'=1+1"],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+86", "'+86"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
    ["=a,b", "\"'=a,b\""],
    // Numbers are our own figures, never a formula: a negative stays a number.
    [-5, "-5"],
  ];
  for (const [v, want] of cases) assert.is(csvCell(v), want, JSON.stringify(v));
});

test("a document: BOM first, CRLF after every row, cells joined by commas", () => {
  const cases: [CsvValue[][], string][] = [
    [[["编号", "类别"], ["XC-1", "欠薪"]], "\uFEFF编号,类别\r\nXC-1,欠薪\r\n"],
    [[["姓名", "天数"], ["张三", 3]], "\uFEFF姓名,天数\r\n张三,3\r\n"],
    [[["甲", "乙"], ["1", "x,y"]], '\uFEFF甲,乙\r\n1,"x,y"\r\n'],
    [[["only"]], "\uFEFFonly\r\n"],
    [[["a", null, "b"]], "\uFEFFa,,b\r\n"],
  ];
  for (const [rows, want] of cases) assert.is(toCsv(rows), want);
});

test("the response: UTF-8 CSV as an attachment with its file name, not cached", async () => {
  const app = new Hono().get("/x.csv", (c) => csvResponse(c, "ledger-hires-2026-11-01-2026-11-28.csv", [["名", "号"], ["王", "=1"]]));
  const res = await app.request("http://localhost/x.csv");
  assert.is(res.status, 200);
  assert.is(res.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.is(res.headers.get("content-disposition"), 'attachment; filename="ledger-hires-2026-11-01-2026-11-28.csv"');
  assert.is(res.headers.get("cache-control"), "no-store");
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  assert.is(new TextDecoder().decode(bytes.slice(3)), "名,号\r\n王,'=1\r\n");
});

test.run();
