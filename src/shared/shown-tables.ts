// Which writes change what a public page can show — the invalidation contract.
//
// The page cache (page-cache.ts), the reference-list memos (memo.ts) and the
// figure caches key on `database.generation`. It used to go up after every
// write, so a failed hotline lookup, a staff login or an audit row emptied
// every cached page. Now the writer watches the statements each write runs
// and the generation goes up only when one of them may have changed a table
// a page shows. The declaration is the list below: the tables that no page
// served from a cache ever reads. Everything else counts as shown, so a new
// table, a statement we cannot parse, or a write that ran no statement at all
// empties the caches (the safe side). A write may still say `{ pages: false }`
// to keep the caches whatever it touched (a health probe, a session's
// last-seen time): that is the writer's promise, checked by its tests.
import type { Client, InStatement, Transaction } from "@libsql/client";

/**
 * Tables no public page reads (sessions, throttles, the audit log, one-time
 * form keys, SMS queues, phone proofs, the health probe). A write that touches
 * only these leaves every cache alone. Add a table here only if no page that a
 * visitor without a session can see, and no memo, reads it.
 */
export const UNSHOWN_TABLES: ReadonlySet<string> = new Set([
  "audit_log",
  "sessions",
  "user_last_seen",
  "login_throttle",
  "hotline_throttle",
  "form_submissions",
  "health_probe",
  "phone_code_sends",
  "phone_proofs",
  "sms_outbox",
  "sms_inbound",
]);

const READ_ONLY = /^(select|pragma|savepoint|release|rollback|begin|commit|end|explain|vacuum)\b/;
const WRITE = /^(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+["`[]?([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The table one statement writes: null for a read or transaction control, "?"
 * for a write whose table the parser does not understand.
 */
export function writtenTable(sql: string): string | null {
  const s = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "").toLowerCase();
  if (READ_ONLY.test(s)) return null;
  if (s.startsWith("with") && !/\b(insert|update|delete|replace)\b/.test(s)) return null;
  return WRITE.exec(s)?.[1] ?? "?";
}

/**
 * What one statement means for the caches: "none" (reads or transaction
 * control), "unshown" (writes only a table in UNSHOWN_TABLES), "shown" (may
 * change a page: a shown table, or anything not understood).
 */
export function statementEffect(sql: string): "none" | "unshown" | "shown" {
  const table = writtenTable(sql);
  if (table === null) return "none";
  return UNSHOWN_TABLES.has(table) ? "unshown" : "shown";
}

/**
 * The tables a signed-in request's session row is read from (session.ts: the
 * session, its user, a staff member's market). A write to any of them, a write
 * not understood, or a write that ran no statement empties the memo of session
 * rows, whatever `{ pages }` says.
 */
export const ACCOUNT_TABLES: ReadonlySet<string> = new Set(["sessions", "users", "markets"]);

/** Collects what the statements run since the last `take()` mean for the caches. */
export class WriteEffects {
  #statements = 0;
  #shown = false;
  #accounts = false;
  /** `accountsChanged`: called by `take()` when the statements taken touched an account table (ACCOUNT_TABLES) or none at all. */
  constructor(private readonly accountsChanged: () => void = () => {}) {}
  note(sql: string): void {
    const table = writtenTable(sql);
    if (table === null) return;
    this.#statements++;
    if (!UNSHOWN_TABLES.has(table)) this.#shown = true;
    if (table === "?" || ACCOUNT_TABLES.has(table)) this.#accounts = true;
  }
  /** Whether the caches must be emptied (a shown table, or no write statement at all), and starts afresh. */
  take(): boolean {
    const none = this.#statements === 0;
    const shown = this.#shown || none;
    if (this.#accounts || none) this.accountsChanged();
    this.#statements = 0;
    this.#shown = false;
    this.#accounts = false;
    return shown;
  }
}

const sqlOf = (s: InStatement | [string, unknown]): string => (typeof s === "string" ? s : Array.isArray(s) ? String(s[0]) : s.sql);

/** The same client, noting every statement's effect in `effects` (the writer queue runs one write at a time). */
export function watchWrites(client: Client, effects: WriteEffects): Client {
  const watchTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, p) {
        if (p === "execute") return (s: InStatement) => (effects.note(sqlOf(s)), target.execute(s));
        if (p === "batch") return (ss: InStatement[]) => (ss.forEach((s) => effects.note(sqlOf(s))), target.batch(ss));
        if (p === "executeMultiple") return (s: string) => (effects.note(s), target.executeMultiple(s));
        const v = Reflect.get(target, p, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return new Proxy(client, {
    get(target, p) {
      if (p === "execute")
        return (s: InStatement, args?: unknown) => (effects.note(sqlOf(s)), (target.execute as (a: unknown, b?: unknown) => unknown)(s, args));
      if (p === "batch") return (ss: InStatement[], mode?: Parameters<Client["batch"]>[1]) => (ss.forEach((s) => effects.note(sqlOf(s))), target.batch(ss, mode));
      if (p === "executeMultiple") return (s: string) => (effects.note(s), target.executeMultiple(s));
      if (p === "transaction") return async (mode?: "write" | "read" | "deferred") => watchTx(await target.transaction(mode));
      const v = Reflect.get(target, p, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
