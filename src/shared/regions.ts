// The region data (counties, townships, kinds of work, brands) from the
// config's region file: copied into the DB on start so records can reference
// it, and read from memory for names and pickers.
import { sql } from "drizzle-orm";
import { counties, townships, workKinds, brands } from "../../db/schema/index.ts";
import type { Database } from "./db.ts";
import type { RegionData } from "../config.ts";

/**
 * Inserts what is missing; never deletes (records may point at old codes). A start whose region data the DB
 * already holds as this would leave it (every start but the first after a change of the region file) writes
 * nothing: four reads instead of a write transaction — drizzle building four inserts of a few hundred values,
 * a COMMIT and a WAL sync — on the way to the first /healthz (docs/performance.md, "Memory and start-up,
 * 2026-12-06").
 */
export async function seedRegions(database: Database, region: RegionData): Promise<void> {
  if (await alreadySeeded(database, region)) return;
  await database.write(async (db) => {
    const stmts = [
      db
        .insert(counties)
        .values(region.counties.map((c, i) => ({ code: c.code, name: c.name, sort: i })))
        .onConflictDoUpdate({ target: counties.code, set: { name: sql`excluded.name`, sort: sql`excluded.sort` } }),
      ...(region.townships.length
        ? [
            db
              .insert(townships)
              .values(region.townships)
              .onConflictDoUpdate({ target: townships.code, set: { name: sql`excluded.name` } }),
          ]
        : []),
      db
        .insert(workKinds)
        .values(region.workKinds.map((name, i) => ({ name, sort: i })))
        .onConflictDoNothing(),
      ...(region.brands.length
        ? [
            db
              .insert(brands)
              .values(region.brands.map((b, i) => ({ name: b.name, countyCode: b.county ?? null, sort: i })))
              .onConflictDoNothing(),
          ]
        : []),
    ];
    await db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
  });
}

/** Would seeding change nothing? Counties with the same name and order, townships with the same name, every kind of work and brand by name. */
export async function alreadySeeded(database: Database, region: RegionData): Promise<boolean> {
  const db = database.db;
  const [cs, ts, ks, bs] = await Promise.all([
    db.select({ code: counties.code, name: counties.name, sort: counties.sort }).from(counties),
    db.select({ code: townships.code, name: townships.name }).from(townships),
    db.select({ name: workKinds.name }).from(workKinds),
    db.select({ name: brands.name }).from(brands),
  ]);
  const county = new Map(cs.map((c) => [c.code, c]));
  const township = new Map(ts.map((t) => [t.code, t.name]));
  const kinds = new Set(ks.map((k) => k.name));
  const brandNames = new Set(bs.map((b) => b.name));
  return (
    region.counties.every((c, i) => county.get(c.code)?.name === c.name && county.get(c.code)?.sort === i) &&
    region.townships.every((t) => township.get(t.code) === t.name) &&
    region.workKinds.every((k) => kinds.has(k)) &&
    region.brands.every((b) => brandNames.has(b.name))
  );
}

export class Regions {
  readonly countyNames: Map<string, string>;
  readonly townshipNames: Map<string, string>;
  constructor(readonly data: RegionData) {
    this.countyNames = new Map(data.counties.map((c) => [c.code, c.name]));
    this.townshipNames = new Map(data.townships.map((t) => [t.code, t.name]));
  }
  countyName = (code: string | null | undefined) => (code ? this.countyNames.get(code) ?? code : "");
  townshipName = (code: string | null | undefined) => (code ? this.townshipNames.get(code) ?? code : "");
  /** A county and township as the open-data API gives them: codes with their names (no township: null). */
  apiPlace = (countyCode: string, townshipCode: string | null) => ({
    county: { code: countyCode, name: this.countyName(countyCode) },
    township: townshipCode ? { code: townshipCode, name: this.townshipName(townshipCode) } : null,
  });
  countyOptions = () => this.data.counties.map((c) => [c.code, c.name] as const);
  townshipOptions = (county?: string) =>
    this.data.townships.filter((t) => !county || t.countyCode === county).map((t) => [t.code, t.name] as const);
  townshipInCounty = (township: string, county: string) =>
    this.data.townships.some((t) => t.code === township && t.countyCode === county);
}
