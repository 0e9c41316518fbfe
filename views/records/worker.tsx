/** @jsxImportSource hono/jsx */
// 我的务工记录 (/me/record), its one-page A4 print (/me/record/print and the
// desk's /desk/workers/:id/record) with a QR code for staff, and the page
// that code opens (/records/check/:code).
import { formatYuan } from "../components/bits.tsx";
import { Form, Submit } from "../components/forms.tsx";
import { Qr } from "../desk/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { WageUnit } from "../../db/schema/constants.ts";
import type { PrintSummary } from "../../src/features/records/records.domain.ts";
import { Cards, Item, Heads } from "../components/lists.tsx";

const t = copy.records;
const units = copy.jobs.units;

export interface WorkerHire {
  id: number;
  title: string;
  employer: string;
  wageFen: number;
  wageUnit: WageUnit;
  startDate: string;
  endDate: string;
  paid: "paid" | "not_paid" | null;
}

const dates = (h: WorkerHire) => (h.startDate === h.endDate ? h.endDate : `${h.startDate} 至 ${h.endDate}`);
const wage = (h: WorkerHire) => `${formatYuan(h.wageFen)} ${units[h.wageUnit]}`;

export function WorkerRecordPage({ rows, summary, printHref }: { rows: WorkerHire[]; summary: PrintSummary; printHref: string }) {
  return (
    <>
      <h1>{t.workerTitle}</h1>
      <p>{t.workerIntro}</p>
      {rows.length === 0 ? (
        <p class="notice">{t.workerNone}</p>
      ) : (
        <>
          <p class="notice">{t.workerSummary(summary)}</p>
          <Form action={printHref}>
            <Submit>{t.print}</Submit>
          </Form>
          <Cards rows={rows} card={(h) => (
            <>
              <p>
                <a href={paths.hires.show(h.id)}>{h.title}</a>
              </p>
              <p>
                {dates(h)} · {h.employer}
              </p>
              <p>
                {wage(h)} · {t.paidWords[h.paid ?? "none"]}
              </p>
            </>
          )} />
        </>
      )}
    </>
  );
}

/** At most this many hires on the one A4 page; older ones are counted, not listed. */
export const PRINT_ROWS = 22;

export function WorkerRecordPrint(p: { name: string; rows: WorkerHire[]; summary: PrintSummary; issued: string; code: string; qr: string; back: string }) {
  const shown = p.rows.slice(0, PRINT_ROWS);
  return (
    <div class="record-print">
      <h1>{t.printTitle}</h1>
      <div class="record-head">
        <div>
          <p>{t.printFor(p.name)}</p>
          <p>{t.printIssued(p.issued)}</p>
          <p>{t.workerSummary(p.summary)}</p>
          <p>{t.printCode(p.code)}</p>
        </div>
        <Qr svg={p.qr} label={t.printCheck} />
      </div>
      <table>
        <Heads cols={[t.colDates, t.colWork, t.colEmployer, t.colWage, t.colAnswer]} />
        <tbody>
          {shown.map((h) => (
            <tr>
              <td>{dates(h)}</td>
              <td>{h.title}</td>
              <td>{h.employer}</td>
              <td>{wage(h)}</td>
              <td>{t.paidWords[h.paid ?? "none"]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length > shown.length && <p>{t.printMore(p.rows.length - shown.length)}</p>}
      <p>{t.printCheck}</p>
      <p class="no-print">
        <a href={p.back}>{t.back}</a>
      </p>
    </div>
  );
}

export function RecordCheckPage(p: { found: { name: string; issued: string; summary: PrintSummary; now: PrintSummary } | null }) {
  if (!p.found) {
    return (
      <>
        <h1>{t.checkTitle}</h1>
        <p class="notice warn" role="alert">{t.checkUnknown}</p>
      </>
    );
  }
  const f = p.found;
  return (
    <>
      <h1>{t.checkTitle}</h1>
      <p class="notice">{t.checkOk}</p>
      <dl class="facts">
        <Item label={t.checkName}>{f.name}</Item>
        <Item label={t.checkIssued}>{f.issued}</Item>
        <Item label={t.checkPeriod}>{t.checkPeriodText(f.summary.from, f.summary.to)}</Item>
        <Item label={t.checkSummary}>{t.workerSummary(f.summary)}</Item>
      </dl>
      <p class="muted">{t.checkNow(t.workerSummary(f.now))}</p>
    </>
  );
}
