// Hire records (用工记录): what both sides agreed, progress, and whether the
// worker was paid. Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { hiresRoutes } from "./hires.routes.tsx";

export { insertHire, findHire, type NewHire, type HireView } from "./hires.repo.ts";
/** The hotline's call list records a worker's "were you paid?" answer through here (hires owns the table). */
export { recordPaidAnswer } from "./hires.repo.ts";
export { asksPaid, nextStatus, actionsFor, partyOf, hireActions, type HireAction, type HireParty } from "./hires.domain.ts";

export const feature: Feature = { name: "hires", routes: hiresRoutes };
