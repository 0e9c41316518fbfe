// The one write of monitoring: the city admin imports a county's statistics
// file (from a self-hosted county instance). Takes the deps, the admin and the
// file's text; answers with a result union (no HTTP in here).
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { auditInsert } from "../../shared/audit.ts";
import { chinaDate } from "../../shared/clock.ts";
import { parseStatsFile, rowsOf, importChanges, type StatsProblem } from "./monitoring.domain.ts";
import * as repo from "./monitoring.repo.ts";

export type ImportResult =
  /** changed: rows that differ from what was stored for that county and period (0: nothing written but the log). */
  | { ok: true; county: string; rows: number; changed: number }
  | { ok: false; code: "nothing" }
  /** The file is not one this city can take (malformed, another city, dates, negative counts…). */
  | { ok: false; code: "problem"; problem: StatsProblem }
  /** The county's figures are kept on this instance already: importing them would count twice. */
  | { ok: false; code: "localCounty"; county: string };

export async function importStats(deps: Deps, actor: CurrentUser, text: string): Promise<ImportResult> {
  if (!text) return { ok: false, code: "nothing" };
  const today = chinaDate(deps.clock.now());
  const parsed = parseStatsFile(text, { cityCode: deps.config.region.city.code, counties: new Set(deps.regions.countyNames.keys()), today });
  if (!parsed.ok) return { ok: false, code: "problem", problem: parsed.problem };
  const f = parsed.value;
  if ((await repo.localCounties(deps.database.db)).has(f.county)) return { ok: false, code: "localCounty", county: f.county };
  const incoming = rowsOf(f);
  const period = { from: f.from, to: f.to };
  const now = deps.clock.now();
  const changed = await deps.database.transaction(async (tx) => {
    const n = importChanges(await repo.storedImport(tx, f.county, period), incoming);
    const log = { changed: n, by: actor.id, at: now };
    if (n > 0) await repo.replaceImport(tx, f.county, period, incoming, log);
    else await repo.logUnchangedImport(tx, f.county, period, incoming.length, log);
    await auditInsert(tx, actor, now, { action: "monitoring.stats_import", detail: { county: f.county, from: f.from, to: f.to, rows: incoming.length, changed: n } });
    return n;
  });
  return { ok: true, county: f.county, rows: incoming.length, changed };
}
