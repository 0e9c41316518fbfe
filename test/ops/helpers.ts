// Real processes for the operations tests: the server (`node --import tsx
// src/main.ts`) and the admin command line, on a temp DB. Every child runs in
// its own process group and is killed, group and all, when the test file ends.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Browser } from "../helpers/app.ts";
import { loadConfig } from "../../src/config.ts";
import { prepare } from "../../src/app.tsx";
import { jsonLogger, type Deps } from "../../src/shared/context.ts";
import { hashSecret } from "../../src/shared/crypto.ts";
import { insertUser } from "../../src/features/accounts/index.ts";
import type { Role } from "../../db/schema/constants.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

const live = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
process.on("exit", () => {
  for (const c of live) killGroup(c);
});

/** A temp directory with a DB path in it; `cleanup()` removes both. */
export function tempDir(prefix = "lingong-ops-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, "live.db");
  return { dir, dbPath, url: `file:${dbPath}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function start(args: string[], env: Record<string, string>, node: string[] = ["--import", "tsx"]): Proc {
  let out = "";
  let err = "";
  const child = spawn(process.execPath, [...node, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  child.stdout!.on("data", (b) => (out += b));
  child.stderr!.on("data", (b) => (err += b));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => (live.delete(child), ok(code))));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs `npm run admin -- ...` as a child and waits for it. */
export async function admin(args: string[], env: Record<string, string>) {
  const p = start(["scripts/admin.ts", ...args], env);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Starts the server and waits for it to exit on its own (a refused start); kills it after `timeoutMs`. */
export async function runToExit(env: Record<string, string>, opts: { timeoutMs?: number; args?: string[]; node?: string[] } = {}) {
  const p = start(opts.args ?? ["src/main.ts"], env, opts.node);
  const timer = setTimeout(() => killGroup(p.child), opts.timeoutMs ?? 60_000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

export interface Server extends Proc {
  port: number;
  base: string;
  stop(): Promise<void>;
}

/** Starts the real server and waits until it answers /healthz. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Server> {
  const port = await freePort();
  // The per-client server-time budget (FAIR_SHARE_BURST, 1 s by default) is charged with each request's wall
  // time: on a machine kept busy beside the suite, a setup, a login and two new accounts (four password
  // hashes, one address) overdrew it and the next login got a 429 (restore.test, 2026-12-05). The budget has
  // its own tests (test/security/fairness.test.ts); here it is made roomy, a test may still set its own.
  const p = start(["src/main.ts"], { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, FAIR_SHARE_BURST: "600000", ...env });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  p.exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}: ${p.stderr()}${p.stdout()}`);
    if (Date.now() > deadline) {
      killGroup(p.child);
      throw new Error(`server did not start in ${timeoutMs} ms: ${p.stderr()}`);
    }
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    ...p,
    port,
    base,
    async stop() {
      killGroup(p.child, "SIGTERM");
      // The server itself waits up to STOP_WAIT_MS (15 s) for requests in flight: killing it after 5 s cut a
      // clean stop short on a busy machine (shutdown.test's 20 sign-ins, each a password hash, at load 20:
      // exit code null instead of 0). A minute is only there so a hung server cannot hang the suite.
      const t = setTimeout(() => killGroup(p.child, "SIGKILL"), 60_000);
      await p.exited;
      clearTimeout(t);
    },
  };
}

/** A Browser (cookie jar, CSRF token) that talks to real servers; `at(server)` switches which one. */
export function remoteBrowser(first: { base: string }) {
  let base = first.base;
  const b = new Browser({
    request: (url, init) => fetch(url.replace("http://localhost", base), { ...init, redirect: "manual" }),
  });
  return Object.assign(b, {
    at(s: { base: string }) {
      base = s.base;
      return b;
    },
  });
}

/** Opens the DB in this process (migrated, as the server would), for fixtures and checks. */
export async function openDeps(url: string, env: Record<string, string> = {}): Promise<Deps> {
  return prepare({ config: loadConfig({ DATABASE_URL: url, ...env }), log: jsonLogger(() => {}, true) });
}

/** Creates an account with a password directly in the DB. */
export async function addAccount(deps: Deps, u: { role: Role; phone: string; name?: string; password?: string; countyCode?: string | null; marketId?: number | null }) {
  const password = u.password ?? "correct horse 1";
  const passwordHash = await hashSecret(password);
  const [row] = await deps.database.write((db) =>
    insertUser(db, { role: u.role, phone: u.phone, name: u.name ?? "测试", passwordHash, countyCode: u.countyCode ?? null, marketId: u.marketId ?? null }, deps.clock.now()),
  );
  return { id: row.id, phone: u.phone, password };
}
