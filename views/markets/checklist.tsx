/** @jsxImportSource hono/jsx */
// The 十个一 checklist: every county's progress on one page (city admin), a
// county's own ten items and its markets, and one market's ten items. The
// county admin edits with one form of ten items; others read.
import { Form, Field, Choices, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { ChecklistItem } from "../../db/schema/monitoring.ts";

import { OverdueList, type OverdueRow } from "../supervision/pages.tsx";
import { Heads } from "../components/lists.tsx";

const t = copy.markets;

export interface ProgressRow {
  code: string;
  name: string;
  countyDone: number;
  markets: number;
  marketsDone: number;
}

const total = 10;

export function ChecklistOverviewPage({ rows, overdue }: { rows: ProgressRow[]; overdue: OverdueRow[] }) {
  return (
    <>
      <h1>{t.checklistTitle}</h1>
      <p>{t.checklistIntro}</p>
      <OverdueList rows={overdue} />
      <div class="scroll">
        <table>
          <Heads cols={[t.counties, t.countyItems, t.marketsCount, t.marketsDone]} />
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={paths.markets.checklistCounty(r.code)}>{r.name}</a>
                </th>
                <td>{r.countyDone === total ? <strong>{t.allDone}</strong> : t.progress(r.countyDone, total)}</td>
                <td>{r.markets}</td>
                <td>{r.markets > 0 && r.marketsDone === r.markets * total ? <strong>{t.allDone}</strong> : t.progress(r.marketsDone, r.markets * total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface ItemView {
  item: ChecklistItem;
  done: boolean;
  evidence: string;
  evidenceHref: string | null;
  updatedAt: string;
}

/** The ten items read-only (the city admin, or anyone but the county's admin). */
function ItemTable({ items }: { items: ItemView[] }) {
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr><th scope="col">{t.checklistLink}</th><th scope="col">{t.status}</th><th scope="col">{t.evidence}</th><th scope="col">{t.updatedAt}</th></tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <th scope="row">{t.items[i.item]}</th>
              <td>{i.done ? t.done : t.notDone}</td>
              <td>{i.evidenceHref ? <a href={i.evidenceHref} rel="nofollow noopener">{i.evidence}</a> : i.evidence}</td>
              <td>{i.updatedAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One form for the ten items: a tick and the evidence for each. */
function ItemForm({ action, items, values, errors }: { action: string; items: ItemView[]; values: Values; errors?: Errors }) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form action={action}>
        {items.map((i) => (
          <div class="card">
            <Choices name={`done_${i.item}`} label={t.items[i.item]} options={[["1", t.done]]} multiple values={values} errors={errors} />
            <Field name={`evidence_${i.item}`} label={t.evidence} optional maxlength={200} values={values} errors={errors} />
          </div>
        ))}
        <p class="hint">{t.evidenceHint}</p>
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export interface ChecklistPageProps {
  heading: string;
  action: string;
  editable: boolean;
  items: ItemView[];
  values: Values;
  errors?: Errors;
  /** On a county's page: its markets and their progress. */
  markets?: { id: number; name: string; done: number }[];
  county: string;
  back?: string;
  /** On a county's page: inspections whose rectification deadline has passed (安全检查整改超期). */
  overdue?: OverdueRow[];
}

export function ChecklistPage(p: ChecklistPageProps) {
  return (
    <>
      <h1>{p.heading}</h1>
      <p>{t.checklistIntro}</p>
      {p.overdue && <OverdueList rows={p.overdue} />}
      {p.editable ? <ItemForm action={p.action} items={p.items} values={p.values} errors={p.errors} /> : (
        <>
          <p class="notice">{t.readOnly}</p>
          <ItemTable items={p.items} />
        </>
      )}
      {p.markets && (
        <>
          <h2>{t.marketItems}</h2>
          {p.markets.length === 0 ? (
            <p>{t.noMarkets}</p>
          ) : (
            <ul class="actions">
              {p.markets.map((m) => (
                <li>
                  <a href={paths.markets.checklistMarket(p.county, m.id)}>{m.name}</a> {m.done === total ? <strong>{t.allDone}</strong> : t.progress(m.done, total)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {p.back && (
        <p>
          <a href={p.back}>{copy.common.back}</a>
        </p>
      )}
    </>
  );
}
