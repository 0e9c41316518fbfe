// What the jobs pages and actions look up about a posting besides the posting:
// kinds and brands (kept in memory), the place in words, the search text, and
// the context the draft rules check against. No HTTP here.
import { memoized, perApp } from "../../shared/memo.ts";
import type { Deps } from "../../shared/context.ts";
import { chinaDate } from "../../shared/clock.ts";
import type { PostingDraft, DraftContext } from "./jobs.domain.ts";
import { searchText } from "./jobs.search.ts";
import { parseFilters, type Filters } from "./jobs.schema.ts";
import type { FormInput } from "../../shared/forms.ts";
import * as repo from "./jobs.repo.ts";

export const todayOf = (deps: Deps) => chinaDate(deps.clock.now());

/** Work kinds and brands, with lookups for the rules and the search text. */
async function loadReferences(deps: Deps) {
  const { kinds, brands } = await repo.kindsAndBrands(deps.database.db);
  const kindNames = new Map(kinds.map((k) => [k.id, k.name]));
  const brandIds = new Set(brands.map((b) => b.id));
  return { kinds, brands, kindNames, brandIds };
}
export type References = Awaited<ReturnType<typeof loadReferences>>;
const referencesOf = perApp((deps: Deps) => memoized(deps.database, 60_000, () => loadReferences(deps)));
/** Kinds and brands, for the forms and filters of nearly every jobs page: from memory while nothing was written. */
export const references = (deps: Deps): Promise<References> => referencesOf(deps)();

/** "鄢陵县 马栏镇 某某村" for a posting. */
export function placeOf(deps: Deps, p: { countyCode: string; townshipCode: string | null; address: string }): string {
  return [deps.regions.countyName(p.countyCode), deps.regions.townshipName(p.townshipCode), p.address].filter(Boolean).join(" ");
}

/** The text a posting is found by (kind, place and its own words). */
export function textOf(deps: Deps, refs: References, d: PostingDraft): string {
  return searchText({
    title: d.title,
    kindName: refs.kindNames.get(d.kindId) ?? "",
    duties: d.duties,
    requirements: d.requirements,
    address: d.address,
    countyName: deps.regions.countyName(d.countyCode),
    townshipName: deps.regions.townshipName(d.townshipCode),
  });
}

/** What the draft rules check a posting against: today, the region file, kinds and brands. */
export function draftContext(deps: Deps, refs: References, filledCount?: number): DraftContext {
  return {
    today: todayOf(deps),
    countyExists: (code: string) => deps.regions.countyNames.has(code),
    townshipInCounty: (tw: string, county: string) => deps.regions.townshipInCounty(tw, county),
    kindExists: (id: number) => refs.kindNames.has(id),
    brandExists: (id: number) => refs.brandIds.has(id),
    filledCount,
  };
}

/** The browse filters of a query (the list page and the API), checked against the region file. */
export function filtersOf(deps: Deps, query: FormInput): Filters {
  return parseFilters(query, {
    county: (code) => deps.regions.countyNames.has(code),
    township: (tw, county) => (county ? deps.regions.townshipInCounty(tw, county) : deps.regions.townshipNames.has(tw)),
  });
}
