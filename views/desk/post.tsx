/** @jsxImportSource hono/jsx */
// 代雇主招工: a same-day posting (即时快招) for an employer standing at the
// desk, in the jobs feature's five fields plus the employer's phone.
import { Form, Field, Select, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { at, deskHome, type DeskMarket } from "./bits.tsx";

const t = copy.desk;
const j = copy.jobs;

export function PostJobPage(props: { m: DeskMarket; kinds: readonly Option[]; counties: readonly Option[]; values?: Values; errors?: Errors; message?: string; employersQueue: string }) {
  const { m, values, errors } = props;
  return (
    <>
      <h1>{t.postTitle}</h1>
      <p>{t.postIntro}</p>
      {props.message && (
        <div class="notice warn" role="alert">
          <p>{props.message}</p>
          <p>
            <a href={paths.employers.register}>{t.registerEmployer}</a> · <a href={props.employersQueue}>{t.actions.employers}</a>
          </p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <Form action={at(m, paths.desk.postJob)}>
        <Field name="employerPhone" label={t.employerPhone} hint={t.employerPhoneHint} type="tel" inputmode="tel" autocomplete="off" maxlength={20} values={values} errors={errors} />
        <Select name="kindId" label={j.kind} options={props.kinds} blank={copy.common.choose} values={values} errors={errors} />
        <Field name="headcount" label={j.headcount} inputmode="numeric" maxlength={3} size="s" values={values} errors={errors} />
        <Field name="wage" label={j.quickWage} inputmode="decimal" maxlength={10} size="s" values={values} errors={errors} />
        <Select name="countyCode" label={j.county} options={props.counties} values={values} errors={errors} />
        <Field name="address" label={j.address} maxlength={100} values={values} errors={errors} />
        <Field name="contactPhone" label={j.contactPhone} type="tel" inputmode="tel" maxlength={20} values={values} errors={errors} />
        <Submit>{t.postButton}</Submit>
      </Form>
      <p>
        <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}
