// Tables of the markets directory and monitoring (migration 0011): the 十个一
// checklist, and daily figures imported from self-hosted county instances.
// The markets table itself is in markets.ts.
import { sqliteTable, text, integer, index, primaryKey } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { counties } from "./regions.ts";

/**
 * The ten items of the 十个一 standard, for every county and every market:
 * 一个负责人, 一个建设方案, 一个名录, 一个标准化市场, 一条监管热线,
 * 一个岗位目录, 一个就业指导服务, 一个维权窗口, 一套便民设施, 一个监测系统.
 */
export const checklistItems = [
  "person", "plan", "directory", "standard_market", "hotline",
  "catalogue", "guidance", "rights_window", "facilities", "monitoring",
] as const;
export type ChecklistItem = (typeof checklistItems)[number];

/** Convenience facilities a market may offer (便民设施), stored by name in markets.facilities. */
export const marketFacilities = ["洽谈区", "遮风避雨", "防暑防寒", "饮水", "停车", "母婴室", "无障碍", "休息座椅", "手机充电", "卫生间"] as const;

export const marketChecklist = sqliteTable(
  "market_checklist",
  {
    countyCode: text("county_code").notNull().references(() => counties.code),
    /** 0 for the county's own checklist, otherwise the market's id. */
    marketId: integer("market_id").notNull().default(0),
    item: text("item", { enum: checklistItems }).notNull(),
    done: integer("done", { mode: "boolean" }).notNull().default(false),
    /** A note or a link; required when the item is marked done. */
    evidence: text("evidence").notNull().default(""),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.marketId, t.item] })],
);

/** One upload of a county's daily statistics file. */
export const statsImports = sqliteTable(
  "stats_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    countyCode: text("county_code").notNull().references(() => counties.code),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    rows: integer("rows").notNull(),
    /** (market, day) rows added, changed or removed; 0 when the same file came again. */
    changed: integer("changed").notNull(),
    importedBy: integer("imported_by").references(() => users.id),
    importedAt: integer("imported_at").notNull(),
  },
  (t) => [index("stats_imports_at_idx").on(t.importedAt)],
);

/** Daily counts of a market on a self-hosted county instance: no personal data, only numbers. */
export const statsImported = sqliteTable(
  "stats_imported",
  {
    countyCode: text("county_code").notNull().references(() => counties.code),
    /** The market's id on the county's own instance, or "online". */
    marketKey: text("market_key").notNull(),
    day: text("day").notNull(),
    marketName: text("market_name").notNull(),
    marketTier: text("market_tier").notNull(),
    seekers: integer("seekers").notNull().default(0),
    postings: integer("postings").notNull().default(0),
    headcount: integer("headcount").notNull().default(0),
    signups: integer("signups").notNull().default(0),
    hires: integer("hires").notNull().default(0),
    priorityHires: integer("priority_hires").notNull().default(0),
    complaints: integer("complaints").notNull().default(0),
    importId: integer("import_id").notNull().references(() => statsImports.id),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.marketKey, t.day] }), index("stats_imported_day_idx").on(t.day, t.countyCode)],
);
