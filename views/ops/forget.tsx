/** @jsxImportSource hono/jsx */
// A worker's "delete my data" request at the station: find the worker, check,
// confirm. Nothing personal goes into a URL: the lookup is a POST, the
// confirmation page is addressed by the account id.
import { Form, Field, Choices, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { chinaDate } from "../../src/shared/clock.ts";
import { Item } from "../components/lists.tsx";

const t = copy.ops;

export function ForgetLookupPage({ values, errors }: { values?: Values; errors?: Errors }) {
  return (
    <>
      <h1>{t.forgetTitle}</h1>
      <p>{t.forgetIntro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.ops.forget}>
        <Field name="who" label={t.forgetLookup} hint={t.forgetLookupHint} values={values} errors={errors} maxlength={30} autocomplete="off" />
        <Submit>{t.forgetFind}</Submit>
      </Form>
    </>
  );
}

export interface ForgetWorker {
  id: number;
  name: string;
  phone: string;
  county: string;
  createdAt: number;
}

export function ForgetConfirmPage({ w, refusal, errors }: { w: ForgetWorker; refusal?: string; errors?: Errors }) {
  return (
    <>
      <h1>{t.forgetConfirmTitle}</h1>
      {refusal && <p class="notice warn" role="alert">{refusal}</p>}
      <ErrorSummary errors={errors} />
      <dl class="facts">
        <Item label={t.name}>{w.name}</Item>
        <Item label={t.phone}>
          <Tel phone={w.phone} masked />
        </Item>
        {w.county && <Item label={t.county}>{w.county}</Item>}
        <Item label={t.registered}>{chinaDate(w.createdAt)}</Item>
      </dl>
      <p>{t.forgetWhat}</p>
      {!refusal && (
        <Form action={paths.ops.forgetWorker(w.id)}>
          <Choices name="confirm" label={t.forgetConfirmTitle} options={[["yes", t.forgetCheck]]} multiple errors={errors} />
          <Submit>{t.forgetButton}</Submit>
        </Form>
      )}
      <p>
        <a href={paths.ops.forget}>{copy.common.back}</a>
      </p>
    </>
  );
}
