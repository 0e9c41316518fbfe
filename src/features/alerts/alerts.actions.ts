// What SMS alerts do: the daily texts, subscribing, and replies (上行): 报名 1234, TD.
import { and, eq, isNull } from "drizzle-orm";
import { jobPostings, users } from "../../../db/schema/index.ts";
import type { Deps } from "../../shared/context.ts";
import type { Queryable } from "../../shared/db.ts";
import { chinaDate } from "../../shared/clock.ts";
import { auditInsert } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { textStatements, type TemplateKey } from "../messages/index.ts";
import { signUp } from "../jobs/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { alertsOpen, jobsLine, parseReply } from "./alerts.domain.ts";
import * as repo from "./alerts.repo.ts";

const words = copy.sms.words;

async function queue(db: Queryable, to: string, template: TemplateKey, params: Record<string, string>, now: number, userId: number | null, countyCode: string | null = null) {
  for (const s of textStatements(db, [{ to, template, params, userId, countyCode }], now)) await s;
}

/** What an alert is for, in words: "保洁(魏都区)". */
export async function alertWhat(deps: Deps, db: Queryable, a: { kindId: number | null; countyCode: string; townshipCode: string | null }) {
  const kind = (await repo.kindName(db, a.kindId)) ?? words.anyKind;
  const place = a.townshipCode ? deps.regions.townshipName(a.townshipCode) : deps.regions.countyName(a.countyCode);
  return copy.alerts.what(kind, place);
}

/**
 * Subscribes a worker (herself, or staff for her at the desk) and texts her a
 * confirmation. At the desk the staff member vouches for the number of the
 * person in front of them (recorded, as at registration at the desk).
 */
export async function subscribe(
  deps: Deps,
  by: CurrentUser,
  worker: { id: number; phone: string },
  a: { kindId: number | null; countyCode: string; townshipCode: string | null },
  atDesk: boolean,
) {
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    await repo.saveAlert(tx, { userId: worker.id, ...a, by: by.id, now, lastPostingId: await repo.newestPostingId(tx) });
    // Asking for texts again lifts an earlier TD.
    await repo.unstopPhone(tx, worker.phone);
    if (atDesk) {
      await tx
        .update(users)
        .set({ phoneVouchedBy: by.id })
        .where(and(eq(users.id, worker.id), isNull(users.phoneVouchedBy), isNull(users.phoneVerifiedAt)));
      await auditInsert(tx, by, now, { action: "alerts.subscribe", subjectType: "user", subjectId: worker.id, onBehalfOf: worker.id });
    }
    await queue(tx, worker.phone, "alertSubscribed", { what: await alertWhat(deps, tx, a) }, now, worker.id, a.countyCode);
  });
}

export async function unsubscribe(deps: Deps, by: CurrentUser, workerId: number, atDesk: boolean) {
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    await repo.deleteAlert(tx, workerId);
    if (atDesk) await auditInsert(tx, by, now, { action: "alerts.unsubscribe", subjectType: "user", subjectId: workerId, onBehalfOf: workerId });
  });
}

/**
 * The daily texts: each subscription not yet texted today (Beijing date) gets
 * one text with up to 3 new matching postings and their numbers, in the
 * daytime only. A subscription with nothing new gets nothing (and may get one
 * later today). Returns how many texts were queued.
 */
export async function runAlerts(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  if (!alertsOpen(now)) return 0;
  const today = chinaDate(now);
  const due = await repo.dueAlerts(deps.database.db, today);
  let sent = 0;
  for (const { alert, phone } of due) {
    const done = await deps.database.transaction(async (tx) => {
      // Read again inside the write: another process may have sent it since.
      const fresh = await repo.alertOf(tx, alert.userId);
      if (!fresh || fresh.lastSentOn === today) return false;
      const jobs = await repo.newMatches(tx, fresh, today, 3);
      if (!jobs.length) return false;
      await repo.markAlertSent(tx, fresh.id, today, Math.max(fresh.lastPostingId, ...jobs.map((j) => j.id)));
      await queue(tx, phone, "jobAlert", { jobs: jobsLine(jobs) }, now, fresh.userId, fresh.countyCode);
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export type ReplyOutcome = "duplicate" | "stopped" | "signedUp" | "refused" | "ignored";

/**
 * A reply from a phone, as the provider's inbound callback delivers it. TD
 * stops all texts (and the alert). "报名 1234" signs the number's worker up
 * for posting 1234 — only if the number is proven (an SMS code, or staff at a
 * desk vouched for it): a reply proves only that someone holds the phone now,
 * and an unproven account may not be that person's.
 */
export async function handleReply(deps: Deps, r: { provider: string; extId: string; phone: string; content: string }): Promise<ReplyOutcome> {
  const now = deps.clock.now();
  const today = chinaDate(now);
  const reply = parseReply(r.content);
  return deps.database.transaction(async (tx): Promise<ReplyOutcome> => {
    if (!(await repo.recordReply(tx, { ...r, outcome: reply.kind, now }))) return "duplicate";
    const worker = await repo.workerByPhone(tx, r.phone);
    if (reply.kind === "stop") {
      await repo.stopPhone(tx, r.phone, now);
      if (worker) await repo.deleteAlert(tx, worker.id);
      await queue(tx, r.phone, "stopped", {}, now, worker?.id ?? null);
      return "stopped";
    }
    if (reply.kind !== "signUp") return "ignored";
    const no = String(reply.postingId);
    const refuse = async (reason: string) => {
      await queue(tx, r.phone, "replyRefused", { no, reason }, now, worker?.id ?? null);
      await repo.setReplyOutcome(tx, r.provider, r.extId, "refused");
      return "refused" as const;
    };
    if (!worker || worker.disabledAt !== null) return refuse(words.reasons.noAccount);
    if (worker.verified === null && worker.vouched === null) return refuse(words.reasons.unproven);
    const result = await signUp(tx, { postingId: reply.postingId, workerId: worker.id, quoteFen: null, quoteNote: null }, today, now);
    if (!result.ok) {
      const reason = result.reason === "already" ? words.reasons.already : result.reason === "full" ? words.reasons.full : result.reason === "notOpen" ? words.reasons.notFound : words.reasons.closed;
      return refuse(reason);
    }
    await repo.setReplyOutcome(tx, r.provider, r.extId, "signedUp");
    // Without a PIN the sign-up itself texts her what happens next; with one, say it worked.
    if (worker.pinHash) {
      const [p] = await tx.select({ title: jobPostings.title }).from(jobPostings).where(eq(jobPostings.id, reply.postingId));
      await queue(tx, r.phone, "replySignedUp", { job: p?.title ?? no, no }, now, worker.id);
    }
    return "signedUp";
  });
}
