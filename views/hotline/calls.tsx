/** @jsxImportSource hono/jsx */
// Staff: workers without a phone of their own, whose work has ended with no
// answer to "were you paid?". Staff call and record the answer.
import { Form, Submit } from "../components/forms.tsx";
import { Tel, Pager, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { WageUnit } from "../../db/schema/constants.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.hotline;

export interface CallRow {
  id: number;
  workerName: string;
  workerPhone: string;
  employerName: string;
  title: string;
  startDate: string;
  endDate: string;
  wageFen: number;
  wageUnit: WageUnit;
}

export function CallListPage({ rows, total, page }: { rows: CallRow[]; total: number; page: number }) {
  return (
    <>
      <h1>{t.callListTitle}</h1>
      <p>{t.callListIntro}</p>
      <p>{t.count(total)}</p>
      <Cards rows={rows} empty={t.callListEmpty} card={(r) => (
        <>
          <h2>{r.workerName}</h2>
          <p>
            <Tel phone={r.workerPhone} />
          </p>
          <p>
            {r.employerName} · {r.title}
            <br />
            {t.worked(r.startDate, r.endDate)} · {t.agreedWage} {formatYuan(r.wageFen)} {t.wageUnits[r.wageUnit]}
          </p>
          <Form action={paths.hotline.callAnswer(r.id)} class="inline">
            <Submit name="answer" value="paid">{`${t.paid}(${r.workerName})`}</Submit>
          </Form>{" "}
          <Form action={paths.hotline.callAnswer(r.id)} class="inline">
            <Submit name="answer" value="not_paid" secondary>{`${t.notPaid}(${r.workerName})`}</Submit>
          </Form>
        </>
      )} />
      <Pager page={page} pages={Math.max(1, Math.ceil(total / 20))} href={(n) => `${paths.hotline.callList}?page=${n}`} />
    </>
  );
}
