// CI's dependency check for production dependencies.
// 1. Where the registry offers npm's audit endpoint: fail on any high or
//    critical advisory.
// 2. Where it does not (the registry this CI reaches answers 405), advisories
//    cannot be read, so we hold the next best line: fail when a production
//    dependency is behind the newest version its own range in package.json
//    allows (`npm outdated`'s "wanted"). Security fixes land as patch releases,
//    so a build that stays on the newest allowed version picks them up.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const run = (args) => spawnSync("npm", args, { encoding: "utf8" });
const parse = (s) => {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};

const report = parse(run(["audit", "--omit=dev", "--json"]).stdout);
const counts = report?.metadata?.vulnerabilities;
if (counts) {
  const bad = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`);
  if (bad > 0) {
    console.error(`npm audit: ${bad} high or critical advisories in production dependencies`);
    process.exit(1);
  }
  process.exit(0);
}

const why = report?.message ?? report?.error?.summary ?? "no answer";
console.log(`npm audit: the registry's audit endpoint is unavailable here (${String(why).trim()}); checking that production dependencies are at the newest version their range allows instead`);

const prod = Object.keys(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).dependencies ?? {});
const outdatedRun = run(["outdated", "--json", "--long"]);
const outdated = parse(outdatedRun.stdout || "{}");
if (!outdated) {
  console.error(`npm outdated: no readable answer (${(outdatedRun.stderr ?? "").split("\n")[0]})`);
  process.exit(1);
}
const behind = prod
  .filter((name) => outdated[name] && outdated[name].current !== outdated[name].wanted)
  .map((name) => `${name} ${outdated[name].current ?? "(missing)"} → ${outdated[name].wanted}`);
if (behind.length > 0) {
  console.error(`production dependencies behind the newest version their range allows (run \`npm update ${behind.map((b) => b.split(" ")[0]).join(" ")}\`):`);
  for (const b of behind) console.error(`  ${b}`);
  process.exit(1);
}
console.log(`all ${prod.length} production dependencies are at the newest version their range allows`);
