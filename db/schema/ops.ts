// Operations (src/ops): when each account was last signed in. Filled by
// triggers on sessions (migration 0009), read by the daily housekeeping.
import { sqliteTable, integer } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";

export const userLastSeen = sqliteTable("user_last_seen", {
  userId: integer("user_id").primaryKey().references(() => users.id),
  at: integer("at").notNull(),
});

/** The health check's one-row write probe (migration 0022). */
export const healthProbe = sqliteTable("health_probe", {
  id: integer("id").primaryKey(),
  at: integer("at").notNull(),
});
