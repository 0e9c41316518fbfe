// What the market pages show, built from records: the directory entry, the
// place line, the admin's form options, the checklist's items and overview,
// the Atom feed's entries. Plain functions of deps and rows (no HTTP), so each
// can be tested alone; the routes only call them.
import type { CurrentUser, Deps } from "../../shared/context.ts";
import type { FormInput } from "../../shared/forms.ts";
import { chinaDateTime } from "../../shared/clock.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import type { DirectoryEntry } from "../../../views/markets/directory.tsx";
import type { MarketFormOptions } from "../../../views/markets/admin.tsx";
import type { ItemView } from "../../../views/markets/checklist.tsx";
import { marketNatures, type MarketTier } from "../../../db/schema/constants.ts";
import { marketFacilities } from "../../../db/schema/monitoring.ts";
import type { DailyFigures } from "../monitoring/index.ts";
import { tiersFor, namesOf, fullChecklist, evidenceHref, atomFeed, scrubPhones, type ChecklistEntry } from "./markets.domain.ts";
import type * as repo from "./markets.repo.ts";

const t = copy.markets;

export const PER_PAGE = 20;

/** The county a county admin manages; null for the city admin (all). */
export const managedCounty = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty);

export function placeOf(deps: Deps, m: { countyCode: string; townshipCode: string | null }) {
  return [deps.regions.countyName(m.countyCode), deps.regions.townshipName(m.townshipCode)].filter(Boolean).join(" ");
}

export function entryOf(deps: Deps, m: repo.Market, f: DailyFigures | undefined): DirectoryEntry {
  return {
    id: m.id,
    name: m.name,
    tier: m.tier,
    nature: m.nature,
    place: placeOf(deps, m),
    address: m.address,
    hours: m.hours,
    phone: m.phone,
    kinds: namesOf(m.kinds),
    seekersPerDay: f?.seekersPerDay ?? 0,
    hiresPerDay: f?.hiresPerDay ?? 0,
  };
}

/** The directory's link to page n with the same filters (none in the URL when they are the defaults). */
export function directoryHref(f: { county?: string; tier?: MarketTier }, n: number) {
  const p = new URLSearchParams();
  if (f.county) p.set("county", f.county);
  if (f.tier) p.set("tier", f.tier);
  if (n > 1) p.set("page", String(n));
  const s = p.toString();
  return s ? `${paths.markets.list}?${s}` : paths.markets.list;
}

/** The choices on the market form, narrowed to what this admin may pick. */
export function formOptions(deps: Deps, user: CurrentUser): MarketFormOptions {
  const county = managedCounty(user);
  const counties = deps.regions.countyOptions().filter(([code]) => county === null || code === county);
  // The name hint's example comes from this instance's own region file, not Xuchang's.
  const firstTownship = deps.regions.data.townships.find((tw) => tw.countyCode === counties[0]?.[0]);
  return {
    nameHint: t.nameHint(counties[0]?.[1] ?? "", firstTownship?.name ?? ""),
    tiers: tiersFor(user).map((x) => [x, t.tiers[x]] as const),
    natures: marketNatures.map((x) => [x, t.natures[x]] as const),
    counties,
    townships: deps.regions.data.townships
      .filter((tw) => county === null || tw.countyCode === county)
      .map((tw) => [tw.code, county === null ? `${deps.regions.countyName(tw.countyCode)} ${tw.name}` : tw.name] as const),
    kinds: deps.config.region.workKinds.map((k) => [k, k] as const),
    facilities: marketFacilities.map((f) => [f, f] as const),
  };
}

/** A stored market as the values of its form. */
export const marketFormValues = (m: repo.Market): FormInput => ({
  name: m.name,
  tier: m.tier,
  nature: m.nature,
  countyCode: m.countyCode,
  townshipCode: m.townshipCode ?? undefined,
  address: m.address,
  hours: m.hours,
  phone: m.phone,
  supervisionPhone: m.supervisionPhone,
  personInCharge: m.personInCharge,
  kinds: namesOf(m.kinds),
  facilities: namesOf(m.facilities),
});

/** The ten items with their evidence link and when each was last changed. */
export function itemViews(stored: (ChecklistEntry & { updatedAt: number })[]): ItemView[] {
  const when = new Map(stored.map((s) => [s.item, s.updatedAt]));
  return fullChecklist(stored).map((e) => ({
    ...e,
    evidenceHref: evidenceHref(e.evidence),
    updatedAt: when.has(e.item) ? chinaDateTime(when.get(e.item)!) : "",
  }));
}

/** The checklist as the values of its form. */
export const checklistValues = (entries: ChecklistEntry[]): FormInput =>
  Object.fromEntries(entries.flatMap((e) => [[`done_${e.item}`, e.done ? "1" : undefined], [`evidence_${e.item}`, e.evidence || undefined]]));

/** The city's overview: per county, its own items done, its markets and their items done. */
export function checklistOverview(
  counties: readonly (readonly [string, string])[],
  markets: { id: number; countyCode: string }[],
  done: { county: string; marketId: number; done: number | string }[],
) {
  return counties.map(([code, name]) => {
    const ms = markets.filter((m) => m.countyCode === code);
    const ids = new Set(ms.map((m) => m.id));
    return {
      code,
      name,
      countyDone: Number(done.find((d) => d.county === code && d.marketId === 0)?.done ?? 0),
      markets: ms.length,
      marketsDone: done.filter((d) => d.county === code && ids.has(d.marketId)).reduce((s, d) => s + Number(d.done), 0),
    };
  });
}

export type FeedRow = Awaited<ReturnType<typeof repo.feedPostings>>[number];

/** The Atom feed of a county's open postings (phone numbers in titles hidden). */
export function countyFeed(deps: Deps, county: string, rows: FeedRow[]): string {
  const base = deps.config.publicUrl;
  const countyName = deps.regions.countyName(county);
  const host = new URL(base).hostname || "localhost";
  return atomFeed({
    id: `${base}${paths.markets.feed(county)}`,
    title: t.feedTitle(countyName),
    selfUrl: `${base}${paths.markets.feed(county)}`,
    siteUrl: `${base}${paths.jobs.list}?county=${county}`,
    updated: Math.max(0, ...rows.map((r) => r.updatedAt)) || deps.clock.now(),
    author: deps.config.siteName,
    tagBase: `tag:${host},2026`,
    entries: rows.map((r) => ({
      id: r.id,
      title: scrubPhones(r.title, t.phoneHidden),
      updated: r.updatedAt,
      url: `${base}${paths.jobs.show(r.id)}`,
      summary: t.feedSummary(
        r.kind,
        r.headcount,
        t.feedDates(r.startDate, r.endDate),
        r.wageFen !== null && r.wageUnit ? t.feedWage(formatYuan(r.wageFen), t.units[r.wageUnit] ?? r.wageUnit) : t.feedQuote,
        [countyName, deps.regions.townshipName(r.townshipCode)].filter(Boolean).join(" "),
      ),
    })),
  });
}
