// The online gig market (零工超市): postings, browsing and search, sign-ups,
// quotes and quick hire. Its only door: other code imports from here.
import { inArray } from "drizzle-orm";
import type { Feature } from "../../shared/feature.ts";
import type { Deps } from "../../shared/context.ts";
import { chinaDate } from "../../shared/clock.ts";
import { applications } from "../../../db/schema/index.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { jobsRoutes } from "./jobs.routes.tsx";
import { jobsApi, jobsApiEndpoints } from "./jobs.api.ts";
import { expireOverdue, publishWaitingDrafts } from "./jobs.repo.ts";
import { simplified } from "./jobs.search.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

// Scripts and tests build search rows and postings directly.
export { grams, searchText } from "./jobs.search.ts";
export { insertPosting } from "./jobs.repo.ts";
// SMS replies (alerts) sign up inside their own transaction.
export { signUp } from "./jobs.repo.ts";
// The use cases, for the station desk acting for the person present (代办): post, sign up, confirm.
export * as jobsActions from "./jobs.actions.ts";
export { problemMessages, holdText } from "./jobs.words.ts";
// The staff review of held postings (src/features/review) reads and removes them, and publishes
// them through jobsActions.publish (with skipLimits), so the publishing rules live only here.
export { findPosting, endPosting } from "./jobs.repo.ts";
export { postingLimitProblem } from "./jobs.domain.ts";
export { placeOf } from "./jobs.refs.ts";
// The station desk posts for a walk-in employer with the same quick form (代办).
export { QuickForm } from "./jobs.schema.ts";

const SWEEP_EVERY_MS = 3600_000;

/** Open postings past their last work date become expired; waiting sign-ups are told. */
export async function sweepExpired(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.database.transaction((tx) => expireOverdue(tx, chinaDate(now), now));
}

const meLinks: LinkProvider = ((c) => {
  const role = c.var.user?.role;
  if (role === "worker") return [[paths.jobs.applications, copy.jobs.myTitle]];
  if (role === "employer") return [[paths.jobs.mine, copy.jobs.mineTitle]];
  return [];
});
const employerHomeLinks: LinkProvider = (() => [
  [paths.jobs.mine, copy.jobs.mineTitle],
  [paths.jobs.quick, copy.jobs.quickTitle],
]);

/** When the search tables are built after start (see install). */
const WARM_SEARCH_AFTER_MS = 3_000;

export const feature: Feature = {
  name: "jobs",
  meLinks: [meLinks],
  employerHomeLinks: [employerHomeLinks],
  routes: jobsRoutes,
  api: jobsApi,
  apiEndpoints: jobsApiEndpoints,
  install(deps) {
    const sweep = () =>
      sweepExpired(deps).then(
        (n) => n && deps.log.info("jobs.expired", { count: n }),
        (e: Error) => deps.log.error("jobs.sweep", { error: e.message }),
      );
    void sweep();
    // Build the traditional → simplified tables off the first search's path, but after the start: building
    // them holds the event loop for 100–200 ms, and at 50 ms it held the first /healthz (first /healthz
    // 347 → 634–766 ms in the bench, 2026-12-05). A start takes about 0.4 s on a quiet machine.
    const warm = setTimeout(() => simplified("保潔"), WARM_SEARCH_AFTER_MS);
    (warm as { unref?: () => void }).unref?.();
    const timer = setInterval(sweep, SWEEP_EVERY_MS);
    (timer as { unref?: () => void }).unref?.();
    // A worker's own words on a quote are theirs: blanked when they are forgotten.
    // A newly verified employer's drafts that waited for it go public (see publishWaitingDrafts).
    deps.hooks.employerVerified.push((tx, d, employerId, now, refusal) => publishWaitingDrafts(tx, employerId, chinaDate(d.clock.now()), now, refusal !== null));
    deps.hooks.forgetWorkers.push(async (tx, workerIds) => {
      await tx.update(applications).set({ quoteNote: null }).where(inArray(applications.workerId, workerIds));
    });
    return () => (clearInterval(timer), clearTimeout(warm));
  },
};
