// Tables of cases shared by a hotline rule's TypeScript form and its SQL
// twin (issue #19: each rule once; hotline.twins.test.ts runs the SQL):
// lateness (lateDays, the "N days late" on each row) and the overdue list
// (listCases with `overdue`, hotline.repo.ts, which alone orders it); who sees
// a case (canSeeCase, for one case) and caseScope (the same rule on a list).
import type { CaseStatus } from "../../../db/schema/hotline.ts";
import type { canSeeCase } from "../../../src/features/hotline/hotline.domain.ts";

/** [name, status, due date, today, days late] */
export const lateCases: [string, CaseStatus, string, string, number][] = [
  ["before the due date", "accepted", "2026-12-01", "2026-11-30", 0],
  ["on the due date", "processing", "2026-12-01", "2026-12-01", 0],
  ["a day after", "transferred", "2026-12-01", "2026-12-02", 1],
  ["over a month end", "processing", "2026-11-29", "2026-12-03", 4],
  ["closed late is not late any more", "closed", "2026-11-01", "2026-12-03", 0],
  ["visited", "visited", "2026-11-01", "2026-12-03", 0],
];

/**
 * The overdue list on 2026-11-28: latest first, urgent before normal at equal
 * lateness, then the older case; on-time and closed cases left out. `id` is
 * the order the cases are filed in.
 */
export const overdueToday = "2026-11-28";
export const overdueCases: { id: number; status: CaseStatus; dueDate: string; urgency: "normal" | "urgent" }[] = [
  { id: 1, status: "accepted", dueDate: "2026-11-25", urgency: "normal" },
  { id: 2, status: "processing", dueDate: "2026-11-20", urgency: "normal" },
  { id: 3, status: "accepted", dueDate: "2026-11-25", urgency: "urgent" },
  { id: 4, status: "closed", dueDate: "2026-11-01", urgency: "urgent" },
  { id: 5, status: "accepted", dueDate: "2026-12-05", urgency: "urgent" },
];
export const overdueOrder = [2, 3, 1];

export const staffA = { id: 10, role: "staff" as const, marketId: 1, countyCode: "411024" };
export const staffB = { id: 11, role: "staff" as const, marketId: 2, countyCode: "411024" };
export const countyA = { id: 12, role: "county_admin" as const, marketId: null, countyCode: "411024" };
export const countyB = { id: 13, role: "county_admin" as const, marketId: null, countyCode: "411081" };
export const city = { id: 14, role: "city_admin" as const, marketId: null, countyCode: null };
export const worker = { id: 15, role: "worker" as const, marketId: null, countyCode: "411024" };
export const caseAtA = { marketId: 1, countyCode: "411024", assignedTo: null, createdBy: null };

export const scopeCases: [string, Parameters<typeof canSeeCase>[0], Parameters<typeof canSeeCase>[1], boolean][] = [
  ["staff of the market", staffA, caseAtA, true],
  ["staff of another market in the county", staffB, caseAtA, false],
  ["staff given the case", staffB, { ...caseAtA, assignedTo: 11 }, true],
  ["staff who logged it", staffB, { ...caseAtA, createdBy: 11 }, true],
  ["the county admin", countyA, caseAtA, true],
  ["another county's admin", countyB, caseAtA, false],
  ["the city admin", city, caseAtA, true],
  ["a worker", worker, caseAtA, false],
  ["staff, case without a market", staffA, { ...caseAtA, marketId: null }, false],
];
