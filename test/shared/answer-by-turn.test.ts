// Answers handed back at the end of their turn, all of a turn's together
// (src/shared/answer-by-turn.ts): held past every promise of the turn, not past
// its end; each request gets its own answer; a failure is not held; and over a
// real server and real connections every answer reaches its own request; an
// answer that took long to make is not held.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { setImmediate } from "node:timers";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { answerByTurn, HOLD_UNDER_MS } from "../../src/shared/answer-by-turn.ts";

const req = (path: string) => new Request(`http://x${path}`);
// A clock that stands still: every answer counts as made quickly, whatever this machine's speed (no timing in a test).
const still = () => 0;
const echo = answerByTurn(async (r: Request) => new Response(new URL(r.url).pathname), still);

/** Lets every pending promise settle, without ending the turn. */
async function settlePromises(rounds = 20) {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

test("an answer ready at once is held until the turn ends, not handed back among the turn's promises", async () => {
  const seen: string[] = [];
  const p = echo(req("/a")).then(() => seen.push("answer"));
  await settlePromises();
  assert.equal(seen, [], "still held after every promise of the turn has settled");
  await new Promise((go) => setImmediate(go));
  await p;
  assert.equal(seen, ["answer"]);
});

test("the answers made in one turn are handed back together, in the order they were made, each to its own request", async () => {
  const order: string[] = [];
  const all = ["/1", "/2", "/3"].map((path) => echo(req(path)).then(async (res) => order.push(`${path}=${await res.text()}`)));
  await settlePromises();
  assert.equal(order, []);
  await Promise.all(all);
  assert.equal(order, ["/1=/1", "/2=/2", "/3=/3"]);
});

test("an answer made in a later turn waits only for that turn's end", async () => {
  const first = await echo(req("/first"));
  assert.is(await first.text(), "/first");
  // A second request after the first turn has ended: it is answered too (the next turn's release is scheduled).
  const second = await echo(req("/second"));
  assert.is(await second.text(), "/second");
});

test("the Response itself is passed on, status and headers as made", async () => {
  const made = new Response("x", { status: 303, headers: { location: "/there" } });
  const res = await answerByTurn(() => made, still)(req("/"));
  assert.is(res, made);
});

test("an answer that took HOLD_UNDER_MS or more to make is handed back at once; one just under it is held", async () => {
  // Each with a clock of its own, moved only by its own answer's making.
  const taking = (ms: number) => {
    let clock = 1000;
    return answerByTurn(async () => {
      clock += ms;
      return new Response("made");
    }, () => clock);
  };
  const seen: string[] = [];
  const slow = taking(HOLD_UNDER_MS)(req("/slow")).then(() => seen.push("slow"));
  const quick = taking(HOLD_UNDER_MS - 0.01)(req("/quick")).then(() => seen.push("quick"));
  await settlePromises();
  assert.equal(seen, ["slow"], "the slow one at once, the quick one still held");
  await Promise.all([slow, quick]);
  assert.equal(seen, ["slow", "quick"]);
});

test("without a clock given, performance.now() is the clock", async () => {
  // performance.now() stood still for this test: the answer counts as made quickly, and is held.
  const real = Object.getOwnPropertyDescriptor(performance, "now");
  Object.defineProperty(performance, "now", { value: () => 42, configurable: true, writable: true });
  try {
    const seen: string[] = [];
    const p = answerByTurn(async () => new Response("x"))(req("/")).then(() => seen.push("answer"));
    await settlePromises();
    assert.equal(seen, [], "held: the clock said no time passed");
    await p;
  } finally {
    if (real) Object.defineProperty(performance, "now", real);
    else delete (performance as { now?: unknown }).now;
  }
  assert.type(performance.now(), "number");
});

test("a failure is passed on at once, not held", async () => {
  const failing = answerByTurn(async () => {
    throw new Error("boom");
  }, still);
  let failed = false;
  const p = failing(req("/")).catch((e: Error) => (failed = e.message === "boom"));
  await settlePromises();
  assert.ok(failed, "rejected before the turn's end");
  await p;
});

test("over a real server: 64 requests on 16 keep-alive connections each get their own answer", async () => {
  const server = serve({ fetch: answerByTurn(async (r: Request) => new Response(`answer to ${new URL(r.url).searchParams.get("n")}`), still), port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((ok) => server.once("listening", ok));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lanes = Array.from({ length: 16 }, async (_, lane) => {
      const got: string[] = [];
      for (let i = 0; i < 4; i++) {
        const n = lane * 4 + i;
        got.push(await (await fetch(`${base}/?n=${n}`)).text());
      }
      return got;
    });
    const answers = (await Promise.all(lanes)).flat();
    assert.equal(answers, Array.from({ length: 64 }, (_, n) => `answer to ${n}`));
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

test.run();
