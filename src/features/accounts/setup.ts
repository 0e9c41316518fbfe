// First run: with no city admin in the DB, the server prints a one-time link
// to create one. There are no default passwords.
import { setupTokens } from "../../../db/schema/index.ts";
import { randomToken, sha256 } from "../../shared/crypto.ts";
import type { Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { hasCityAdmin } from "./accounts.repo.ts";

const LINK_LIFETIME_MS = 24 * 3600_000;

/** Returns a fresh setup URL when the instance has no city admin yet, else null. */
export async function setupLinkIfNeeded(deps: Deps): Promise<string | null> {
  if (await hasCityAdmin(deps.database.db)) return null;
  return newSetupLink(deps);
}

export async function newSetupLink(deps: Deps): Promise<string> {
  const token = randomToken(24);
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.insert(setupTokens).values({ tokenHash: sha256(token), purpose: "first_admin", createdAt: now, expiresAt: now + LINK_LIFETIME_MS }),
  );
  return `${deps.config.publicUrl}${paths.accounts.setup}?token=${token}`;
}
