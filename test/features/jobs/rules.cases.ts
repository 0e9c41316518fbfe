// Tables of cases shared by a rule's TypeScript form and its SQL twin, so the
// two are held to the same answers (issue #19: each rule once).
import type { PostingStatus, WageUnit } from "../../../db/schema/constants.ts";

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

/**
 * effectiveStatus (jobs.domain.ts) and its SQL forms: browseWhere (what the
 * public list shows as open) and expireOverdue (what the sweep expires).
 * [name, stored status, end date's offset from today in days, the status in effect]
 */
export const effectiveStatusCases: [string, PostingStatus, number, PostingStatus][] = [
  ["open, ends today", "open", 0, "open"],
  ["open, ends tomorrow", "open", 1, "open"],
  ["open, ended yesterday", "open", -1, "expired"],
  ["filled, ended yesterday", "filled", -1, "filled"],
  ["closed", "closed", 3, "closed"],
  ["a draft past its end", "draft", -2, "draft"],
  ["removed", "removed", 0, "removed"],
];
