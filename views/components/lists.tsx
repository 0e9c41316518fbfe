/** @jsxImportSource hono/jsx */
// The repeated shapes of record pages, once: a term and its value in a <dl>,
// a list of cards or a line saying there are none, a table of records with
// column headings (scrollable sideways on a small screen), a list of links.
// Each renders the same HTML the pages wrote by hand.
import type { Child } from "hono/jsx";

/** One term and its value in a definition list (<dt>label</dt><dd>value</dd>). */
export function Item({ label, children, class: cls }: { label: Child; children?: Child; class?: string }) {
  return (
    <>
      <dt>{label}</dt>
      {cls ? <dd class={cls}>{children}</dd> : <dd>{children}</dd>}
    </>
  );
}

/** Cards, one a record, or (given `empty`) that line when there are none. */
export function Cards<T>({ rows, empty, emptyClass, card }: { rows: readonly T[]; empty?: Child; emptyClass?: string; card: (row: T, i: number) => Child }) {
  if (rows.length === 0 && empty !== undefined) return emptyClass ? <p class={emptyClass}>{empty}</p> : <p>{empty}</p>;
  return <ul class="cards">{rows.map((r, i) => <li class="card">{card(r, i)}</li>)}</ul>;
}

/**
 * A table of records under column headings, in a named, focusable region so
 * it can scroll sideways on a 240px screen (WCAG 2.1.1); `row` gives a row's
 * cells. With `empty`, that line stands instead when there are no rows.
 */
export function Table<T>({ label, heads, rows, row, empty }: { label: string; heads: readonly Child[]; rows: readonly T[]; row: (r: T, i: number) => Child; empty?: Child }) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <div class="scroll" role="region" aria-label={label} tabindex={0}>
      <table>
        <thead>
          <tr>{heads.map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>{rows.map((r, i) => <tr>{row(r, i)}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** Links, one a line ([href, label] pairs), as a list of actions. */
export function LinkList({ links, class: cls = "actions" }: { links: readonly (readonly [string, Child])[]; class?: string }) {
  return (
    <ul class={cls}>
      {links.map(([href, label]) => (
        <li>
          <a href={href}>{label}</a>
        </li>
      ))}
    </ul>
  );
}

/** A table's column headings (<thead>), one <th scope="col"> each. */
export function Heads({ cols }: { cols: readonly Child[] }) {
  return (
    <thead>
      <tr>{cols.map((h) => <th scope="col">{h}</th>)}</tr>
    </thead>
  );
}
