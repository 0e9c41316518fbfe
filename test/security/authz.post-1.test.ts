// The authorization matrix, part 2: half 1 of the state-changing routes as
// every role, each allowed role on a fresh copy of the world (see matrix.ts).
import { test } from "uvu";
import { matrix } from "./matrix.ts";

matrix("post-1");

test.run();
