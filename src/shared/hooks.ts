// Points where one feature lets another take part without importing it: the
// gig market asks "may this employer publish?" and says "a worker was not
// paid"; the hotline feature answers and listens. Hooks live on Deps (one set
// per app), so tests stay isolated.
import type { Ctx, Deps } from "./context.ts";

/** Links one feature adds to another's page ("my account", the employer's home): [href, label] pairs for this visitor. */
export type LinkProvider = (c: Ctx) => [string, string][] | Promise<[string, string][]>;
import type { Queryable } from "./db.ts";

export interface Hooks {
  /** Before a posting goes public. A hook returns a Chinese reason to refuse, or null. */
  canPublish: ((deps: Deps, employerId: number) => Promise<string | null>)[];
  /** Labels staff see beside an employer (e.g. "有欠薪投诉"), keyed by employer id. */
  employerFlags: ((deps: Deps, employerIds: number[]) => Promise<Map<number, string[]>>)[];
  /** After a worker answers "not paid" on a hire record. */
  hireNotPaid: ((deps: Deps, hireId: number) => Promise<void>)[];
  /**
   * Workers being anonymized (their "delete my data" request, or years without
   * use: src/ops/housekeeping.ts). Runs inside that write transaction: blank or
   * delete the personal data your feature keeps about them, keep counts.
   */
  forgetWorkers: ((tx: Queryable, workerIds: number[], now: number) => Promise<void>)[];
  /**
   * Inside the transaction that verifies an employer: the postings that waited
   * only for it go public (if still in date and nothing else refuses, `refusal`
   * being the canPublish answer read just before). Returns them, and the drafts
   * left for her to publish, so her notice can link to each.
   */
  employerVerified: ((tx: Queryable, deps: Deps, employerId: number, now: number, refusal: string | null) => Promise<VerifiedDrafts>)[];
  /** Links on "my account", from every feature's `meLinks`, in the order of features/registry.ts (filled by createApp). */
  meLinks: LinkProvider[];
  /** Links on the employer's home page, from every feature's `employerHomeLinks`. */
  employerHomeLinks: LinkProvider[];
}

export interface VerifiedDrafts {
  published: { id: number; title: string }[];
  left: { id: number; title: string }[];
}

export const emptyHooks = (): Hooks => ({ canPublish: [], employerFlags: [], hireNotPaid: [], forgetWorkers: [], employerVerified: [], meLinks: [], employerHomeLinks: [] });

export async function afterVerification(tx: Queryable, deps: Deps, employerId: number, now: number, refusal: string | null): Promise<VerifiedDrafts> {
  const out: VerifiedDrafts = { published: [], left: [] };
  for (const h of deps.hooks.employerVerified) {
    const r = await h(tx, deps, employerId, now, refusal);
    out.published.push(...r.published);
    out.left.push(...r.left);
  }
  return out;
}

export async function publishRefusal(deps: Deps, employerId: number): Promise<string | null> {
  for (const h of deps.hooks.canPublish) {
    const reason = await h(deps, employerId);
    if (reason) return reason;
  }
  return null;
}

export async function flagsFor(deps: Deps, employerIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (employerIds.length === 0) return out;
  for (const h of deps.hooks.employerFlags) {
    for (const [id, labels] of await h(deps, employerIds)) out.set(id, [...(out.get(id) ?? []), ...labels]);
  }
  return out;
}
