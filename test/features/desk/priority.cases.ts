// The table of cases for who is a priority worker (困难零工人员), shared by the
// rule's TypeScript form (categoriesOf, desk.domain.ts) and its two SQL forms:
// the desk's priority queue (desk.repo.ts priorityQueue) and the monitoring
// figure "priority-worker hires" (monitoring.priority.ts). Issue #19: each rule
// once — where it must run in SQL, the SQL answers the same cases.
import type { PriorityCategory, PriorityFacts, PrioritySettings } from "../../../src/features/desk/desk.domain.ts";

export const priorityToday = "2026-11-28";

export const priorityCases: [name: string, facts: Partial<PriorityFacts>, settings: Partial<PrioritySettings>, want: PriorityCategory[]][] = [
  ["nothing known", {}, {}, []],
  ["first check-in exactly 30 days ago", { firstCheckIn: "2026-10-29" }, {}, ["long_wait"]],
  ["first check-in 29 days ago", { firstCheckIn: "2026-10-30" }, {}, []],
  ["29 days with a 29-day threshold", { firstCheckIn: "2026-10-30" }, { longWaitDays: 29 }, ["long_wait"]],
  ["a hire 8 days ago ends the wait", { firstCheckIn: "2026-09-01", lastHire: "2026-11-20" }, {}, []],
  ["the last hire exactly 30 days ago", { firstCheckIn: "2026-09-01", lastHire: "2026-10-29" }, {}, ["long_wait"]],
  ["a hire today", { firstCheckIn: "2026-09-01", lastHire: priorityToday }, {}, []],
  ["a hire before the first check-in does not count", { firstCheckIn: "2026-10-29", lastHire: "2026-10-01" }, {}, ["long_wait"]],
  ["checked in today", { firstCheckIn: priorityToday }, {}, []],
  ["hired but never checked in", { lastHire: "2026-01-01" }, {}, []],
  ["50 this year", { birthYear: 1976 }, {}, ["older"]],
  ["49 this year", { birthYear: 1977 }, {}, []],
  ["49 with the age set to 45", { birthYear: 1977 }, { olderAge: 45 }, ["older"]],
  ["over 100 (a birth year kept from long ago) is still 大龄", { birthYear: 1920 }, {}, ["older"]],
  ["disabled, with consent", { sensitive: ["disabled"] }, {}, ["disabled"]],
  ["low income, with consent", { sensitive: ["low_income"] }, {}, ["low_income"]],
  [
    "all four",
    { sensitive: ["disabled", "low_income"], birthYear: 1950, firstCheckIn: "2026-01-01" },
    {},
    ["long_wait", "low_income", "disabled", "older"],
  ],
];
