// First run: with no city admin in the DB, the server prints a one-time link
// to create one. There are no default passwords.
//
// Setup happens once (issue #16): at most one link is live at a time (minting
// one ends the others); a restart while a link is live does not mint another
// (the log says until when the printed one works); and once a city admin exists
// every link is dead — the page says so, POST /setup checks inside its write,
// and the admin CLI refuses, whatever the flags.
import { and, eq, gt, isNull } from "drizzle-orm";
import { setupTokens } from "../../../db/schema/index.ts";
import { randomToken, sha256 } from "../../shared/crypto.ts";
import type { Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { chinaDateTime } from "../../shared/clock.ts";
import { copy } from "../../../views/copy/index.ts";
import { hasCityAdmin, liveSetupToken } from "./accounts.repo.ts";

const LINK_LIFETIME_MS = 24 * 3600_000;

/** Thrown by newSetupLink once a city admin exists. */
export class SetupClosed extends Error {
  constructor() {
    super("a city admin exists: setup is closed");
  }
}

/**
 * At start: a fresh setup URL when the instance has no city admin and no live link;
 * null when a city admin exists, or when a link printed before is still live (logged, not re-minted).
 */
export async function setupLinkIfNeeded(deps: Deps): Promise<string | null> {
  const db = deps.database.db;
  if (await hasCityAdmin(db)) return null;
  const live = await liveSetupToken(db, deps.clock.now());
  if (live) {
    deps.log.info("setup_link_still_valid", {
      until: chinaDateTime(live.expiresAt),
      hint: copy.accounts.setupStillLive,
    });
    return null;
  }
  return newSetupLink(deps);
}

/** A new one-time link; every other live one ends. Throws SetupClosed once a city admin exists. */
export async function newSetupLink(deps: Deps): Promise<string> {
  const token = randomToken(24);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    if (await hasCityAdmin(tx)) throw new SetupClosed();
    await tx
      .update(setupTokens)
      .set({ expiresAt: now })
      .where(and(eq(setupTokens.purpose, "first_admin"), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)));
    await tx.insert(setupTokens).values({ tokenHash: sha256(token), purpose: "first_admin", createdAt: now, expiresAt: now + LINK_LIFETIME_MS });
  });
  return `${deps.config.publicUrl}${paths.accounts.setup}?token=${token}`;
}
