// A gig market or station (零工市场 / 零工驿站). Staff accounts belong to one;
// the directory and desk features add their own columns in later migrations.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { counties, townships } from "./regions.ts";
import { marketTiers } from "./constants.ts";

export const markets = sqliteTable(
  "markets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tier: text("tier", { enum: marketTiers }).notNull(),
    countyCode: text("county_code").notNull().references(() => counties.code),
    townshipCode: text("township_code").references(() => townships.code),
    address: text("address").notNull().default(""),
    hours: text("hours").notNull().default(""),
    phone: text("phone").notNull().default(""),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("markets_county_idx").on(t.countyCode)],
);
