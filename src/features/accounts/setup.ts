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
  if (await hasCityAdmin(deps.database.db)) return null;
  const minted = await mint(deps, { unlessLive: true });
  if (typeof minted === "string") return minted;
  deps.log.info("setup_link_still_valid", {
    until: chinaDateTime(minted.expiresAt),
    hint: copy.accounts.setupStillLive,
  });
  return null;
}

/** A new one-time link; every other live one ends. Throws SetupClosed once a city admin exists. */
export async function newSetupLink(deps: Deps): Promise<string> {
  return (await mint(deps, { unlessLive: false })) as string;
}

/**
 * Mints a link inside one write (BEGIN IMMEDIATE: one process at a time), ending every other live one; with
 * `unlessLive`, a live link found there is handed back instead. The look for a live link is inside the write
 * because two instances started together on a new DB file (behind one load balancer) each looked before
 * either wrote: both minted, the second ended the first's, and the first printed a dead link
 * (test/ops/two-processes.test.ts failed on it now and then).
 */
async function mint(deps: Deps, opts: { unlessLive: boolean }): Promise<string | { expiresAt: number }> {
  const token = randomToken(24);
  const now = deps.clock.now();
  const live = await deps.database.transaction(async (tx) => {
    if (await hasCityAdmin(tx)) throw new SetupClosed();
    const found = opts.unlessLive ? await liveSetupToken(tx, now) : undefined;
    if (found) return found;
    await tx
      .update(setupTokens)
      .set({ expiresAt: now })
      .where(and(eq(setupTokens.purpose, "first_admin"), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)));
    await tx.insert(setupTokens).values({ tokenHash: sha256(token), purpose: "first_admin", createdAt: now, expiresAt: now + LINK_LIFETIME_MS });
    return undefined;
  });
  return live ?? `${deps.config.publicUrl}${paths.accounts.setup}?token=${token}`;
}
