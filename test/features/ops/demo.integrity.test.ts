// The demo data (npm run demo) as a visitor would notice it (issue 17): no
// sign-up, check-in, message or record made "in the future", and every
// township in the county it belongs to.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { runDemo } from "../../../db/seed/demo.ts";

let dir: string;
let client: Client;
let ranAt: number;
test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), "lingong-demo-"));
  const url = `file:${join(dir, "demo.db")}`;
  await runDemo({ DATABASE_URL: url }, true);
  ranAt = Date.now();
  client = createClient({ url });
});
test.after(() => {
  client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const columns = async (table: string) => (await client.execute(`PRAGMA table_info(${table})`)).rows.map((r) => String(r.name));

test("no moment in the demo data lies in the future (sign-ups, check-ins, messages, records)", async () => {
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%'")).rows.map((r) => String(r.name));
  // Moments when something happened (not deadlines, expiries or retry times).
  const happened = /^(created_at|at|confirmed_at|decided_at|published_at|cancelled_at|completed_at|paid_answered_at|checked_at|answered_at|read_at|booked_at)$/;
  const problems: string[] = [];
  for (const table of tables) {
    for (const col of (await columns(table)).filter((c) => happened.test(c))) {
      const [row] = (await client.execute(`SELECT count(*) AS n, max(${col}) AS latest FROM ${table} WHERE ${col} > ${ranAt}`)).rows;
      if (Number(row.n) > 0) problems.push(`${table}.${col}: ${row.n} in the future (latest ${new Date(Number(row.latest)).toISOString()})`);
    }
  }
  assert.equal(problems, [], problems.join("\n"));
});

test("every township named in the demo data belongs to the row's own county", async () => {
  const problems: string[] = [];
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).rows.map((r) => String(r.name));
  for (const table of tables) {
    const cols = await columns(table);
    if (!cols.includes("township_code") || !cols.includes("county_code") || table === "townships") continue;
    const [row] = (
      await client.execute(
        `SELECT count(*) AS n FROM ${table} x JOIN townships tw ON tw.code = x.township_code WHERE tw.county_code <> x.county_code`,
      )
    ).rows;
    if (Number(row.n) > 0) problems.push(`${table}: ${row.n} rows with a township of another county`);
  }
  // A worker's township lives on her profile, her county on the account.
  const [w] = (
    await client.execute(
      "SELECT count(*) AS n FROM worker_profiles p JOIN users u ON u.id = p.user_id JOIN townships tw ON tw.code = p.township_code WHERE tw.county_code <> u.county_code",
    )
  ).rows;
  if (Number(w.n) > 0) problems.push(`worker_profiles: ${w.n} workers with a township outside their county`);
  assert.equal(problems, [], problems.join("\n"));
});

test.run();
