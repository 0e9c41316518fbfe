import * as v from "valibot";
import { mobile } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";

/** 验证码登录 and 查报名结果: only the phone (and where to go after signing in). */
export const PhoneOnlyForm = v.object({
  phone: mobile(copy.phone.phone),
  next: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
