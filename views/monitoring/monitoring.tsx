/** @jsxImportSource hono/jsx */
// The monitoring page: a GET form (scope, period, by day or week), the totals
// against the period before, two line charts, the table by day or week, supply
// and demand by kind of work, the markets of the scope, and the exports.
import { Form, Field, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { paths } from "../../src/paths.ts";
import { metrics, trend, formatTrend, perDay, type Counts, type Metric, type Grain, type LedgerKind } from "../../src/features/monitoring/monitoring.domain.ts";
import type { Report } from "../../src/features/monitoring/monitoring.figures.ts";
import { LineChart, PairBars } from "./charts.tsx";
import { ScrollRegion } from "../components/bits.tsx";

import { RoadsideTrend } from "../supervision/pages.tsx";
import type { RoadsideTrendRow } from "../../src/features/supervision/supervision.domain.ts";
const t = copy.monitoring;

export interface MonitoringView {
  report: Report & { madeAt: number };
  /** Owner names resolved by the handler, in the order of report.owners. */
  ownerNames: string[];
  showOwners: boolean;
  weekNotice: boolean;
  importedCounties: string;
  ledgerLinks: [LedgerKind, string][];
  statsExportHref: string | null;
  importHref: string | null;
  /** Reports are counted again at most this often (MONITORING_CACHE_SECONDS). */
  recountMinutes: number;
  /** 退路进厅: roadside gathering points and people counted, per county and month (city and county scopes). */
  roadside: { rows: RoadsideTrendRow[]; countyName: (code: string) => string } | null;
}

export function MonitoringPage(props: { values: Values; errors?: Errors; scopes: readonly Option[]; view: MonitoringView | null }) {
  const { values, errors, view } = props;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.monitoring.home} method="get">
        <Select name="scope" label={t.scope} options={props.scopes} values={values} errors={errors} />
        <Field name="from" label={t.from} hint={t.dateHint} type="date" size="s" values={values} errors={errors} />
        <Field name="to" label={t.to} type="date" size="s" values={values} errors={errors} />
        <Choices name="by" label={t.by} options={Object.entries(t.grains) as [Grain, string][]} values={values} errors={errors} />
        <Submit>{t.show}</Submit>
      </Form>
      {view && <Figures view={view} />}
    </>
  );
}

const row = (c: Counts) => metrics.map((m) => c[m]);

function Figures({ view }: { view: MonitoringView }) {
  const r = view.report;
  const first = r.buckets[0]?.start ?? r.period.from;
  const last = r.buckets[r.buckets.length - 1]?.start ?? r.period.to;
  const series = (m: Metric) => r.buckets.map((b) => b.counts[m]);
  return (
    <>
      <p>
        <strong>{t.periodLine(r.period.from, r.period.to, r.days)}</strong> {t.previousLine(r.previous.from, r.previous.to)}
      </p>
      {view.weekNotice && <p class="notice">{t.weekNotice}</p>}
      {view.importedCounties && <p class="muted">{t.importedNote(view.importedCounties)}</p>}
      <p class="muted">{t.countedAt(chinaDateTime(r.madeAt), view.recountMinutes)}</p>

      <h2>{t.totalsTitle}</h2>
      <ScrollRegion label={t.totalsTitle}>
        <table>
          <thead>
            <tr><th scope="col">{t.item}</th><th scope="col">{t.thisPeriod}</th><th scope="col">{t.perDay}</th><th scope="col">{t.lastPeriod}</th><th scope="col">{t.change}</th></tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr>
                <th scope="row">{t.metrics[m]}</th>
                <td>{r.totals[m]}</td>
                <td>{perDay(r.totals[m], r.days)}</td>
                <td>{r.previousTotals[m]}</td>
                <td>{formatTrend(trend(r.totals[m], r.previousTotals[m]))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="muted">{t.seekersHint}</p>

      <h2>{t.chartsTitle}</h2>
      <LineChart
        title={t.chartPeople}
        first={first}
        last={last}
        label={(max) => t.chartRange(first, last, max)}
        lines={[
          { name: t.metrics.seekers, values: series("seekers"), color: "#0b4f9c" },
          { name: t.metrics.signups, values: series("signups"), color: "#0b6b2f", dash: "5 3" },
          { name: t.metrics.hires, values: series("hires"), color: "#c25400" },
        ]}
      />
      <LineChart
        title={t.chartJobs}
        first={first}
        last={last}
        label={(max) => t.chartRange(first, last, max)}
        lines={[
          { name: t.metrics.postings, values: series("postings"), color: "#5a2d8c" },
          { name: t.metrics.headcount, values: series("headcount"), color: "#0b6b2f", dash: "5 3" },
        ]}
      />

      <h2>{t.tableTitle[r.grain]}</h2>
      <ScrollRegion label={t.tableTitle[r.grain]}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              {metrics.map((m) => <th scope="col">{t.metrics[m]}</th>)}
            </tr>
          </thead>
          <tbody>
            {r.buckets.map((b) => (
              <tr>
                <th scope="row">{t.weekLabel(b.start, b.end)}</th>
                {row(b.counts).map((n) => <td>{n}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>{t.kindsTitle}</h2>
      <p class="muted">{t.kindsIntro}</p>
      {view.importedCounties && <p class="muted">{t.kindsImportedNote}</p>}
      {r.kinds.length === 0 ? (
        <p>{t.noKinds}</p>
      ) : (
        <>
          <PairBars
            title={t.chartKinds}
            names={[t.asked, t.wanting]}
            colors={["#c25400", "#0b4f9c"]}
            rows={r.kinds.slice(0, 12).map((k) => ({ label: k.name, a: k.asked, b: k.seekers }))}
          />
          <ScrollRegion label={t.chartKinds}>
            <table>
              <thead>
                <tr><th scope="col">{t.kind}</th><th scope="col">{t.asked}</th><th scope="col">{t.wanting}</th><th scope="col">{t.gap}</th><th scope="col">{t.balance}</th></tr>
              </thead>
              <tbody>
                {r.kinds.map((k) => (
                  <tr>
                    <th scope="row">{k.name}</th>
                    <td>{k.asked}</td>
                    <td>{k.seekers}</td>
                    <td>{k.gap > 0 ? `+${k.gap}` : k.gap}</td>
                    <td>{k.balance === "even" ? t.balances.even : <strong>{t.balances[k.balance]}</strong>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}

      {view.showOwners && r.owners.length > 0 && (
        <>
          <h2>{t.ownersTitle}</h2>
          <ScrollRegion label={t.ownersTitle}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.market}</th><th scope="col">{t.seekersPerDay}</th><th scope="col">{t.metrics.postings}</th>
                  <th scope="col">{t.metrics.signups}</th><th scope="col">{t.metrics.hires}</th><th scope="col">{t.metrics.complaints}</th>
                </tr>
              </thead>
              <tbody>
                {r.owners.map((o, i) => (
                  <tr>
                    <th scope="row">{view.ownerNames[i]}</th>
                    <td>{perDay(o.counts.seekers, r.days)}</td>
                    <td>{o.counts.postings}</td>
                    <td>{o.counts.signups}</td>
                    <td>{o.counts.hires}</td>
                    <td>{o.counts.complaints}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}

      {view.roadside && <RoadsideTrend rows={view.roadside.rows} countyName={view.roadside.countyName} />}

      <h2>{t.exportsTitle}</h2>
      <p class="muted">{t.ledgerHint}</p>
      <ul class="actions">
        {view.ledgerLinks.map(([kind, href]) => (
          <li><a href={href}>{t.ledgerKinds[kind]}</a></li>
        ))}
        {view.statsExportHref && <li><a href={view.statsExportHref}>{t.statsExport}</a></li>}
        {view.importHref && <li><a href={view.importHref}>{t.importLink}</a></li>}
        <li><a href={paths.records.trend}>{copy.records.trendTitle}</a></li>
      </ul>
      {view.statsExportHref && <p class="muted">{t.statsExportHint}</p>}
    </>
  );
}
