/** @jsxImportSource hono/jsx */
// /jobs: a plain GET filter form (so a search can be bookmarked or shared)
// above the results. With htmx the form swaps only the results in place.
import { Form, Field, Select, type Option, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { JobRows, type RowsProps } from "./_rows.tsx";

const t = copy.jobs;

export interface FilterOptions {
  kinds: readonly Option[];
  counties: readonly Option[];
  /** Townships of the chosen county; empty until a county is chosen. */
  townships: readonly Option[];
  forms: readonly Option[];
  brands: readonly Option[];
}

export function JobListPage({ values, options, rows }: { values: Values; options: FilterOptions; rows: RowsProps }) {
  const hx = { "hx-get": paths.jobs.list, "hx-target": "#rows", "hx-swap": "outerHTML", "hx-push-url": "true" };
  // After a search the results come first (on a 240×320 phone the form alone is two screens),
  // with one link to the form below them to change the search.
  const searched = Object.values(values).some((v) => v !== undefined && v !== "");
  const form = (
    <section id="filters" aria-label={t.searchForm}>
      {searched && <h2>{t.changeSearch}</h2>}
      <Form action={paths.jobs.list} method="get" hx={hx}>
        {/* 今天有活 first: most people look for work for today. */}
        <Select name="when" label={t.when} options={[["today", t.whenOptions.today], ["week", t.whenOptions.week]]} blank={t.any} values={values} optional />
        <Field name="q" label={t.keyword} hint={t.keywordHint} type="search" values={values} maxlength={50} optional />
        <Select name="county" label={t.county} options={options.counties} blank={t.any} values={values} optional />
        {options.townships.length > 0 ? (
          <Select name="township" label={t.township} options={options.townships} blank={t.any} values={values} optional />
        ) : (
          <p class="hint">{t.townshipHint}</p>
        )}
        <Select name="kind" label={t.kind} options={options.kinds} blank={t.any} values={values} optional />
        <details open={!!(values.form || values.brand || values.minDay)}>
          <summary>{t.filtersTitle}</summary>
          <Select name="form" label={t.form} options={options.forms} blank={t.any} values={values} optional />
          <Select name="brand" label={t.brand} options={options.brands} blank={t.any} values={values} optional />
          <Field name="minDay" label={t.minDayWage} hint={t.minDayWageHint} inputmode="numeric" size="s" values={values} maxlength={6} optional />
        </details>
        <p class="actions">
          <button type="submit" class="btn">{t.searchButton}</button> <a href={paths.jobs.list}>{t.clearFilters}</a>
        </p>
      </Form>
    </section>
  );
  if (searched) {
    return (
      <>
        <div class="title-row">
          <h1>{t.listTitle}</h1>
          <a href="#filters">{t.changeSearchLink}</a>
        </div>
        <JobRows {...rows} />
        {form}
      </>
    );
  }
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p class="actions">
        <a class="btn" href={`${paths.jobs.list}?when=today`}>{t.todayOnly}</a>
      </p>
      {form}
      <JobRows {...rows} />
    </>
  );
}
