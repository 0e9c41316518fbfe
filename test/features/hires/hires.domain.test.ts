// Hire record rules: transitions, who is a party, when "were you paid?" is asked.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { nextStatus, actionsFor, partyOf, canMark, asksPaid, type HireAction } from "../../../src/features/hires/hires.domain.ts";
import type { HireStatus, Role } from "../../../db/schema/constants.ts";

const transitions: [HireStatus, HireAction, HireStatus | null][] = [
  ["confirmed", "start", "working"],
  ["working", "complete", "completed"],
  ["confirmed", "cancel", "cancelled"],
  ["confirmed", "complete", null],
  ["working", "start", null],
  ["working", "cancel", null],
  ["completed", "start", null],
  ["completed", "complete", null],
  ["completed", "cancel", null],
  ["cancelled", "start", null],
  ["cancelled", "complete", null],
];
for (const [from, action, to] of transitions) {
  test(`${from} + ${action} → ${to ?? "refused"}`, () => assert.is(nextStatus(from, action), to));
}

test("actionsFor offers only what applies", () => {
  assert.equal(actionsFor("confirmed"), ["start", "cancel"]);
  assert.equal(actionsFor("working"), ["complete"]);
  assert.equal(actionsFor("completed"), []);
  assert.equal(actionsFor("cancelled"), []);
});

const hire = { workerId: 10, employerUserId: 20, countyCode: "411024" };
const parties: [string, { id: number; role: Role; scopeCounty: string | null }, string | null][] = [
  ["its worker", { id: 10, role: "worker", scopeCounty: null }, "worker"],
  ["another worker", { id: 11, role: "worker", scopeCounty: null }, null],
  ["its employer", { id: 20, role: "employer", scopeCounty: null }, "employer"],
  ["another employer", { id: 21, role: "employer", scopeCounty: null }, null],
  ["staff of the county", { id: 30, role: "staff", scopeCounty: "411024" }, "staff"],
  ["staff of another county", { id: 31, role: "staff", scopeCounty: "411081" }, null],
  ["the county admin", { id: 32, role: "county_admin", scopeCounty: "411024" }, "staff"],
  ["another county's admin", { id: 33, role: "county_admin", scopeCounty: "411081" }, null],
  ["the city admin", { id: 34, role: "city_admin", scopeCounty: null }, "staff"],
  // Fails closed: a role this rule does not know yet (one added later, a bad row) is no party, even in the hire's county.
  ["a role the rule does not know, in the hire's county", { id: 35, role: "auditor" as Role, scopeCounty: "411024" }, null],
];
for (const [name, viewer, expected] of parties) {
  test(`partyOf: ${name} → ${expected}`, () => assert.is(partyOf(viewer, hire), expected));
}

test("only the employer and staff mark progress", () => {
  assert.ok(canMark("employer"));
  assert.ok(canMark("staff"));
  assert.not.ok(canMark("worker"));
  assert.not.ok(canMark(null));
});

const today = "2026-11-28";
const paidCases: [string, { status: HireStatus; endDate: string; paid: string | null }, boolean][] = [
  ["before the last day", { status: "confirmed", endDate: "2026-11-30", paid: null }, false],
  ["on the last day", { status: "working", endDate: today, paid: null }, false],
  ["after the last day", { status: "working", endDate: "2026-11-27", paid: null }, true],
  ["completed early", { status: "completed", endDate: "2026-11-30", paid: null }, true],
  ["already answered", { status: "completed", endDate: "2026-11-01", paid: "paid" }, false],
  ["cancelled", { status: "cancelled", endDate: "2026-11-01", paid: null }, false],
];
for (const [name, h, expected] of paidCases) {
  test(`asksPaid: ${name}`, () => assert.is(asksPaid(h, today), expected));
}

test.run();
