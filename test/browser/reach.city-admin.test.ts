// The reachability crawl in Chromium (see reach.ts): the city admin, at the station PC (1280×800,
// JavaScript on).
// One of several reach.*.test.ts files, so that each stays well under the runner's per-file time limit.
import { test } from "uvu";
import { reachTests, STATION_PC } from "./reach.ts";

reachTests(["city"], [STATION_PC]);
test.run();
