// Status and kind lists, declared once: the table definitions, the valibot
// schemas and the views all read these arrays, so a new value is added here only.

export const roles = ["worker", "employer", "staff", "county_admin", "city_admin"] as const;
export type Role = (typeof roles)[number];

/** Roles that work for the employment office and so see the staff side. */
export const staffRoles = ["staff", "county_admin", "city_admin"] as const satisfies readonly Role[];

/** 市级 / 县级 / 乡镇 / 驿站 / 线上: the tiers of a gig market. */
export const marketTiers = ["city", "county", "township", "station", "online"] as const;
export type MarketTier = (typeof marketTiers)[number];

/** 公益性 / 经营性 / 政府购买服务: a market's operating nature. */
export const marketNatures = ["public", "commercial", "purchased"] as const;

// --- The online gig market (零工超市) ------------------------------------

/** 个体工商户 / 企业 / 个人雇主 / 人力资源服务机构 */
export const employerKinds = ["sole_trader", "company", "private", "hr_agency"] as const;
export type EmployerKind = (typeof employerKinds)[number];
/** Kinds that register with a Unified Social Credit Code; the rest with an ID number. */
export const businessEmployerKinds = ["sole_trader", "company", "hr_agency"] as const satisfies readonly EmployerKind[];

export const verificationStatuses = ["pending", "verified", "rejected"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** 零工/临时(≤6个月) / 非全日制 / 长期稳定岗位 / 见习 / 大型活动保障 */
export const employmentForms = ["gig", "part_time", "long_term", "internship", "event"] as const;
export type EmploymentForm = (typeof employmentForms)[number];

export const wageUnits = ["hour", "day", "piece", "month"] as const;
export type WageUnit = (typeof wageUnits)[number];

/** A posting states a wage, or asks workers for quotes (询价). */
export const payModes = ["wage", "quote"] as const;

/** draft → open → filled | closed; expired after the last work date; removed by staff with a reason. */
export const postingStatuses = ["draft", "open", "filled", "closed", "expired", "removed"] as const;
export type PostingStatus = (typeof postingStatuses)[number];

/** A worker's sign-up (报名) to a posting; for quote postings it carries the offered price. */
export const applicationStatuses = ["applied", "confirmed", "declined", "not_chosen", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** 用工记录: confirmed → working → completed (or cancelled). */
export const hireStatuses = ["confirmed", "working", "completed", "cancelled"] as const;
export type HireStatus = (typeof hireStatuses)[number];

/** The worker's answer to "were you paid?" after the last work date. */
export const paidAnswers = ["paid", "not_paid"] as const;

export const genders = ["male", "female"] as const;

export const seekingCardStatuses = ["open", "closed"] as const;

export const smsStatuses = ["pending", "sent", "failed"] as const;

/** A provider's delivery receipt (回执) for a sent text. */
export const smsReceipts = ["delivered", "undelivered"] as const;

/** What a safety inspection of a market checks (安全生产检查), in the form's order. */
export const inspectionItems = ["fire", "shelter", "electricity", "order", "sanitation"] as const;
export type InspectionItem = (typeof inspectionItems)[number];

/** Kinds of incident at or near a market (治安管理). */
export const incidentKinds = ["fraud", "extortion", "forced_trade", "provocation", "traffic", "safety", "other"] as const;
export type IncidentKind = (typeof incidentKinds)[number];

/** When the wage is paid (posting form, written agreement). */
export const payTimes = ["same_day", "on_finish", "weekly", "monthly"] as const;
export type PayTime = (typeof payTimes)[number];
/** How the wage is paid. */
export const payMethods = ["cash", "wechat", "bank"] as const;
export type PayMethod = (typeof payMethods)[number];
