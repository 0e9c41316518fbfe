// The pure half of keyword search: how text becomes tokens and a query
// becomes an FTS5 expression. (jobs.searchdb.test.ts runs it against the DB.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import { grams, keywordQuery, normalize, runs, searchText, MAX_TERMS } from "../../../src/features/jobs/jobs.search.ts";

test("normalize folds full-width letters and digits and lower-cases", () => {
  assert.is(normalize("ＡＢＣ１２３"), "abc123");
  assert.is(normalize("Ｗｉｆｉ安装"), "wifi安装");
});

test("runs cut at spaces and punctuation, Chinese and ASCII alike", () => {
  assert.equal(runs("保洁,搬运 电工。a-b"), ["保洁", "搬运", "电工", "a", "b"]);
  assert.equal(runs("!!!"), []);
});

const gramCases: [string, string, string[]][] = [
  ["one character", "电", ["电"]],
  ["two characters", "保洁", ["保", "洁", "保洁"]],
  ["three characters", "搬运工", ["搬", "运", "工", "搬运", "运工"]],
  ["punctuation ends a run: no pair across it", "保洁,搬运", ["保", "洁", "保洁", "搬", "运", "搬运"]],
  ["repeats are kept once", "哈哈哈", ["哈", "哈哈"]],
  ["full-width digits are folded", "２人", ["2", "人", "2人"]],
  ["characters outside the BMP stay whole", "𠀀好", ["𠀀", "好", "𠀀好"]],
];
for (const [name, text, expected] of gramCases) {
  test(`grams: ${name}`, () => {
    assert.equal(grams(text).split(" ").sort(), [...expected].sort());
  });
}

test("grams of empty or punctuation-only text is empty", () => {
  assert.is(grams(""), "");
  assert.is(grams(",。!"), "");
});

const queryCases: [string, string, string | null, string[]][] = [
  ["a 1-character word is that token", "电", '"电"', ["电"]],
  ["a 2-character word is that token", "保洁", '"保洁"', ["保洁"]],
  ["a 3-character word is the AND of its pairs", "搬运工", '"搬运" AND "运工"', ["搬运工"]],
  ["a 4-character word", "钧瓷制作", '"钧瓷" AND "瓷制" AND "制作"', ["钧瓷制作"]],
  ["two words must both appear", "保洁 鄢陵", '"保洁" AND "鄢陵"', ["保洁", "鄢陵"]],
  ["punctuation separates words", "电,水", '"电" AND "水"', ["电", "水"]],
  ["only punctuation: no keyword filter", " ,。", null, []],
  ["quotes and FTS syntax are just separators", '"a" OR b*', '"a" AND "or" AND "b"', ["a", "or", "b"]],
  ["upper-case and full-width are normalized", "ＰＶＣ", '"pv" AND "vc"', ["pvc"]],
];
for (const [name, input, match, terms] of queryCases) {
  test(`keywordQuery: ${name}`, () => {
    const q = keywordQuery(input);
    if (match === null) return assert.is(q, null);
    assert.ok(q);
    assert.is(q!.match, match);
    assert.equal(q!.terms, terms);
  });
}

test("keywordQuery keeps at most a handful of words", () => {
  const q = keywordQuery("一 二 三 四 五 六 七 八 九 十");
  assert.is(q!.terms.length, MAX_TERMS);
});

test("searchText joins the fields with newlines, so nothing matches across two fields", () => {
  const s = searchText({ title: "打扫", kindName: "家政保洁", duties: "", requirements: "", address: "幸福路", countyName: "鄢陵县", townshipName: "" });
  assert.ok(s.includes("打扫\n家政保洁"));
  assert.not.ok(grams(s).split(" ").includes("扫家"));
});

test.run();
