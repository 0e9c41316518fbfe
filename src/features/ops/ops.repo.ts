// Queries of the operations pages: finding a worker whose data is to be deleted.
import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { hires, hotlineCases, markets, users, workerProfiles } from "../../../db/schema/index.ts";
import { openCaseStatuses } from "../../../db/schema/hotline.ts";
import type { Queryable } from "../../shared/db.ts";
import type { WorkerLookup } from "./ops.domain.ts";

export async function findWorkerId(db: Queryable, by: WorkerLookup): Promise<number | null> {
  const rows =
    "phone" in by
      ? await db.select({ id: users.id }).from(users).where(and(eq(users.phone, by.phone), eq(users.role, "worker"))).limit(1)
      : await db.select({ id: workerProfiles.userId }).from(workerProfiles).where(eq(workerProfiles.cardCode, by.cardCode)).limit(1);
  return rows[0]?.id ?? null;
}

/** The worker with what the page shows and what the rules need; null if no such account. */
export async function workerForForget(db: Queryable, id: number, today: string) {
  const row = (
    await db
      .select({
        id: users.id,
        role: users.role,
        name: users.name,
        phone: users.phone,
        createdAt: users.createdAt,
        countyCode: sql<string | null>`coalesce(${workerProfiles.countyCode}, ${users.countyCode})`,
        viaMarketId: markets.id,
        viaMarketCounty: markets.countyCode,
      })
      .from(users)
      .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
      .leftJoin(markets, eq(markets.id, workerProfiles.viaMarketId))
      .where(eq(users.id, id))
      .limit(1)
  )[0];
  if (!row) return null;
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(hires)
    .where(and(eq(hires.workerId, id), inArray(hires.status, ["confirmed", "working"]), gte(hires.endDate, today)));
  const [{ cases }] = await db
    .select({ cases: sql<number>`count(*)` })
    .from(hotlineCases)
    .where(and(or(eq(hotlineCases.callerUserId, id), eq(hotlineCases.callerPhone, row.phone)), inArray(hotlineCases.status, openCaseStatuses)));
  return {
    ...row,
    viaMarket: row.viaMarketId !== null && row.viaMarketCounty !== null ? { id: row.viaMarketId, countyCode: row.viaMarketCounty } : null,
    activeHires: Number(n),
    openCases: Number(cases),
  };
}
