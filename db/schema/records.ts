// Records (src/features/records): the change counters that keep the cached
// figures in step with hires, wage cases and employers (raised by the
// triggers of migration 0020), and the printed worker records' check codes.
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { users } from "./accounts.ts";

/** Topics: 'hires', 'wage_cases', 'employers'. */
export const recordVersions = sqliteTable("record_versions", {
  topic: text("topic").primaryKey(),
  version: integer("version").notNull().default(0),
});

/** 务工记录打印件: the random code in a printed record's QR link, and what was printed. */
export const recordPrints = sqliteTable(
  "record_prints",
  {
    code: text("code").primaryKey(),
    workerId: integer("worker_id").notNull().references(() => users.id),
    issuedAt: integer("issued_at").notNull(),
    /** The staff member who printed it at the desk; null when the worker printed it herself. */
    issuedBy: integer("issued_by").references(() => users.id),
    /** JSON of PrintSummary (records.domain.ts). */
    summary: text("summary").notNull(),
  },
  (t) => [index("record_prints_worker_idx").on(t.workerId, t.issuedAt)],
);
