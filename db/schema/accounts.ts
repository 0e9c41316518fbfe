// Accounts, sessions, login throttling, first-run setup and the audit log.
// Sessions live in the DB (not in memory) so logout and disabling work across
// processes and survive restarts.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { roles } from "./constants.ts";
import { counties } from "./regions.ts";
import { markets } from "./markets.ts";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    role: text("role", { enum: roles }).notNull(),
    /** Mainland mobile number, 11 digits: the login name for every role. */
    phone: text("phone").notNull().unique(),
    name: text("name").notNull(),
    /** scrypt hash of a 6-digit PIN (workers on basic phones). */
    pinHash: text("pin_hash"),
    passwordHash: text("password_hash"),
    /** Scope of a county admin; the county of a market's staff. */
    countyCode: text("county_code").references(() => counties.code),
    /** Scope of station staff. */
    marketId: integer("market_id").references(() => markets.id),
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull(),
    createdBy: integer("created_by"),
    /** When an SMS code last proved this phone number (null: never proven). */
    phoneVerifiedAt: integer("phone_verified_at"),
    /** The staff account that vouched for the person at a station desk, if any. */
    phoneVouchedBy: integer("phone_vouched_by"),
  },
  (t) => [index("users_role_idx").on(t.role, t.countyCode)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie value, so a copy of the DB holds no live session ids. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed logins per key ("acct:13800000000" or "ip:1.2.3.4") in the current window. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: integer("window_start").notNull(),
  lockedUntil: integer("locked_until"),
});

/** One-time links: the first city admin's setup link, and staff invitations. */
export const setupTokens = sqliteTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  purpose: text("purpose", { enum: ["first_admin"] }).notNull(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
});

/** Append-only (triggers forbid UPDATE and DELETE): who did what, for whom, where. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    marketId: integer("market_id").references(() => markets.id),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    /** The person acted for (代办), when a staff member acts on someone's behalf. */
    onBehalfOf: integer("on_behalf_of").references(() => users.id),
    detail: text("detail"),
  },
  (t) => [index("audit_actor_idx").on(t.actorId, t.at), index("audit_subject_idx").on(t.subjectType, t.subjectId)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
