// The reachability crawl in Chromium (see reach.ts): a visitor, and a worker (the owner of the records
// the authorization table's paths point at), in both of the harness's modes (the runner runs each mode
// in its own process).
// One of several reach.*.test.ts files, so that each stays well under the runner's per-file time limit.
import { test } from "uvu";
import { MODES } from "./harness.ts";
import { reachTests } from "./reach.ts";

reachTests(["anon", "w1"], Object.values(MODES));
test.run();
