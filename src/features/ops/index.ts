// Operations (运维): the admins' status page, the station's handling of a
// worker's "delete my data" request, and the daily personal-data housekeeping
// timer. The code shared with the admin command line is in src/ops/.
import type { Feature } from "../../shared/feature.ts";
import { isStaff } from "../../shared/authz.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { startHousekeeping } from "../../ops/housekeeping.ts";
import { opsRoutes } from "./ops.routes.tsx";
import type { LinkProvider } from "../../shared/hooks.ts";

export { forgetWorkers, runHousekeeping } from "../../ops/housekeeping.ts";

// "My account" links: admins to the status page, all staff to the deletion request page.
const meLinks: LinkProvider = ((c) => {
  const user = c.var.user;
  if (!isStaff(user)) return [];
  const links: [string, string][] = [[paths.ops.forget, copy.ops.meForget]];
  if (user!.role !== "staff") links.unshift([paths.ops.status, copy.ops.meStatus]);
  return links;
});

export const feature: Feature = { name: "ops", meLinks: [meLinks], routes: opsRoutes, install: (deps) => startHousekeeping(deps) };
