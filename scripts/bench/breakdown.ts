// `node --import tsx scripts/bench/breakdown.ts [--postings 20000] [--rounds 300]`
//
// Where a signed-in page's time goes, statement by statement: builds the bench
// data set in a temp DB, builds the app in this process (no HTTP, no bundle),
// and counts every statement the libSQL client runs during each request of a
// signed-in worker — the filtered job list, a job page, her own sign-ups — and
// a job sign-up, with the time each statement takes (from the call to its
// answer). Printed as one table per request; docs/performance.md quotes it.
import { gzipSync, brotliCompressSync, constants as z } from "node:zlib";
import { statementCacheSwitch, statementCacheStats } from "../../src/shared/statement-cache.ts";
import { traceStatements, benchApp, printStatements, cpuMs, type Stat } from "./tracer.ts";

const argv = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const postings = arg("--postings", 20_000);
const rounds = arg("--rounds", 300);
/** Only the pages (for node --cpu-prof). */
const pagesOnly = argv.includes("--pages-only");

async function main() {
  const { deps, gen, app, cleanup } = await benchApp(postings, "lingong-breakdown-");
  try {
    const kind = Number((await deps.database.client.execute("SELECT id FROM work_kinds WHERE name = '家政保洁'")).rows[0][0]);
    // At libsql's prepare: the read pool's statements and the writer's own connection's alike.
    const tr = traceStatements(110);
    const s = gen.sessions[0];
    const pages: [string, string][] = [
      ["signed-in job list, 2 filters", `/jobs?county=411024&kind=${kind}`],
      ["signed-in job page", `/jobs/${gen.openPostingIds[0]}`],
      ["signed-in worker's own list (/me/jobs)", "/me/jobs"],
    ];
    const out: string[] = [`Statements per request, ${postings.toLocaleString("en-US")} postings, ${rounds} rounds each, in-process (no HTTP), node ${process.version}`];
    for (const [name, path] of pages) {
      for (let i = 0; i < 20; i++) await app.request(path, { headers: { cookie: s.cookie } }); // warm up
      // Side by side: the statement cache off and on, in alternating blocks, by this process's CPU time.
      const cpu = { off: 0, on: 0 };
      for (let block = 0; block < 6; block++) {
        const on = block % 2 === 1;
        statementCacheSwitch.on = on;
        const c0 = process.cpuUsage();
        for (let i = 0; i < rounds / 6; i++) {
          const r = await app.request(path, { headers: { cookie: s.cookie, "accept-encoding": "gzip" } });
          if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
          await r.arrayBuffer();
        }
        cpu[on ? "on" : "off"] += cpuMs(process.cpuUsage(c0));
      }
      statementCacheSwitch.on = true;
      tr.start();
      const c0 = process.cpuUsage();
      for (let i = 0; i < rounds; i++) {
        const r = await app.request(path, { headers: { cookie: s.cookie, "accept-encoding": "gzip" } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        await r.arrayBuffer();
      }
      const total = cpuMs(process.cpuUsage(c0)) / rounds;
      print(out, name, tr.stop(), rounds, total);
      out.push(`CPU per request with every statement compiled anew: ${(cpu.off / (rounds / 2)).toFixed(2)} ms; with the statement cache: ${(cpu.on / (rounds / 2)).toFixed(2)} ms (alternating blocks)`);
    }
    if (pagesOnly) {
      console.log(out.join("\n"));
      await app.stop();
      return;
    }
    // Compression of a rendered page (every signed-in page is compressed anew): CPU per page and size, by level.
    {
      const html = new Uint8Array(await (await app.request(pages[0][1], { headers: { cookie: s.cookie } })).arrayBuffer());
      out.push("", `### compressing the signed-in job list (${html.length.toLocaleString("en-US")} bytes of HTML), ${rounds * 4} times each`, "", "| how | µs of CPU per page | bytes |", "|---|---:|---:|");
      const ways: [string, () => Uint8Array][] = [
        ...[1, 2, 4, 6].map((l): [string, () => Uint8Array] => [`gzip level ${l}`, () => gzipSync(html, { level: l })]),
        ...[1, 2, 3, 4, 5].map((q): [string, () => Uint8Array] => [
          `brotli quality ${q}`,
          () => brotliCompressSync(html, { params: { [z.BROTLI_PARAM_QUALITY]: q, [z.BROTLI_PARAM_SIZE_HINT]: html.length } }),
        ]),
      ];
      for (const [how, f] of ways) {
        for (let i = 0; i < 50; i++) f();
        const c0 = process.cpuUsage();
        let size = 0;
        for (let i = 0; i < rounds * 4; i++) size = f().length;
        out.push(`| ${how} | ${(cpuMs(process.cpuUsage(c0)) * 1000 / (rounds * 4)).toFixed(0)} | ${size.toLocaleString("en-US")} |`);
      }
    }
    // Sign-ups: one at a time (no group), each a new (worker, posting) pair.
    {
      const n = Math.min(rounds, gen.sessions.length);
      tr.start();
      const t0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const w = gen.sessions[i];
        const r = await app.request(`/jobs/${gen.openPostingIds[1]}/apply`, {
          method: "POST",
          headers: { cookie: w.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: `_csrf=${encodeURIComponent(w.csrf)}`,
        });
        if (r.status !== 303) throw new Error(`apply: ${r.status}`);
      }
      print(out, "job sign-up (one at a time)", tr.stop(), n, cpuMs(process.cpuUsage(t0)) / n);
    }
    {
      const n = Math.min(rounds, gen.sessions.length);
      tr.start();
      const t0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const w = gen.sessions[i];
        const r = await app.request(`/training/${gen.trainingSessionIds[0]}/signup`, {
          method: "POST",
          headers: { cookie: w.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: `_csrf=${encodeURIComponent(w.csrf)}`,
        });
        if (r.status !== 303) throw new Error(`training: ${r.status}`);
      }
      print(out, "training sign-up (one at a time)", tr.stop(), n, cpuMs(process.cpuUsage(t0)) / n);
    }
    out.push("", `statements compiled ${statementCacheStats.prepared}, reused ${statementCacheStats.reused}`);
    console.log(out.join("\n"));
    await app.stop();
  } finally {
    cleanup();
  }
}

function print(out: string[], name: string, stats: Map<string, Stat>, rounds: number, totalMs: number) {
  printStatements(out, `${name}: ${totalMs.toFixed(2)} ms of CPU per request in all`, stats, rounds, "request", "ms each (run)");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
