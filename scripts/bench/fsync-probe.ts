// The disk's sync latency where the DB lives, for `npm run bench`: N small
// appends, each followed by fdatasync (what the writer's WalSyncer does after a
// group's COMMIT: a few WAL frames appended, then one sync). Sign-ups are bound
// by it (docs/performance.md, "Sign-ups, 2026-12-05 night"), and on a shared VM
// it changes from run to run, so the bench prints it beside the sign-ups row.
import { openSync, writeSync, fdatasyncSync, closeSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface SyncProbe {
  n: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

/** `n` appends of `bytes` bytes + fdatasync on a scratch file in `dir` (removed after), each timed; synchronous on purpose: nothing else runs meanwhile. */
export function fsyncProbe(dir: string, n = 50, bytes = 4096 + 24): SyncProbe {
  const path = join(dir, `fsync-probe-${process.pid}.tmp`);
  const fd = openSync(path, "a");
  const buf = Buffer.alloc(bytes, 7);
  const ms: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      writeSync(fd, buf);
      fdatasyncSync(fd);
      ms.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { n, medianMs: at(0.5), p90Ms: at(0.9), minMs: ms[0], maxMs: ms[ms.length - 1] };
}

export const describeProbe = (p: SyncProbe) =>
  `median ${p.medianMs.toFixed(1)} ms, p90 ${p.p90Ms.toFixed(1)} ms (min ${p.minMs.toFixed(1)}, max ${p.maxMs.toFixed(1)}; ${p.n} appends of 4 KB + fdatasync)`;

// `node --import tsx scripts/bench/fsync-probe.ts [dir] [n]`: the probe alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeProbe(fsyncProbe(process.argv[2] ?? process.cwd(), Number(process.argv[3] ?? 50))));
}
