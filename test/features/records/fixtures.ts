// Hires made directly in the DB for the records tests: each with its own
// worker and sign-up, on one posting, at the wages given.
import { applications, hires, users } from "../../../db/schema/index.ts";
import type { HireStatus, WageUnit } from "../../../db/schema/constants.ts";
import { nextPhone, type TestApp } from "../../helpers/app.ts";

export interface HireSpec {
  wageFen: number;
  unit?: WageUnit;
  startDate?: string;
  endDate: string;
  status?: HireStatus;
  paid?: "paid" | "not_paid" | null;
  /** When the hire was agreed (epoch ms); now by default. */
  confirmedAt?: number;
  /** An existing worker instead of a new one. */
  workerId?: number;
}

/** Hires on `postingId` of `employerId`: one worker each (new unless given), in one batch per step. */
export async function addHires(t: TestApp, employerId: number, postingId: number, specs: HireSpec[]): Promise<number[]> {
  const now = t.clock.now();
  const workerIds: number[] = [];
  for (const s of specs) {
    if (s.workerId) {
      workerIds.push(s.workerId);
      continue;
    }
    const [u] = await t.deps.database.write((db) => db.insert(users).values({ role: "worker", phone: nextPhone(), name: "临时工", createdAt: now }).returning({ id: users.id }));
    workerIds.push(u.id);
  }
  const apps = await t.deps.database.write((db) =>
    db
      .insert(applications)
      .values(workerIds.map((workerId) => ({ postingId, workerId, status: "confirmed" as const, createdAt: now, decidedAt: now })))
      .returning({ id: applications.id }),
  );
  const rows = await t.deps.database.write((db) =>
    db
      .insert(hires)
      .values(
        specs.map((s, i) => ({
          applicationId: apps[i].id,
          postingId,
          employerId,
          workerId: workerIds[i],
          wageFen: s.wageFen,
          wageUnit: s.unit ?? "day",
          startDate: s.startDate ?? s.endDate,
          endDate: s.endDate,
          place: "城关镇幸福路 8 号",
          status: s.status ?? "completed",
          paid: s.paid ?? null,
          paidAnsweredAt: s.paid ? now : null,
          confirmedAt: s.confirmedAt ?? now,
        })),
      )
      .returning({ id: hires.id }),
  );
  return rows.map((r) => r.id);
}
