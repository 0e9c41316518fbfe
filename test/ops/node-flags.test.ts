// Production's Node flags (heap limits) are written in `npm start`; the bench and the soak read them from
// there, and the systemd unit must start the server with the same ones.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { productionNodeFlags, deploymentEnv, NOT_IN_DEPLOYMENT } from "../../scripts/node-flags.ts";

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

test("the bench and the soak start the server with a deployment's environment: this machine's NODE_EXTRA_CA_CERTS left out", () => {
  const { env, dropped } = deploymentEnv({ NODE_EXTRA_CA_CERTS: "/etc/ssl/certs/ca-certificates.crt", PATH: "/usr/bin", TZ: "UTC" });
  assert.equal(env, { PATH: "/usr/bin", TZ: "UTC" });
  assert.equal(dropped, ["NODE_EXTRA_CA_CERTS"]);
  assert.equal(deploymentEnv({ PATH: "/usr/bin" }).dropped, []);
  for (const script of ["scripts/bench/run.ts", "scripts/soak.ts"]) {
    const src = readFileSync(join(ROOT, script), "utf8");
    assert.match(src, "env: { ...deploymentEnv().env, NODE_ENV: \"production\"", script);
    assert.not.match(src, /\.\.\.process\.env, NODE_ENV/, script);
  }
  // Honest only while a deployment indeed does not set them: the unit and its example settings file.
  for (const file of ["deploy/lingong.service", "deploy/lingong.env.example"]) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const name of NOT_IN_DEPLOYMENT) assert.not.match(text, new RegExp(`^\\s*(Environment=)?${name}=`, "m"), file);
  }
});

test.run();
