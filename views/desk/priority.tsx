/** @jsxImportSource hono/jsx */
// 困难人员帮扶: the help queue, longest waiting first, each person with jobs
// that fit, a one-step sign-up and the contact log.
import { chinaDate } from "../../src/shared/clock.ts";
import { Form, Select, Submit } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { PriorityCategory } from "../../src/features/desk/desk.domain.ts";
import { priorityCategories } from "../../src/features/desk/desk.domain.ts";
import type { PostingCard } from "../../src/features/desk/desk.repo.ts";
import { at, deskHome, Wage, type DeskMarket } from "./bits.tsx";
import { Cards } from "../components/lists.tsx";

const t = copy.desk;

/** One posting in a line: code, title, wage, dates, people still wanted. */
export function PostingLine({ p }: { p: PostingCard }) {
  return (
    <p>
      <a href={paths.jobs.show(p.id)}>{`#${p.id} ${p.title}`}</a> · {p.kind} · <Wage p={p} /> · {t.dates(p.startDate, p.endDate)} ·{" "}
      {t.left(Math.max(0, p.headcount - p.filledCount))}
    </p>
  );
}

export interface QueueRow {
  id: number;
  name: string;
  phone: string;
  categories: PriorityCategory[];
  waiting: number | null;
  lastContact: number | null;
  suggestions: PostingCard[];
}

export function PriorityPage(props: {
  m: DeskMarket;
  intro: string;
  rows: QueueRow[];
  total: number;
  category?: PriorityCategory;
  page: number;
  pages: number;
  showsSensitive: boolean;
}) {
  const { m } = props;
  const base = at(m, paths.desk.priority);
  const join = base.includes("?") ? "&" : "?";
  const href = (n: number) => `${base}${join}${props.category ? `category=${props.category}&` : ""}page=${n}`;
  const cats = props.showsSensitive ? priorityCategories : priorityCategories.filter((c) => c !== "low_income" && c !== "disabled");
  return (
    <>
      <h1>{t.priorityTitle}</h1>
      <p>{props.intro}</p>
      {!props.showsSensitive && <p class="muted">{t.sensitiveHidden}</p>}
      <Form action={paths.desk.priority} method="get">
        {m.choices && <input type="hidden" name="market" value={String(m.id)} />}
        <Select name="category" label={t.filter} blank={t.allCategories} options={cats.map((c) => [c, t.categories[c]] as const)} values={{ category: props.category }} />
        <Submit secondary>{t.filterButton}</Submit>
      </Form>
      <Cards rows={props.rows} empty={t.nobodyInQueue} card={(r) => (
        <>
          <h2>
            <a href={at(m, paths.desk.worker(r.id))}>{r.name}</a>
          </h2>
          <p>
            {r.categories.map((c) => (
              <>
                <span class="badge warn">{t.categories[c]}</span>{" "}
              </>
            ))}
            {r.waiting === null ? t.neverCheckedIn : t.waitingDays(r.waiting)} · <Tel phone={r.phone} /> ·{" "}
            {r.lastContact === null ? t.neverContacted : t.lastContact(chinaDate(r.lastContact))}
          </p>
          {r.suggestions.length === 0 ? (
            <p class="muted">{t.noSuggestions}</p>
          ) : (
            r.suggestions.map((s) => (
              <Form action={at(m, paths.desk.signUp(r.id))}>
                <input type="hidden" name="posting" value={String(s.id)} />
                <input type="hidden" name="back" value="priority" />
                <PostingLine p={s} />
                <Submit secondary>{t.signUpFor(s.title)}</Submit>
              </Form>
            ))
          )}
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={href} />
      <p>
        <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}
