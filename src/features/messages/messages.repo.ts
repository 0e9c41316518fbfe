// The on-site inbox and the SMS outbox.
import { and, eq, desc, isNull, count, inArray, getTableColumns, sql } from "drizzle-orm";
import { messages, smsOutbox, smsStops, users } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { cleanParams, type TemplateKey } from "./messages.templates.ts";
import { pagedList } from "../../shared/queries.ts";

/** A text to queue: an approved template and its parameters, never free text. */
export interface Text {
  to: string;
  template: TemplateKey;
  params: Record<string, string>;
  /** The account the text is about, when there is one. */
  userId?: number | null;
  /** The county the text is about (a hire's, a class's, a case's): county admins see their own; null: the city admin only. */
  countyCode?: string | null;
}

export interface Notice {
  userId: number;
  body: string;
  /** A site path the message points to (never with personal data in it). */
  link?: string | null;
  /** Also send this text (queued in sms_outbox, sent by the configured sender); its userId is the notice's. */
  sms?: Omit<Text, "userId"> | null;
}

/**
 * The statements that queue texts, to put in the caller's batch or
 * transaction (so a text never tells of a change that was rolled back).
 * Parameters are cleaned here: one line each, cut to the template's limits,
 * never an ID number.
 */
export function textStatements(db: Queryable, texts: Text[], now: number) {
  if (!texts.length) return [];
  return [
    db.insert(smsOutbox).values(
      texts.map((t) => ({ toPhone: t.to, template: t.template, params: JSON.stringify(cleanParams(t.template, t.params)), userId: t.userId ?? null, countyCode: t.countyCode ?? null, createdAt: now })),
    ),
  ];
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
  stmts.push(...textStatements(db, notices.filter((n) => n.sms?.to).map((n) => ({ ...n.sms!, userId: n.userId })), now));
  return stmts;
}

/**
 * User `userId`'s phone and whether she has a PIN, as subqueries for a select
 * about something else (one read, not two): without a PIN she cannot read the
 * inbox, so a notice to her goes by text too.
 */
export const recipientColumns = (userId: number) => ({
  phone: sql<string | null>`(SELECT ${users.phone} FROM ${users} WHERE ${users.id} = ${userId})`,
  hasPin: sql<number | null>`(SELECT ${users.pinHash} IS NOT NULL FROM ${users} WHERE ${users.id} = ${userId})`,
});

// --- The inbox -------------------------------------------------------------------

export async function listInbox(db: Queryable, userId: number, page: number, perPage: number) {
  const where = eq(messages.userId, userId);
  return pagedList({
    columns: getTableColumns(messages),
    from: (fields) => db.select(fields).from(messages).where(where),
    orderBy: [desc(messages.at), desc(messages.id)],
    page,
    size: perPage,
  });
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

export interface Finished {
  status: "sent" | "pending" | "failed";
  error: string | null;
  provider: string;
  providerId: string | null;
  /** Blank the parameters (a code) once the text is out or given up on. */
  blankParams: boolean;
}
export const finishSms = (db: Queryable, id: number, f: Finished, now: number) =>
  db
    .update(smsOutbox)
    .set({
      status: f.status,
      error: f.error,
      sentAt: f.status === "sent" ? now : null,
      provider: f.provider,
      providerId: f.providerId,
      ...(f.blankParams ? { params: "{}" } : {}),
    })
    .where(eq(smsOutbox.id, id));

/** Of these numbers, those that replied TD. */
export async function stoppedPhones(db: Queryable, phones: string[]): Promise<Set<string>> {
  if (!phones.length) return new Set();
  const rows = await db.select({ phone: smsStops.phone }).from(smsStops).where(inArray(smsStops.phone, [...new Set(phones)]));
  return new Set(rows.map((r) => r.phone));
}

// --- Delivery receipts (回执) --------------------------------------------------------

export interface Receipt {
  providerId: string;
  phone: string;
  delivered: boolean;
  error: string;
}

/**
 * Records receipts on the texts they are about: only a row sent through this
 * provider, with this id, to this number. Returns how many rows matched.
 */
export async function applyReceipts(db: Queryable, provider: string, receipts: Receipt[], now: number): Promise<number> {
  let n = 0;
  for (const r of receipts) {
    const done = await db
      .update(smsOutbox)
      .set({ receipt: r.delivered ? "delivered" : "undelivered", receiptError: r.delivered ? null : r.error.replace(/\d{7,}/g, "***").slice(0, 100), receiptAt: now })
      .where(and(eq(smsOutbox.provider, provider), eq(smsOutbox.providerId, r.providerId), eq(smsOutbox.toPhone, r.phone)));
    n += done.rowsAffected;
  }
  return n;
}

// --- The staff page of texts ------------------------------------------------------------

export const textFilters = ["all", "pending", "sent", "failed", "undelivered"] as const;
export type TextFilter = (typeof textFilters)[number];

/** Texts newest first; `county` null = every text (city admin). */
export async function listTexts(db: Queryable, county: string | null, filter: TextFilter, page: number, perPage: number) {
  const conds = [];
  if (county !== null) conds.push(eq(smsOutbox.countyCode, county));
  if (filter === "pending" || filter === "sent" || filter === "failed") conds.push(eq(smsOutbox.status, filter));
  if (filter === "undelivered") conds.push(eq(smsOutbox.receipt, "undelivered"));
  const where = conds.length ? and(...conds) : undefined;
  return pagedList({
    columns: {
      id: smsOutbox.id, at: smsOutbox.createdAt, phone: smsOutbox.toPhone, template: smsOutbox.template, status: smsOutbox.status, attempts: smsOutbox.attempts,
      error: smsOutbox.error, sentAt: smsOutbox.sentAt, receipt: smsOutbox.receipt, receiptError: smsOutbox.receiptError, receiptAt: smsOutbox.receiptAt,
    },
    from: (fields) => db.select(fields).from(smsOutbox).where(where),
    orderBy: [desc(smsOutbox.createdAt), desc(smsOutbox.id)],
    page,
    size: perPage,
  });
}
