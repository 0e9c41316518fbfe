// Form checking: each field's Chinese message, normalised values.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as v from "valibot";
import { check, text, mobile, pin, int, moneyFen, date, choice, residentId, uscc } from "../../src/shared/forms.ts";

const Form = v.object({
  name: text("姓名", 10),
  phone: mobile(),
  pin: v.optional(pin()),
  headcount: v.optional(int("人数", 1, 500)),
  wage: v.optional(moneyFen("工资", 1, 10_000_000)),
  day: v.optional(date("开工日期")),
  form: v.optional(choice("用工形式", ["gig", "part_time"] as const)),
  id: v.optional(residentId()),
  code: v.optional(uscc()),
});

const ok = { name: "王芳", phone: "138 1234 5678" };

test("valid input is normalised: phone without spaces, yuan to fen, numbers as numbers", () => {
  const r = check(Form, { ...ok, headcount: "3", wage: "150.5", day: "2026-12-01", form: "gig" });
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.value.phone, "13812345678");
    assert.is(r.value.headcount, 3);
    assert.is(r.value.wage, 15050);
  }
});

const cases: [string, Record<string, string>, string, string][] = [
  ["a missing name", { phone: ok.phone }, "name", "请填写姓名"],
  ["a name that is too long", { ...ok, name: "很".repeat(11) }, "name", "姓名不能超过 10 个字"],
  ["a landline", { ...ok, phone: "0374-2961234" }, "phone", "11 位手机号"],
  ["a PIN of letters", { ...ok, pin: "abcdef" }, "pin", "6 位数字"],
  ["a headcount of 0", { ...ok, headcount: "0" }, "headcount", "人数应在 1 到 500 之间"],
  ["a headcount of 10,000", { ...ok, headcount: "10000" }, "headcount", "人数应在 1 到 500 之间"],
  ["a fractional headcount", { ...ok, headcount: "2.5" }, "headcount", "人数请填数字"],
  ["a wage of letters", { ...ok, wage: "abc" }, "wage", "工资请填金额"],
  ["a wage of 0", { ...ok, wage: "0" }, "wage", "工资应在"],
  ["a negative wage", { ...ok, wage: "-5" }, "wage", "工资请填金额"],
  ["a date that does not exist", { ...ok, day: "2026-02-30" }, "day", "开工日期请填日期"],
  ["a date in year 9999", { ...ok, day: "9999-01-01" }, "day", "开工日期请填日期"],
  ["an unknown choice", { ...ok, form: "slavery" }, "form", "请选择用工形式"],
  // The GB 11643 sample 11010519491231002X with its check character changed to a digit: every
  // character allowed, the date real, so only the checksum can refuse it (see the control below).
  ["a wrong ID check digit", { ...ok, id: "110105194912310021" }, "id", "身份证号不对"],
  ["a wrong credit code", { ...ok, code: "91350100M000100Y44" }, "code", "统一社会信用代码不对"],
];
test("the control for the wrong check digit: the same ID number with its right check character passes", () => {
  const r = check(Form, { ...ok, id: "11010519491231002X" });
  assert.ok(r.ok, JSON.stringify(r));
});

for (const [name, input, field, message] of cases) {
  test(`${name} gives the ${field} field a Chinese message`, () => {
    const r = check(Form, input);
    assert.not.ok(r.ok);
    if (!r.ok) assert.match(r.errors[field] ?? "", message);
  });
}

test.run();
