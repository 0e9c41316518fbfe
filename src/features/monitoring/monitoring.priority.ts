// Who counts as a priority worker (困难零工人员) for the "priority-worker
// hires" figure. The desk feature owns that definition.
import { sql } from "drizzle-orm";
import type { Deps } from "../../shared/context.ts";
import type { PriorityCondition } from "./monitoring.repo.ts";

// TODO(desk): replace with the desk feature's exported definition.
export const priorityCondition = (_deps: Deps): PriorityCondition => () => sql`0`;
