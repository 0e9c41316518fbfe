// Staff review of household postings held for their headcount (待审核的招工, issue #16).
// Its only door.
import type { Feature } from "../../shared/feature.ts";
import type { LinkProvider } from "../../shared/hooks.ts";
import { isStaff } from "../../shared/authz.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { reviewRoutes, reviewScope } from "./review.routes.tsx";
import { heldCount } from "./review.repo.ts";

export const heldPostingsPath = paths.review.queue;

// Staff find the queue on "我的", with how many wait in their county.
const meLinks: LinkProvider = async (c) => {
  const user = c.var.user;
  if (!isStaff(user)) return [];
  const deps = c.var.deps;
  return [[paths.review.queue, copy.review.meLink(await heldCount(deps.database.db, reviewScope(user!), deps.config.postingLimits.householdHeadcount))]];
};

export const feature: Feature = { name: "review", meLinks: [meLinks], routes: reviewRoutes };
