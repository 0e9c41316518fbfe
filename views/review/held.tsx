/** @jsxImportSource hono/jsx */
// Staff pages: household postings held for their headcount (待审核的招工),
// the list and one posting with the approve and reject forms.
import { chinaDate } from "../../src/shared/clock.ts";
import { Form, TextArea, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.review;

export interface HeldRow {
  id: number;
  title: string;
  headcount: number;
  county: string;
  startDate: string;
  endDate: string;
  updatedAt: number;
  employerName: string;
  employerVerified: boolean;
}

export function HeldQueuePage(props: { rows: HeldRow[]; total: number; page: number; pages: number; max: number }) {
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro(props.max)}</p>
      <p>{t.count(props.total)}</p>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="cards">
          {props.rows.map((r) => (
            <li class="card">
              <h2>
                <a href={paths.review.show(r.id)}>{r.title}</a>
              </h2>
              <p>
                <span class="badge warn">{t.headcount(r.headcount)}</span> {r.employerName}
                {!r.employerVerified && t.employerNotVerified} · {r.county} · {r.startDate}–{r.endDate} · {t.savedOn(chinaDate(r.updatedAt))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.review.queue}?page=${n}`} />
    </>
  );
}

export interface HeldPosting {
  id: number;
  title: string;
  headcount: number;
  place: string;
  startDate: string;
  endDate: string;
  duties: string;
  contactName: string;
  contactPhone: string;
  employerName: string;
  employerVerified: boolean;
}

export function HeldPostingPage(props: { p: HeldPosting; values?: Values; errors?: Errors; message?: string }) {
  const { p, errors } = props;
  return (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary errors={errors} />
      {props.message && (
        <p class="notice" role="alert">
          {props.message}
        </p>
      )}
      <dl>
        <dt>{t.employer}</dt>
        <dd>
          {p.employerName}
          {!p.employerVerified && t.employerNotVerified}
        </dd>
        <dt>{t.headcount(p.headcount)}</dt>
        <dd>{t.dates}:{p.startDate}–{p.endDate}</dd>
        <dt>{t.place}</dt>
        <dd>{p.place}</dd>
        <dt>{t.duties}</dt>
        <dd>{p.duties}</dd>
        <dt>{t.contact}</dt>
        <dd>
          {p.contactName} <Tel phone={p.contactPhone} masked />
        </dd>
      </dl>
      <p>
        <a href={paths.jobs.show(p.id)}>{t.viewPosting}</a>
      </p>
      <Form action={paths.review.approve(p.id)}>
        <p class="hint">{t.approveNote}</p>
        <Submit>{t.approve}</Submit>
      </Form>
      <Form action={paths.review.reject(p.id)}>
        <h2>{t.rejectTitle}</h2>
        <TextArea name="reason" label={t.reasonLabel} hint={t.reasonHint} rows={3} maxlength={200} values={props.values} errors={errors} />
        <Submit secondary>{t.reject}</Submit>
      </Form>
      <p class="actions">
        <a href={paths.review.queue}>{t.backToQueue}</a>
      </p>
    </>
  );
}
