// The station desk (零工驿站): check-ins (migration 0003), each station's
// fair-order rule and its draws, priority help with its consents, and the
// contact log (migration 0010).
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { markets } from "./markets.ts";
import { jobPostings } from "./market.ts";

export const checkIns = sqliteTable(
  "check_ins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    workerId: integer("worker_id").notNull().references(() => users.id),
    /** China date "YYYY-MM-DD". */
    day: text("day").notNull(),
    at: integer("at").notNull(),
    viaStaffId: integer("via_staff_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("check_ins_once_idx").on(t.marketId, t.workerId, t.day),
    index("check_ins_day_idx").on(t.day, t.marketId),
    index("check_ins_worker_idx").on(t.workerId, t.day),
  ],
);

/** How a station offers a same-day job to today's checked-in workers: by arrival, priority workers first, or a seeded draw. */
export const fairOrderRules = ["checkin", "priority", "draw"] as const;
export type FairOrderRule = (typeof fairOrderRules)[number];

export const deskStationRules = sqliteTable("desk_station_rules", {
  marketId: integer("market_id").primaryKey().references(() => markets.id),
  fairOrder: text("fair_order", { enum: fairOrderRules }).notNull().default("checkin"),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
});

/** 抽签: one per station and day; `workerIds` (JSON) is the drawn order, reproducible from `seed`. */
export const fairDraws = sqliteTable(
  "fair_draws",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    day: text("day").notNull(),
    seed: integer("seed").notNull(),
    workerIds: text("worker_ids").notNull(),
    drawnAt: integer("drawn_at").notNull(),
    drawnBy: integer("drawn_by").references(() => users.id),
  },
  (t) => [uniqueIndex("fair_draws_once_idx").on(t.marketId, t.day)],
);

/** The sensitive priority categories, kept only with the worker's consent: 低收入家庭, 残疾. */
export const sensitiveCategories = ["low_income", "disabled"] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

/** The row is the sensitive fact itself: deleting it (on the worker's request) removes the data. */
export const priorityConsents = sqliteTable(
  "priority_consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workerId: integer("worker_id").notNull().references(() => users.id),
    category: text("category", { enum: sensitiveCategories }).notNull(),
    /** The consent text the worker agreed to, as shown at the time. */
    consentText: text("consent_text").notNull(),
    consentedAt: integer("consented_at").notNull(),
    recordedBy: integer("recorded_by").notNull().references(() => users.id),
    marketId: integer("market_id").references(() => markets.id),
  },
  (t) => [uniqueIndex("priority_consents_once_idx").on(t.workerId, t.category)],
);

/** 联系记录: called, referred to a job, hired, no answer. */
export const contactOutcomes = ["called", "referred", "hired", "no_answer"] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

export const contactLogs = sqliteTable(
  "contact_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workerId: integer("worker_id").notNull().references(() => users.id),
    postingId: integer("posting_id").references(() => jobPostings.id),
    outcome: text("outcome", { enum: contactOutcomes }).notNull(),
    note: text("note").notNull().default(""),
    at: integer("at").notNull(),
    staffId: integer("staff_id").notNull().references(() => users.id),
    marketId: integer("market_id").references(() => markets.id),
  },
  (t) => [index("contact_logs_worker_idx").on(t.workerId, t.at), index("contact_logs_market_idx").on(t.marketId, t.at)],
);
