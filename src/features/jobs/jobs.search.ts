// Keyword search over postings, for Chinese words of any length.
//
// FTS5's unicode61 tokenizer does not split Chinese into words, and a word
// segmenter would miss the 1- and 2-character words people actually type
// (电, 保洁, 搬运). So we give FTS5 our own tokens: the posting's text is
// normalized (NFKC, lower-case), cut into runs of letters and digits (any
// space or punctuation ends a run), and every single character and every pair
// of adjacent characters of a run becomes a token in posting_search (rowid =
// posting id). A query term of 1 or 2 characters is then one token lookup; a
// longer term is the AND of its pairs, which finds a superset, and instr() on
// the stored normalized text (job_postings.search_text) keeps only true
// substring matches. The result is exactly "the term is a substring of the
// normalized text", which the tests check against a plain instr() scan.
// Normalized means NFKC, lower case and simplified characters, so 保潔 finds
// what 保洁 finds.
//
// What is searched: title, kind of work, duties, requirements, address, and
// the county and township names (so "鄢陵" finds postings in 鄢陵县). Fields
// are joined by a newline, so no token or match spans two fields.

import { Converter } from "opencc-js/t2cn";

/** The longest query we look at; more is almost surely pasted junk. */
export const MAX_QUERY_CHARS = 50;
/** At most this many space-separated words in one query. */
export const MAX_TERMS = 8;

let toSimplified: ((s: string) => string) | null = null;

/**
 * Traditional characters as simplified (保潔 → 保洁), so a search typed in
 * either finds the same postings. OpenCC's t→cn dictionaries (phrases first,
 * then single characters), through opencc-js: only its t→cn part is loaded
 * (110 KB, not the 1.2 MB of all conversions). Building its tables takes a
 * few hundred ms, so that happens on first use (the jobs feature warms it up
 * just after start), not while the server starts.
 */
export function simplified(s: string): string {
  // Plain ASCII has nothing to convert: skip the table walk.
  if (!/[^\x00-\x7f]/.test(s)) return s;
  toSimplified ??= Converter({ from: "t", to: "cn" });
  return toSimplified(s);
}

/**
 * NFKC folds full-width letters and digits (ＡＢ１ → ab1) and compatibility
 * forms; then traditional characters become simplified. The stored text and
 * the query go through the same function.
 */
export function normalize(s: string): string {
  return simplified(s.normalize("NFKC").toLowerCase());
}

/** Runs of letters and digits, the only characters that go into tokens. */
export function runs(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((r) => r !== "");
}

/** Every character and every adjacent pair in each run, each once, space-separated. */
export function grams(text: string): string {
  const out = new Set<string>();
  for (const run of runs(normalize(text))) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]);
      if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
    }
  }
  return [...out].join(" ");
}

export interface SearchableFields {
  title: string;
  kindName: string;
  duties: string;
  requirements: string;
  address: string;
  countyName: string;
  townshipName: string;
}

/** The normalized text stored in job_postings.search_text; grams(searchText) fills posting_search. */
export function searchText(f: SearchableFields): string {
  return normalize([f.title, f.kindName, f.duties, f.requirements, f.address, f.countyName, f.townshipName].join("\n"));
}

export interface KeywordQuery {
  /** The FTS5 MATCH expression over our tokens. */
  match: string;
  /** Normalized terms; each must be a substring of search_text (checked with instr). */
  terms: string[];
}

/**
 * Turns what the user typed into an FTS5 query, or null when nothing
 * searchable is left (only spaces or punctuation). Words separated by spaces
 * or punctuation must all appear.
 */
export function keywordQuery(input: string): KeywordQuery | null {
  const terms = [...new Set(runs(normalize(input.slice(0, MAX_QUERY_CHARS))))].slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  const tokens = new Set<string>();
  for (const term of terms) {
    const chars = Array.from(term);
    if (chars.length <= 2) tokens.add(term);
    else for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
  }
  // Tokens hold only letters and digits, so double quotes cannot appear inside.
  return { match: [...tokens].map((t) => `"${t}"`).join(" AND "), terms };
}
