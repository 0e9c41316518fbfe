/** @jsxImportSource hono/jsx */
// Markets: the public directory (名录) and each market's page, the admin pages
// where county and city admins keep market records, the 十个一 checklist, and
// the Atom feed of a county's open postings.
import { Hono } from "hono";
import type { AppEnv, Ctx, CurrentUser, Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { readForm, readQuery, check, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { requireAdmin, ensure } from "../../shared/authz.ts";
import { auditInsert } from "../../shared/audit.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { chinaDate, chinaDateTime } from "../../shared/clock.ts";
import { copy } from "../../../views/copy/index.ts";
import { formatYuan } from "../../../views/components/bits.tsx";
import { DirectoryPage, MarketPage, type DirectoryEntry } from "../../../views/markets/directory.tsx";
import { MarketAdminListPage, MarketFormPage, type MarketFormOptions } from "../../../views/markets/admin.tsx";
import { ChecklistOverviewPage, ChecklistPage, type ItemView } from "../../../views/markets/checklist.tsx";
import { marketTiers, marketNatures, type MarketTier } from "../../../db/schema/constants.ts";
import { checklistItems, marketFacilities } from "../../../db/schema/monitoring.ts";
import { dailyFigures, type DailyFigures } from "../monitoring/index.ts";
import { marketForm, multiFields, ChecklistForm } from "./markets.schema.ts";
import {
  canManageMarket, tiersFor, marketProblems, namesOf, missingEvidence, changedEntries, fullChecklist, doneCount, evidenceHref,
  atomFeed, feedCounty, scrubPhones, type ChecklistEntry,
} from "./markets.domain.ts";
import * as repo from "./markets.repo.ts";
import { policyLinks } from "./markets.policy.ts";
import { overdueInspections, lastInspections, inspectionOutcome } from "../supervision/index.ts";

const t = copy.markets;
const PER_PAGE = 20;
const pagesFor = (total: number) => Math.max(1, Math.ceil(total / PER_PAGE));
const parsePage = (x: unknown) => (typeof x === "string" && /^\d{1,6}$/.test(x) && Number(x) >= 1 ? Number(x) : 1);
const parseId = (x: string | undefined) => {
  const n = Number(x);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

function placeOf(deps: Deps, m: { countyCode: string; townshipCode: string | null }) {
  return [deps.regions.countyName(m.countyCode), deps.regions.townshipName(m.townshipCode)].filter(Boolean).join(" ");
}

function entryOf(deps: Deps, m: repo.Market, f: DailyFigures | undefined): DirectoryEntry {
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

/** The county a county admin manages; null for the city admin (all). */
const managedCounty = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty);

export function marketsRoutes() {
  const app = new Hono<AppEnv>();

  // --- The public directory --------------------------------------------------------

  app.get(paths.markets.list, async (c) => {
    const deps = c.var.deps;
    const q = readQuery(c);
    const county = typeof q.county === "string" && deps.regions.countyNames.has(q.county) ? q.county : undefined;
    const tier = (marketTiers as readonly string[]).includes(String(q.tier)) ? (q.tier as MarketTier) : undefined;
    const page = parsePage(q.page);
    const today = chinaDate(deps.clock.now());
    const [{ rows, total }, figures] = await Promise.all([
      repo.listMarkets(deps.database.db, { county, tier }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      dailyFigures(deps.database.db, today),
    ]);
    const pageHref = (n: number) => {
      const p = new URLSearchParams();
      if (county) p.set("county", county);
      if (tier) p.set("tier", tier);
      if (n > 1) p.set("page", String(n));
      const s = p.toString();
      return s ? `${paths.markets.list}?${s}` : paths.markets.list;
    };
    return c.render(
      <DirectoryPage
        values={{ county, tier }}
        counties={deps.regions.countyOptions()}
        tiers={marketTiers.map((x) => [x, t.tiers[x]] as const)}
        rows={rows.map((m) => entryOf(deps, m, figures.byMarket.get(m.id)))}
        total={total}
        page={page}
        pages={pagesFor(total)}
        pageHref={pageHref}
        note={t.figuresNote(figures.window.from, figures.window.to)}
      />,
      { title: t.listTitle },
    );
  });

  app.get(paths.markets.showPattern, async (c) => {
    const deps = c.var.deps;
    const id = parseId(c.req.param("id"));
    ensure(id !== null);
    const m = await repo.findMarket(deps.database.db, id);
    ensure(!!m);
    const today = chinaDate(deps.clock.now());
    const [figures, jobs, policies, inspected] = await Promise.all([
      dailyFigures(deps.database.db, today),
      repo.postingsToday(deps.database.db, m.countyCode, today, 5),
      policyLinks(deps, m.id),
      lastInspections(deps.database.db, [m.id]),
    ]);
    const last = inspected.get(m.id);
    return c.render(
      <MarketPage
        inspection={last ? { date: last.date, outcome: inspectionOutcome(last, today) } : null}
        m={{ ...entryOf(deps, m, figures.byMarket.get(m.id)), personInCharge: m.personInCharge, facilities: namesOf(m.facilities), supervisionPhone: m.supervisionPhone, countyCode: m.countyCode }}
        note={t.figuresNote(figures.window.from, figures.window.to)}
        today={{ rows: jobs.rows, total: jobs.total, href: `${paths.jobs.list}?county=${m.countyCode}&when=today` }}
        policies={policies}
        hotline={deps.config.hotline}
      />,
      { title: m.name },
    );
  });

  // --- Market records (admin) ------------------------------------------------------

  app.get(paths.markets.admin, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const page = parsePage(c.req.query("page"));
    const { rows, total } = await repo.listMarkets(deps.database.db, { county: managedCounty(user) ?? undefined }, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    return c.render(
      <MarketAdminListPage
        rows={rows.map((m) => ({ id: m.id, name: m.name, tier: m.tier, place: placeOf(deps, m), phone: m.phone, countyCode: m.countyCode }))}
        page={page}
        pages={pagesFor(total)}
        pageHref={(n) => `${paths.markets.admin}?page=${n}`}
      />,
      { title: t.adminTitle },
    );
  });

  const formOptions = (deps: Deps, user: CurrentUser): MarketFormOptions => {
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
  };

  const formPage = (c: Ctx, user: CurrentUser, o: { heading: string; action: string; values: FormInput; errors?: FormErrors; status?: 400 | 422 }) => {
    if (o.status) c.status(o.status);
    return c.render(<MarketFormPage heading={o.heading} action={o.action} values={o.values} errors={o.errors} options={formOptions(c.var.deps, user)} />, {
      title: o.heading,
    });
  };

  /** Reads and checks the market form; the values to store, or the page again with the errors. */
  async function readMarket(c: Ctx, user: CurrentUser) {
    const deps = c.var.deps;
    const input = await readForm(c, multiFields);
    const form = check(marketForm(deps.config.region.workKinds), input);
    if (!form.ok) return { input, errors: form.errors, status: 400 as const };
    const f = form.value;
    if (!deps.regions.countyNames.has(f.countyCode)) return { input, errors: { countyCode: copy.errors.invalidChoice(t.county) }, status: 400 as const };
    const problems = marketProblems(f, user, deps.regions.townshipInCounty);
    if (Object.keys(problems).length > 0) {
      return { input, errors: Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, t[p!]])), status: 422 as const };
    }
    const values: repo.MarketValues = {
      name: f.name,
      tier: f.tier,
      nature: f.nature,
      countyCode: f.countyCode,
      townshipCode: f.townshipCode ?? null,
      address: f.address,
      hours: f.hours,
      phone: f.phone,
      supervisionPhone: f.supervisionPhone,
      personInCharge: f.personInCharge,
      // Stored in the order of the lists, so the directory reads the same way everywhere.
      kinds: JSON.stringify(deps.config.region.workKinds.filter((k) => f.kinds.includes(k))),
      facilities: JSON.stringify(marketFacilities.filter((x) => (f.facilities as string[]).includes(x))),
    };
    return { input, values };
  }

  app.get(paths.markets.adminNew, (c) => {
    const user = requireAdmin(c);
    const county = managedCounty(user);
    return formPage(c, user, { heading: t.adminNew, action: paths.markets.adminNew, values: { nature: "public", countyCode: county ?? undefined, supervisionPhone: c.var.deps.config.hotline } });
  });

  app.post(paths.markets.adminNew, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const r = await readMarket(c, user);
    if (!r.values) return formPage(c, user, { heading: t.adminNew, action: paths.markets.adminNew, values: r.input, errors: r.errors, status: r.status });
    const now = deps.clock.now();
    const id = await deps.database.transaction(async (tx) => {
      const [row] = await repo.insertMarket(tx, r.values, now);
      await auditInsert(tx, user, now, { action: "market.create", subjectType: "market", subjectId: row.id, detail: { county: r.values.countyCode, tier: r.values.tier } });
      return row.id;
    });
    return redirectWithFlash(c, paths.markets.show(id), t.created);
  });

  /** The market named in the URL, if this admin manages it; else 404. */
  async function managedMarket(c: Ctx, user: CurrentUser) {
    const id = parseId(c.req.param("id"));
    ensure(id !== null);
    const m = await repo.findMarket(c.var.deps.database.db, id);
    ensure(!!m && canManageMarket(user, m.countyCode));
    return m;
  }

  app.get(paths.markets.adminEditPattern, async (c) => {
    const user = requireAdmin(c);
    const m = await managedMarket(c, user);
    const values: FormInput = {
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
    };
    return formPage(c, user, { heading: t.adminEdit(m.name), action: paths.markets.adminEdit(m.id), values });
  });

  app.post(paths.markets.adminEditPattern, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    const m = await managedMarket(c, user);
    const heading = t.adminEdit(m.name);
    const r = await readMarket(c, user);
    if (!r.values) return formPage(c, user, { heading, action: paths.markets.adminEdit(m.id), values: r.input, errors: r.errors, status: r.status });
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        repo.updateMarket(db, m.id, r.values),
        auditInsert(db, user, now, { action: "market.update", subjectType: "market", subjectId: m.id, detail: { county: r.values.countyCode, tier: r.values.tier } }),
      ]),
    );
    return redirectWithFlash(c, paths.markets.show(m.id), t.updated);
  });

  // --- 十个一 -------------------------------------------------------------------

  app.get(paths.markets.checklist, async (c) => {
    const user = requireAdmin(c);
    const deps = c.var.deps;
    // A county admin's overview is their county's page.
    if (user.role !== "city_admin") return c.redirect(paths.markets.checklistCounty(user.scopeCounty!), 303);
    const [done, markets, overdue] = await Promise.all([
      repo.checklistDone(deps.database.db),
      repo.allMarkets(deps.database.db),
      overdueInspections(deps.database.db, null, chinaDate(deps.clock.now())),
    ]);
    const rows = deps.regions.countyOptions().map(([code, name]) => {
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
    return c.render(<ChecklistOverviewPage rows={rows} overdue={overdue} />, { title: t.checklistTitle });
  });

  /** The county in the URL, if this admin may see it: the city admin reads, the county's own admin edits. */
  function checklistCounty(c: Ctx) {
    const user = requireAdmin(c);
    const county = c.req.param("county") ?? "";
    ensure(c.var.deps.regions.countyNames.has(county) && (user.role === "city_admin" || user.scopeCounty === county));
    return { user, county, editable: user.role === "county_admin" && user.scopeCounty === county };
  }

  const itemViews = (stored: Awaited<ReturnType<typeof repo.checklistOf>>): ItemView[] => {
    const when = new Map(stored.map((s) => [s.item, s.updatedAt]));
    return fullChecklist(stored).map((e) => ({
      ...e,
      evidenceHref: evidenceHref(e.evidence),
      updatedAt: when.has(e.item) ? chinaDateTime(when.get(e.item)!) : "",
    }));
  };
  const valuesOf = (entries: ChecklistEntry[]): FormInput =>
    Object.fromEntries(entries.flatMap((e) => [[`done_${e.item}`, e.done ? "1" : undefined], [`evidence_${e.item}`, e.evidence || undefined]]));

  async function renderChecklist(c: Ctx, o: { county: string; marketId: number; editable: boolean; values?: FormInput; errors?: FormErrors }) {
    const deps = c.var.deps;
    const stored = await repo.checklistOf(deps.database.db, o.county, o.marketId);
    const items = itemViews(stored);
    let heading: string;
    let markets: { id: number; name: string; done: number }[] | undefined;
    let overdue: Awaited<ReturnType<typeof overdueInspections>> | undefined;
    if (o.marketId === 0) {
      heading = t.checklistCountyTitle(deps.regions.countyName(o.county));
      const [ms, done, late] = await Promise.all([
        repo.allMarkets(deps.database.db, { county: o.county }),
        repo.checklistDone(deps.database.db, o.county),
        overdueInspections(deps.database.db, o.county, chinaDate(deps.clock.now())),
      ]);
      overdue = late;
      markets = ms.map((m) => ({ id: m.id, name: m.name, done: Number(done.find((d) => d.marketId === m.id)?.done ?? 0) }));
    } else {
      heading = t.checklistMarketTitle((await repo.findMarket(deps.database.db, o.marketId))!.name);
    }
    if (o.errors) c.status(400);
    return c.render(
      <ChecklistPage
        heading={heading}
        action={o.marketId === 0 ? paths.markets.checklistCounty(o.county) : paths.markets.checklistMarket(o.county, o.marketId)}
        editable={o.editable}
        items={items}
        values={o.values ?? valuesOf(items)}
        errors={o.errors}
        markets={markets}
        overdue={overdue}
        county={o.county}
        back={o.marketId === 0 ? undefined : paths.markets.checklistCounty(o.county)}
      />,
      { title: heading },
    );
  }

  /** The market in the URL, which must be in the county in the URL. */
  async function checklistMarket(c: Ctx, county: string) {
    const id = parseId(c.req.param("id"));
    ensure(id !== null);
    const m = await repo.findMarket(c.var.deps.database.db, id);
    ensure(!!m && m.countyCode === county);
    return m.id;
  }

  async function saveChecklist(c: Ctx, user: CurrentUser, county: string, marketId: number) {
    const deps = c.var.deps;
    const input = await readForm(c);
    const form = check(ChecklistForm, input);
    if (!form.ok) return renderChecklist(c, { county, marketId, editable: true, values: input, errors: form.errors });
    const entries: ChecklistEntry[] = checklistItems.map((item) => ({
      item,
      done: form.value[`done_${item}`] === "1",
      evidence: form.value[`evidence_${item}`] ?? "",
    }));
    const missing = missingEvidence(entries);
    if (missing.length > 0) {
      const errors = Object.fromEntries(missing.map((item) => [`evidence_${item}`, t.evidenceRequired(t.items[item])]));
      return renderChecklist(c, { county, marketId, editable: true, values: input, errors });
    }
    const now = deps.clock.now();
    const back = marketId === 0 ? paths.markets.checklistCounty(county) : paths.markets.checklistMarket(county, marketId);
    const saved = await deps.database.transaction(async (tx) => {
      const changed = changedEntries(fullChecklist(await repo.checklistOf(tx, county, marketId)), entries);
      if (changed.length === 0) return false;
      await repo.upsertChecklist(tx, county, marketId, changed, user.id, now);
      await auditInsert(tx, user, now, {
        action: "checklist.update",
        subjectType: marketId === 0 ? "county" : "market",
        subjectId: marketId === 0 ? Number(county) : marketId,
        detail: { county, items: changed.map((e) => ({ item: e.item, done: e.done })) },
      });
      return true;
    });
    return redirectWithFlash(c, back, saved ? t.saved : t.unchanged);
  }

  app.get(paths.markets.checklistCountyPattern, (c) => {
    const { county, editable } = checklistCounty(c);
    return renderChecklist(c, { county, marketId: 0, editable });
  });

  app.post(paths.markets.checklistCountyPattern, (c) => {
    const { user, county, editable } = checklistCounty(c);
    ensure(editable);
    return saveChecklist(c, user, county, 0);
  });

  app.get(paths.markets.checklistMarketPattern, async (c) => {
    const { county, editable } = checklistCounty(c);
    return renderChecklist(c, { county, marketId: await checklistMarket(c, county), editable });
  });

  app.post(paths.markets.checklistMarketPattern, async (c) => {
    const { user, county, editable } = checklistCounty(c);
    ensure(editable);
    return saveChecklist(c, user, county, await checklistMarket(c, county));
  });

  // --- The Atom feed of a county's open postings ---------------------------------------

  app.get(paths.markets.feedPattern, async (c) => {
    const deps = c.var.deps;
    const county = feedCounty(c.req.param("file") ?? "");
    ensure(!!county && deps.regions.countyNames.has(county));
    const today = chinaDate(deps.clock.now());
    const rows = await repo.feedPostings(deps.database.db, county, today, 50);
    const base = deps.config.publicUrl;
    const countyName = deps.regions.countyName(county);
    const host = new URL(base).hostname || "localhost";
    const xml = atomFeed({
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
    return c.body(xml, 200, { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300" });
  });

  return app;
}
