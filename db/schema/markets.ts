// A gig market or station (零工市场 / 零工驿站). Staff accounts belong to one;
// the directory (名录) shows these fields to the public.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { counties, townships } from "./regions.ts";
import { marketTiers, marketNatures } from "./constants.ts";

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
    nature: text("nature", { enum: marketNatures }).notNull().default("public"),
    personInCharge: text("person_in_charge").notNull().default(""),
    supervisionPhone: text("supervision_phone").notNull().default(""),
    /** JSON array of kind-of-work names. */
    kinds: text("kinds").notNull().default("[]"),
    /** JSON array of facility names (洽谈, 遮风避雨 …). */
    facilities: text("facilities").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("markets_county_idx").on(t.countyCode)],
);
