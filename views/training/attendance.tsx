/** @jsxImportSource hono/jsx */
// Attendance and completion on the shared PC (one form, a checkbox per person
// per day, Tab and Space to move and tick), the printed sign-in sheet, and
// the one-page completion certificate. The last two use the bare layout.
import { Form, Submit } from "../components/forms.tsx";
import { Pager, Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { maskResidentId } from "../../src/shared/validators.ts";
import type { TrainingKind } from "../../db/schema/index.ts";
import { Item } from "../components/lists.tsx";

const t = copy.training;

export interface RosterRow {
  id: number;
  name: string;
  phone: string;
  completedAt: number | null;
  days: string[];
}

const md = (day: string) => day.slice(5);

export function AttendancePage(props: {
  session: { id: number; title: string };
  days: string[];
  markable: string[];
  rows: RosterRow[];
  offset: number;
  page: number;
  pages: number;
  refusal?: string;
  message?: string;
}) {
  const { session, days, rows } = props;
  const markable = new Set(props.markable);
  return (
    <>
      <h1>{t.attendanceTitle}</h1>
      <p class="actions">
        <a href={paths.training.staffShow(session.id)}>{session.title}</a>
      </p>
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      {props.refusal ? (
        <p class="notice warn">{props.refusal}</p>
      ) : rows.length === 0 ? (
        <p>{t.noConfirmed}</p>
      ) : (
        <Form action={paths.training.attendance(session.id) + `?page=${props.page}`}>
          <p>{t.attendanceIntro}</p>
          <div class="scroll">
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">{t.no}</th>
                  <th scope="col">{t.name}</th>
                  {days.map((d) => (
                    <th scope="col">{md(d)}</th>
                  ))}
                  <th scope="col">{t.attended}</th>
                  <th scope="col">{t.completion}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const here = new Set(r.days);
                  return (
                    <tr>
                      <td>
                        {props.offset + i + 1}
                        <input type="hidden" name="ids" value={String(r.id)} />
                      </td>
                      <th scope="row">{r.name}</th>
                      {days.map((d) => (
                        <td>
                          {markable.has(d) ? (
                            <input type="checkbox" name="a" value={`${r.id}:${d}`} checked={here.has(d)} aria-label={t.present(r.name, md(d))} />
                          ) : (
                            "—"
                          )}
                        </td>
                      ))}
                      <td>{t.daysOf(r.days.length, days.length)}</td>
                      <td>
                        <input type="checkbox" name="done" value={String(r.id)} checked={r.completedAt !== null} aria-label={t.completeBox(r.name)} />
                        {r.completedAt !== null && (
                          <>
                            {" "}
                            <a href={paths.training.certificate(r.id)} aria-label={t.certificateFor(r.name)}>{t.certificateLink}</a>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Submit>{t.attendanceSave}</Submit>
        </Form>
      )}
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.training.attendance(session.id)}?page=${n}`} />
    </>
  );
}

/** The printed sign-in sheet: a box per person per day, to sign by hand. */
export function SheetPage(props: {
  session: { title: string; place: string; hours: string; startDate: string; endDate: string; marketName: string };
  days: string[];
  rows: RosterRow[];
}) {
  const { session, days, rows } = props;
  return (
    <div class="printout">
      <h1>{t.sheetTitle(session.title)}</h1>
      <p>
        {t.dateRange(session.startDate, session.endDate)} {session.hours} · {session.place} · {session.marketName}
      </p>
      <div class="scroll" tabindex={0} role="region" aria-label={t.sheetTitle(session.title)}>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t.no}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.phone}</th>
              {days.map((d) => (
                <th scope="col">{md(d)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr>
                <td>{i + 1}</td>
                <th scope="row">{r.name}</th>
                <td>
                  <Tel phone={r.phone} masked />
                </td>
                {days.map(() => (
                  <td class="sign"></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function CertificatePage(props: {
  name: string;
  idNumber: string | null;
  title: string;
  kind: TrainingKind;
  startDate: string;
  endDate: string;
  attendedDays: number;
  totalDays: number;
  number: string;
  issuer: string;
  issuedOn: string;
}) {
  return (
    <article class="certificate printout">
      <h1>{t.certificateTitle}</h1>
      <p class="print-big">{t.certificateBody(props.name, props.title, t.kinds[props.kind])}</p>
      <dl class="facts">
        {props.idNumber && <Item label={t.idNumber}>{maskResidentId(props.idNumber)}</Item>}
        <Item label={t.dates}>{t.dateRange(props.startDate, props.endDate)}</Item>
        <Item label={t.attendedDays}>{t.daysOf(props.attendedDays, props.totalDays)}</Item>
        <Item label={t.certificateNo}>{props.number}</Item>
        <Item label={t.issuedBy}>{props.issuer}</Item>
        <Item label={t.issuedOn}>{props.issuedOn}</Item>
      </dl>
    </article>
  );
}
