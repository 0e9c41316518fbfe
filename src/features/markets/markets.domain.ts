// Rules of market records, the 十个一 checklist and the open-data feed.
// Pure functions: no HTTP, no DB.
import { maskPersonalNumbers } from "../../shared/mask-text.ts";
import type { MarketTier } from "../../../db/schema/constants.ts";
import { marketTiers } from "../../../db/schema/constants.ts";
import { checklistItems, type ChecklistItem } from "../../../db/schema/monitoring.ts";

// --- Who manages which market ---------------------------------------------------

export interface Manager {
  role: string;
  /** A county admin's county. */
  scopeCounty: string | null;
}

/** The city admin manages every market; a county admin the markets of their county. */
export function canManageMarket(user: Manager, countyCode: string): boolean {
  if (user.role === "city_admin") return true;
  return user.role === "county_admin" && !!user.scopeCounty && user.scopeCounty === countyCode;
}

/** The city-tier market is the city's: only the city admin creates or keeps one. */
export function tiersFor(user: Manager): MarketTier[] {
  return user.role === "city_admin" ? [...marketTiers] : marketTiers.filter((t) => t !== "city");
}

export type MarketProblem = "townshipNotInCounty" | "townshipRequired" | "tierNotAllowed" | "countyNotAllowed";

/** What is wrong with a market record beyond the form's own checks, by field. */
export function marketProblems(
  m: { tier: MarketTier; countyCode: string; townshipCode?: string | null },
  user: Manager,
  townshipInCounty: (township: string, county: string) => boolean,
): Partial<Record<"tier" | "countyCode" | "townshipCode", MarketProblem>> {
  const out: Partial<Record<"tier" | "countyCode" | "townshipCode", MarketProblem>> = {};
  if (!canManageMarket(user, m.countyCode)) out.countyCode = "countyNotAllowed";
  if (!tiersFor(user).includes(m.tier)) out.tier = "tierNotAllowed";
  if (m.townshipCode) {
    if (!townshipInCounty(m.townshipCode, m.countyCode)) out.townshipCode = "townshipNotInCounty";
  } else if (m.tier === "township") {
    out.townshipCode = "townshipRequired";
  }
  return out;
}

/** A JSON array of names stored on the market (kinds, facilities); anything else reads as empty. */
export function namesOf(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Phone as shown on a notice board: digits and dashes, 3 to 20 of them. */
export const isPublicPhone = (s: string) => /^[\d-]{3,20}$/.test(s) && /\d{3}/.test(s.replace(/-/g, ""));

// --- 十个一 ---------------------------------------------------------------------

export interface ChecklistEntry {
  item: ChecklistItem;
  done: boolean;
  evidence: string;
}

/** Items marked done without evidence: the evidence is what makes "done" checkable. */
export function missingEvidence(entries: ChecklistEntry[]): ChecklistItem[] {
  return entries.filter((e) => e.done && e.evidence.trim() === "").map((e) => e.item);
}

/** The entries that differ from what is stored (an item never saved counts as not done, no evidence). */
export function changedEntries(stored: ChecklistEntry[], next: ChecklistEntry[]): ChecklistEntry[] {
  const before = new Map(stored.map((e) => [e.item, e]));
  return next.filter((e) => {
    const b = before.get(e.item);
    return (b?.done ?? false) !== e.done || (b?.evidence ?? "") !== e.evidence;
  });
}

/** All ten items, stored or not, in the standard's order. */
export function fullChecklist(stored: ChecklistEntry[]): ChecklistEntry[] {
  const byItem = new Map(stored.map((e) => [e.item, e]));
  return checklistItems.map((item) => byItem.get(item) ?? { item, done: false, evidence: "" });
}

export const doneCount = (entries: { done: boolean }[]) => entries.filter((e) => e.done).length;

/** Evidence that is a web address or a path on this site becomes a link; anything else stays text. */
export function evidenceHref(evidence: string): string | null {
  const s = evidence.trim();
  if (/^https?:\/\/[^\s"<>]+$/i.test(s)) return s;
  if (/^\/(?![/\\])[^\s"<>]*$/.test(s)) return s;
  return null;
}

// --- Open data --------------------------------------------------------------------

/**
 * Phone numbers in free text an employer typed (a mobile with or without +86
 * and separators, a landline with its area code, or a bare 7–8 digit local
 * number): the feed is public, so they are replaced. Dates and prices stay.
 */
export function scrubPhones(text: string, replacement: string): string {
  // The one shared finder (full-width digits, +86, landlines, ID numbers too).
  return maskPersonalNumbers(text, () => replacement);
}

export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** "411024.atom" → "411024"; anything else is not a feed. */
export function feedCounty(file: string): string | null {
  return /^(\d{6})\.atom$/.exec(file)?.[1] ?? null;
}

export interface FeedEntry {
  id: number;
  title: string;
  summary: string;
  updated: number;
  url: string;
}

/** An Atom 1.0 document (RFC 4287). Everything is escaped; ids are tag: URIs that never change. */
export function atomFeed(f: { id: string; title: string; selfUrl: string; siteUrl: string; updated: number; author: string; entries: FeedEntry[]; tagBase: string }): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const entries = f.entries.map(
    (e) =>
      `<entry><id>${xmlEscape(`${f.tagBase}:posting/${e.id}`)}</id><title>${xmlEscape(e.title)}</title>` +
      `<updated>${iso(e.updated)}</updated><link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>` +
      `<summary>${xmlEscape(e.summary)}</summary></entry>`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">` +
    `<id>${xmlEscape(f.id)}</id><title>${xmlEscape(f.title)}</title><updated>${iso(f.updated)}</updated>` +
    `<author><name>${xmlEscape(f.author)}</name></author>` +
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(f.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(f.siteUrl)}"/>` +
    entries.join("") +
    `</feed>\n`
  );
}
