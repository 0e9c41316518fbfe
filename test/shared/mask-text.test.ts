// The one masking function for phone and ID numbers in free text (issue #16).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { maskPersonalNumbers } from "../../src/shared/mask-text.ts";

test("a table of cases: numbers in every shape people type them are masked; dates, prices and counts stay", () => {
  const cases: [string, string][] = [
    ["电话13812345678", "电话138****5678"],
    ["联系 138-1234-5678 王", "联系 138****5678 王"],
    ["联系 138 1234 5678", "联系 138****5678"],
    ["+86 138 1234 5678", "138****5678"],
    ["0086-13812345678", "138****5678"],
    ["全角 １３８１２３４５６７８", "全角 138****5678"],
    ["全角加横线 １３８－１２３４－５６７８", "全角加横线 138****5678"],
    ["座机 0374-2961234", "座机 *********34"],
    ["座机 (0374)2961234", "座机 *********34"],
    ["座机 0374 296 1234", "座机 *********34"],
    ["本地 2961234", "本地 *****34"],
    ["身份证 411024197501011234", "身份证 411*************34"],
    ["身份证 41102419750101123X", "身份证 411*************3X"],
    ["身份证 411024 19750101 123x", "身份证 411*************3X"],
    ["老身份证 411024750101123", "老身份证 411**********23"],
    ["全角身份证 ４１１０２４１９７５０１０１１２３Ｘ", "全角身份证 411*************3X"],
    ["招 3 人,日薪 150 元", "招 3 人,日薪 150 元"],
    ["2026-12-01 开工,20261201 结束", "2026-12-01 开工,20261201 结束"],
    ["8:00-17:00", "8:00-17:00"],
    ["幸福路 8 号 2 单元 301", "幸福路 8 号 2 单元 301"],
    ["月薪 4500 元", "月薪 4500 元"],
    ["", ""],
  ];
  for (const [text, want] of cases) assert.is(maskPersonalNumbers(text), want, text);
});

test("no digits of a number survive beyond what the mask keeps", () => {
  const out = maskPersonalNumbers("王 13812345678 身份证 411024197501011234 座机 0374-2961234");
  assert.not.match(out, "12345678");
  assert.not.match(out, "19750101");
  assert.not.match(out, "2961234");
});

test.run();
