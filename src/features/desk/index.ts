// The station desk (驿站工作台): walk-in registration, check-in, priority
// help, fair order, printing, acting for the person present. Its only door:
// other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { deskRoutes } from "./desk.routes.tsx";
import { deskSettings } from "./desk.settings.ts";
import { forgetStatements } from "./desk.repo.ts";

/** Job seekers per market and day (签到人数), from check-ins: for monitoring. */
export { checkInCounts } from "./desk.repo.ts";
export { drawOrder, fairOrder, categoriesOf, type PriorityCategory } from "./desk.domain.ts";
export { deskSettings } from "./desk.settings.ts";
export { workerDesk } from "./desk.scope.ts";

export const feature: Feature = {
  name: "desk",
  routes: deskRoutes,
  install(deps) {
    // Read the thresholds now, so a bad DESK_* value stops the server at start.
    deskSettings(deps);
    // A forgotten worker keeps their check-ins and draws (counts); the sensitive
    // categories go, and so do the staff's free-text notes about them.
    deps.hooks.forgetWorkers.push(async (tx, workerIds) => {
      for (const s of forgetStatements(tx, workerIds)) await s;
    });
  },
};
