// Training sessions (培训) with sign-ups, a waiting list and attendance, and
// special gig job fairs (专场招聘会) with zones by kind of work.
//
// Capacity is guarded twice: every sign-up runs in one write transaction, and
// the confirmed count lives on the session row so that taking a place is one
// conditional UPDATE (... WHERE confirmed_count < capacity). The same holds for
// fair zones (booked_count < capacity).
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { markets } from "./markets.ts";
import { workKinds } from "./regions.ts";
import { employers } from "./market.ts";

/** 职业技能培训 / 创业培训 / 安全教育 / 新业态技能 */
export const trainingKinds = ["skills", "startup", "safety", "new_forms"] as const;
export type TrainingKind = (typeof trainingKinds)[number];

export const trainingStatuses = ["open", "cancelled"] as const;

/** confirmed = has a place; waiting = on the waiting list (候补); cancelled = withdrew or left the list. */
export const signupStatuses = ["confirmed", "waiting", "cancelled"] as const;
export type SignupStatus = (typeof signupStatuses)[number];

export const fairStatuses = ["open", "cancelled"] as const;

/** booked → cancelled by the employer, or no_show recorded by staff (未到场). */
export const bookingStatuses = ["booked", "cancelled", "no_show"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const trainingSessions = sqliteTable(
  "training_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    kind: text("kind", { enum: trainingKinds }).notNull(),
    title: text("title").notNull(),
    /** 工种 the training is for; none for general courses such as safety education. */
    workKindId: integer("work_kind_id").references(() => workKinds.id),
    provider: text("provider").notNull(),
    online: integer("online", { mode: "boolean" }).notNull().default(false),
    /** Address, or how to join when online. */
    place: text("place").notNull().default(""),
    /** China dates "YYYY-MM-DD", inclusive. */
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    /** Daily hours as staff write them, e.g. "8:30-11:30, 14:30-17:00". */
    hours: text("hours").notNull().default(""),
    capacity: integer("capacity").notNull(),
    /** Sign-ups with a place; the conditional UPDATE on this column is what prevents overbooking. */
    confirmedCount: integer("confirmed_count").notNull().default(0),
    /** The last waiting-list number handed out; numbers are never reused, so the order is stable. */
    waitSeq: integer("wait_seq").notNull().default(0),
    /** Last day to sign up, inclusive. */
    signupDeadline: text("signup_deadline").notNull(),
    costFen: integer("cost_fen").notNull().default(0),
    /** Who qualifies for the training subsidy (培训补贴), in plain words set by staff. */
    subsidyRule: text("subsidy_rule").notNull().default(""),
    /** Who qualifies for the living allowance (生活费补贴). */
    allowanceRule: text("allowance_rule").notNull().default(""),
    description: text("description").notNull().default(""),
    status: text("status", { enum: trainingStatuses }).notNull().default("open"),
    cancelReason: text("cancel_reason"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("training_sessions_browse_idx").on(t.status, t.endDate, t.startDate),
    index("training_sessions_market_idx").on(t.marketId, t.startDate),
  ],
);

export const trainingSignups = sqliteTable(
  "training_signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id").notNull().references(() => trainingSessions.id),
    workerId: integer("worker_id").notNull().references(() => users.id),
    status: text("status", { enum: signupStatuses }).notNull(),
    /** Waiting-list number (1, 2, 3 …) when the sign-up went onto the list; kept after promotion. */
    waitNo: integer("wait_no"),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    createdAt: integer("created_at").notNull(),
    confirmedAt: integer("confirmed_at"),
    cancelledAt: integer("cancelled_at"),
    /** 结业: set by staff when the worker completed the course. */
    completedAt: integer("completed_at"),
    completedBy: integer("completed_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("training_signups_once_idx").on(t.sessionId, t.workerId),
    index("training_signups_list_idx").on(t.sessionId, t.status, t.waitNo),
    index("training_signups_worker_idx").on(t.workerId, t.createdAt),
  ],
);

/** One row per sign-up per day attended (考勤). */
export const trainingAttendance = sqliteTable(
  "training_attendance",
  {
    signupId: integer("signup_id").notNull().references(() => trainingSignups.id),
    day: text("day").notNull(),
    markedBy: integer("marked_by").references(() => users.id),
    markedAt: integer("marked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.signupId, t.day] })],
);

export const jobFairs = sqliteTable(
  "job_fairs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    title: text("title").notNull(),
    /** China date "YYYY-MM-DD". */
    date: text("date").notNull(),
    hours: text("hours").notNull().default(""),
    place: text("place").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: fairStatuses }).notNull().default("open"),
    cancelReason: text("cancel_reason"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("job_fairs_date_idx").on(t.status, t.date), index("job_fairs_market_idx").on(t.marketId, t.date)],
);

/** 展区: one zone per kind of work at a fair, with a number of places (booths). */
export const jobFairZones = sqliteTable(
  "job_fair_zones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fairId: integer("fair_id").notNull().references(() => jobFairs.id),
    workKindId: integer("work_kind_id").notNull().references(() => workKinds.id),
    capacity: integer("capacity").notNull(),
    bookedCount: integer("booked_count").notNull().default(0),
  },
  (t) => [uniqueIndex("job_fair_zones_kind_idx").on(t.fairId, t.workKindId)],
);

export const jobFairBookings = sqliteTable(
  "job_fair_bookings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fairId: integer("fair_id").notNull().references(() => jobFairs.id),
    zoneId: integer("zone_id").notNull().references(() => jobFairZones.id),
    employerId: integer("employer_id").notNull().references(() => employers.id),
    status: text("status", { enum: bookingStatuses }).notNull().default("booked"),
    createdAt: integer("created_at").notNull(),
    cancelledAt: integer("cancelled_at"),
    noShowBy: integer("no_show_by").references(() => users.id),
    noShowAt: integer("no_show_at"),
  },
  (t) => [
    // One place per employer per fair.
    uniqueIndex("job_fair_bookings_once_idx").on(t.fairId, t.employerId),
    index("job_fair_bookings_zone_idx").on(t.zoneId, t.status),
    index("job_fair_bookings_employer_idx").on(t.employerId, t.status),
  ],
);
