// Station staff act on their own station's people (issue #16, least privilege).
//
// Staff of a station (驿站) work a desk: the people in front of them. The
// county's own market staff and admins keep the county-wide view (canSeeCounty);
// a station's staff may open and act on a worker's records only when the worker
// is one of their station's people: registered there, checked in there (any
// day: a walk-in becomes the station's person at check-in, so the desk can
// always serve whoever is standing in front of it), or with a contact log, a
// recorded consent or a hire made there. Anyone else is a 404, as outside the county.
import { sql } from "drizzle-orm";
import type { Queryable } from "./db.ts";
import type { CurrentUser } from "./context.ts";
import { checkIns, contactLogs, priorityConsents, workerProfiles, hires } from "../../db/schema/index.ts";

/** Whether this user is the staff of a station (the narrower scope). */
export const isStationStaff = (user: CurrentUser) => user.role === "staff" && user.marketTier === "station" && user.marketId !== null;

/** May this user act on this worker as far as the station rule goes? (The county check is the caller's.) */
export async function stationHolds(db: Queryable, user: CurrentUser, workerId: number): Promise<boolean> {
  if (!isStationStaff(user)) return true;
  const m = user.marketId!;
  const [row] = await db.all<{ ok: number }>(sql`SELECT (
      EXISTS (SELECT 1 FROM ${workerProfiles} WHERE ${workerProfiles.userId} = ${workerId} AND ${workerProfiles.viaMarketId} = ${m})
      OR EXISTS (SELECT 1 FROM ${checkIns} WHERE ${checkIns.workerId} = ${workerId} AND ${checkIns.marketId} = ${m})
      OR EXISTS (SELECT 1 FROM ${contactLogs} WHERE ${contactLogs.workerId} = ${workerId} AND ${contactLogs.marketId} = ${m})
      OR EXISTS (SELECT 1 FROM ${priorityConsents} WHERE ${priorityConsents.workerId} = ${workerId} AND ${priorityConsents.marketId} = ${m})
      OR EXISTS (SELECT 1 FROM ${hires} WHERE ${hires.workerId} = ${workerId} AND ${hires.viaMarketId} = ${m})
    ) AS ok`);
  return Number(row?.ok) === 1;
}

/** A hire: made at this station, or of one of its people. */
export async function stationHoldsHire(db: Queryable, user: CurrentUser, hire: { workerId: number; viaMarketId: number | null }): Promise<boolean> {
  if (!isStationStaff(user)) return true;
  return hire.viaMarketId === user.marketId || stationHolds(db, user, hire.workerId);
}
