// City → county → township, seeded from the region file named in the config
// (Xuchang by default), so another county runs its own divisions without code changes.
import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

export const counties = sqliteTable("counties", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  sort: integer("sort").notNull().default(0),
});

export const townships = sqliteTable("townships", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  countyCode: text("county_code").notNull().references(() => counties.code),
});

/** 工种: kinds of work, configurable data rather than an enum. */
export const workKinds = sqliteTable("work_kinds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  sort: integer("sort").notNull().default(0),
});

/** Local labour brands (禹州钧瓷, 鄢陵花木 …) that postings carry as tags. */
export const brands = sqliteTable("brands", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  countyCode: text("county_code").references(() => counties.code),
  sort: integer("sort").notNull().default(0),
});
