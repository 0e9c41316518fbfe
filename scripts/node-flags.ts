// The Node flags production starts the server with, read from `npm start` (package.json), so that the bench
// and the soak start it exactly that way; deploy/lingong.service repeats them (test/ops/node-flags.test.ts
// checks that the two agree).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function productionNodeFlags(root = join(import.meta.dirname, "..")): string[] {
  const start = String(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts?.start ?? "");
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(start);
  if (!m) throw new Error(`package.json's start script does not run dist/main.js: ${start}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}

/**
 * Variables this machine's shell sets for every process that a deployment's server does not get: under systemd
 * (deploy/lingong.service) its environment is /etc/lingong/lingong.env and nothing else.
 * NODE_EXTRA_CA_CERTS: Node reads and parses that certificate file at every start — measured here, +35 ms of
 * CPU to the first /healthz and +1.8 MB RSS (docs/performance.md, "Start-up and memory, second pass,
 * 2026-12-06"). The server makes no TLS call at start; a county that needs an extra CA for its SMS provider
 * sets it in lingong.env and pays it there.
 */
export const NOT_IN_DEPLOYMENT = ["NODE_EXTRA_CA_CERTS"] as const;

/** The environment to start the server with in the bench and the soak: the caller's, less what a deployment does not have. */
export function deploymentEnv(env: Record<string, string | undefined> = process.env): { env: Record<string, string | undefined>; dropped: string[] } {
  const out = { ...env };
  const dropped: string[] = [];
  for (const k of NOT_IN_DEPLOYMENT) {
    if (k in out) {
      delete out[k];
      dropped.push(k);
    }
  }
  return { env: out, dropped };
}
