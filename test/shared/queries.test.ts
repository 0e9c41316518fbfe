// The shared read helpers (src/shared/queries.ts) on a real DB: pagedList
// gives one page of rows in order and the whole list's count from the same
// select (joins and conditions), and firstRow the one row or null.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { asc, eq, like } from "drizzle-orm";
import { makeTestApp, addMarket } from "../helpers/app.ts";
import { markets } from "../../db/schema/index.ts";
import { pagedList, firstRow } from "../../src/shared/queries.ts";

test("pagedList: each page holds its rows in order, the total counts the whole list under the same conditions, a page past the end is empty with the same total", async () => {
  const t = await makeTestApp();
  try {
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++) ids.push(await addMarket(t, { name: `分页测试站${i}` }));
    await addMarket(t, { name: "别的站" });
    const where = like(markets.name, "分页测试站%");
    const page = (n: number) =>
      pagedList({
        columns: { id: markets.id, name: markets.name },
        from: (fields) => t.db.select(fields).from(markets).where(where),
        orderBy: [asc(markets.id)],
        page: n,
        size: 3,
      });
    const [one, two, three, four] = await Promise.all([page(1), page(2), page(3), page(4)]);
    assert.equal(one.rows.map((r) => r.id), ids.slice(0, 3));
    assert.equal(two.rows.map((r) => r.id), ids.slice(3, 6));
    assert.equal(three.rows.map((r) => r.id), ids.slice(6));
    assert.equal(three.rows[0].name, "分页测试站7");
    assert.equal(four.rows, []);
    for (const p of [one, two, three, four]) assert.is(p.total, 7, "the other market is not counted");
  } finally {
    t.close();
  }
});

test("firstRow: the row a lookup by id finds, or null", async () => {
  const t = await makeTestApp();
  try {
    const id = await addMarket(t, { name: "找一个站" });
    const find = (x: number) => firstRow(t.db.select({ id: markets.id, name: markets.name }).from(markets).where(eq(markets.id, x)));
    assert.equal(await find(id), { id, name: "找一个站" });
    assert.is(await find(id + 1000), null);
  } finally {
    t.close();
  }
});

test.run();
