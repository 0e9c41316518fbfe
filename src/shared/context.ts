// The types every handler shares: what the app is given (Deps) and what each
// request carries (the signed-in user, the CSRF token, the text-size choice).
import { setImmediate } from "node:timers";
import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Clock } from "./clock.ts";
import type { Database } from "./db.ts";
import type { Role } from "../../db/schema/constants.ts";
import type { SmsSender } from "./sms.ts";
import type { Regions } from "./regions.ts";
import type { Hooks } from "./hooks.ts";

export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  /** Server secret for HMACs (CSRF tokens), kept in the settings table. */
  secret: string;
  sms: SmsSender;
  log: Logger;
  regions: Regions;
  hooks: Hooks;
  /** The last error lines this process logged (oldest first, at most RECENT_ERRORS), for the status page. */
  recentErrors?: RecentError[];
}

export interface RecentError {
  /** Real time (ms). */
  at: number;
  msg: string;
  /** The request it happened in: the same id as the request's log line and its error page. */
  req?: string;
  error?: string;
}

export const RECENT_ERRORS = 20;

export interface CurrentUser {
  id: number;
  role: Role;
  name: string;
  phone: string;
  countyCode: string | null;
  marketId: number | null;
  /** The county of a staff member's market, or a county admin's county. */
  scopeCounty: string | null;
  /** A staff member's market tier: station (驿站) staff do not verify employers nor reveal full ID numbers. */
  marketTier?: string | null;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: CurrentUser | null;
    /** Hash of the session id, when signed in. */
    sessionHash: string | null;
    csrfToken: string;
    big: boolean;
    /** Short id of this request, in every log line written while it runs and on its error page. */
    requestId: string;
    /** deps.log with this request's id on every line (set by the request-log middleware): log through it while handling a request. */
    log: Logger;
  };
};

export type Ctx = Context<AppEnv>;

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * `log` with the request's id ("req") on every line, right after the message, where a line written
 * while a request runs has always had it. The request-log middleware makes one per request (c.var.log);
 * code handling a request logs through it (`logOf(c)`), so every line a request causes carries its id.
 * Not an AsyncLocalStorage: once one has run, Node 20 keeps async_hooks' promise hooks on for every
 * promise of the process (docs/performance.md, "The shared per-hit work: AsyncLocalStorage, 2026-12-06").
 */
export const requestLogger = (log: Logger, req: string): Logger => new RequestLogger(log, req);

// A class, not three closures: one small object per request (every request makes one, cached hits too).
class RequestLogger implements Logger {
  constructor(
    private readonly log: Logger,
    private readonly req: string,
  ) {}
  info(msg: string, fields?: Record<string, unknown>) {
    this.log.info(msg, { req: this.req, ...fields });
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.log.warn(msg, { req: this.req, ...fields });
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.log.error(msg, { req: this.req, ...fields });
  }
}

/** The request's logger (its id on every line); deps.log before the request-log middleware has run. */
export const logOf = (c: Context<AppEnv>): Logger => c.var.log ?? c.var.deps.log;

/**
 * Lines to `out`, written together once per turn of the event loop. Every
 * request writes a log line, and stdout to a file or a pipe (journald, the
 * bench's /dev/null) is a synchronous write: one system call per request was
 * the largest part of a cached page's own work after the socket's
 * (docs/performance.md, 2026-12-06). The lines of one turn go in one call, in
 * order; what is left is written when the process exits (exit, an uncaught
 * error), so only a SIGKILL can lose the lines of the turn it lands in.
 */
export function batchedLines(out: (text: string) => void, atExit: (flush: () => void) => void = (f) => process.on("exit", f)): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join("\n") + "\n";
    pending = [];
    out(text);
  };
  atExit(flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}

// One batch for the process (made on first use: one exit listener, whatever the number of loggers).
let stdoutLines: ((line: string) => void) | undefined;
const toStdout = (line: string) => (stdoutLines ??= batchedLines((text) => process.stdout.write(text)))(line);

/** Structured log lines on stdout: one JSON object per line, never personal data. */
// process.stdout.write, not console.log: the console's formatting cost a tenth
// of the time of a cached page (measured with --cpu-prof).
export function jsonLogger(write: (line: string) => void = toStdout, quiet = false): Logger {
  const emit = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === "info") return;
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  };
  return { info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** Wraps a logger so its error lines are also kept (the newest RECENT_ERRORS) for the status page. */
export function rememberErrors(log: Logger, into: RecentError[]): Logger {
  return {
    info: (m, f) => log.info(m, f),
    warn: (m, f) => log.warn(m, f),
    error(msg, fields = {}) {
      log.error(msg, fields);
      const error = typeof fields.error === "string" ? fields.error : typeof fields.code === "string" ? fields.code : undefined;
      const req = typeof fields.req === "string" ? fields.req : undefined;
      into.push({ at: Date.now(), msg, req, error });
      if (into.length > RECENT_ERRORS) into.splice(0, into.length - RECENT_ERRORS);
    },
  };
}

/** An error's message without the statement parameters drizzle appends (they may hold personal data). */
export const safeErrorMessage = (e: unknown) => String((e as Error)?.message ?? e).replace(/\s*params:[\s\S]*$/, "").slice(0, 300);
