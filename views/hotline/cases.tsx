/** @jsxImportSource hono/jsx */
// Staff: the cases in one's scope, filtered by status, category, overdue.
import { Form, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { caseCategories, caseStatuses, type CaseCategory, type CaseStatus, type CaseUrgency } from "../../db/schema/hotline.ts";
import { StaffLinks } from "./home.tsx";
import { Cards } from "../components/lists.tsx";

const t = copy.hotline;

export interface CaseListRow {
  id: number;
  number: string;
  category: CaseCategory;
  status: CaseStatus;
  urgency: CaseUrgency;
  dueDate: string;
  lateDays: number;
  concern: string;
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>): Option[] => keys.map((k) => [k, labels[k]] as const);

export function CaseBadges({ urgency, lateDays }: { urgency: CaseUrgency; lateDays: number }) {
  return (
    <>
      {urgency === "urgent" && <span class="badge warn">{t.urgentBadge}</span>}{" "}
      {lateDays > 0 && <span class="badge warn">{t.lateBadge(lateDays)}</span>}
    </>
  );
}

export function CasesPage(p: { rows: CaseListRow[]; total: number; page: number; values: Values; errors?: Errors; query: string }) {
  const pages = Math.max(1, Math.ceil(p.total / 20));
  const overdue = p.values.overdue === "1";
  return (
    <>
      <h1>{t.casesTitle}</h1>
      <StaffLinks />
      <ErrorSummary errors={p.errors} />
      <Form action={paths.hotline.cases} method="get" class="filters">
        <Select name="status" label={t.status} options={opts(caseStatuses, t.statuses)} blank={t.all} values={p.values} errors={p.errors} />
        <Select name="category" label={t.colCategory} options={opts(caseCategories, t.categories)} blank={t.all} values={p.values} errors={p.errors} />
        <Choices name="overdue" label={t.overdueOnly} options={[["1", t.overdueOption]]} multiple values={p.values} errors={p.errors} />
        <Submit secondary>{t.filter}</Submit>
      </Form>
      <p>
        {t.count(p.total)}
        {overdue && ` ${t.overdueSorted}`}
      </p>
      <Cards rows={p.rows} empty={t.noCases} card={(r) => (
        <>
          <h2>
            <a href={paths.hotline.case(r.id)}>{r.number}</a>
          </h2>
          <p>
            {t.categories[r.category]} · {t.statuses[r.status]} <CaseBadges urgency={r.urgency} lateDays={r.lateDays} />
          </p>
          <p class="muted">
            {t.colDue} {r.dueDate}
            {r.concern && ` · ${r.concern}`}
          </p>
        </>
      )} />
      <Pager page={p.page} pages={pages} href={(n) => `${paths.hotline.cases}?${p.query}${p.query ? "&" : ""}page=${n}`} />
    </>
  );
}
