// Operations (src/ops): when each account was last signed in. Filled by
// triggers on sessions (migration 0009), read by the daily housekeeping.
// And the health probe's one row (migration 0019).
import { sqliteTable, integer } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";

export const userLastSeen = sqliteTable("user_last_seen", {
  userId: integer("user_id").primaryKey().references(() => users.id),
  at: integer("at").notNull(),
});

/** The row /healthz writes (at most every 5 s) to prove a write can be made (src/ops/health.ts). */
export const healthProbe = sqliteTable("health_probe", {
  id: integer("id").primaryKey(),
  at: integer("at").notNull(),
});
