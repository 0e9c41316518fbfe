// The article markup: what it renders, and that hostile input stays text.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderMarkup, parseMarkup, refusedLinks, isSafeLink, summary } from "../../../src/features/policy/policy.markup.ts";
import { canWriteFor } from "../../../src/features/policy/policy.domain.ts";

test("headings, lists, paragraphs with line breaks, and links", () => {
  const src = [
    "# 谁能申请",
    "在许昌灵活就业的人。",
    "年满 16 周岁。",
    "",
    "- 带身份证",
    "- 带银行卡",
    "",
    "详见[人社局网站](https://hrss.xuchang.gov.cn/)或[本站培训](/training)。",
  ].join("\n");
  assert.is(
    renderMarkup(src),
    [
      "<h2>谁能申请</h2>",
      "<p>在许昌灵活就业的人。<br>年满 16 周岁。</p>",
      "<ul><li>带身份证</li><li>带银行卡</li></ul>",
      '<p>详见<a href="https://hrss.xuchang.gov.cn/" rel="noopener noreferrer">人社局网站</a>或<a href="/training">本站培训</a>。</p>',
    ].join("\n"),
  );
});

test("Windows line ends, a list right after a paragraph, and empty markers are handled", () => {
  assert.equal(parseMarkup("一段\r\n- 一项\r\n#\r\n- \r\n文字"), [
    { para: [[{ text: "一段" }]] },
    { list: [[{ text: "一项" }]] },
    { para: [[{ text: "#" }], [{ text: "-" }], [{ text: "文字" }]] },
  ]);
  assert.is(renderMarkup(""), "");
  assert.is(renderMarkup("\n\n  \n"), "");
});

/** Every tag in the output must be one the renderer makes, with only its own attributes. */
function tagProblems(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [tag, name, attrs] = m;
    if (!["h2", "p", "br", "ul", "li", "a"].includes(name)) problems.push(tag);
    else if (name === "a" && !/^( href="(https:\/\/[^"]+|\/[^"]*)"( rel="noopener noreferrer")?)?$/.test(attrs)) problems.push(tag);
    else if (name !== "a" && attrs !== "") problems.push(tag);
  }
  return problems;
}

test("hostile input is rendered as text: no tag, attribute or script of the writer's survives", () => {
  const hostile: [string, string][] = [
    ["<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["# <img src=x onerror=alert(1)>", "<h2>&lt;img src=x onerror=alert(1)&gt;</h2>"],
    ["- <a href=\"javascript:alert(1)\">点</a>", "<ul><li>&lt;a href=&quot;javascript:alert(1)&quot;&gt;点&lt;/a&gt;</li></ul>"],
    ["[点我](javascript:alert(1))", "<p>[点我](javascript:alert(1))</p>"],
    ["[点我](javascript:alert)", "<p>[点我](javascript:alert)</p>"],
    ["[点我](JAVASCRIPT:alert)", "<p>[点我](JAVASCRIPT:alert)</p>"],
    ["[点我](data:text/html,<script>alert(1)</script>)", "<p>[点我](data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;)</p>"],
    ["[点我](vbscript:msgbox)", "<p>[点我](vbscript:msgbox)</p>"],
    ["[点我](http://example.com)", "<p>[点我](http://example.com)</p>"],
    ["[点我](//evil.example)", "<p>[点我](//evil.example)</p>"],
    ["[点我](/\\evil.example)", "<p>[点我](/\\evil.example)</p>"],
    ["[点我](https://)", "<p>[点我](https://)</p>"],
    ["[点我](&#106;avascript:alert)", "<p>[点我](&amp;#106;avascript:alert)</p>"],
    ['[点我](https://x.cn/"onmouseover="alert(1))', '<p>[点我](https://x.cn/&quot;onmouseover=&quot;alert(1))</p>'],
    ["[<b>粗</b>](/policy)", '<p><a href="/policy">&lt;b&gt;粗&lt;/b&gt;</a></p>'],
    ["[x](/a?b=1&c=<2>)", "<p>[x](/a?b=1&amp;c=&lt;2&gt;)</p>"],
    ["[x](/a?b=1&c=2)", '<p><a href="/a?b=1&amp;c=2">x</a></p>'],
    ["'; DROP TABLE policy_articles; --", "<p>&#39;; DROP TABLE policy_articles; --</p>"],
    ["</p></article><script>x</script>", "<p>&lt;/p&gt;&lt;/article&gt;&lt;script&gt;x&lt;/script&gt;</p>"],
  ];
  assert.equal(tagProblems('<p><script>x</script><a href="javascript:x">y</a><p onclick="x"></p>'), ["<script>", "</script>", '<a href="javascript:x">', '<p onclick="x">']);
  for (const [src, want] of hostile) {
    const html = renderMarkup(src);
    assert.is(html, want, src);
    assert.equal(tagProblems(html), [], src);
  }
});

test("a flood of brackets does not hang the renderer", () => {
  const src = "[".repeat(5000) + "](" + "a".repeat(4000);
  const start = performance.now();
  renderMarkup(src);
  renderMarkup("[x](".repeat(2500));
  assert.ok(performance.now() - start < 500);
});

test("links that will not work are found before saving; good ones are not", () => {
  assert.equal(refusedLinks("[a](javascript:alert(1)) [b](https://ok.cn) [c](/jobs) [d](http://x.cn) [e]()"), ["javascript:alert(1", "http://x.cn", ""]);
  const cases: [string, boolean][] = [
    ["https://www.12333.gov.cn/", true],
    ["/policy/3", true],
    ["/", true],
    ["https://", false],
    ["//x.cn", false],
    ["javascript:alert", false],
    ["mailto:a@b.cn", false],
    ["tel:12333", false],
    ["/a b", false],
  ];
  for (const [target, ok] of cases) assert.is(isSafeLink(target), ok, target);
});

test("a summary is the first paragraph as plain text, cut short", () => {
  assert.is(summary("# 标题\n\n第一段[链接](/x)文字。\n第二行\n\n第二段"), "第一段链接文字。 第二行");
  assert.is(summary("一二三四五六", 3), "一二三…");
  assert.is(summary("# 只有标题"), "");
});

test("who may write for which market", () => {
  const m = { id: 5, countyCode: "411024" };
  const cases: [string, Parameters<typeof canWriteFor>[0], typeof m | null, boolean][] = [
    ["city admin, whole city", { role: "city_admin", marketId: null, countyCode: null }, null, true],
    ["city admin, any market", { role: "city_admin", marketId: null, countyCode: null }, m, true],
    ["county admin, own county", { role: "county_admin", marketId: null, countyCode: "411024" }, m, true],
    ["county admin, other county", { role: "county_admin", marketId: null, countyCode: "411081" }, m, false],
    ["county admin, whole city", { role: "county_admin", marketId: null, countyCode: "411024" }, null, false],
    ["staff, own market", { role: "staff", marketId: 5, countyCode: "411024" }, m, true],
    ["staff, other market", { role: "staff", marketId: 6, countyCode: "411024" }, m, false],
    ["staff, whole city", { role: "staff", marketId: 5, countyCode: "411024" }, null, false],
    ["worker", { role: "worker", marketId: null, countyCode: null }, m, false],
    // Only staff are matched by market: any other role is refused even if it carries this market's id.
    ["employer carrying the market's id", { role: "employer", marketId: 5, countyCode: "411024" }, m, false],
  ];
  for (const [name, user, market, want] of cases) assert.is(canWriteFor(user, market), want, name);
});

test.run();
