// Monitoring (供需监测): figures by scope and period, the ledger CSV, and the
// county statistics file (export and import). Its only door: other code
// imports from here.
import type { Feature } from "../../shared/feature.ts";
import type { Queryable } from "../../shared/db.ts";
import { perApp } from "../../shared/memo.ts";
import { monitoringRoutes } from "./monitoring.routes.tsx";
import { averageWindow, perDay, AVERAGE_DAYS, type Period } from "./monitoring.domain.ts";
import { marketSums, onlineOwnerId } from "./monitoring.repo.ts";
import { isStaff } from "../../shared/authz.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { averageWindow, AVERAGE_DAYS } from "./monitoring.domain.ts";

export interface DailyFigures {
  /** 日均求职人数 over the window (see monitoring.domain.ts for what is counted). */
  seekersPerDay: number;
  /** 日均成功录用人数 over the window. */
  hiresPerDay: number;
}

/**
 * The directory's two figures for every market, computed from check-ins,
 * online sign-ups and hires over the 30 full days before `today`; markets
 * with no activity are absent (read them as 0).
 */
export function dailyFigures(db: Queryable, today: string): Promise<{ window: Period; byMarket: Map<number, DailyFigures> }> {
  // The window is the 30 days before today, which no longer change once the
  // day is over, so the figures are computed once per day and DB, not on every
  // directory view (they cost a scan of the month's sign-ups).
  const memo = figuresMemoOf(db);
  if (memo.kept?.today === today) return memo.kept.figures;
  const figures = computeDailyFigures(db, today);
  const kept = { today, figures };
  memo.kept = kept;
  figures.catch(() => {
    if (memo.kept === kept) memo.kept = null;
  });
  return figures;
}

/** The day's figures, one memo per app's DB (the one perApp helper: tests build many apps in one process). */
const figuresMemoOf = perApp((_db: Queryable): { kept: { today: string; figures: ReturnType<typeof computeDailyFigures> } | null } => ({ kept: null }));

async function computeDailyFigures(db: Queryable, today: string): Promise<{ window: Period; byMarket: Map<number, DailyFigures> }> {
  const window = averageWindow(today);
  const sums = await marketSums(db, window, await onlineOwnerId(db));
  const byMarket = new Map<number, DailyFigures>();
  for (const [id, s] of sums) byMarket.set(id, { seekersPerDay: perDay(s.seekers, AVERAGE_DAYS), hiresPerDay: perDay(s.hires, AVERAGE_DAYS) });
  return { window, byMarket };
}

// Staff and admins reach the figures from "my account"; the city admin also the import.
const meLinks: LinkProvider = ((c) => {
  const user = c.var.user;
  if (!isStaff(user)) return [];
  const links: [string, string][] = [[paths.monitoring.home, copy.monitoring.title]];
  if (user!.role === "city_admin") links.push([paths.monitoring.statsImport, copy.monitoring.import.title]);
  return links;
});

export const feature: Feature = { name: "monitoring", meLinks: [meLinks], routes: monitoringRoutes };
