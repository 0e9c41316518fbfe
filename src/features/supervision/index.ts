// Supervision of the markets (市场监管): safety inspections, incidents and
// roadside gathering points. Its only door.
import type { Feature } from "../../shared/feature.ts";
import { isStaff } from "../../shared/authz.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { supervisionRoutes } from "./supervision.routes.tsx";
import type { LinkProvider } from "../../shared/hooks.ts";

export { lastInspections, overdueInspections, countsSince } from "./supervision.repo.ts";
export { inspectionOutcome, needsRectification, roadsideTrend, type InspectionOutcome } from "./supervision.domain.ts";

// Staff and admins reach it from "my account".
const meLinks: LinkProvider = ((c) => (isStaff(c.var.user) ? [[paths.supervision.home, copy.supervision.meLink]] : []));

export const feature: Feature = { name: "supervision", meLinks: [meLinks], routes: supervisionRoutes };
