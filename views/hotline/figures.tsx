/** @jsxImportSource hono/jsx */
// Staff: counts of the cases in one's scope, and the CSV export by date range.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { StaffLinks } from "./home.tsx";
import { Item } from "../components/lists.tsx";

const t = copy.hotline;

export interface FiguresView {
  total: number;
  overdue: number;
  avgDays: number | null;
  owedFen: number;
  recoveredFen: number;
  byCategory: [string, number][];
  byStatus: [string, number][];
  byCounty: [string, number][];
  byMonth: [string, number][];
}

function Counts({ title, rows }: { title: string; rows: [string, number][] }) {
  return (
    <>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{copy.common.none}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t.colKey}</th>
                <th>{t.colCount}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([k, n]) => (
                <tr>
                  <td>{k}</td>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function FiguresPage({ f, values, errors }: { f: FiguresView; values: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.figuresTitle}</h1>
      <StaffLinks />
      <dl class="facts">
        <Item label={t.total}>{f.total}</Item>
        <Item label={t.overdue}>{f.overdue}</Item>
        <Item label={t.avgDays}>{t.avgDaysValue(f.avgDays)}</Item>
        <Item label={t.owedTotal}>{formatYuan(f.owedFen)}</Item>
        <Item label={t.recoveredTotal}>{formatYuan(f.recoveredFen)}</Item>
      </dl>
      <Counts title={t.byCategory} rows={f.byCategory} />
      <Counts title={t.byStatus} rows={f.byStatus} />
      <Counts title={t.byCounty} rows={f.byCounty} />
      <Counts title={t.byMonth} rows={f.byMonth} />
      <h2 id="export">{t.exportTitle}</h2>
      <p>{t.exportIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.hotline.export} method="get">
        <Field name="from" label={t.from} type="date" size="s" values={values} errors={errors} />
        <Field name="to" label={t.to} type="date" size="s" values={values} errors={errors} />
        <Submit>{t.download}</Submit>
      </Form>
    </>
  );
}
