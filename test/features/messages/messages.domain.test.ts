// The outbox rules (src/features/messages/messages.domain.ts) as tables, so
// `npm run mutation -- messages.domain` runs in seconds (messages.test.ts
// starts the app and the outbox for each test). Expectations are written out.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { afterAttempt, shortError, pageNumber, MAX_SMS_ATTEMPTS } from "../../../src/features/messages/messages.domain.ts";

test("three tries, then the text is given up on; a permanent refusal is not tried again", () => {
  assert.is(MAX_SMS_ATTEMPTS, 3);
  const cases: [attempts: number, ok: boolean, permanent: boolean | undefined, status: string][] = [
    [1, true, undefined, "sent"],
    [3, true, undefined, "sent"],
    [1, true, true, "sent"], // delivered: whatever the flag says
    [1, false, undefined, "pending"],
    [2, false, undefined, "pending"],
    [2, false, false, "pending"],
    [3, false, undefined, "failed"],
    [4, false, undefined, "failed"],
    [1, false, true, "failed"], // an invalid number fails the same way next time
  ];
  for (const [attempts, ok, permanent, status] of cases) assert.is(afterAttempt(attempts, ok, permanent), status, `${attempts} ${ok} ${permanent}`);
});

test("a provider's error is kept short and without long digit runs (a phone number)", () => {
  const cases: [string, string][] = [
    ["timeout", "timeout"],
    ["bad number 13812345678", "bad number ***"],
    ["code 123456 at 1234567", "code 123456 at ***"], // six digits stay, seven go
    ["13812345678/13912345678", "***/***"],
    ["x".repeat(500), "x".repeat(200)],
    ["", ""],
  ];
  for (const [raw, kept] of cases) assert.is(shortError(raw), kept, raw);
});

test("the inbox's page number: 1 to 100000, anything else is page 1", () => {
  const cases: [string | string[] | undefined, number][] = [
    [undefined, 1], ["", 1], ["0", 1], ["-1", 1], ["1", 1], ["2", 2], ["2.5", 1], ["abc", 1],
    ["100000", 100000], ["100001", 1], ["99999999999999999999", 1], [["7", "8"], 7], [[], 1],
  ];
  for (const [raw, n] of cases) assert.is(pageNumber(raw), n, JSON.stringify(raw));
});

test.run();
