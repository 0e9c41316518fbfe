import * as v from "valibot";
import { mobile, password, text, choice } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.accounts;

export const LoginForm = v.object({
  phone: mobile(t.phone),
  secret: v.pipe(v.string(copy.errors.required(t.secret)), v.maxLength(200, copy.errors.tooLong(t.secret, 200))),
  next: v.optional(v.string()),
});

const passwordsMatch = <T extends { password: string; password2: string }>() =>
  v.forward<T, v.CheckIssue<T>, ["password2"]>(v.check((x) => x.password === x.password2, t.passwordMismatch), ["password2"] as never);

export const SetupForm = v.pipe(
  v.object({
    token: v.pipe(v.string(t.setupInvalid), v.maxLength(100)),
    name: text(t.name, 30),
    phone: mobile(t.phone),
    password: password(t.password),
    password2: v.string(copy.errors.required(t.passwordAgain)),
  }),
  passwordsMatch(),
);

export const staffRoleValues = ["staff", "county_admin", "city_admin"] as const;

export const NewAccountForm = v.pipe(
  v.object({
    role: choice(t.role, staffRoleValues),
    name: text(t.name, 30),
    phone: mobile(t.phone),
    countyCode: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/, copy.errors.invalidChoice(t.county)))),
    marketId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, copy.errors.invalidChoice(t.market)), v.transform(Number))),
    password: password(t.password),
    password2: v.string(copy.errors.required(t.passwordAgain)),
  }),
  passwordsMatch(),
);
