/** @jsxImportSource hono/jsx */
// 市场监管 pages for staff and admins: the overview of their markets, one
// market's inspections and incidents, the inspection and incident forms,
// incident figures, and roadside gathering points with their counts.
import { Form, Field, TextArea, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { inspectionItems, type IncidentKind, type InspectionItem } from "../../db/schema/constants.ts";
import type { InspectionOutcome } from "../../src/features/supervision/supervision.domain.ts";
import type { RoadsideTrendRow } from "../../src/features/supervision/supervision.domain.ts";
import { Cards, Item, Heads } from "../components/lists.tsx";

const t = copy.supervision;

function Outcome({ o }: { o: InspectionOutcome }) {
  return <strong class={o === "overdue" ? "warn" : undefined}>{t.outcomes[o]}</strong>;
}

export interface OverviewMarket {
  id: number;
  name: string;
  last: { id: number; date: string; outcome: InspectionOutcome } | null;
}
export interface OverdueRow {
  id: number;
  marketName: string;
  date: string;
  rectifyBy: string | null;
}

export function OverdueList({ rows }: { rows: OverdueRow[] }) {
  return (
    <>
      <h2>{t.overdueTitle}</h2>
      {rows.length === 0 ? (
        <p>{t.overdueNone}</p>
      ) : (
        <ul class="actions">
          {rows.map((r) => (
            <li>
              <a href={paths.supervision.inspection(r.id)}>{t.overdueLine(r.marketName, r.date, r.rectifyBy ?? "")}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function OverviewPage(props: { markets: OverviewMarket[]; overdue: OverdueRow[]; admin: boolean }) {
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.admin && (
        <ul class="actions">
          <li>
            <a href={paths.supervision.incidents}>{t.incidentFigures}</a>
          </li>
          <li>
            <a href={paths.supervision.roadside}>{t.roadside}</a>
          </li>
        </ul>
      )}
      <OverdueList rows={props.overdue} />
      <h2>{t.lastInspection}</h2>
      <Cards rows={props.markets} empty={t.noMarkets} card={(m) => (
        <>
          <h3>{m.name}</h3>
          <p>
            {m.last ? (
              <>
                {m.last.date} <Outcome o={m.last.outcome} />
              </>
            ) : (
              t.neverInspected
            )}
          </p>
          <p>
            <a href={paths.supervision.market(m.id)}>{`${t.records}:${m.name}`}</a>
          </p>
        </>
      )} />
    </>
  );
}

export interface MarketRecords {
  id: number;
  name: string;
  inspections: { id: number; date: string; outcome: InspectionOutcome }[];
  incidents: { id: number; date: string; time: string; kind: IncidentKind; place: string; policeReferred: boolean }[];
}

export function MarketRecordsPage({ m }: { m: MarketRecords }) {
  return (
    <>
      <h1>{`${t.records}:${m.name}`}</h1>
      <ul class="actions">
        <li>
          <a class="btn" href={paths.supervision.newInspection(m.id)}>{t.recordInspection}</a>
        </li>
        <li>
          <a class="btn secondary" href={paths.supervision.newIncident(m.id)}>{t.recordIncident}</a>
        </li>
      </ul>
      <h2>{t.lastInspection}</h2>
      {m.inspections.length === 0 ? (
        <p>{t.neverInspected}</p>
      ) : (
        <ul class="actions">
          {m.inspections.map((i) => (
            <li>
              <a href={paths.supervision.inspection(i.id)}>{i.date}</a> <Outcome o={i.outcome} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t.incident.listTitle}</h2>
      <Cards rows={m.incidents} empty={t.incident.none} card={(x) => (
        <>
          <p>
            <strong>{t.kinds[x.kind]}</strong> {x.date} {x.time}
          </p>
          <p>
            {x.place}
            {x.policeReferred && ` · ${t.incident.policeYes}`}
          </p>
        </>
      )} />
      <p>
        <a href={paths.supervision.home}>{t.title}</a>
      </p>
    </>
  );
}

const passFail: readonly Option[] = [
  ["pass", t.passed],
  ["fail", t.failed],
];

export function InspectionFormPage(props: { market: { id: number; name: string }; values: Values; errors?: Errors }) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.inspection.newTitle(props.market.name)}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.supervision.newInspection(props.market.id)}>
        <Field name="date" label={t.inspection.date} hint={t.inspection.dateHint} type="date" values={values} errors={errors} />
        <Field name="inspectors" label={t.inspection.inspectors} hint={t.inspection.inspectorsHint} maxlength={100} values={values} errors={errors} />
        {inspectionItems.map((k) => (
          <>
            <Choices name={`item_${k}`} label={t.items[k]} options={passFail} values={values} errors={errors} />
            <Field name={`note_${k}`} label={`${t.inspection.itemNote}(${t.items[k]})`} hint={t.inspection.itemNoteHint} optional maxlength={200} values={values} errors={errors} />
          </>
        ))}
        <TextArea name="findings" label={t.inspection.findings} optional maxlength={1000} values={values} errors={errors} />
        <Field name="rectifyBy" label={t.inspection.rectifyBy} hint={t.inspection.rectifyByHint} type="date" optional values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export interface InspectionView {
  id: number;
  marketId: number;
  marketName: string;
  date: string;
  inspectors: string;
  findings: string;
  rectifyBy: string | null;
  rectifiedOn: string | null;
  rectifiedNote: string;
  outcome: InspectionOutcome;
  by: string;
  items: { item: InspectionItem; passed: boolean; note: string }[];
}

export function InspectionPage(props: { i: InspectionView; values?: Values; errors?: Errors }) {
  const { i } = props;
  return (
    <>
      <h1>{t.inspection.title(i.marketName, i.date)}</h1>
      <p>
        <Outcome o={i.outcome} />
        {i.rectifyBy && ` · ${t.inspection.deadline(i.rectifyBy)}`}
      </p>
      <dl class="facts">
        <Item label={t.inspection.inspectors}>{i.inspectors}</Item>
        {i.items.map((x) => (
          <>
            <Item label={t.items[x.item]}>
              {x.passed ? t.passed : <strong class="warn">{t.failed}</strong>}
              {x.note && `:${x.note}`}
            </Item>
          </>
        ))}
        {i.findings && <Item label={t.inspection.findings}>{i.findings}</Item>}
      </dl>
      <p class="muted">{t.inspection.by(i.by)}</p>
      {i.rectifiedOn && (
        <p>
          {t.inspection.rectifiedOn(i.rectifiedOn)} {i.rectifiedNote}
        </p>
      )}
      {(i.outcome === "open" || i.outcome === "overdue") && (
        <>
          <h2>{t.inspection.rectifyTitle}</h2>
          <ErrorSummary errors={props.errors} />
          <Form action={paths.supervision.rectified(i.id)}>
            <TextArea name="note" label={t.inspection.rectifiedNote} hint={t.inspection.rectifiedNoteHint} maxlength={500} values={props.values} errors={props.errors} />
            <Submit>{t.inspection.rectifySubmit}</Submit>
          </Form>
        </>
      )}
      <p>
        <a href={paths.supervision.market(i.marketId)}>{`${t.records}:${i.marketName}`}</a>
      </p>
    </>
  );
}

export function IncidentFormPage(props: { market: { id: number; name: string }; kinds: readonly Option[]; values: Values; errors?: Errors }) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.incident.newTitle(props.market.name)}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.supervision.newIncident(props.market.id)}>
        <Select name="kind" label={t.incident.kind} options={props.kinds} blank={copy.common.choose} values={values} errors={errors} />
        <Field name="date" label={t.incident.date} hint={t.inspection.dateHint} type="date" values={values} errors={errors} />
        <Field name="time" label={t.incident.time} hint={t.incident.timeHint} optional maxlength={5} values={values} errors={errors} />
        <Field name="place" label={t.incident.place} hint={t.incident.placeHint} maxlength={100} values={values} errors={errors} />
        <TextArea name="description" label={t.incident.description} hint={t.incident.descriptionHint} maxlength={1000} values={values} errors={errors} />
        <Field name="caseNumber" label={t.incident.caseNumber} hint={t.incident.caseNumberHint} optional maxlength={40} values={values} errors={errors} />
        <Choices name="police" label={t.incident.police} options={[["1", t.incident.policeYes]]} multiple optional values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export interface FigureRow {
  marketId: number;
  marketName: string;
  month: string;
  n: number;
  police: number;
}

export function IncidentFiguresPage({ rows }: { rows: FigureRow[] }) {
  return (
    <>
      <h1>{t.incident.figuresTitle}</h1>
      <p class="muted">{t.incident.figuresNote}</p>
      {rows.length === 0 ? (
        <p>{t.incident.none}</p>
      ) : (
        <div class="scroll" role="region" aria-label={t.incident.figuresTitle} tabindex={0}>
          <table>
            <Heads cols={[t.incident.month, t.incident.market, t.incident.total, t.incident.policeCount]} />
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.month}</td>
                  <td>
                    <a href={paths.supervision.market(r.marketId)}>{r.marketName}</a>
                  </td>
                  <td>{r.n}</td>
                  <td>{r.police}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function RoadsideTrend({ rows, countyName }: { rows: RoadsideTrendRow[]; countyName: (code: string) => string }) {
  return (
    <>
      <h2>{t.road.trendTitle}</h2>
      {rows.length === 0 ? (
        <p>{t.road.trendNone}</p>
      ) : (
        <div class="scroll" role="region" aria-label={t.road.trendTitle} tabindex={0}>
          <table>
            <Heads cols={[t.road.county, t.incident.month, t.road.trendPoints, t.road.trendPeople]} />
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{countyName(r.countyCode)}</td>
                  <td>{r.month}</td>
                  <td>{r.points}</td>
                  <td>{r.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export interface PointRow {
  id: number;
  place: string;
  where: string;
  usualHours: string;
  lastDate: string | null;
  lastPeople: number | null;
}

export function RoadsideListPage(props: { points: PointRow[]; trend: RoadsideTrendRow[]; countyName: (code: string) => string }) {
  return (
    <>
      <h1>{t.road.listTitle}</h1>
      <p>{t.road.intro}</p>
      <p>
        <a class="btn" href={paths.supervision.newPoint}>{t.road.newPoint}</a>
      </p>
      <Cards rows={props.points} empty={t.road.none} card={(p) => (
        <>
          <h2>
            <a href={paths.supervision.point(p.id)}>{p.place}</a>
          </h2>
          <p>
            {p.where}
            {p.usualHours && ` · ${p.usualHours}`}
          </p>
          <p>{p.lastDate ? t.road.lastCount(p.lastDate, p.lastPeople ?? 0) : t.road.noCounts}</p>
        </>
      )} />
      <RoadsideTrend rows={props.trend} countyName={props.countyName} />
    </>
  );
}

export function PointFormPage(props: { options: { counties: readonly Option[]; townships: readonly Option[]; markets: readonly Option[] }; values: Values; errors?: Errors }) {
  const { values, errors, options: o } = props;
  return (
    <>
      <h1>{t.road.newTitle}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.supervision.newPoint}>
        <Select name="countyCode" label={t.road.county} options={o.counties} blank={copy.common.choose} values={values} errors={errors} />
        <Select name="townshipCode" label={t.road.township} options={o.townships} blank={copy.common.choose} optional values={values} errors={errors} />
        <Field name="place" label={t.road.place} hint={t.road.placeHint} maxlength={100} values={values} errors={errors} />
        <Field name="usualHours" label={t.road.usualHours} hint={t.road.usualHoursHint} optional maxlength={50} values={values} errors={errors} />
        <Select name="nearestMarketId" label={t.road.nearest} options={o.markets} blank={copy.common.choose} optional values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export function PointPage(props: {
  p: { id: number; place: string; where: string; usualHours: string; nearestName: string | null };
  counts: { date: string; people: number }[];
  values: Values;
  errors?: Errors;
}) {
  const { p, values, errors } = props;
  return (
    <>
      <h1>{p.place}</h1>
      <p>
        {p.where}
        {p.usualHours && ` · ${p.usualHours}`}
      </p>
      {p.nearestName && (
        <p>
          {t.road.nearest}:{p.nearestName}
        </p>
      )}
      <h2>{t.road.addCount}</h2>
      <ErrorSummary errors={errors} />
      <Form action={paths.supervision.count(p.id)}>
        <Field name="date" label={t.road.countDate} hint={t.inspection.dateHint} type="date" values={values} errors={errors} />
        <Field name="people" label={t.road.people} hint={t.road.peopleHint} inputmode="numeric" size="s" maxlength={6} values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
      <h2>{t.road.counts}</h2>
      {props.counts.length === 0 ? (
        <p>{t.road.noCounts}</p>
      ) : (
        <ul class="actions">
          {props.counts.map((c) => (
            <li>
              {c.date}:{c.people}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={paths.supervision.roadside}>{t.road.listTitle}</a>
      </p>
    </>
  );
}
