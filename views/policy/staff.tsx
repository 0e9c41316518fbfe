/** @jsxImportSource hono/jsx */
// Staff pages for articles: the list, and the form with a preview of the
// markup as readers will see it.
import { raw } from "hono/html";
import { Form, Field, TextArea, Select, ErrorSummary, Submit, type Errors, type Option, type Values } from "../components/forms.tsx";
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { ArticleCategory } from "../../db/schema/index.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.policy;

export interface StaffArticleRow {
  id: number;
  category: ArticleCategory;
  title: string;
  place: string;
  status: "published" | "archived";
}

export function StaffArticleListPage({ rows, page, pages }: { rows: StaffArticleRow[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.staffTitle}</h1>
      <p>
        <a class="btn" href={paths.policy.staffNew}>{t.newArticle}</a>
      </p>
      <Cards rows={rows} empty={t.staffEmpty} card={(a) => (
        <>
          <h2>
            <a href={paths.policy.staffEdit(a.id)}>{a.title}</a>
          </h2>
          <p>
            <span class="badge">{t.categories[a.category]}</span> {a.place}
            {a.status === "archived" && (
              <>
                {" "}
                <span class="badge warn">{t.archivedBadge}</span>
              </>
            )}
          </p>
        </>
      )} />
      <Pager page={page} pages={pages} href={(n) => `${paths.policy.staffList}?page=${n}`} />
    </>
  );
}

export function ArticleFormPage(props: {
  action: string;
  heading: string;
  markets: readonly Option[];
  /** The city admin may leave the market blank (= the whole city). */
  wholeCity: boolean;
  values?: Values;
  errors?: Errors;
  preview?: string;
  archiveAction?: string;
}) {
  const { values, errors } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <Form action={props.action}>
        <Select name="category" label={t.category} options={Object.entries(t.categories)} blank={copy.common.choose} values={values} errors={errors} />
        <Field name="title" label={t.title} maxlength={40} values={values} errors={errors} />
        <Select
          name="marketId"
          label={t.market}
          hint={t.marketHint}
          options={props.markets}
          blank={props.wholeCity ? t.wholeCity : undefined}
          values={values}
          errors={errors}
        />
        <TextArea name="body" label={t.body} hint={t.bodyHint} rows={14} maxlength={6000} values={values} errors={errors} />
        <Submit>{copy.common.save}</Submit>
      </Form>
      {props.preview && (
        <section aria-labelledby="preview" class="article">
          <h2 id="preview">{t.preview}</h2>
          {raw(props.preview)}
        </section>
      )}
      {props.archiveAction && (
        <Form action={props.archiveAction}>
          <Submit secondary>{t.archive}</Submit>
        </Form>
      )}
    </>
  );
}
