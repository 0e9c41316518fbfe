// Employers (雇主): registration, verification by staff, the employer's home.
// Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { isStaff } from "../../shared/authz.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { employersRoutes, scopeOf } from "./employers.routes.tsx";
import { pendingCount } from "./employers.repo.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { employerForUser, pendingCount, type Employer } from "./employers.repo.ts";
export { completeUscc, completeOrgCode, completeResidentId } from "./employers.domain.ts";
export { isVerified, identityFor, needsPledge, canEditOwnDetails } from "./employers.domain.ts";
export type { VerificationStatus } from "../../../db/schema/constants.ts";

/** The staff verification queue (雇主审核), for links from the desk. */
export const employerQueuePath = paths.employers.queue;

// "My account" shows an employer their home, and staff the queue with what waits in it.
const meLinks: LinkProvider = (async (c) => {
  const user = c.var.user;
  if (user?.role === "employer") return [[paths.employers.home, copy.employers.meLinkHome]];
  if (isStaff(user)) return [[paths.employers.queue, copy.employers.meLinkQueue(await pendingCount(c.var.deps.database.db, scopeOf(user!)))]];
  return [];
});

export const feature: Feature = { name: "employers", meLinks: [meLinks], routes: employersRoutes };
