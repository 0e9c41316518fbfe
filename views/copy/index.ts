// The one catalog of user-facing words. Each feature keeps its own section in
// a file beside this one; code reads them as copy.<feature>.<key>.
import { common, errors } from "./common.ts";
import { accounts } from "./accounts.ts";
import { home } from "./home.ts";

export const copy = { common, errors, accounts, home } as const;
export type Copy = typeof copy;
