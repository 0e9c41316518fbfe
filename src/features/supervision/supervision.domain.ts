// Supervision of the markets (市场监管): the rules, as pure functions.
// - An inspection's outcome: passed, being put right, overdue, or put right.
// - What an inspection record must hold (a failed item needs a deadline).
// - The roadside trend: per county and month, how many gathering points were
//   counted and how many people stood there (退路进厅 progress).
import { inspectionItems, type InspectionItem } from "../../../db/schema/constants.ts";

export type InspectionOutcome = "passed" | "open" | "overdue" | "rectified";

export interface InspectionState {
  failedItems: number;
  /** "YYYY-MM-DD" deadline, when something failed. */
  rectifyBy: string | null;
  rectifiedAt: number | null;
}

/**
 * passed: nothing failed. rectified: something failed and staff recorded it
 * put right. open: failed, deadline today or later. overdue: failed and the
 * deadline (a China date) is before today.
 */
export function inspectionOutcome(s: InspectionState, today: string): InspectionOutcome {
  if (s.failedItems === 0 && !s.rectifyBy) return "passed";
  if (s.rectifiedAt !== null) return "rectified";
  if (s.rectifyBy !== null && s.rectifyBy < today) return "overdue";
  return "open";
}

/** Does this outcome still need work (shown on checklists and the public page)? */
export const needsRectification = (o: InspectionOutcome) => o === "open" || o === "overdue";

export interface InspectionDraft {
  date: string;
  items: Record<InspectionItem, { passed: boolean; note: string }>;
  findings: string;
  rectifyBy: string | null;
}

export type InspectionProblem = "future" | "deadlineNeeded" | "deadlineBeforeDate" | "failedNoteNeeded";

/** Field → problem, empty when the record may be saved. */
export function inspectionProblems(d: InspectionDraft, today: string): Partial<Record<string, InspectionProblem>> {
  const out: Partial<Record<string, InspectionProblem>> = {};
  if (d.date > today) out.date = "future";
  const failed = inspectionItems.filter((k) => !d.items[k].passed);
  for (const k of failed) if (!d.items[k].note) out[`note_${k}`] = "failedNoteNeeded";
  if (failed.length > 0 && !d.rectifyBy) out.rectifyBy = "deadlineNeeded";
  if (d.rectifyBy && d.rectifyBy < d.date) out.rectifyBy = "deadlineBeforeDate";
  return out;
}

export interface RoadsideCount {
  pointId: number;
  countyCode: string;
  /** "YYYY-MM-DD" */
  date: string;
  people: number;
}

export interface RoadsideTrendRow {
  countyCode: string;
  /** "YYYY-MM" */
  month: string;
  /** Points counted at least once that month. */
  points: number;
  /** Sum over those points of each one's last count in the month. */
  people: number;
}

/**
 * Per county and month: the points counted and the people at them, each point
 * by its last count of the month (a point counted weekly is not counted four
 * times). Sorted by county, then month.
 */
export function roadsideTrend(counts: readonly RoadsideCount[]): RoadsideTrendRow[] {
  const last = new Map<string, RoadsideCount>(); // county|month|point → latest count
  for (const c of counts) {
    const key = `${c.countyCode}|${c.date.slice(0, 7)}|${c.pointId}`;
    const seen = last.get(key);
    if (!seen || c.date > seen.date) last.set(key, c);
  }
  const rows = new Map<string, RoadsideTrendRow>();
  for (const c of last.values()) {
    const key = `${c.countyCode}|${c.date.slice(0, 7)}`;
    const row = rows.get(key) ?? { countyCode: c.countyCode, month: c.date.slice(0, 7), points: 0, people: 0 };
    row.points += 1;
    row.people += c.people;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.month.localeCompare(b.month));
}
