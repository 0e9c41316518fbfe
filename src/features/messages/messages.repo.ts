// The on-site inbox and the SMS outbox.
import { and, eq, desc, isNull, count } from "drizzle-orm";
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

// --- The inbox -------------------------------------------------------------------

export async function listInbox(db: Queryable, userId: number, page: number, perPage: number) {
  const where = eq(messages.userId, userId);
  const [{ n }] = await db.select({ n: count() }).from(messages).where(where);
  const rows = await db
    .select()
    .from(messages)
    .where(where)
    .orderBy(desc(messages.at), desc(messages.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return { total: n, rows };
}

export async function unreadCount(db: Queryable, userId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(messages).where(and(eq(messages.userId, userId), isNull(messages.readAt)));
  return n;
}

export const markAllRead = (db: Queryable, userId: number, now: number) =>
  db.update(messages).set({ readAt: now }).where(and(eq(messages.userId, userId), isNull(messages.readAt)));

// --- The SMS outbox -------------------------------------------------------------------

export const pendingSms = (db: Queryable, limit: number) =>
  db.select().from(smsOutbox).where(eq(smsOutbox.status, "pending")).orderBy(smsOutbox.createdAt, smsOutbox.id).limit(limit);

/**
 * Takes a row for sending by counting the attempt, only if nobody else has
 * since it was read (the attempts count works as a version number), so two
 * app processes never send the same text twice at once.
 */
export const claimSms = (db: Queryable, id: number, seenAttempts: number) =>
  db
    .update(smsOutbox)
    .set({ attempts: seenAttempts + 1 })
    .where(and(eq(smsOutbox.id, id), eq(smsOutbox.status, "pending"), eq(smsOutbox.attempts, seenAttempts)));

export const finishSms = (db: Queryable, id: number, status: "sent" | "pending" | "failed", error: string | null, now: number) =>
  db.update(smsOutbox).set({ status, error, sentAt: status === "sent" ? now : null }).where(eq(smsOutbox.id, id));

// --- Texts by template (minimal; the sms work replaces this with template keys stored in the outbox) ---

/** The wording of each template; `{name}` is filled from the parameters. */
const templates = {
  verifyCode: "验证码 {code},5分钟内有效,请勿告诉他人。",
} as const;

export interface TextStatement {
  to: string;
  template: keyof typeof templates;
  params: Record<string, string>;
}

/** The statements that queue texts, to put in the same batch or transaction as the change they announce. */
export function textStatements(db: Queryable, texts: TextStatement[], now: number) {
  if (!texts.length) return [];
  const render = (x: TextStatement) => templates[x.template].replace(/\{(\w+)\}/g, (_, k: string) => x.params[k] ?? "");
  return [db.insert(smsOutbox).values(texts.map((x) => ({ toPhone: x.to, body: render(x), createdAt: now })))];
}
