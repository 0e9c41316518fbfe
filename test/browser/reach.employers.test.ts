// The reachability crawl in Chromium (see reach.ts): a household (private) employer and a company, in
// both of the harness's modes (the runner runs each mode in its own process).
// One of several reach.*.test.ts files, so that each stays well under the runner's per-file time limit.
import { test } from "uvu";
import { MODES } from "./harness.ts";
import { reachTests } from "./reach.ts";

reachTests(["e1", "e2"], Object.values(MODES));
test.run();
