// Workers and their cards made directly in the DB for tests.
import { seekingCards, workKinds } from "../../../db/schema/index.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { hashSecret } from "../../../src/shared/crypto.ts";
import { nextPhone, type TestApp } from "../../helpers/app.ts";
import type { WageUnit } from "../../../db/schema/constants.ts";

export async function kindId(t: TestApp, name: string) {
  const rows = await t.db.select().from(workKinds);
  const k = rows.find((r) => r.name === name);
  if (!k) throw new Error(`no kind ${name}`);
  return k.id;
}

export async function addWorker(t: TestApp, o: { name?: string; pin?: string; countyCode?: string; birthYear?: number } = {}) {
  const phone = nextPhone();
  const pin = o.pin ?? "246810";
  const pinHash = await hashSecret(pin);
  const { id } = await t.deps.database.transaction((tx) =>
    insertWorker(tx, { phone, name: o.name ?? "王秀英", pinHash, countyCode: o.countyCode ?? "411024", birthYear: o.birthYear ?? 1968, gender: "female" }, t.clock.now()),
  );
  return { id, phone, pin };
}

export async function addCards(
  t: TestApp,
  workerId: number,
  cards: { kind: string; countyCode?: string; townshipCode?: string | null; note?: string; wageFen?: number; wageUnit?: WageUnit; status?: "open" | "closed"; at?: number }[],
) {
  const values: (typeof seekingCards.$inferInsert)[] = [];
  for (const c of cards) {
    values.push({
      workerId,
      kindId: await kindId(t, c.kind),
      countyCode: c.countyCode ?? "411024",
      townshipCode: c.townshipCode ?? null,
      days: "123456",
      wageFen: c.wageFen ?? 15000,
      wageUnit: c.wageUnit ?? ("day" as const),
      note: c.note ?? "",
      status: c.status ?? ("open" as const),
      createdAt: c.at ?? t.clock.now(),
      updatedAt: c.at ?? t.clock.now(),
    });
  }
  return t.deps.database.write((db) => db.insert(seekingCards).values(values).returning({ id: seekingCards.id }));
}
