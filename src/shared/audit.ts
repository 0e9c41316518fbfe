// The audit log of staff actions: logins, reveals of masked data, actions on
// behalf of someone. Append-only; the table's triggers refuse UPDATE and DELETE.
import { auditLog } from "../../db/schema/index.ts";
import type { Queryable } from "./db.ts";
import type { CurrentUser } from "./context.ts";

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: number;
  onBehalfOf?: number | null;
  detail?: Record<string, unknown>;
}

/** The insert to put in the same batch as the action it records. */
export function auditInsert(db: Queryable, actor: CurrentUser | null, at: number, e: AuditEntry) {
  return db.insert(auditLog).values({
    at,
    actorId: actor?.id ?? null,
    marketId: actor?.marketId ?? null,
    action: e.action,
    subjectType: e.subjectType ?? null,
    subjectId: e.subjectId ?? null,
    onBehalfOf: e.onBehalfOf ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  });
}
