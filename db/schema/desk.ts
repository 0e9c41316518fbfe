// The station desk (零工驿站): check-ins. The desk feature adds its other tables here.
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";
import { markets } from "./markets.ts";

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
