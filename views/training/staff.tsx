/** @jsxImportSource hono/jsx */
// Staff pages for training sessions: the list, the create/edit form, and one
// session with its sign-ups, walk-in sign-up and cancellation.
import { Form, Field, TextArea, Select, Choices, ErrorSummary, Submit, type Errors, type Option, type Values } from "../components/forms.tsx";
import { Pager, Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { SignupStatus } from "../../db/schema/index.ts";
import { SessionFacts, placesLine, type SessionView } from "./bits.tsx";
import { Cards } from "../components/lists.tsx";

const t = copy.training;

export function StaffSessionListPage(props: { rows: SessionView[]; today: string; page: number; pages: number }) {
  return (
    <>
      <h1>{t.staffTitle}</h1>
      <ul class="actions">
        <li>
          <a class="btn" href={paths.training.staffNew}>{t.newSession}</a>
        </li>
        <li>
          <a href={paths.training.staffFairs}>{t.staffFairsLink}</a>
        </li>
      </ul>
      <Cards rows={props.rows} empty={t.staffEmpty} card={(s) => (
        <>
          <h2>
            <a href={paths.training.staffShow(s.id)}>{s.title}</a>
          </h2>
          <p>
            {t.dateRange(s.startDate, s.endDate)} · {s.marketName} · {placesLine(s, props.today)}
          </p>
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.training.staffList}?page=${n}`} />
    </>
  );
}

export function SessionFormPage(props: {
  action: string;
  title: string;
  markets: readonly Option[];
  workKinds: readonly Option[];
  values?: Values;
  errors?: Errors;
}) {
  const { values, errors } = props;
  const kinds = Object.entries(t.kinds) as [string, string][];
  return (
    <>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={props.action}>
        <Select name="marketId" label={t.market} options={props.markets} values={values} errors={errors} />
        <Choices name="kind" label={t.kind} options={kinds} values={values} errors={errors} />
        <Field name="title" label={t.title} maxlength={60} values={values} errors={errors} />
        <Select name="workKindId" label={t.workKind} options={props.workKinds} blank={t.noWorkKind} optional values={values} errors={errors} />
        <Field name="provider" label={t.provider} maxlength={60} values={values} errors={errors} />
        <Choices name="online" label={t.way} options={[["0", t.offline], ["1", t.online]]} values={values} errors={errors} />
        <Field name="place" label={t.place} hint={t.placeHint} maxlength={100} values={values} errors={errors} />
        <Field name="startDate" label={t.startDate} type="date" values={values} errors={errors} />
        <Field name="endDate" label={t.endDate} type="date" values={values} errors={errors} />
        <Field name="hours" label={t.hours} hint={t.hoursHint} optional maxlength={60} values={values} errors={errors} />
        <Field name="capacity" label={t.capacity} hint={t.capacityHint} inputmode="numeric" size="s" values={values} errors={errors} />
        <Field name="signupDeadline" label={t.deadline} hint={t.deadlineHint} type="date" values={values} errors={errors} />
        <Field name="cost" label={t.cost} hint={t.costHint} inputmode="decimal" size="s" optional values={values} errors={errors} />
        <TextArea name="subsidyRule" label={t.subsidyRule} hint={t.ruleHint} optional rows={3} maxlength={300} values={values} errors={errors} />
        <TextArea name="allowanceRule" label={t.allowanceRule} hint={t.ruleHint} optional rows={3} maxlength={300} values={values} errors={errors} />
        <TextArea name="description" label={t.description} optional rows={5} maxlength={1000} values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export interface StaffSignupRow {
  id: number;
  name: string;
  phone: string;
  status: SignupStatus;
  position: number | null;
  viaMarket: string | null;
  completedAt?: number | null;
}

export function StaffSessionPage(props: {
  s: SessionView;
  today: string;
  signups: StaffSignupRow[];
  page: number;
  pages: number;
  values?: Values;
  errors?: Errors;
  /** Errors of the cancel-session form, shown there. */
  cancelErrors?: Errors;
  message?: string;
}) {
  const { s, values, errors } = props;
  const open = s.status === "open";
  return (
    <>
      <h1>{s.title}</h1>
      {!open && <p class="notice warn">{t.cancelledNote(s.cancelReason ?? "")}</p>}
      <p>
        <strong>{t.confirmedCount(s.confirmedCount)}</strong> · {t.waitingCount(s.waitingCount)} · {placesLine(s, props.today)}
      </p>
      <ul class="actions">
        {open && (
          <li>
            <a href={paths.training.staffEdit(s.id)}>{t.editSession}</a>
          </li>
        )}
        <li>
          <a href={paths.training.attendance(s.id)}>{t.attendanceLink}</a>
        </li>
        <li>
          <a href={paths.training.sheet(s.id)}>{t.sheetLink}</a>
        </li>
        <li>
          <a href={paths.training.completersCsv(s.id)}>{t.csvLink}</a>
        </li>
        <li>
          <a href={paths.training.show(s.id)}>{t.listTitle}</a>
        </li>
      </ul>
      {open && props.today <= s.signupDeadline && (
        <section aria-labelledby="walkin">
          <h2 id="walkin">{t.walkInTitle}</h2>
          <p>{t.walkInIntro}</p>
          {props.message && (
            <p class="notice warn" role="alert">
              {props.message}
            </p>
          )}
          <ErrorSummary errors={errors} />
          <Form action={paths.training.staffWalkIn(s.id)}>
            <Field name="name" label={t.name} maxlength={20} values={values} errors={errors} />
            <Field name="phone" label={t.phone} type="tel" inputmode="tel" maxlength={20} values={values} errors={errors} />
            <Field name="idNumber" label={t.idNumber} hint={t.idNumberHint} optional maxlength={20} values={values} errors={errors} />
            <Submit>{t.signupTitle}</Submit>
          </Form>
        </section>
      )}
      <h2>{t.signupsTitle}</h2>
      <Cards rows={props.signups} empty={t.noSignups} card={(r) => (
        <>
          <h3>{r.name}</h3>
          <p>
            <Tel phone={r.phone} masked /> · {r.status === "waiting" && r.position ? t.waitingNo(r.position) : t.statuses[r.status]}
            {r.viaMarket && <> · {t.viaMarket(r.viaMarket)}</>}
            {r.completedAt != null && (
              <>
                {" · "}
                <a href={paths.training.certificate(r.id)} aria-label={t.certificateFor(r.name)}>{t.certificateLink}</a>
              </>
            )}
          </p>
          {open && props.today <= s.startDate && (
            <Form action={paths.training.staffCancelSignup(r.id)}>
              <Submit secondary>{t.staffCancelSignup(r.name)}</Submit>
            </Form>
          )}
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.training.staffShow(s.id)}?page=${n}`} />
      <SessionFacts s={s} full />
      {open && (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{t.cancelSessionTitle}</h2>
          <Form action={paths.training.staffCancel(s.id)}>
            <ErrorSummary errors={props.cancelErrors} />
            <Field name="reason" label={t.cancelReason} hint={t.cancelReasonHint} maxlength={100} values={values} errors={props.cancelErrors} />
            <Submit secondary>{t.cancelSession}</Submit>
          </Form>
        </section>
      )}
    </>
  );
}
