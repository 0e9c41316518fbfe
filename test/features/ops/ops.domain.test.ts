// What staff type to find a worker: a phone in any common spelling, or the card code.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { classifyLookup } from "../../../src/features/ops/ops.domain.ts";

test("classifyLookup: phones normalized, card codes upper-cased, anything else refused", () => {
  const cases: [string, ReturnType<typeof classifyLookup>][] = [
    ["13812345678", { phone: "13812345678" }],
    ["+86 138-1234-5678", { phone: "13812345678" }],
    ["１３８１２３４５６７８", { phone: "13812345678" }],
    ["k7qx3m", { cardCode: "K7QX3M" }],
    ["K7Q X3M", { cardCode: "K7QX3M" }],
    ["K7QX30", null], // 0 is not on any card
    ["K7QX3", null],
    ["12345", null],
    ["王秀英", null],
    ["", null],
  ];
  for (const [input, want] of cases) assert.equal(classifyLookup(input), want, input);
});

test.run();
