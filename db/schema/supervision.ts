// Supervision of the markets: safety inspections, incidents and roadside
// gathering points (see db/migrations/0021). Owned by src/features/supervision.
import { sqliteTable, text, integer, index, primaryKey } from "drizzle-orm/sqlite-core";
import { markets } from "./markets.ts";
import { users } from "./accounts.ts";
import { counties, townships } from "./regions.ts";
import { hotlineCases } from "./hotline.ts";
import { incidentKinds, inspectionItems } from "./constants.ts";

export const marketInspections = sqliteTable(
  "market_inspections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    date: text("date").notNull(),
    inspectors: text("inspectors").notNull(),
    findings: text("findings").notNull().default(""),
    rectifyBy: text("rectify_by"),
    rectifiedAt: integer("rectified_at"),
    rectifiedNote: text("rectified_note").notNull().default(""),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("market_inspections_market_idx").on(t.marketId, t.date)],
);

export const inspectionItemResults = sqliteTable(
  "inspection_items",
  {
    inspectionId: integer("inspection_id").notNull().references(() => marketInspections.id),
    item: text("item", { enum: inspectionItems }).notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.item] })],
);

export const marketIncidents = sqliteTable(
  "market_incidents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    marketId: integer("market_id").notNull().references(() => markets.id),
    kind: text("kind", { enum: incidentKinds }).notNull(),
    date: text("date").notNull(),
    time: text("time").notNull().default(""),
    place: text("place").notNull(),
    description: text("description").notNull(),
    hotlineCaseId: integer("hotline_case_id").references(() => hotlineCases.id),
    policeReferred: integer("police_referred", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("market_incidents_market_idx").on(t.marketId, t.date)],
);

export const roadsidePoints = sqliteTable(
  "roadside_points",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    place: text("place").notNull(),
    usualHours: text("usual_hours").notNull().default(""),
    nearestMarketId: integer("nearest_market_id").references(() => markets.id),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("roadside_points_county_idx").on(t.countyCode)],
);

export const roadsideCounts = sqliteTable(
  "roadside_counts",
  {
    pointId: integer("point_id").notNull().references(() => roadsidePoints.id),
    date: text("date").notNull(),
    people: integer("people").notNull(),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.date] })],
);
