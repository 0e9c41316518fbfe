// Queries on worker accounts and profiles (worker_profiles, worker_kinds, seeking_cards).
import { eq } from "drizzle-orm";
import { users, workerProfiles } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { newCardCode } from "./workers.domain.ts";

export interface NewWorker {
  phone: string;
  name: string;
  /** scrypt hash of the 6-digit PIN; null when staff or a sign-up created the account without one. */
  pinHash: string | null;
  countyCode?: string | null;
  townshipCode?: string | null;
  birthYear?: number | null;
  gender?: "male" | "female" | null;
  idNumber?: string | null;
  ownPhone?: boolean;
  /** Set when station staff register the worker (代办). */
  viaStaffId?: number | null;
  viaMarketId?: number | null;
}

/**
 * Creates the account and the profile. Call inside `deps.database.transaction`
 * (two inserts that must land together); the phone must not be taken.
 */
export async function insertWorker(tx: Queryable, w: NewWorker, now: number, rand: () => number = Math.random): Promise<{ id: number; cardCode: string }> {
  const [user] = await tx
    .insert(users)
    .values({ role: "worker", phone: w.phone, name: w.name, pinHash: w.pinHash, countyCode: w.countyCode ?? null, createdAt: now, createdBy: w.viaStaffId ?? null })
    .returning({ id: users.id });
  // Card codes are short and random; retry on the rare collision.
  for (let attempt = 0; ; attempt++) {
    const cardCode = newCardCode(rand);
    const clash = await tx.select({ id: workerProfiles.userId }).from(workerProfiles).where(eq(workerProfiles.cardCode, cardCode)).limit(1);
    if (clash.length && attempt < 20) continue;
    await tx.insert(workerProfiles).values({
      userId: user.id,
      birthYear: w.birthYear ?? null,
      gender: w.gender ?? null,
      countyCode: w.countyCode ?? null,
      townshipCode: w.townshipCode ?? null,
      idNumber: w.idNumber ?? null,
      cardCode,
      ownPhone: w.ownPhone ?? true,
      viaStaffId: w.viaStaffId ?? null,
      viaMarketId: w.viaMarketId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return { id: user.id, cardCode };
  }
}

export async function findWorkerByPhone(db: Queryable, phone: string) {
  return (
    await db
      .select({ id: users.id, name: users.name, phone: users.phone, role: users.role, cardCode: workerProfiles.cardCode })
      .from(users)
      .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
      .where(eq(users.phone, phone))
      .limit(1)
  )[0] ?? null;
}
