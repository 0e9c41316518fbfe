// Phone codes (验证码): pending steps that wait for an SMS code, and the log of
// code texts sent, which the limits count (migration 0014).
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";

export const phoneProofs = sqliteTable(
  "phone_proofs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** SHA-256 of the random token that addresses the code page. */
    tokenHash: text("token_hash").notNull().unique(),
    /** What the proof is for: registerWorker, jobSignup, login, pinReset… */
    purpose: text("purpose").notNull(),
    phone: text("phone").notNull(),
    /** JSON of what the person typed; emptied once used. */
    payload: text("payload"),
    /** HMAC of the code keyed by the token. */
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSentAt: integer("last_sent_at").notNull(),
    codeExpiresAt: integer("code_expires_at").notNull(),
    wrongTries: integer("wrong_tries").notNull().default(0),
    provenAt: integer("proven_at"),
    usedAt: integer("used_at"),
    /** The staff member who asked for the code at the desk. */
    staffId: integer("staff_id").references(() => users.id),
  },
  (t) => [index("phone_proofs_created_idx").on(t.createdAt)],
);

export const phoneCodeSends = sqliteTable(
  "phone_code_sends",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** Beijing date, for the daily budget. */
    day: text("day").notNull(),
    phone: text("phone").notNull(),
    /** The client address (IPv6: its /64), or "staff:<id>" for a desk request. */
    addr: text("addr").notNull(),
  },
  (t) => [
    index("phone_code_sends_phone_idx").on(t.phone, t.at),
    index("phone_code_sends_addr_idx").on(t.addr, t.at),
    index("phone_code_sends_day_idx").on(t.day),
  ],
);
