// The station desk (驿站工作台): walk-in registration, check-in, priority
// help, fair order, printing. Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { deskRoutes } from "./desk.routes.tsx";
import { deskSettings } from "./desk.settings.ts";

/** Job seekers per market and day (签到人数), from check-ins: for monitoring. */
export { checkInCounts } from "./desk.repo.ts";
export { drawOrder, fairOrder, categoriesOf, type PriorityCategory } from "./desk.domain.ts";
export { deskSettings } from "./desk.settings.ts";

export const feature: Feature = {
  name: "desk",
  routes: deskRoutes,
  install(deps) {
    // Read the thresholds now, so a bad DESK_* value stops the server at start.
    deskSettings(deps);
  },
};
