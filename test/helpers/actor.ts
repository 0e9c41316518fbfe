// The signed-in person an action is given, built from a fixture account
// (for tests of *.actions.ts without HTTP).
import type { CurrentUser } from "../../src/shared/context.ts";
import type { Role } from "../../db/schema/constants.ts";
import { addUser, type TestApp } from "./app.ts";

export async function actorFor(
  t: TestApp,
  u: { role: Role; name?: string; phone?: string; marketId?: number | null; countyCode?: string | null; marketTier?: string | null },
): Promise<CurrentUser> {
  const row = await addUser(t, u);
  return {
    id: row.id,
    role: u.role,
    name: u.name ?? "测试用户",
    phone: row.phone,
    countyCode: u.countyCode ?? null,
    marketId: u.marketId ?? null,
    scopeCounty: u.countyCode ?? null,
    marketTier: u.marketTier ?? null,
  };
}
