// Where "我要招工" leads, by who is signed in: /jobs/new works only for
// visitors (sent to sign in, with the steps) and employers; staff and admins
// post for an employer at the desk (代雇主招工); a worker's account cannot
// post, so her menu's second item is her own sign-ups instead (a link that
// ends on "页面不存在" is a dead end).
import { paths } from "../../src/paths.ts";
import type { CurrentUser } from "../../src/shared/context.ts";
import { isStaff } from "../../src/shared/authz.ts";
import { copy } from "../copy/index.ts";

/** The menu's item 2 for this user: [href, label]. */
export function hireItem(user: CurrentUser | null): [string, string] {
  if (isStaff(user)) return [paths.desk.postJob, copy.desk.actions.postJob];
  if (user?.role === "worker") return [paths.jobs.applications, copy.jobs.myTitle];
  return [paths.jobs.new, copy.common.nav.post];
}

/** May this user use the employer's posting forms (我要招工, 即时快招)? Visitors are sent to sign in first. */
export const mayPostJobs = (user: CurrentUser | null) => !user || user.role === "employer";
