// The region data is copied into the DB at every start (src/shared/regions.ts). A start on a DB that already
// holds it writes nothing (the write and its WAL sync were on the way to the first /healthz); a region file that
// changed still gets its new names, order, townships, kinds of work and brands written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, type TestApp } from "../helpers/app.ts";
import { seedRegions, alreadySeeded } from "../../src/shared/regions.ts";
import type { RegionData } from "../../src/config.ts";
import { sql } from "drizzle-orm";

/** SQLite's data_version on a connection of its own: it moves when any other connection commits. */
const version = (t: TestApp) => t.deps.database.dataVersion();
const rows = async (t: TestApp, sql: string) => (await t.deps.database.client.execute(sql)).rows.map((r) => Array.from({ length: r.length }, (_, i) => String(r[i])));

test("a start on a DB that already holds the region data writes nothing", async () => {
  const t = await makeTestApp();
  try {
    const region = t.deps.config.region;
    assert.ok(await alreadySeeded(t.deps.database, region));
    const before = await version(t);
    const syncs = t.deps.database.walSyncs!.requests;
    await seedRegions(t.deps.database, region);
    assert.is(await version(t), before, "no commit");
    // Not even a write transaction that changed nothing: no turn in the writer's queue, no WAL sync.
    assert.is(t.deps.database.walSyncs!.requests, syncs, "no write");
    // A write by the writer does move it (the check above can fail).
    await t.deps.database.write((db) => db.run(sql`INSERT INTO work_kinds (name, sort) VALUES ('另一个工种', 99)`));
    assert.is.not(await version(t), before);
  } finally {
    t.close();
  }
});

test("a changed region file is written: a county renamed or moved, a township renamed or added, a new kind of work and brand", async () => {
  const t = await makeTestApp();
  try {
    const base = t.deps.config.region;
    const [c0, c1] = base.counties;
    const t0 = base.townships[0];
    const changes: [string, RegionData, string, string[][]][] = [
      ["county renamed", { ...base, counties: [{ ...c0, name: "新名县" }, ...base.counties.slice(1)] }, `SELECT name FROM counties WHERE code = '${c0.code}'`, [["新名县"]]],
      ["counties reordered", { ...base, counties: [c1, c0, ...base.counties.slice(2)] }, `SELECT sort FROM counties WHERE code = '${c0.code}'`, [["1"]]],
      ["township renamed", { ...base, townships: [{ ...t0, name: "新名镇" }, ...base.townships.slice(1)] }, `SELECT name FROM townships WHERE code = '${t0.code}'`, [["新名镇"]]],
      ["township added", { ...base, townships: [...base.townships, { code: `${c0.code}999`, name: "新设镇", countyCode: c0.code }] }, `SELECT name FROM townships WHERE code = '${c0.code}999'`, [["新设镇"]]],
      ["kind of work added", { ...base, workKinds: [...base.workKinds, "新工种"] }, "SELECT count(*) FROM work_kinds WHERE name = '新工种'", [["1"]]],
      ["brand added", { ...base, brands: [...base.brands, { name: "新品牌", county: c0.code }] }, "SELECT count(*) FROM brands WHERE name = '新品牌'", [["1"]]],
    ];
    for (const [what, region, sql, want] of changes) {
      assert.not.ok(await alreadySeeded(t.deps.database, region), what);
      const before = await version(t);
      await seedRegions(t.deps.database, region);
      assert.is.not(await version(t), before, `${what}: written`);
      assert.equal(await rows(t, sql), want, what);
      assert.ok(await alreadySeeded(t.deps.database, region), `${what}: now held`);
    }
  } finally {
    t.close();
  }
});

test.run();
