/** @jsxImportSource hono/jsx */
// /hires/:id: the record both sides agreed to. The two parties see each
// other's phone; the employer and staff mark progress; the worker answers
// whether they were paid.
import type { HireStatus, WageUnit, PayTime, PayMethod } from "../../db/schema/constants.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { Form, Submit } from "../components/forms.tsx";
import { Tel, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { HireAction } from "../../src/features/hires/hires.domain.ts";
import { PaidQuestion } from "./paid.tsx";
import { Item } from "../components/lists.tsx";

const h = copy.hires;

export interface HireDetail {
  id: number;
  postingId: number;
  title: string;
  quote: boolean;
  wageFen: number;
  wageUnit: WageUnit;
  startDate: string;
  endDate: string;
  place: string;
  duties: string;
  status: HireStatus;
  paid: "paid" | "not_paid" | null;
  paidAnsweredAt: number | null;
  confirmedAt: number;
  workerName: string;
  workerPhone: string;
  employerName: string;
  contactName: string;
  contactPhone: string;
  viaMarketName: string | null;
  /** The worker's note on her quote ("" if none). */
  quoteNote: string;
  hours: string;
  payTime: PayTime | "";
  payMethod: PayMethod | "";
}

export function wageText(d: Pick<HireDetail, "quote" | "wageFen" | "wageUnit">): string {
  return d.quote ? h.quoteWage(formatYuan(d.wageFen)) : `${formatYuan(d.wageFen)} ${copy.jobs.units[d.wageUnit]}`;
}

/** The facts both the screen and the print view show; on paper, a term nobody set is a line to fill in. */
export function HireFacts({ d, paper }: { d: HireDetail; paper?: boolean }) {
  const blank = paper ? h.fillIn : h.notSaid;
  return (
    <dl class="facts">
      <Item label={h.worker}>
        {d.workerName} <Tel phone={d.workerPhone} />
      </Item>
      <Item label={h.employer}>
        {d.employerName}({h.contact}:{d.contactName}) <Tel phone={d.contactPhone} />
      </Item>
      <Item label={h.work}>{d.title}</Item>
      {d.quote && d.quoteNote && <Item label={h.quoteNote}>{d.quoteNote}</Item>}
      <Item label={h.wage}>
        <b>{wageText(d)}</b>
      </Item>
      <Item label={h.payTime}>{d.payTime ? copy.jobs.payTimes[d.payTime] : blank}</Item>
      <Item label={h.payMethod}>{d.payMethod ? copy.jobs.payMethods[d.payMethod] : blank}</Item>
      <Item label={h.dates}>{copy.jobs.dates(d.startDate, d.endDate)}</Item>
      <Item label={h.hours}>{d.hours || blank}</Item>
      <Item label={h.place}>{d.place}</Item>
      {d.duties && <Item label={h.duties}>{d.duties}</Item>}
      <Item label={h.confirmedAt}>{chinaDateTime(d.confirmedAt)}</Item>
    </dl>
  );
}

export function HirePage({ d, actions, asksPaid, message }: { d: HireDetail; actions: HireAction[]; asksPaid: boolean; message?: string | null }) {
  return (
    <>
      <h1>{h.title}</h1>
      {message && <p class="notice warn" role="alert">{message}</p>}
      <p>
        {h.number(d.id)} · <span class="badge">{h.statuses[d.status]}</span>
        {d.paid && <> <span class={d.paid === "paid" ? "badge" : "badge warn"}>{h.paidAnswer[d.paid]}</span></>}
      </p>
      <HireFacts d={d} />
      {d.viaMarketName && <p class="muted">{h.via(d.viaMarketName)}</p>}
      {asksPaid && <PaidQuestion hireId={d.id} />}
      {actions.length > 0 && (
        <Form action={paths.hires.status(d.id)}>
          {actions.map((a) => (
            <>
              <Submit name="action" value={a} secondary={a === "cancel"}>{h.actions[a]}</Submit>{" "}
            </>
          ))}
        </Form>
      )}
      <ul class="actions">
        <li>
          <a href={paths.hires.print(d.id)}>{h.print}</a>
        </li>
        <li>
          <a href={paths.jobs.show(d.postingId)}>{copy.jobs.backToPosting}</a>
        </li>
      </ul>
    </>
  );
}
