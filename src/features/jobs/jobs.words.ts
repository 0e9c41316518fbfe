// The jobs actions answer in codes; these turn the codes into the words of the
// copy catalog (views/copy/jobs.ts) for the pages that show them — the jobs
// pages and the station desk alike.
import type { Deps } from "../../shared/context.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { minimumShortfall, type PostingDraft, type DraftProblem } from "./jobs.domain.ts";
import type { PublishHold } from "./jobs.actions.ts";

const t = copy.jobs;

/** The rules' codes as messages, on the form's field names. */
export function problemMessages(problems: Partial<Record<keyof PostingDraft, DraftProblem>>): FormErrors {
  const out: FormErrors = {};
  for (const [field, code] of Object.entries(problems)) out[field === "wageFen" ? "wage" : field] = t.problems[code as DraftProblem];
  return out;
}

/** Why a posting may not go public now, in words. */
export function holdText(deps: Deps, hold: PublishHold): string {
  const lim = deps.config.postingLimits;
  switch (hold.code) {
    case "notVerified":
      return t.notVerified;
    case "endPast":
      return t.endPastPublish;
    case "perHour":
      return t.limitPerHour(lim.perHour);
    case "perDay":
      return t.limitPerDay(lim.perDay);
    case "householdHeadcount":
      return t.limitHousehold(lim.householdHeadcount, deps.config.hotline);
    case "refused":
      return hold.message;
  }
}

/** What the employer is told after posting: published, or kept as a draft and why. */
export function postedText(deps: Deps, hold: PublishHold | null): string {
  if (!hold) return t.published;
  return `${t.draftSaved}${hold.code === "notVerified" ? t.publishOnVerification : holdText(deps, hold)}`;
}

/** The minimum-wage warning for a wage, or null. */
export function wageWarning(deps: Deps, p: { payMode: string; wageFen: number | null; wageUnit: PostingDraft["wageUnit"] }): string | null {
  if (p.payMode !== "wage") return null;
  const floor = minimumShortfall(p.wageFen, p.wageUnit, deps.config.minWage);
  return floor === null || !p.wageUnit ? null : t.belowMinimum(formatYuan(floor), copy.jobs.unitWords[p.wageUnit]);
}
