// The region data (counties, townships, kinds of work, brands) from the
// config's region file: copied into the DB on start so records can reference
// it, and read from memory for names and pickers.
import { sql } from "drizzle-orm";
import { counties, townships, workKinds, brands } from "../../db/schema/index.ts";
import type { Database } from "./db.ts";
import type { RegionData } from "../config.ts";

/** Inserts what is missing; never deletes (records may point at old codes). */
export async function seedRegions(database: Database, region: RegionData): Promise<void> {
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
