// Production's Node flags (heap limits) are written in `npm start`; the bench and the soak read them from
// there, and the systemd unit must start the server with the same ones.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { productionNodeFlags } from "../../scripts/node-flags.ts";

const ROOT = join(import.meta.dirname, "..", "..");

test("npm start runs the bundle with heap flags, and the bench and soak read them from there", () => {
  const flags = productionNodeFlags(ROOT);
  assert.ok(flags.some((f) => f.startsWith("--max-semi-space-size=")), flags.join(" "));
  for (const script of ["scripts/bench/run.ts", "scripts/soak.ts"]) {
    const src = readFileSync(join(ROOT, script), "utf8");
    assert.match(src, "...productionNodeFlags(), \"dist/main.js\"", script);
    assert.not.match(src, /--max-semi-space-size|--optimize-for-size|--max-old-space-size/, script);
  }
});

test("the systemd unit starts the bundle with the same flags as npm start", () => {
  const unit = readFileSync(join(ROOT, "deploy", "lingong.service"), "utf8");
  const exec = /^ExecStart=\S*node((?:\s+--\S+)*)\s+dist\/main\.js\s*$/m.exec(unit);
  assert.ok(exec, "ExecStart runs node … dist/main.js");
  assert.equal(exec![1].trim().split(/\s+/), productionNodeFlags(ROOT));
});

test.run();
