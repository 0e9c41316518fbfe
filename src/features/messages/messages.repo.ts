// The on-site inbox and the SMS outbox.
import { messages, smsOutbox } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";

export interface Notice {
  userId: number;
  body: string;
  /** A site path the message points to (never with personal data in it). */
  link?: string | null;
  /** Also text this number (queued in sms_outbox, sent by the configured sender). */
  smsTo?: string | null;
}

/**
 * The statements that notify users, to put in the same batch or transaction as
 * the change they announce (so a message never tells of a change that was rolled back).
 */
export function notifyStatements(db: Queryable, notices: Notice[], now: number) {
  const stmts = [];
  if (notices.length) {
    stmts.push(db.insert(messages).values(notices.map((n) => ({ userId: n.userId, at: now, body: n.body, link: n.link ?? null }))));
  }
  const texts = notices.filter((n) => n.smsTo);
  if (texts.length) {
    stmts.push(db.insert(smsOutbox).values(texts.map((n) => ({ toPhone: n.smsTo!, body: n.body, createdAt: now }))));
  }
  return stmts;
}
