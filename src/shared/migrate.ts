// Applies the committed SQL files in db/migrations in name order, each in its
// own transaction, recording them in schema_migrations. We run our own few lines
// instead of drizzle's migrator because drizzle's skips any migration older than
// the newest applied one, which silently drops work when branches merge; here
// every file is applied exactly once, whatever its place in the order.
import { readdirSync, readFileSync } from "node:fs";
import { fromRoot } from "./root.ts";
import type { Client } from "@libsql/client";

export const migrationsDir = fromRoot("db", "migrations") + "/";

export interface Migration {
  name: string;
  sql: string;
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(dir + name, "utf8") }));
}

export class NewerDatabaseError extends Error {}

/** Returns the names applied by this call. */
export async function migrate(client: Client, migrations = loadMigrations()): Promise<string[]> {
  await client.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const known = new Set(migrations.map((m) => m.name));
  const applied = new Set((await client.execute("SELECT name FROM schema_migrations")).rows.map((r) => String(r[0])));
  const unknown = [...applied].filter((n) => !known.has(n));
  if (unknown.length > 0) {
    // A DB written by a newer release: running old code on it could corrupt it.
    throw new NewerDatabaseError(
      `数据库来自更新的版本(含本程序不认识的迁移: ${unknown.join(", ")})。请升级程序后再启动。`,
    );
  }
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    const tx = await client.transaction("write");
    try {
      // Another process may have applied it while we waited for the write lock.
      const again = await tx.execute({ sql: "SELECT 1 FROM schema_migrations WHERE name = ?", args: [m.name] });
      if (again.rows.length === 0) {
        await tx.executeMultiple(m.sql);
        await tx.execute({ sql: "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", args: [m.name, Date.now()] });
        done.push(m.name);
      }
      await tx.commit();
    } catch (e) {
      await tx.rollback().catch(() => {});
      throw new Error(`migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
    } finally {
      tx.close();
    }
  }
  return done;
}
