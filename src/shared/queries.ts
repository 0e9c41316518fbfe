// The shapes every repo's reads share, written once: a page of a list with
// its total, and the one row a lookup by a unique key finds.
import { count, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SelectedFields } from "drizzle-orm/sqlite-core";

/** A list's select (tables, joins, conditions) that can still be ordered and paged. */
interface Listing<R> {
  orderBy(...columns: (SQLiteColumn | SQL | SQL.Aliased)[]): { limit(n: number): { offset(n: number): PromiseLike<R[]> } };
}

/**
 * One page of a list and how many rows the whole list has, queried side by
 * side from one description: `from(fields)` selects `fields` over the list's
 * tables, joins and conditions; it runs once with `columns` (ordered by
 * `orderBy`, `size` rows from page `page`) and once with count(*), so the
 * count can never drift from the rows.
 *
 *   return pagedList({
 *     columns: fairColumns,
 *     from: (fields) => db.select(fields).from(jobFairs).innerJoin(markets, …).where(where),
 *     orderBy: [asc(jobFairs.date), asc(jobFairs.id)],
 *     page, size: PAGE_SIZE,
 *   });
 */
export async function pagedList<F extends SelectedFields, R>(list: {
  columns: F;
  from: (fields: F) => Listing<R>;
  orderBy: (SQLiteColumn | SQL | SQL.Aliased)[];
  page: number;
  size: number;
}): Promise<{ rows: R[]; total: number }> {
  const { columns, from, orderBy, page, size } = list;
  // The same select with the count as its only column: its rows are [{ n }], not R
  // (`from` builds the select for whatever fields it is given).
  const counted = from({ n: count() } as unknown as F) as unknown as PromiseLike<{ n: number }[]>;
  const [rows, [{ n }]] = await Promise.all([from(columns).orderBy(...orderBy).limit(size).offset((page - 1) * size), counted]);
  return { rows, total: Number(n) };
}

/** The row a lookup by id (or another unique key) finds, or null: the query with LIMIT 1. */
export async function firstRow<T>(query: { limit(n: number): PromiseLike<T[]> }): Promise<T | null> {
  return (await query.limit(1))[0] ?? null;
}
