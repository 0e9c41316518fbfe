// `npm run demo`: loads realistic Xuchang demo data into the configured DB
// (DATABASE_URL, default file:db/lingong.db). Refuses to run on a DB that
// already has accounts, so it never mixes with real data.
import { sql } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { prepare } from "../../src/app.tsx";
import { jsonLogger } from "../../src/shared/context.ts";
import { users } from "../schema/index.ts";
import { seeded, type DemoContext } from "./demo/context.ts";
import { seedBase } from "./demo/base.ts";
import { seedPeople } from "./demo/people.ts";
import { seedJobs } from "./demo/jobs.ts";
import { seedHotline } from "./demo/hotline.ts";
import { seedHistory } from "./demo/history.ts";
import { seedDesk } from "./demo/desk.ts";
import { seedTraining } from "./demo/training.ts";
import { seedSupervision } from "./demo/supervision.ts";
import { seedRecords } from "./demo/records.ts";

/** The steps, in order; each feature adds its own after the ones it builds on. */
const steps: [string, (ctx: DemoContext) => Promise<void>][] = [
  ["markets and staff", seedBase],
  ["employers, workers and cards", seedPeople],
  ["postings, sign-ups and hires", seedJobs],
  ["hotline cases", seedHotline],
  ["a year of history", seedHistory],
  ["station desks: walk-ins, check-ins, priority help, fair order", seedDesk],
  ["training, job fairs and help articles", seedTraining],
  ["market supervision: inspections, incidents, roadside points", seedSupervision],
  ["employer records and going rates: a good payer, a late payer with an open wage case, new employers", seedRecords],
];

export async function runDemo(env: Record<string, string | undefined> = process.env, quiet = false) {
  const config = loadConfig(env);
  const deps = await prepare({ config, log: jsonLogger(undefined, true) });
  try {
    const [{ n }] = await deps.database.db.select({ n: sql<number>`count(*)` }).from(users);
    if (n > 0) throw new Error("这个数据库里已经有账号了。演示数据只能装进空数据库:请换一个 DATABASE_URL,或删除 db/lingong.db 后再试。");
    const rand = seeded(20261128);
    const ctx: DemoContext = {
      deps,
      rand,
      pick: (xs) => xs[Math.floor(rand() * xs.length)],
      markets: new Map(),
      accounts: new Map(),
      ids: {},
    };
    for (const [name, step] of steps) {
      const start = performance.now();
      await step(ctx);
      if (!quiet) console.log(`demo: ${name} (${Math.round(performance.now() - start)} ms)`);
    }
    if (!quiet) {
      console.log("\n演示账号(仅用于演示数据库):");
      for (const a of ctx.accounts.values()) console.log(`  ${a.label.padEnd(16, " ")} ${a.phone}  ${a.secret}`);
    }
    return ctx;
  } finally {
    deps.database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
