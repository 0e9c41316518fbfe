// The first /healthz after a start is answered from a write probe the server made as soon as it was
// listening (src/main.ts, probeAtStart), not from a write made while the caller waits: before anyone asks,
// the probe row is there; the first /healthz then reuses it (PROBE_EVERY_MS) and is still a real answer.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createClient } from "@libsql/client";
import { freePort, start, tempDir } from "./helpers.ts";

test("the server writes its health probe right after it starts listening, before any /healthz; the first /healthz is ok and reuses it", async () => {
  const tmp = tempDir();
  const port = await freePort();
  const p = start(["src/main.ts"], { DATABASE_URL: tmp.url, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  const db = createClient({ url: tmp.url });
  try {
    // Generous waits: the machine may be busy. No request is made to the server until the row is there.
    for (let i = 0; i < 1200 && !p.stdout().includes('"msg":"listening"'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(p.stdout(), '"msg":"listening"', p.stderr());
    let at: number | null = null;
    for (let i = 0; i < 600 && at === null; i++) {
      const rs = await db.execute("SELECT at FROM health_probe WHERE id = 1").catch(() => null);
      at = rs && rs.rows.length ? Number(rs.rows[0][0]) : null;
      if (at === null) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(at !== null, "the probe row was written without a /healthz");
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.is(res.status, 200);
    assert.is((await res.json()).ok, true);
    const after = Number((await db.execute("SELECT at FROM health_probe WHERE id = 1")).rows[0][0]);
    // Within PROBE_EVERY_MS of the start probe the check reuses it; on a very slow machine it may have made a new one.
    assert.ok(after >= at!, "the probe row is the start's or a later one");
  } finally {
    db.close();
    try {
      process.kill(-p.child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
    await p.exited;
    tmp.cleanup();
  }
});

test.run();
