// Records (用工记录与行情): an employer's payment record, the going rate for
// each kind of work, and a worker's own record, computed from hires and wage
// cases, never typed. Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { recordsRoutes } from "./records.routes.tsx";
import { forgetPrints } from "./records.repo.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { employerRecordOf, goingRateOf, goingRatesOf } from "./records.figures.ts";
export { renderRecordPrint, issueRecordPrint, printUrl } from "./records.routes.tsx";
export { wellBelow, GOING_RATE_MIN_HIRES, GOING_RATE_DAYS, type EmployerRecord, type GoingRate } from "./records.domain.ts";
export { rateTrend, type TrendRow } from "./records.trend.ts";

const meLinks: LinkProvider = ((c) => {
  const role = c.var.user?.role;
  if (role === "worker") return [[paths.records.mine, copy.records.workerTitle]];
  if (role === "employer") return [[paths.records.employerMine, copy.records.meLinkEmployer]];
  return [];
});
const employerHomeLinks: LinkProvider = (() => [[paths.records.employerMine, copy.records.meLinkEmployer]]);

export const feature: Feature = {
  name: "records",
  meLinks: [meLinks],
  employerHomeLinks: [employerHomeLinks],
  routes: recordsRoutes,
  install(deps) {
    // A forgotten worker's printed records can no longer be checked: their codes go.
    deps.hooks.forgetWorkers.push(async (tx, workerIds) => {
      await forgetPrints(tx, workerIds);
    });
  },
};
