// One submission, one record (src/shared/once.ts): the one-time key of each
// state-changing form, claimed before the action runs, with the redirect it
// answered so a repeat gets the same answer (migration 0018).
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

export const formSubmissions = sqliteTable(
  "form_submissions",
  {
    id: text("id").primaryKey(),
    createdAt: integer("created_at").notNull(),
    location: text("location"),
    cookies: text("cookies"),
  },
  (t) => [index("form_submissions_created_at").on(t.createdAt)],
);
