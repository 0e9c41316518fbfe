// How the hotline takes part in the gig market without the market importing
// it (src/shared/hooks.ts): it labels employers with wage complaints for
// staff, stops publishing while a wage case is open, and turns a worker's
// "not paid" answer into a wage case.
import type { Deps } from "../../shared/context.ts";
import type { Tx } from "../../shared/db.ts";
import type { CaseChannel } from "../../../db/schema/hotline.ts";
import { notifyStatements } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { paths } from "../../paths.ts";
import { blocksPublishing, flagsEmployer, owedForHire } from "./hotline.domain.ts";
import { hotlineSettings } from "./hotline.settings.ts";
import * as repo from "./hotline.repo.ts";

const t = copy.hotline;

/**
 * Opens the wage case (欠薪) for a hire whose worker was not paid, with the
 * worker as caller and the amount the agreed day wage gives, and tells the
 * worker its number. Call inside a transaction. One hire gets one such case:
 * asked again, it returns the case it opened before.
 */
export async function openCaseForHire(
  tx: Tx,
  deps: Deps,
  hireId: number,
  by: { channel: CaseChannel; staffId: number | null },
): Promise<{ id: number; number: string; created: boolean } | null> {
  const hire = await repo.findHire(tx, hireId);
  if (!hire) return null;
  const existing = await repo.caseForHire(tx, hireId);
  if (existing) return { ...existing, created: false };
  const now = deps.clock.now();
  const owed = owedForHire(hire);
  const made = await repo.insertCase(
    tx,
    {
      channel: by.channel,
      callerName: hire.workerName,
      callerPhone: hire.workerPhone,
      callerUserId: hire.workerId,
      category: "wage_arrears",
      urgency: "normal",
      employerId: hire.employerId,
      postingId: hire.postingId,
      hireId: hire.id,
      marketId: hire.marketId,
      countyCode: hire.countyCode,
      amountOwedFen: owed,
      description: t.hireCaseDescription(hire.postingTitle, hire.startDate, hire.endDate) + (owed === null ? t.hireCaseAmountUnknown : ""),
      createdBy: by.staffId,
    },
    now,
    hotlineSettings(deps),
  );
  const notice = {
    userId: hire.workerId,
    body: t.hireNotPaidNotice(made.number, deps.config.hotline),
    link: paths.hotline.status,
    sms: { to: hire.workerPhone, template: "caseOpened" as const, countyCode: hire.countyCode, params: { case: made.number, hotline: deps.config.hotline } },
  };
  for (const stmt of notifyStatements(tx, [notice], now)) await stmt;
  return { ...made, created: true };
}

/** "有欠薪投诉" beside employers with an open wage case, or one found true. */
export async function wageFlags(deps: Deps, employerIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const c of await repo.wageCasesOf(deps.database.db, employerIds)) {
    if (c.employerId !== null && flagsEmployer(c)) out.set(c.employerId, [t.employerFlag]);
  }
  return out;
}

/** The reason an employer may not publish now, or null. Off when HOTLINE_BLOCK_PUBLISHING=false. */
export async function wagePublishingStop(deps: Deps, employerId: number): Promise<string | null> {
  if (!hotlineSettings(deps).blockPublishing) return null;
  const cases = await repo.wageCasesOf(deps.database.db, [employerId]);
  return cases.some(blocksPublishing) ? t.publishBlocked(deps.config.hotline) : null;
}

export function installHooks(deps: Deps): void {
  // Read the settings now, so a bad HOTLINE_* value stops the server at start.
  hotlineSettings(deps);
  deps.hooks.employerFlags.push(wageFlags);
  deps.hooks.canPublish.push(wagePublishingStop);
  deps.hooks.hireNotPaid.push(async (d, hireId) => {
    await d.database.transaction((tx) => openCaseForHire(tx, d, hireId, { channel: "online", staffId: null }));
  });
  deps.hooks.forgetWorkers.push((tx, workerIds) => repo.forgetCallers(tx, workerIds));
}
