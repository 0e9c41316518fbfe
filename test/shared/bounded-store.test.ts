// The store under both page caches (src/shared/bounded-store.ts): generation,
// entry and size bounds, oldest first, growth after storing, and the byte join
// both caches send their copies with.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BoundedStore, joinParts, type Stored } from "../../src/shared/bounded-store.ts";

interface E extends Stored {
  name: string;
}

function setup(maxEntries = 3, maxTotal = 100) {
  const db = { generation: 0 };
  const store = new BoundedStore<E>({ maxEntries, maxTotal, generation: () => db.generation });
  const e = (name: string, size = 10): E => ({ name, size, generation: db.generation });
  return { db, store, e };
}

test("a change of generation empties the store at the next look; an entry made before it is not stored", () => {
  const { db, store, e } = setup();
  const a = e("a");
  assert.ok(store.set("a", a));
  assert.is(store.get("a"), a);
  const old = e("old");
  db.generation++;
  assert.is(store.get("a"), undefined);
  assert.is(store.size, 0);
  assert.is(store.total, 0);
  assert.is(a.stored, false, "an entry held by a waiting request knows it is gone");
  assert.not.ok(store.set("old", old), "rendered before the write: not kept");
  assert.is(store.get("old"), undefined);
});

test("at most maxEntries, the oldest going first; replacing a key counts once", () => {
  const { store, e } = setup(3, 1000);
  for (const k of ["a", "b", "c"]) store.set(k, e(k));
  store.set("b", e("b2", 20));
  assert.is(store.size, 3);
  assert.is(store.total, 40);
  store.set("d", e("d"));
  assert.is(store.get("a"), undefined, "the oldest went");
  assert.equal(["b", "c", "d"].map((k) => store.get(k)?.name), ["b2", "c", "d"]);
});

test("at most maxTotal together, oldest first, but the newest stays even alone over it", () => {
  const { store, e } = setup(10, 100);
  store.set("a", e("a", 40));
  store.set("b", e("b", 40));
  store.set("c", e("c", 40));
  assert.is(store.get("a"), undefined);
  assert.is(store.total, 80);
  store.set("big", e("big", 500));
  assert.is(store.size, 1);
  assert.is(store.get("big")?.name, "big");
  assert.is(store.total, 500);
});

test("growth after storing counts while stored, and pushes the oldest out at the next store", () => {
  const { store, e } = setup(10, 100);
  const a = e("a", 30);
  const b = e("b", 30);
  store.set("a", a);
  store.set("b", b);
  store.grew(b, 30);
  assert.is(store.total, 90);
  store.delete("a");
  assert.is(store.total, 60);
  store.grew(a, 50);
  assert.is(store.total, 60, "a is gone: its growth is not counted");
  store.set("c", e("c", 30));
  assert.is(store.total, 90);
  store.set("d", e("d", 30));
  assert.is(store.get("b"), undefined);
  assert.is(store.total, 60);
  store.clear();
  assert.is(store.total, 0);
  assert.is(store.size, 0);
});

test("exactly maxTotal together is within the bound: nothing goes until the total is over it", () => {
  const { store, e } = setup(10, 100);
  store.set("a", e("a", 40));
  store.set("b", e("b", 60));
  assert.is(store.total, 100);
  assert.equal(["a", "b"].map((k) => store.get(k)?.name), ["a", "b"], "100 of 100: both stay");
  store.set("c", e("c", 1));
  assert.is(store.get("a"), undefined, "101 of 100: the oldest goes");
  assert.is(store.total, 61);
});

test("joinParts: parts and fills in order, text fills as UTF-8", () => {
  const parts = ["<p>", "说", "</p>"].map((s) => Buffer.from(s));
  assert.is(joinParts(parts, ["王秀英", Buffer.from("tok")]).toString(), "<p>王秀英说tok</p>");
  assert.is(joinParts([Buffer.from("只有一段")], []).toString(), "只有一段");
});

test("joinParts: each joined copy keeps its bytes while later copies are joined (copies are cut from shared slabs), large or small", () => {
  const parts = ["<p>", "</p>"].map((s) => Buffer.from(s.padEnd(3000, "页")));
  const big = [Buffer.from("<".repeat(40_000)), Buffer.from(">")];
  const kept: [Buffer, string][] = [];
  // Well over one slab of copies, with a copy too large for a slab now and then.
  for (let i = 0; i < 200; i++) {
    const fill = `tok-${i}-`.padEnd(22, "x");
    const made = i % 50 === 7 ? joinParts(big, [fill]) : joinParts(parts, [fill]);
    const expected = (i % 50 === 7 ? big : parts)[0].toString() + fill + (i % 50 === 7 ? big : parts)[1].toString();
    assert.is(made.length, Buffer.byteLength(expected), `copy ${i}: its own length, no more`);
    kept.push([made, expected]);
  }
  kept.forEach(([made, expected], i) => assert.ok(made.toString() === expected, `copy ${i} changed after later copies were joined`));
});

test("joinParts' slabs: copies up to a quarter slab (32 KB) are cut one after another (8-byte aligned) from one 128 KB slab until it is exactly full; a larger copy gets a buffer of its own", () => {
  const KB32 = 32 * 1024;
  const join = (n: number) => joinParts([Buffer.alloc(n, 1)], []);
  // Start from a fresh slab (earlier tests left the current one part full): at most 5 quarter copies reach one.
  let first = join(KB32);
  for (let i = 0; i < 5 && first.byteOffset !== 0; i++) first = join(KB32);
  assert.is(first.byteOffset, 0);
  assert.is(first.buffer.byteLength, 128 * 1024, "exactly a quarter slab is cut from a slab");
  const rest = [join(KB32), join(KB32), join(KB32)];
  for (const [i, r] of rest.entries()) {
    assert.ok(r.buffer === first.buffer, `copy ${i + 2} in the same slab`);
    assert.is(r.byteOffset, (i + 1) * KB32);
  }
  const next = join(100);
  assert.ok(next.buffer !== first.buffer && next.byteOffset === 0, "the slab was exactly full: a new one");
  const after = join(100);
  assert.ok(after.buffer === next.buffer, "small copies share it");
  assert.is(after.byteOffset, 104, "8-byte aligned");
  const big = join(KB32 + 1);
  assert.ok(big.buffer !== next.buffer, "a larger copy is not cut from the slab");
  assert.is(big.buffer.byteLength, KB32 + 1);
  assert.is(join(100).byteOffset, 208, "and the slab goes on where it was");
});

test.run();
