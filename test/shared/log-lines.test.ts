// The log's lines are written together once per turn of the event loop
// (context.ts batchedLines): every request writes one, and a synchronous write
// per line was a system call per request (docs/performance.md, 2026-12-06).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { setImmediate as turn } from "node:timers/promises";
import { spawnSync } from "node:child_process";
import { batchedLines } from "../../src/shared/context.ts";

function setup() {
  const writes: string[] = [];
  let atExit: (() => void) | undefined;
  const line = batchedLines(
    (text) => writes.push(text),
    (flush) => (atExit = flush),
  );
  return { writes, line, exit: () => atExit!() };
}

test("the lines of one turn go out in one write, in order, each ending in a newline", async () => {
  const { writes, line } = setup();
  line('{"msg":"a"}');
  line('{"msg":"b"}');
  line('{"msg":"c"}');
  assert.equal(writes, [], "nothing is written while the turn runs");
  await turn();
  assert.equal(writes, ['{"msg":"a"}\n{"msg":"b"}\n{"msg":"c"}\n']);
});

test("each turn writes its own lines; a turn without lines writes nothing", async () => {
  const { writes, line } = setup();
  line("1");
  await turn();
  await turn();
  line("2");
  line("3");
  await turn();
  assert.equal(writes, ["1\n", "2\n3\n"]);
});

test("lines not yet written are written when the process exits, and not twice", async () => {
  const { writes, line, exit } = setup();
  line("before the turn ends");
  exit();
  assert.equal(writes, ["before the turn ends\n"]);
  await turn();
  exit();
  assert.equal(writes, ["before the turn ends\n"]);
});

test("the app's default logger writes to stdout after the turn, and nothing is lost at exit", () => {
  // Two lines logged, then a marker written straight to stdout in the same turn, then a line and exit.
  const script = [
    `import { jsonLogger } from ${JSON.stringify(new URL("../../src/shared/context.ts", import.meta.url).pathname)};`,
    `import { setImmediate } from "node:timers";`,
    `const log = jsonLogger();`,
    `log.info("first"); log.info("second"); process.stdout.write("MARK\\n");`,
    `setImmediate(() => { log.info("third"); process.exit(0); });`,
  ].join("\n");
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  const out = r.stdout.trim().split("\n").map((l) => (l.startsWith("{") ? JSON.parse(l).msg : l));
  assert.equal(out, ["MARK", "first", "second", "third"]);
});

test.run();
