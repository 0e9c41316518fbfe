/** @jsxImportSource hono/jsx */
// Plain-language help for workers: the categories, a list, and one article
// (readable on a basic phone, printable as it is).
import { raw } from "hono/html";
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { ArticleCategory } from "../../db/schema/index.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.policy;

export interface ArticleCard {
  id: number;
  category: ArticleCategory;
  title: string;
  summary: string;
  place: string;
}

const categoryHref = (c: string) => `${paths.policy.list}?category=${c}`;

function ArticleCards({ rows }: { rows: ArticleCard[] }) {
  return (
    <Cards rows={rows} card={(a) => (
      <>
        <h3>
          <a href={paths.policy.show(a.id)}>{a.title}</a>
        </h3>
        {a.summary && <p>{a.summary}</p>}
        <p class="muted">{a.place}</p>
      </>
    )} />
  );
}

export function PolicyListPage(props: {
  category?: ArticleCategory;
  /** With a category: that category's page of articles. Without: the newest few of each. */
  groups: { category: ArticleCategory; rows: ArticleCard[] }[];
  page: number;
  pages: number;
  staff: boolean;
}) {
  const cats = Object.entries(t.categories) as [ArticleCategory, string][];
  return (
    <>
      <h1>{props.category ? t.categories[props.category] : t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <nav aria-label={t.category}>
        <ul class="tags">
          <li>
            <a href={paths.policy.list} aria-current={props.category ? undefined : "page"}>{t.all}</a>
          </li>
          {cats.map(([key, name]) => (
            <li>
              <a href={categoryHref(key)} aria-current={props.category === key ? "page" : undefined}>{name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {props.staff && (
        <p class="actions">
          <a href={paths.policy.staffList}>{t.staffLink}</a>
        </p>
      )}
      {props.groups.map((g) => (
        <section>
          {!props.category && <h2>{t.categories[g.category]}</h2>}
          {g.rows.length === 0 ? <p>{t.none}</p> : <ArticleCards rows={g.rows} />}
          {!props.category && g.rows.length > 0 && (
            <ul class="actions">
              <li>
                <a href={categoryHref(g.category)}>{t.more(t.categories[g.category])}</a>
              </li>
            </ul>
          )}
        </section>
      ))}
      {props.category && <Pager page={props.page} pages={props.pages} href={(n) => `${categoryHref(props.category!)}&page=${n}`} />}
    </>
  );
}

export function ArticlePage(props: { title: string; category: ArticleCategory; place: string; updated: string; html: string }) {
  return (
    <article class="article">
      <h1>{props.title}</h1>
      <p class="muted">
        <a href={categoryHref(props.category)}>{t.categories[props.category]}</a> · {props.place} · {t.updated(props.updated)}
      </p>
      {raw(props.html)}
      <p class="muted no-print">{t.printHint}</p>
      <p class="actions no-print">
        <a href={paths.policy.list}>{t.back}</a>
      </p>
    </article>
  );
}
