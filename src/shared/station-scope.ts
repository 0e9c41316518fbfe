// Station staff act on their own station's people (issue #16, least privilege).
//
// Staff of a station (驿站) work a desk: the people in front of them. The
// county's own market staff and admins keep the county-wide view (canSeeCounty);
// a station's staff may not open nor act on the records of another station's
// people (registered, checked in, logged, consented or hired at another
// station) unless the worker is theirs too: a walk-in becomes the station's
// person at check-in, so the desk can always serve whoever stands in front of
// it. People of no station (registered online) are served by any station of
// their county. Otherwise a 404, as outside the county.
import { sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Queryable } from "./db.ts";
import type { CurrentUser } from "./context.ts";
import { checkIns, contactLogs, priorityConsents, workerProfiles, hires, markets } from "../../db/schema/index.ts";

/** Whether this user is the staff of a station (the narrower scope). */
export const isStationStaff = (user: CurrentUser) => user.role === "staff" && user.marketTier === "station" && user.marketId !== null;

/** The worker's ties to a market: registered, checked in, logged, consented or hired there. `at` is an SQL condition on the market id. */
const tiedWhere = (workerId: number | SQL, at: (col: AnySQLiteColumn) => SQL): SQL => sql`(
      EXISTS (SELECT 1 FROM ${workerProfiles} WHERE ${workerProfiles.userId} = ${workerId} AND ${at(workerProfiles.viaMarketId)})
      OR EXISTS (SELECT 1 FROM ${checkIns} WHERE ${checkIns.workerId} = ${workerId} AND ${at(checkIns.marketId)})
      OR EXISTS (SELECT 1 FROM ${contactLogs} WHERE ${contactLogs.workerId} = ${workerId} AND ${at(contactLogs.marketId)})
      OR EXISTS (SELECT 1 FROM ${priorityConsents} WHERE ${priorityConsents.workerId} = ${workerId} AND ${at(priorityConsents.marketId)})
      OR EXISTS (SELECT 1 FROM ${hires} WHERE ${hires.workerId} = ${workerId} AND ${at(hires.viaMarketId)}))`;

/**
 * May this user act on this worker as far as the station rule goes? (The county check is the caller's.)
 * A station's staff: yes for their own station's people, and for people of no other station (registered
 * online, never at a station desk — whichever station they walk into serves them); no for another
 * station's people who have never been to this one.
 */
export async function stationHolds(db: Queryable, user: CurrentUser, workerId: number): Promise<boolean> {
  if (!isStationStaff(user)) return true;
  const [row] = await db.all<{ ok: number }>(sql`SELECT ${stationHoldsWhere(user, workerId)} AS ok`);
  return Number(row?.ok) === 1;
}

/** The same rule as an SQL condition on a worker id (a number or a column of a list's query), for lists of people. */
export function stationHoldsWhere(user: CurrentUser, workerId: number | SQL): SQL {
  if (!isStationStaff(user)) return sql`1`;
  const m = user.marketId!;
  const own = tiedWhere(workerId, (col) => sql`${col} = ${m}`);
  const other = tiedWhere(workerId, (col) => sql`${col} IN (SELECT ${markets.id} FROM ${markets} WHERE ${markets.tier} = 'station' AND ${markets.id} <> ${m})`);
  return sql`(${own} OR NOT ${other})`;
}

/** A hire: made at this station, or of one of its people. */
export async function stationHoldsHire(db: Queryable, user: CurrentUser, hire: { workerId: number; viaMarketId: number | null }): Promise<boolean> {
  if (!isStationStaff(user)) return true;
  return hire.viaMarketId === user.marketId || stationHolds(db, user, hire.workerId);
}
