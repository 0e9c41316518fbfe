/** @jsxImportSource hono/jsx */
// Small pieces the worker pages share: days and wages as words, the place fields.
import type { WageUnit } from "../../db/schema/constants.ts";
import { Select, Choices, Field, type Errors, type Values, type Option } from "../components/forms.tsx";
import { formatYuan } from "../components/bits.tsx";
import { daysList, DAY_VALUES } from "../../src/features/workers/workers.domain.ts";
import { wageUnits } from "../../db/schema/constants.ts";
import { copy } from "../copy/index.ts";

const t = copy.workers;

export const dayOptions: readonly Option[] = DAY_VALUES.map((d, i) => [d, t.dayNames[i]] as const);
export const unitOptions: readonly Option[] = wageUnits.map((u) => [u, t.wageUnits[u]] as const);

export function daysText(days: string | null | undefined): string {
  const list = daysList(days);
  return list.length === 0 || list.length === 7 ? t.anyDay : list.map((d) => t.dayNames[Number(d) - 1]).join(" ");
}

export function wageText(fen: number | null | undefined, unit: WageUnit | null | undefined): string {
  return fen && unit ? t.wagePer(formatYuan(fen), t.unitShort[unit]) : t.wageOpen;
}

/** County and township selects; the township list is the chosen county's, or every township with its county. */
export function PlaceFields(props: { countyLabel: string; counties: readonly Option[]; townships: readonly Option[]; values?: Values; errors?: Errors; countyOptional?: boolean }) {
  return (
    <>
      <Select name="countyCode" label={props.countyLabel} options={props.counties} blank={copy.common.choose} optional={props.countyOptional} values={props.values} errors={props.errors} />
      <Select name="townshipCode" label={t.township} hint={t.townshipHint} options={props.townships} blank={copy.common.choose} optional values={props.values} errors={props.errors} />
    </>
  );
}

export function DaysAndWage({ values, errors }: { values?: Values; errors?: Errors }) {
  return (
    <>
      <Choices name="days" label={t.days} hint={t.daysHint} options={dayOptions} multiple optional values={values} errors={errors} />
      <Field name="wage" label={t.wage} hint={t.wageHint} inputmode="decimal" optional values={values} errors={errors} maxlength={12} size="s" />
      <Select name="wageUnit" label={t.wageUnit} options={unitOptions} blank={copy.common.choose} optional values={values} errors={errors} />
    </>
  );
}
