// Tables of cases shared by a rule's TypeScript form and its SQL twin, so the
// two are held to the same answers (issue #19: each rule once).
import type { WageUnit } from "../../../db/schema/constants.ts";

/** dayRateFen (jobs.domain.ts) and dayRateSql (jobs.repo.ts): fen per day for a wage. */
export const dayRateCases: [wageFen: number, unit: WageUnit, perDay: number | null][] = [
  [2500, "hour", 20000],
  [1, "hour", 8],
  [15000, "day", 15000],
  [1, "day", 1],
  [435000, "month", 20000],
  [435001, "month", 20000],
  [200000, "month", 9195],
  [86, "month", 3],
  [100, "piece", null],
];
