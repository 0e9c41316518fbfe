// Operations (src/ops): when each account was last signed in. Filled by
// triggers on sessions (migration 0009), read by the daily housekeeping.
import { sqliteTable, integer } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";

export const userLastSeen = sqliteTable("user_last_seen", {
  userId: integer("user_id").primaryKey().references(() => users.id),
  at: integer("at").notNull(),
});
