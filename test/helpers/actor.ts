// The signed-in person an action is given, built from a fixture account
// (for tests of *.actions.ts without HTTP) the same way the session middleware
// builds it (`currentUserOf`): a staff member is scoped by her market's county.
import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../src/shared/context.ts";
import { currentUserOf } from "../../src/shared/session.ts";
import { users, markets } from "../../db/schema/index.ts";
import type { Role } from "../../db/schema/constants.ts";
import { addUser, type TestApp } from "./app.ts";

export async function actorFor(
  t: TestApp,
  u: { role: Role; name?: string; phone?: string; marketId?: number | null; countyCode?: string | null },
): Promise<CurrentUser> {
  const { id } = await addUser(t, u);
  return actorOf(t, id);
}

/** The signed-in person for an account a fixture already made (a worker from addWorker, an employer's user). */
export async function actorOf(t: TestApp, id: number): Promise<CurrentUser> {
  const [row] = await t.db
    .select({
      id: users.id, role: users.role, name: users.name, phone: users.phone, countyCode: users.countyCode, marketId: users.marketId,
      marketCounty: markets.countyCode, marketTier: markets.tier,
    })
    .from(users)
    .leftJoin(markets, eq(markets.id, users.marketId))
    .where(eq(users.id, id));
  return currentUserOf(row);
}
