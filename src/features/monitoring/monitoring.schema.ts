// The query of the monitoring page, the ledger and the statistics export.
// Every field may be left out: the handler fills in the defaults.
import * as v from "valibot";
import { date, choice } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";
import { grains, ledgerKinds } from "./monitoring.domain.ts";

const t = copy.monitoring;

export const PeriodQuery = v.object({
  scope: v.optional(v.pipe(v.string(), v.maxLength(20, t.badScope))),
  from: v.optional(date(t.from)),
  to: v.optional(date(t.to)),
  by: v.optional(choice(t.by, grains)),
});

export const LedgerQuery = v.object({
  ...PeriodQuery.entries,
  kind: choice(copy.monitoring.exportsTitle, ledgerKinds),
});

export const StatsExportQuery = v.object({
  county: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/, t.statsExportCounty))),
  from: v.optional(date(t.from)),
  to: v.optional(date(t.to)),
});
