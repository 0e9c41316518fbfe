import { test } from "uvu";
import * as assert from "uvu/assert";
import { creatableRoles, checkNewAccountScope, canManageAccount, secretKind } from "../../../src/features/accounts/accounts.domain.ts";

const city = { id: 1, role: "city_admin" as const, countyCode: null };
const county = { id: 2, role: "county_admin" as const, countyCode: "411024" };
const staff = { id: 3, role: "staff" as const, countyCode: "411024" };
const mkt = (countyCode: string) => ({ id: 9, countyCode });

test("who may create which accounts", () => {
  assert.equal(creatableRoles(city), ["staff", "county_admin", "city_admin"]);
  assert.equal(creatableRoles(county), ["staff"]);
  assert.equal(creatableRoles(staff), []);
});

const scopeCases: [string, Parameters<typeof checkNewAccountScope>, ReturnType<typeof checkNewAccountScope>][] = [
  ["city admin makes staff anywhere", [city, "staff", undefined, mkt("411081")], null],
  ["city admin makes a county admin with a county", [city, "county_admin", "411081", null], null],
  ["a county admin needs a county", [city, "county_admin", undefined, null], "needCounty"],
  ["staff need a market", [city, "staff", undefined, null], "needMarket"],
  ["county admin makes staff in own county", [county, "staff", undefined, mkt("411024")], null],
  ["county admin may not make staff elsewhere", [county, "staff", undefined, mkt("411081")], "outOfScope"],
  ["county admin may not make county admins", [county, "county_admin", "411024", null], "outOfScope"],
  ["staff may not make anyone", [staff, "staff", undefined, mkt("411024")], "outOfScope"],
];
for (const [name, args, want] of scopeCases) test(`new account scope: ${name}`, () => assert.is(checkNewAccountScope(...args), want));

const manageCases: [string, Parameters<typeof canManageAccount>, boolean][] = [
  ["city admin manages anyone else", [city, { id: 5, role: "county_admin", scopeCounty: "411081" }], true],
  ["nobody disables themselves", [city, { id: 1, role: "city_admin", scopeCounty: null }], false],
  ["county admin manages own county's staff", [county, { id: 5, role: "staff", scopeCounty: "411024" }], true],
  ["county admin: not another county's staff", [county, { id: 5, role: "staff", scopeCounty: "411081" }], false],
  ["county admin: not another county admin", [county, { id: 5, role: "county_admin", scopeCounty: "411024" }], false],
  ["staff manage nobody", [{ ...staff }, { id: 5, role: "staff", scopeCounty: "411024" }], false],
];
for (const [name, args, want] of manageCases) test(`manage account: ${name}`, () => assert.is(canManageAccount(...args), want));

test("a 6-digit secret is a PIN only for accounts that have one", () => {
  assert.is(secretKind("123456", true), "pin");
  assert.is(secretKind("123456", false), "password");
  assert.is(secretKind("1234567", true), "password");
  assert.is(secretKind("abcdef", true), "password");
});

test.run();
