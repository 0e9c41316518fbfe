/** @jsxImportSource hono/jsx */
import { Form, Field, Select, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { Role } from "../../db/schema/constants.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.accounts;

export interface AccountRow {
  id: number;
  role: Role;
  name: string;
  phone: string;
  place: string;
  disabled: boolean;
  canDisable: boolean;
}

export function AccountListPage({ rows }: { rows: AccountRow[] }) {
  return (
    <>
      <h1>{t.adminTitle}</h1>
      <p>
        <a class="btn" href={paths.accounts.adminNew}>{t.adminNew}</a>
      </p>
      <Cards rows={rows} empty={t.noStaff} card={(r) => (
        <>
          <h2>{r.name}</h2>
          <p>
            {t.roles[r.role]} · {r.place} · <Tel phone={r.phone} /> · {r.disabled ? t.disabled : t.active}
          </p>
          {r.canDisable && !r.disabled && (
            <Form action={paths.accounts.adminDisable(r.id)}>
              <Submit secondary>{`${t.disable} ${r.name}`}</Submit>
            </Form>
          )}
        </>
      )} />
    </>
  );
}

export function NewAccountPage(props: {
  roles: readonly Option[];
  counties: readonly Option[];
  markets: readonly Option[];
  /** Where to create a market or station (shown when there is none yet: staff accounts belong to one). */
  newMarketLink: string;
  values?: Values;
  errors?: Errors;
}) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.adminNew}</h1>
      <ErrorSummary errors={errors} />
      {props.markets.length === 0 && (
        <p class="notice">
          {t.noMarketNotice} <a href={props.newMarketLink}>{t.noMarketLink}</a>
        </p>
      )}
      <Form action={paths.accounts.adminNew}>
        <Select name="role" label={t.role} options={props.roles} values={values} errors={errors} />
        <Field name="name" label={t.name} values={values} errors={errors} maxlength={30} />
        <Field name="phone" label={t.phone} type="tel" inputmode="tel" values={values} errors={errors} maxlength={20} />
        <Select name="countyCode" label={t.county} options={props.counties} blank={copy.common.choose} optional values={values} errors={errors} />
        <Select name="marketId" label={t.market} options={props.markets} blank={copy.common.choose} optional values={values} errors={errors} />
        <Field name="password" label={t.password} hint={t.passwordHint} type="password" autocomplete="new-password" errors={errors} />
        <Field name="password2" label={t.passwordAgain} type="password" autocomplete="new-password" errors={errors} />
        <Submit />
      </Form>
    </>
  );
}
