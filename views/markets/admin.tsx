/** @jsxImportSource hono/jsx */
// Market records for county and city admins: the list and the one form used
// to create and to edit.
import { Form, Field, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { MarketTier } from "../../db/schema/constants.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.markets;

export interface AdminMarketRow {
  id: number;
  name: string;
  tier: MarketTier;
  place: string;
  phone: string;
  countyCode: string;
}

export function MarketAdminListPage(props: { rows: AdminMarketRow[]; page: number; pages: number; pageHref: (n: number) => string }) {
  return (
    <>
      <h1>{t.adminTitle}</h1>
      <p>
        <a class="btn" href={paths.markets.adminNew}>{t.adminNew}</a>
      </p>
      <Cards rows={props.rows} empty={t.none} card={(m) => (
        <>
          <h2>{m.name}</h2>
          <p>
            {t.tiers[m.tier]} · {m.place} {m.phone && <Tel phone={m.phone} />}
          </p>
          <p>
            <a href={paths.markets.adminEdit(m.id)}>{`${t.edit} ${m.name}`}</a> ·{" "}
            <a href={paths.markets.checklistMarket(m.countyCode, m.id)}>{t.checklistLink}</a> ·{" "}
            <a href={paths.markets.show(m.id)}>{t.listTitle}</a>
          </p>
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={props.pageHref} />
    </>
  );
}

export interface MarketFormOptions {
  nameHint: string;
  tiers: readonly Option[];
  natures: readonly Option[];
  counties: readonly Option[];
  townships: readonly Option[];
  kinds: readonly Option[];
  facilities: readonly Option[];
}

export function MarketFormPage(props: { heading: string; action: string; values: Values; errors?: Errors; options: MarketFormOptions }) {
  const { values, errors, options: o } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <Form action={props.action}>
        <Field name="name" label={t.name} hint={o.nameHint} maxlength={50} values={values} errors={errors} />
        <Select name="tier" label={t.tier} options={o.tiers} blank={copy.common.choose} values={values} errors={errors} />
        <Choices name="nature" label={t.nature} options={o.natures} values={values} errors={errors} />
        <Select name="countyCode" label={t.county} options={o.counties} blank={copy.common.choose} values={values} errors={errors} />
        <Select name="townshipCode" label={t.township} options={o.townships} blank={copy.common.choose} optional values={values} errors={errors} />
        <Field name="address" label={t.address} hint={t.addressHint} maxlength={100} values={values} errors={errors} />
        <Field name="hours" label={t.hours} hint={t.hoursHint} maxlength={50} values={values} errors={errors} />
        <Field name="phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" maxlength={20} values={values} errors={errors} />
        <Field name="supervisionPhone" label={t.supervisionPhone} hint={t.supervisionHint} type="tel" inputmode="tel" maxlength={20} values={values} errors={errors} />
        <Field name="personInCharge" label={t.personInCharge} hint={t.personHint} maxlength={30} values={values} errors={errors} />
        <Choices name="kinds" label={t.kinds} hint={t.kindsHint} options={o.kinds} multiple optional values={values} errors={errors} />
        <Choices name="facilities" label={t.facilities} hint={t.facilitiesHint} options={o.facilities} multiple optional values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}
