// Delivering the SMS outbox. Features queue texts with notifyStatements or
// textStatements (in the same batch as the change they announce); this sends
// them through deps.sms: the log sender (development), Aliyun or Tencent,
// chosen in the environment (messages.providers.ts). A county writes no code.
import type { Deps } from "../../shared/context.ts";
import type { SmsAnswer } from "../../shared/sms.ts";
import { repeatInBackground } from "../../shared/timer.ts";
import { afterAttempt, shortError } from "./messages.domain.ts";
import { pendingSms, claimSms, finishSms, stoppedPhones } from "./messages.repo.ts";
import { isExempt, isSecret, renderTemplate } from "./messages.templates.ts";

/** How often the outbox is flushed, and how many texts at most per run. */
export const SMS_FLUSH_EVERY_MS = 30_000;
export const SMS_BATCH = 20;
/** A provider that does not answer in this time counts as a failed attempt. */
const SEND_TIMEOUT_MS = 15_000;

export interface FlushResult {
  sent: number;
  retry: number;
  failed: number;
}

async function sendWithTimeout(deps: Deps, to: string, template: string, params: Record<string, string>): Promise<SmsAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SmsAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: "timeout" }), SEND_TIMEOUT_MS);
  });
  try {
    const msg = { to, template, params, body: renderTemplate(template, params) };
    return await Promise.race([deps.sms.send(msg).catch((e: Error): SmsAnswer => ({ ok: false, error: String(e?.message ?? e) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends up to `limit` pending texts, oldest first, and records each outcome:
 * sent, pending again (to retry on the next run) or failed after the last attempt.
 * A crash between sending and recording leaves the row pending, so a text may
 * rarely go out twice but is never silently lost.
 */
export async function flushSms(deps: Deps, limit = SMS_BATCH): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, retry: 0, failed: 0 };
  const rows = await pendingSms(deps.database.db, limit);
  const stopped = await stoppedPhones(deps.database.db, rows.map((r) => r.toPhone));
  for (const row of rows) {
    const claimed = await deps.database.write((db) => claimSms(db, row.id, row.attempts), { pages: false });
    if (claimed.rowsAffected !== 1) continue;
    const attempts = row.attempts + 1;
    let params: Record<string, string> = {};
    try {
      params = JSON.parse(row.params);
    } catch {
      /* a broken row fails below like a refused one */
    }
    // A number that replied TD gets nothing more, except a code the person asked for herself.
    const answer: SmsAnswer = stopped.has(row.toPhone) && !isExempt(row.template)
      ? { ok: false, error: "stopped (TD)", permanent: true }
      : await sendWithTimeout(deps, row.toPhone, row.template, params);
    const status = afterAttempt(attempts, answer.ok, !answer.ok && answer.permanent === true);
    const error = answer.ok ? null : shortError(answer.error);
    const done = {
      status,
      error,
      provider: deps.sms.name,
      providerId: answer.ok ? (answer.providerId ?? null) : null,
      // A code is of no use to anyone once it is out: it is not kept.
      blankParams: status !== "pending" && isSecret(row.template),
    };
    await deps.database.write((db) => finishSms(db, row.id, done, deps.clock.now()), { pages: false });
    if (status === "sent") result.sent++;
    else if (status === "failed") result.failed++;
    else result.retry++;
    if (!answer.ok) deps.log.warn("sms failed", { id: row.id, attempts, sender: deps.sms.name, error });
  }
  return result;
}

/** Flushes the outbox every 30 s. The timer does not keep the process alive; the returned function stops it. */
export function startSmsTimer(deps: Deps, everyMs = SMS_FLUSH_EVERY_MS): () => void {
  return repeatInBackground("sms flush", deps.log, () => flushSms(deps), everyMs);
}
