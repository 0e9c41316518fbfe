// CSV files that staff download and open in Excel (hotline cases, the training
// subsidy list, the monitoring ledger): one format for all of them, so a fix to
// quoting or formula defusing reaches every export.
import type { Context } from "hono";

export type CsvValue = string | number | null | undefined;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break.
 * A text starting with = + - @ tab or CR is one a spreadsheet would run as a
 * formula, so it gets a leading apostrophe and stays text — names and notes
 * are typed by the public. Numbers come from our own code and stay numbers
 * (a -5 is data, not a formula).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 with a byte-order mark (so Excel on a county PC reads the Chinese), CRLF line ends. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * A CSV download. The file carries names and (masked) phones, so it is never
 * kept in a cache; `filename` is plain ASCII chosen by the route.
 */
export function csvResponse(c: Context, filename: string, rows: readonly (readonly CsvValue[])[]): Response {
  return c.body(toCsv(rows), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });
}
