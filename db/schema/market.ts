// The online gig market (零工超市): employers, workers, postings, sign-ups,
// hires, messages. Rows created by station staff for someone present carry
// via_staff_id and via_market_id, so pages can say "由某某驿站代办".
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import {
  employerKinds, verificationStatuses, employmentForms, wageUnits, payModes, postingStatuses,
  applicationStatuses, hireStatuses, paidAnswers, genders, seekingCardStatuses, smsStatuses, smsReceipts,
} from "./constants.ts";
import { users } from "./accounts.ts";
import { counties, townships, workKinds, brands } from "./regions.ts";
import { markets } from "./markets.ts";

export const employers = sqliteTable(
  "employers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().unique().references(() => users.id),
    kind: text("kind", { enum: employerKinds }).notNull(),
    /** Business name, or the private employer's own name. */
    name: text("name").notNull(),
    uscc: text("uscc").unique(),
    idNumber: text("id_number").unique(),
    /** 用工承诺书: the text the employer accepted, and when. */
    pledgeText: text("pledge_text"),
    pledgeAcceptedAt: integer("pledge_accepted_at"),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    address: text("address").notNull().default(""),
    status: text("status", { enum: verificationStatuses }).notNull().default("pending"),
    rejectReason: text("reject_reason"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: integer("reviewed_at"),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("employers_status_idx").on(t.status, t.countyCode)],
);

/** A worker's profile; the account (phone, name, PIN) is in users. */
export const workerProfiles = sqliteTable(
  "worker_profiles",
  {
    userId: integer("user_id").primaryKey().references(() => users.id),
    birthYear: integer("birth_year"),
    gender: text("gender", { enum: genders }),
    countyCode: text("county_code").references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    /** Days of the week available, "1234567" style (1 = Monday); empty = any. */
    days: text("days").notNull().default(""),
    expectedWageFen: integer("expected_wage_fen"),
    expectedWageUnit: text("expected_wage_unit", { enum: wageUnits }),
    /** Resident ID number, only when given (walk-in registration); never shown unmasked without a logged reveal. */
    idNumber: text("id_number").unique(),
    /** Short code printed on the worker card, for check-in at a station. */
    cardCode: text("card_code").unique(),
    /** False when the number is a relative's: staff call such workers instead of texting. */
    ownPhone: integer("own_phone", { mode: "boolean" }).notNull().default(true),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("worker_profiles_area_idx").on(t.countyCode, t.townshipCode)],
);

/** The kinds of work a worker wants (工种), many per worker. */
export const workerKinds = sqliteTable(
  "worker_kinds",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kindId: integer("kind_id").notNull().references(() => workKinds.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kindId] }), index("worker_kinds_kind_idx").on(t.kindId)],
);

/** 求职信息: "I can do this" cards that employers browse. */
export const seekingCards = sqliteTable(
  "seeking_cards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workerId: integer("worker_id").notNull().references(() => users.id),
    kindId: integer("kind_id").notNull().references(() => workKinds.id),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    days: text("days").notNull().default(""),
    wageFen: integer("wage_fen"),
    wageUnit: text("wage_unit", { enum: wageUnits }),
    note: text("note").notNull().default(""),
    status: text("status", { enum: seekingCardStatuses }).notNull().default("open"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("seeking_cards_browse_idx").on(t.status, t.countyCode, t.kindId, t.updatedAt)],
);

export const jobPostings = sqliteTable(
  "job_postings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employerId: integer("employer_id").notNull().references(() => employers.id),
    title: text("title").notNull(),
    kindId: integer("kind_id").notNull().references(() => workKinds.id),
    form: text("form", { enum: employmentForms }).notNull(),
    headcount: integer("headcount").notNull(),
    payMode: text("pay_mode", { enum: payModes }).notNull().default("wage"),
    wageFen: integer("wage_fen"),
    wageUnit: text("wage_unit", { enum: wageUnits }),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    hours: text("hours").notNull().default(""),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    address: text("address").notNull().default(""),
    duties: text("duties").notNull().default(""),
    requirements: text("requirements").notNull().default(""),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    /** 即时快招: a same-day quick hire. */
    quick: integer("quick", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: postingStatuses }).notNull().default("draft"),
    /** Confirmed hires so far; kept beside headcount so "full" is one conditional UPDATE. */
    filledCount: integer("filled_count").notNull().default(0),
    removedReason: text("removed_reason"),
    removedBy: integer("removed_by").references(() => users.id),
    /** The posting this one was relisted from. */
    copiedFrom: integer("copied_from"),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    createdAt: integer("created_at").notNull(),
    publishedAt: integer("published_at"),
    updatedAt: integer("updated_at").notNull(),
    /** Normalized searchable text (migration 0005, jobs.search.ts): what keyword hits are checked against. */
    searchText: text("search_text").notNull().default(""),
    /** A draft saved only because the employer was not verified yet: published when she is (migration 0017). */
    awaitingVerification: integer("awaiting_verification", { mode: "boolean" }).notNull().default(false),
    /** When the wage is paid (payTimes) and how (payMethods); "" = not said (migration 0017). */
    payTime: text("pay_time").notNull().default(""),
    payMethod: text("pay_method").notNull().default(""),
  },
  (t) => [
    index("postings_browse_idx").on(t.status, t.countyCode, t.publishedAt),
    index("postings_open_idx").on(t.status, t.publishedAt),
    index("postings_quick_idx").on(t.status, t.quick, t.publishedAt),
    index("postings_count_kind_idx").on(t.status, t.kindId, t.countyCode, t.endDate),
    index("postings_count_county_idx").on(t.status, t.countyCode, t.endDate),
    index("postings_kind_idx").on(t.status, t.kindId, t.publishedAt),
    index("postings_dates_idx").on(t.status, t.endDate),
    index("postings_start_idx").on(t.status, t.startDate, t.publishedAt),
    index("postings_employer_idx").on(t.employerId, t.createdAt),
  ],
);

export const postingBrands = sqliteTable(
  "posting_brands",
  {
    postingId: integer("posting_id").notNull().references(() => jobPostings.id, { onDelete: "cascade" }),
    brandId: integer("brand_id").notNull().references(() => brands.id),
  },
  (t) => [primaryKey({ columns: [t.postingId, t.brandId] }), index("posting_brands_brand_idx").on(t.brandId)],
);

/** 报名: a worker signs up for a posting; on a quote posting the sign-up carries a price. */
export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postingId: integer("posting_id").notNull().references(() => jobPostings.id),
    workerId: integer("worker_id").notNull().references(() => users.id),
    status: text("status", { enum: applicationStatuses }).notNull().default("applied"),
    quoteFen: integer("quote_fen"),
    quoteNote: text("quote_note"),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    uniqueIndex("applications_once_idx").on(t.postingId, t.workerId),
    index("applications_worker_idx").on(t.workerId, t.createdAt),
    index("applications_created_idx").on(t.createdAt),
  ],
);

/** 用工记录: a confirmed hire, what both sides agreed. */
export const hires = sqliteTable(
  "hires",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id").notNull().unique().references(() => applications.id),
    postingId: integer("posting_id").notNull().references(() => jobPostings.id),
    employerId: integer("employer_id").notNull().references(() => employers.id),
    workerId: integer("worker_id").notNull().references(() => users.id),
    wageFen: integer("wage_fen").notNull(),
    wageUnit: text("wage_unit", { enum: wageUnits }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    place: text("place").notNull(),
    duties: text("duties").notNull().default(""),
    status: text("status", { enum: hireStatuses }).notNull().default("confirmed"),
    paid: text("paid", { enum: paidAnswers }),
    paidAnsweredAt: integer("paid_answered_at"),
    viaStaffId: integer("via_staff_id").references(() => users.id),
    viaMarketId: integer("via_market_id").references(() => markets.id),
    confirmedAt: integer("confirmed_at").notNull(),
    /** The working hours and the payment terms as agreed when confirmed, for the written agreement (migration 0017). */
    hours: text("hours").notNull().default(""),
    payTime: text("pay_time").notNull().default(""),
    payMethod: text("pay_method").notNull().default(""),
  },
  (t) => [
    index("hires_worker_idx").on(t.workerId, t.endDate),
    index("hires_employer_idx").on(t.employerId, t.confirmedAt),
    index("hires_confirmed_idx").on(t.confirmedAt),
    // Migration 0020: an employer's 12-month record.
    index("hires_employer_end_idx").on(t.employerId, t.endDate),
  ],
);

/** The on-site inbox: status changes for a user. */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    at: integer("at").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    readAt: integer("read_at"),
  },
  (t) => [index("messages_user_idx").on(t.userId, t.at)],
);

/**
 * SMS waiting to be sent by the configured sender: a template key and its
 * parameters (JSON), never free text (migration 0015). provider_id is the
 * provider's id for the text, which its delivery receipt (回执) carries.
 */
export const smsOutbox = sqliteTable(
  "sms_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toPhone: text("to_phone").notNull(),
    template: text("template").notNull(),
    params: text("params").notNull().default("{}"),
    userId: integer("user_id"),
    /** The county the text is about, for the staff page's scope (null: city admin only). */
    countyCode: text("county_code"),
    status: text("status", { enum: smsStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    provider: text("provider"),
    providerId: text("provider_id"),
    receipt: text("receipt", { enum: smsReceipts }),
    receiptError: text("receipt_error"),
    receiptAt: integer("receipt_at"),
  },
  (t) => [
    index("sms_outbox_status_idx").on(t.status, t.createdAt),
    index("sms_outbox_provider_idx").on(t.providerId),
    index("sms_outbox_user_idx").on(t.userId, t.createdAt),
    index("sms_outbox_county_idx").on(t.countyCode, t.createdAt),
  ],
);

/** Numbers that replied TD: no more texts except a code the person asks for. */
export const smsStops = sqliteTable("sms_stops", {
  phone: text("phone").primaryKey(),
  at: integer("at").notNull(),
});

/** SMS job alerts: one per worker, at most one text a day (Beijing date). */
export const smsAlerts = sqliteTable(
  "sms_alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kindId: integer("kind_id").references(() => workKinds.id),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    createdAt: integer("created_at").notNull(),
    createdBy: integer("created_by"),
    lastSentOn: text("last_sent_on"),
    lastPostingId: integer("last_posting_id").notNull().default(0),
  },
  (t) => [uniqueIndex("sms_alerts_user_idx").on(t.userId)],
);

/** Replies received through a provider's inbound (上行) callback, once each. */
export const smsInbound = sqliteTable(
  "sms_inbound",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider").notNull(),
    extId: text("ext_id").notNull(),
    phone: text("phone").notNull(),
    content: text("content").notNull(),
    outcome: text("outcome").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [uniqueIndex("sms_inbound_ext_idx").on(t.provider, t.extId)],
);
