import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  identityFor, needsPledge, isVerified, canEditOwnDetails, decide, duplicateField, pageNumber,
  completeUscc, completeOrgCode, completeResidentId,
} from "../../../src/features/employers/employers.domain.ts";
import { isValidUscc, isValidResidentId } from "../../../src/shared/validators.ts";
import type { EmployerKind, VerificationStatus } from "../../../db/schema/constants.ts";

test("each kind of employer proves who it is with its own identifier, and only private employers sign the pledge", () => {
  const cases: [EmployerKind, "uscc" | "idNumber", boolean][] = [
    ["sole_trader", "uscc", false],
    ["company", "uscc", false],
    ["hr_agency", "uscc", false],
    ["private", "idNumber", true],
  ];
  for (const [kind, id, pledge] of cases) {
    assert.is(identityFor(kind), id, kind);
    assert.is(needsPledge(kind), pledge, kind);
  }
});

test("staff decisions lead from one status to the next, or do not apply", () => {
  const cases: [VerificationStatus, "verify" | "reject", VerificationStatus | null][] = [
    ["pending", "verify", "verified"],
    ["pending", "reject", "rejected"],
    ["verified", "verify", null],
    ["verified", "reject", "rejected"], // revoking
    ["rejected", "verify", null], // must resubmit first
    ["rejected", "reject", null],
  ];
  for (const [from, d, to] of cases) assert.is(decide(from, d), to, `${from} + ${d}`);
});

test("only verified employers count as verified; only unverified ones edit their own details", () => {
  const cases: [VerificationStatus | null, boolean, boolean][] = [
    ["pending", false, true],
    ["rejected", false, true],
    ["verified", true, false],
  ];
  for (const [s, verified, editable] of cases) {
    assert.is(isVerified(s ? { status: s } : null), verified, String(s));
    if (s) assert.is(canEditOwnDetails(s), editable, s);
  }
  assert.is(isVerified(null), false);
  assert.is(isVerified(undefined), false);
});

test("UNIQUE violations are told apart by column", () => {
  const cases: [string, ReturnType<typeof duplicateField>][] = [
    ["SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: users.phone", "phone"],
    ["Failed query | UNIQUE constraint failed: employers.uscc", "uscc"],
    ["UNIQUE constraint failed: employers.id_number", "idNumber"],
    ["UNIQUE constraint failed: employers.user_id", "phone"],
    ["UNIQUE constraint failed: worker_profiles.card_code", null],
    ["FOREIGN KEY constraint failed", null],
    ["NOT NULL constraint failed: users.phone", null], // names our column, but no duplicate
    ["", null],
  ];
  for (const [message, field] of cases) assert.is(duplicateField(message), field, message);
});

test("page numbers from the query string", () => {
  const cases: [string | string[] | undefined, number][] = [
    [undefined, 1], ["", 1], ["0", 1], ["-3", 1], ["2", 2], ["2.5", 1], ["abc", 1], ["999999999", 1], [["3", "4"], 3],
    ["1", 1], ["100000", 100000], ["100001", 1], // the last page allowed, and one past it
  ];
  for (const [raw, n] of cases) assert.is(pageNumber(raw), n, String(raw));
});

test("check characters make valid USCCs and ID numbers (published samples included)", () => {
  assert.is(completeUscc("91350100M000100Y4"), "91350100M000100Y43");
  assert.is(completeResidentId("11010519491231002"), "11010519491231002X");
  assert.is(completeOrgCode("D2143569"), "D2143569X"); // the sample in GB 11714
  // 11 − (sum mod 11) = 11 is written "0": "B" is 11, 11 × 3 = 33, 33 mod 11 = 0.
  assert.is(completeOrgCode("B0000000"), "B00000000");
  assert.is(completeOrgCode("00000000"), "000000000");
  for (const body of ["92411081MA3XK7P2", "93411024MA9C4LD1", "52411002MJY12345"]) {
    const code = completeUscc(body.slice(0, 8) + completeOrgCode(body.slice(8, 16)));
    assert.ok(isValidUscc(code), code);
  }
  for (const body of ["41108119650312001", "41102419880101234", "41100219550707888"]) assert.ok(isValidResidentId(completeResidentId(body)), body);
});

test.run();
