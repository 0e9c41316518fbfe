/** @jsxImportSource hono/jsx */
// The public directory (名录): every market with its public notice, and each
// market's own page with today's work nearby, its policies and how to complain.
import type { Child } from "hono/jsx";
import { Form, Select, Submit, type Values, type Option } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { MarketTier } from "../../db/schema/constants.ts";

import type { InspectionOutcome } from "../../src/features/supervision/supervision.domain.ts";
import { Cards, Item } from "../components/lists.tsx";

const t = copy.markets;

export interface DirectoryEntry {
  id: number;
  name: string;
  tier: MarketTier;
  nature: string;
  place: string;
  address: string;
  hours: string;
  phone: string;
  kinds: string[];
  seekersPerDay: number;
  hiresPerDay: number;
}

function Figures({ m }: { m: DirectoryEntry }) {
  return (
    <p>
      {t.seekersPerDay}: <strong>{t.perDay(m.seekersPerDay)}</strong> · {t.hiresPerDay}: <strong>{t.perDay(m.hiresPerDay)}</strong>
    </p>
  );
}

export function DirectoryPage(props: {
  values: Values;
  counties: readonly Option[];
  tiers: readonly Option[];
  rows: DirectoryEntry[];
  total: number;
  page: number;
  pages: number;
  pageHref: (n: number) => string;
  note: string;
}) {
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <Form action={paths.markets.list} method="get">
        <Select name="county" label={t.county} options={props.counties} blank={t.allCounties} values={props.values} />
        <Select name="tier" label={t.tier} options={props.tiers} blank={t.allTiers} values={props.values} />
        <Submit>{t.filter}</Submit>
      </Form>
      <p>{t.count(props.total)}</p>
      <Cards rows={props.rows} empty={t.none} card={(m) => (
        <>
          <h2>
            <a href={paths.markets.show(m.id)}>{m.name}</a>
          </h2>
          <p>{[t.tiers[m.tier], t.natures[m.nature] ?? m.nature, m.place].filter(Boolean).join(" · ")}</p>
          {m.address && <p>{t.address}: {m.address}</p>}
          <p>
            {m.hours && <>{t.hours}: {m.hours} </>}
            {m.phone && <Tel phone={m.phone} />}
          </p>
          {m.kinds.length > 0 && <p>{t.kinds}: {m.kinds.join("、")}</p>}
          <Figures m={m} />
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={props.pageHref} />
      <p class="muted">{props.note}</p>
    </>
  );
}

export interface MarketPageProps {
  m: DirectoryEntry & { personInCharge: string; facilities: string[]; supervisionPhone: string; countyCode: string };
  note: string;
  today: { rows: { id: number; title: string; kind: string; headcount: number }[]; total: number; href: string };
  /** The policy articles of this market, already rendered as links by the policy feature's data. */
  policies: { href: string; title: string }[];
  hotline: string;
  /** The latest safety inspection: its date and outcome only. */
  inspection: { date: string; outcome: InspectionOutcome } | null;
}

function Fact({ label, children }: { label: string; children?: Child }) {
  return (
    <>
      <Item label={label}>{children}</Item>
    </>
  );
}

export function MarketPage({ m, note, today, policies, hotline, inspection }: MarketPageProps) {
  const supervision = m.supervisionPhone || hotline;
  return (
    <>
      <h1>{m.name}</h1>
      <dl class="facts">
        <Fact label={t.tier}>{t.tiers[m.tier]}</Fact>
        <Fact label={t.nature}>{t.natures[m.nature] ?? m.nature}</Fact>
        <Fact label={t.address}>{[m.place, m.address].filter(Boolean).join(" ") || t.noneYet}</Fact>
        <Fact label={t.hours}>{m.hours || t.noneYet}</Fact>
        <Fact label={t.phone}>{m.phone ? <Tel phone={m.phone} /> : t.noneYet}</Fact>
        {m.personInCharge && <Fact label={t.personInCharge}>{m.personInCharge}</Fact>}
        <Fact label={t.kinds}>{m.kinds.length ? m.kinds.join("、") : t.noneYet}</Fact>
        <Fact label={t.facilities}>{m.facilities.length ? m.facilities.join("、") : t.noneYet}</Fact>
        <Fact label={t.seekersPerDay}>{t.perDay(m.seekersPerDay)}</Fact>
        <Fact label={t.hiresPerDay}>{t.perDay(m.hiresPerDay)}</Fact>
      </dl>
      <p class="muted">{note}</p>
      {inspection && (
        <p>
          {copy.supervision.publicInspected(inspection.date, copy.supervision.outcomes[inspection.outcome])}
          {(inspection.outcome === "open" || inspection.outcome === "overdue") && ` ${copy.supervision.publicOpen}`}
        </p>
      )}
      <p>
        <a href={paths.desk.stationOrder(m.id)}>{t.orderLink}</a>
      </p>

      <h2>{t.todayJobs}</h2>
      {today.total === 0 ? (
        <p>{t.todayJobsNone}</p>
      ) : (
        <>
          <ul class="actions">
            {today.rows.map((p) => (
              <li>
                <a href={paths.jobs.show(p.id)}>{p.title}</a> <span class="muted">{t.todayJobLine(p.kind, p.headcount)}</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={today.href}>{t.todayJobsAll(today.total)}</a>
          </p>
        </>
      )}

      <h2>{t.policies}</h2>
      <ul class="actions">
        {policies.map((p) => (
          <li>
            <a href={p.href}>{p.title}</a>
          </li>
        ))}
        <li>
          <a href={paths.policy.list}>{t.policiesAll}</a>
        </li>
      </ul>

      <h2>{t.complain}</h2>
      <p>{t.complainText}</p>
      <p>
        {t.supervisionPhone}: <Tel phone={supervision} />
      </p>
      <p>
        <a class="btn secondary" href={paths.hotline.home}>{t.complainLink}</a>
      </p>
      <p>
        <a href={paths.markets.list}>{t.backToList}</a>
      </p>
    </>
  );
}
