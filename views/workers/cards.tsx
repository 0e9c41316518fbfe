/** @jsxImportSource hono/jsx */
// 求职信息: the worker's own cards, the form for a new one, and the public list (找工人).
import type { WageUnit } from "../../db/schema/constants.ts";
import { Form, Select, TextArea, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { chinaDate } from "../../src/shared/clock.ts";
import { PlaceFields, DaysAndWage, daysText, wageText } from "./bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.workers;

export interface CardView {
  id: number;
  kind: string;
  place: string;
  days: string;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  note: string;
  status: "open" | "closed";
  updatedAt: number;
}

export function MyCardsPage({ cards, page, pages }: { cards: CardView[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.cardsTitle}</h1>
      <p>{t.cardsIntro}</p>
      <p>
        <a class="btn" href={paths.workers.cardNew}>{t.newCard}</a>
      </p>
      <Cards rows={cards} empty={t.noCards} card={(c) => (
        <>
          <h2>{c.kind}</h2>
          <p>
            <span class={c.status === "open" ? "badge" : "badge warn"}>{t.cardStatuses[c.status]}</span> {c.place} · {daysText(c.days)} · {wageText(c.wageFen, c.wageUnit)}
          </p>
          {c.note && <p>{c.note}</p>}
          <Form action={c.status === "open" ? paths.workers.cardClose(c.id) : paths.workers.cardReopen(c.id)}>
            <Submit secondary>{`${c.status === "open" ? t.close : t.reopen}:${c.kind}`}</Submit>
          </Form>
        </>
      )} />
      <Pager page={page} pages={pages} href={(n) => `${paths.workers.cards}?page=${n}`} />
    </>
  );
}

export function NewCardPage(props: { kinds: readonly Option[]; counties: readonly Option[]; townships: readonly Option[]; values?: Values; errors?: Errors }) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.cardNewTitle}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.workers.cardNew}>
        <Select name="kindId" label={t.kind} options={props.kinds} blank={copy.common.choose} values={values} errors={errors} />
        <PlaceFields countyLabel={t.workCounty} counties={props.counties} townships={props.townships} values={values} errors={errors} />
        <DaysAndWage values={values} errors={errors} />
        <TextArea name="note" label={t.note} hint={t.noteHint} rows={3} maxlength={200} optional values={values} errors={errors} />
        <Submit>{t.publish}</Submit>
      </Form>
      <p class="actions">
        <a href={paths.workers.cards}>{t.backToCards}</a>
      </p>
    </>
  );
}

export interface PublicCard {
  id: number;
  kind: string;
  place: string;
  days: string;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  note: string;
  /** Masked for the public ("王**"), in full for staff and verified employers. */
  name: string;
  phone: string;
  fullPhone: boolean;
  age: number | null;
  gender: string | null;
  updatedAt: number;
}

export function WorkersListPage(props: {
  cards: PublicCard[];
  total: number;
  kinds: readonly Option[];
  counties: readonly Option[];
  townships: readonly Option[];
  filter: Values;
  page: number;
  pages: number;
  href: (page: number) => string;
  showPhoneNote: boolean;
}) {
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <Form action={paths.workers.list} method="get">
        <Select name="kind" label={t.filterKind} options={props.kinds} blank={t.all} values={props.filter} />
        <Select name="county" label={t.filterCounty} options={props.counties} blank={t.all} values={props.filter} />
        <Select name="township" label={t.filterTownship} options={props.townships} blank={t.all} values={props.filter} />
        <Submit>{t.search}</Submit>
      </Form>
      <p role="status">{t.count(props.total)}</p>
      {props.showPhoneNote && (
        <p class="muted">
          {t.phoneHidden} <a href={paths.employers.register}>{t.registerEmployer}</a>
        </p>
      )}
      <Cards rows={props.cards} empty={t.noneFound} card={(c) => (
        <>
          <h2>
            {c.kind} · {c.name}
            {c.gender && ` ${c.gender}`}
            {c.age !== null && ` ${t.age(c.age)}`}
          </h2>
          <p>
            {c.place} · {daysText(c.days)} · {wageText(c.wageFen, c.wageUnit)}
          </p>
          {c.note && <p>{c.note}</p>}
          <p>
            <Tel phone={c.phone} masked={!c.fullPhone} /> <span class="muted">{t.postedOn(chinaDate(c.updatedAt))}</span>
          </p>
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={props.href} />
    </>
  );
}
