/** @jsxImportSource hono/jsx */
// The posting form (new and edit) and the five-field quick-hire form.
import { Form, Field, TextArea, Select, Choices, ErrorSummary, Submit, type Errors, type Option, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { payTimes, payMethods } from "../../db/schema/constants.ts";
import { GoingRates, type RateLines } from "../records/parts.tsx";

const t = copy.jobs;

export interface PostingFormOptions {
  kinds: readonly Option[];
  counties: readonly Option[];
  /** Townships of the county in the form (or the employer's county). */
  townships: readonly Option[];
  forms: readonly Option[];
  units: readonly Option[];
  brands: readonly Option[];
}

export function PostingFormPage(props: {
  heading: string;
  action: string;
  values: Values;
  errors?: Errors;
  options: PostingFormOptions;
  /** The minimum-wage warning, shown above the form when the wage is low. */
  warning?: string | null;
  submit: string;
  intro?: boolean;
  /** The going rate for this county (records feature): lines to price by. */
  rates?: RateLines | null;
}) {
  const { values, errors, options: o } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      {props.intro && (
        <>
          <p>{t.newIntro}</p>
          <p>
            <a href={paths.jobs.quick}>{t.quickLink}</a>
          </p>
        </>
      )}
      <ErrorSummary errors={errors} />
      {props.warning && <p class="notice warn">{props.warning}</p>}
      {props.rates && <GoingRates {...props.rates} />}
      <Form action={props.action}>
        <Field name="title" label={t.title} hint={t.titleHint} values={values} errors={errors} maxlength={40} />
        <Select name="kindId" label={t.kind} options={o.kinds} blank={copy.common.choose} values={values} errors={errors} />
        <Choices name="form" label={t.form} options={o.forms} values={values} errors={errors} />
        <Field name="headcount" label={t.headcount} inputmode="numeric" size="s" values={values} errors={errors} maxlength={3} />
        <Choices name="payMode" label={t.payMode} hint={t.payModeHint} options={[["wage", t.payModes.wage], ["quote", t.payModes.quote]]} values={values} errors={errors} />
        <Field name="wage" label={t.wage} inputmode="decimal" size="s" values={values} errors={errors} maxlength={11} optional />
        <Select name="wageUnit" label={t.wageUnit} options={o.units} blank={copy.common.choose} values={values} errors={errors} optional />
        <Field name="startDate" label={t.startDate} hint={t.dateHint} type="date" values={values} errors={errors} />
        <Field name="endDate" label={t.endDate} hint={t.endDateHint} type="date" values={values} errors={errors} />
        <Field name="hours" label={t.hours} hint={t.hoursHint} values={values} errors={errors} maxlength={50} optional />
        {/* Asked here so the written agreement says when and how the wage is paid. */}
        <Select name="payTime" label={t.payTime} options={payTimes.map((k) => [k, t.payTimes[k]] as const)} blank={copy.common.choose} values={values} errors={errors} optional />
        <Select name="payMethod" label={t.payMethod} options={payMethods.map((k) => [k, t.payMethods[k]] as const)} blank={copy.common.choose} values={values} errors={errors} optional />
        <Select name="countyCode" label={t.county} options={o.counties} blank={copy.common.choose} values={values} errors={errors} />
        {o.townships.length > 0 && <Select name="townshipCode" label={t.township} options={o.townships} blank={t.any} values={values} errors={errors} optional />}
        <Field name="address" label={t.address} hint={t.addressHint} values={values} errors={errors} maxlength={100} />
        <TextArea name="duties" label={t.duties} hint={t.dutiesHint} values={values} errors={errors} maxlength={1000} />
        <TextArea name="requirements" label={t.requirements} values={values} errors={errors} maxlength={500} rows={2} optional />
        <Field name="contactName" label={t.contactName} values={values} errors={errors} maxlength={20} />
        <Field name="contactPhone" label={t.contactPhone} hint={t.contactPhoneHint} type="tel" inputmode="tel" values={values} errors={errors} maxlength={20} />
        {o.brands.length > 0 && <Choices name="brandIds" label={t.brands} options={o.brands} multiple values={values} errors={errors} optional />}
        <Submit>{props.submit}</Submit>
      </Form>
    </>
  );
}

export function QuickFormPage({ values, errors, options, rates }: { values: Values; errors?: Errors; options: Pick<PostingFormOptions, "kinds" | "counties">; rates?: RateLines | null }) {
  return (
    <>
      <h1>{t.quickTitle}</h1>
      <p>{t.quickIntro}</p>
      <ErrorSummary errors={errors} />
      {rates && <GoingRates {...rates} />}
      <Form action={paths.jobs.quick}>
        <Select name="kindId" label={t.kind} options={options.kinds} blank={copy.common.choose} values={values} errors={errors} />
        <Field name="headcount" label={t.headcount} inputmode="numeric" size="s" values={values} errors={errors} maxlength={3} />
        <Field name="wage" label={t.quickWage} inputmode="decimal" size="s" values={values} errors={errors} maxlength={11} />
        <Select name="countyCode" label={t.county} options={options.counties} blank={copy.common.choose} values={values} errors={errors} />
        <Field name="address" label={t.address} hint={t.addressHint} values={values} errors={errors} maxlength={100} />
        <Field name="contactPhone" label={t.contactPhone} type="tel" inputmode="tel" values={values} errors={errors} maxlength={20} />
        <Submit>{t.quickButton}</Submit>
      </Form>
    </>
  );
}
