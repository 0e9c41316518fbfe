// Who counts as a priority worker (困难零工人员) for the "priority-worker
// hires" figure: the desk feature's rule (categoriesOf in desk.domain.ts, with
// the thresholds from its deskSettings), applied at the moment of each hire:
//
// * 大龄: born in or before (the hire's year − olderAge);
// * 低收入 / 残疾: a category recorded with the worker's consent (only counted,
//   never shown: the figure is a number per day and scope);
// * 待工时间长: a first check-in at least longWaitDays before the hire's day,
//   and no other hire of the worker in the longWaitDays before it.
//
// Expressed as one SQL condition on the hire row, so the figure is one GROUP BY
// like the others instead of a look-up per hire.
import { sql, type SQL } from "drizzle-orm";
import type { Deps } from "../../shared/context.ts";
import { CHINA_OFFSET_MS, DAY_MS } from "../../shared/clock.ts";
import { deskSettings } from "../desk/index.ts";
import type { PriorityCondition } from "./monitoring.repo.ts";

const CHINA = CHINA_OFFSET_MS;
const DAY = DAY_MS;

export const priorityCondition =
  (deps: Deps): PriorityCondition =>
  (worker: SQL, at: SQL) => {
    const { longWaitDays, olderAge } = deskSettings(deps);
    const n = sql.raw(String(longWaitDays));
    const dayNo = sql`((${at} + ${sql.raw(String(CHINA))}) / ${sql.raw(String(DAY))})`;
    const year = sql`CAST(strftime('%Y', ${dayNo} * 86400, 'unixepoch') AS INTEGER)`;
    /** "YYYY-MM-DD" of the day longWaitDays before the hire's day. */
    const waitStart = sql`date((${dayNo} - ${n}) * 86400, 'unixepoch')`;
    /** Epoch ms of the start of the day after that one: a hire from then on breaks the wait. */
    const recentFrom = sql`((${dayNo} - ${n} + 1) * ${sql.raw(String(DAY))} - ${sql.raw(String(CHINA))})`;
    return sql`(
      (SELECT wp.birth_year FROM worker_profiles wp WHERE wp.user_id = ${worker}) <= ${year} - ${sql.raw(String(olderAge))}
      OR EXISTS (SELECT 1 FROM priority_consents pc WHERE pc.worker_id = ${worker})
      OR (EXISTS (SELECT 1 FROM check_ins ci WHERE ci.worker_id = ${worker} AND ci.day <= ${waitStart})
          AND NOT EXISTS (SELECT 1 FROM hires h2 WHERE h2.worker_id = ${worker} AND h2.status <> 'cancelled'
                          AND h2.confirmed_at < ${at} AND h2.confirmed_at >= ${recentFrom})))`;
  };
