// The supervision hotline and labour-rights window (监管热线 / 维权窗口): every
// complaint is a case with a number the caller can read out on the phone, and
// an append-only timeline of what was done (the triggers in migration 0006
// refuse UPDATE and DELETE on case_events).
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { markets } from "./markets.ts";
import { counties } from "./regions.ts";
import { employers, jobPostings, hires } from "./market.ts";

/** 电话 / 来访 / 网上 */
export const caseChannels = ["phone", "visit", "online"] as const;
export type CaseChannel = (typeof caseChannels)[number];

/** 欠薪, 就业歧视, 安全事故, 诈骗/敲诈勒索, 强迫交易, 寻衅滋事, 占道/秩序, 虚假招聘, 服务质量, 其他 */
export const caseCategories = [
  "wage_arrears", "discrimination", "safety", "fraud", "forced_deal", "provocation", "order", "false_ad", "service", "other",
] as const;
export type CaseCategory = (typeof caseCategories)[number];

/** 一般 / 紧急 */
export const caseUrgencies = ["normal", "urgent"] as const;
export type CaseUrgency = (typeof caseUrgencies)[number];

/** 已受理 → 已转办 → 处理中 → 已办结 → 已回访 (reopened cases go back to 处理中). */
export const caseStatuses = ["accepted", "transferred", "processing", "closed", "visited"] as const;
export type CaseStatus = (typeof caseStatuses)[number];
/** Statuses in which a case still waits for an answer (counts toward deadlines and publishing stops). */
export const openCaseStatuses = ["accepted", "transferred", "processing"] as const satisfies readonly CaseStatus[];

/** Where a case is transferred: 劳动监察, 公安, 市场监管, 住建, 人社, 其他 */
export const caseAgencies = ["labour_inspection", "police", "market_regulation", "housing", "hrss", "other"] as const;
export type CaseAgency = (typeof caseAgencies)[number];

/** 属实 / 部分属实 / 不属实 / 无法核实 */
export const caseOutcomes = ["upheld", "partly_upheld", "unfounded", "unverifiable"] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];
/** Outcomes that found the complaint true, in whole or in part. */
export const upheldOutcomes = ["upheld", "partly_upheld"] as const satisfies readonly CaseOutcome[];

/** The caller's answer at the callback: 满意 / 基本满意 / 不满意 */
export const caseSatisfactions = ["satisfied", "fairly_satisfied", "dissatisfied"] as const;
export type CaseSatisfaction = (typeof caseSatisfactions)[number];

/** What a timeline entry records. */
export const caseEventKinds = ["intake", "transfer", "start", "close", "callback", "reopen", "assign", "note"] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

export const hotlineCases = sqliteTable(
  "hotline_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** XC-20261128-0042: prefix, China date of intake, per-day sequence. */
    number: text("number").notNull().unique(),
    /** China date "YYYY-MM-DD" of intake; with seq, unique. */
    day: text("day").notNull(),
    seq: integer("seq").notNull(),
    channel: text("channel", { enum: caseChannels }).notNull(),
    /** Null when the caller gave no name or stayed anonymous. */
    callerName: text("caller_name"),
    /** Mobile or landline digits; null for anonymous callers (who then cannot look the case up). */
    callerPhone: text("caller_phone"),
    /** The signed-in worker who reported, or the worker of a "not paid" hire. */
    callerUserId: integer("caller_user_id").references(() => users.id),
    category: text("category", { enum: caseCategories }).notNull(),
    urgency: text("urgency", { enum: caseUrgencies }).notNull().default("normal"),
    employerId: integer("employer_id").references(() => employers.id),
    postingId: integer("posting_id").references(() => jobPostings.id),
    hireId: integer("hire_id").references(() => hires.id),
    /** The market the case concerns, and whose staff handle it. */
    marketId: integer("market_id").references(() => markets.id),
    /** Scope of county admins. */
    countyCode: text("county_code").notNull().references(() => counties.code),
    amountOwedFen: integer("amount_owed_fen"),
    description: text("description").notNull(),
    status: text("status", { enum: caseStatuses }).notNull().default("accepted"),
    /** "YYYY-MM-DD": the last day to reach 已办结 (category deadline from intake or reopening). */
    dueDate: text("due_date").notNull(),
    agency: text("agency", { enum: caseAgencies }),
    outcome: text("outcome", { enum: caseOutcomes }),
    recoveredFen: integer("recovered_fen"),
    satisfaction: text("satisfaction", { enum: caseSatisfactions }),
    assignedTo: integer("assigned_to").references(() => users.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    closedAt: integer("closed_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("hotline_cases_day_seq_idx").on(t.day, t.seq),
    index("hotline_cases_county_idx").on(t.countyCode, t.status, t.createdAt),
    index("hotline_cases_market_idx").on(t.marketId, t.status, t.createdAt),
    index("hotline_cases_due_idx").on(t.status, t.dueDate),
    index("hotline_cases_employer_idx").on(t.employerId, t.category, t.status),
    index("hotline_cases_hire_idx").on(t.hireId),
    index("hotline_cases_day_idx").on(t.day),
    /** The caller's own cases after she proved this phone by SMS code (migration 0022). */
    index("hotline_cases_caller_phone_idx").on(t.callerPhone, t.createdAt),
  ],
);

/** The case timeline. Append-only: triggers refuse UPDATE and DELETE. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id").notNull().references(() => hotlineCases.id),
    at: integer("at").notNull(),
    /** The staff member; null for online intake and the "not paid" answer. */
    staffId: integer("staff_id").references(() => users.id),
    kind: text("kind", { enum: caseEventKinds }).notNull(),
    note: text("note").notNull().default(""),
    /** Shown to the caller on the public status page. */
    public: integer("public", { mode: "boolean" }).notNull().default(false),
    /** The status after this entry. */
    status: text("status", { enum: caseStatuses }).notNull(),
    /** Kind-specific detail as JSON (agency, outcome, amounts, assignee), for the record. */
    detail: text("detail"),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.at)],
);

/** Failed case-status lookups and public reports per key ("case:XC-…", "ip:…", "report:…"). */
export const hotlineThrottle = sqliteTable("hotline_throttle", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: integer("window_start").notNull(),
  lockedUntil: integer("locked_until"),
});
