/** @jsxImportSource hono/jsx */
// Small shared pieces: phone links, masked values, the pager, notices.
import type { Child } from "hono/jsx";
import { maskPhone } from "../../src/shared/validators.ts";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

/** A phone number as a tel: link; masked numbers are shown as text only. */
export function Tel({ phone, masked }: { phone: string; masked?: boolean }) {
  if (masked) return <span class="masked">{maskPhone(phone)}</span>;
  return (
    <a class="tel" href={`tel:${phone.replace(/[^\d+]/g, "")}`}>
      {phone}
    </a>
  );
}

/** Plain links to the previous and next page; `href(n)` builds the URL of page n. */
/** `pages` null: the number of pages is not known (a capped count); `hasNext` then says whether to link on. */
export function Pager({ page, pages, href, hasNext }: { page: number; pages: number | null; href: (n: number) => string; hasNext?: boolean }) {
  const next = pages === null ? !!hasNext : page < pages;
  if (page <= 1 && !next) return null;
  const t = copy.common;
  const label = pages === null ? t.pageN(page) : t.pageOf(page, pages);
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? <a href={href(page - 1)} rel="prev">{t.prev}</a> : <span />}
      <span>{label}</span>
      {next ? <a href={href(page + 1)} rel="next">{t.next}</a> : <span />}
    </nav>
  );
}

/** 12345 fen → "123.45", 15000 → "150". */
export function formatYuan(fen: number): string {
  const yuan = fen / 100;
  return Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2).replace(/0$/, "");
}

/**
 * A wide table or chart that may scroll sideways on a 240px screen: a named,
 * focusable region, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children?: Child }) {
  return (
    <div class="scroll" tabindex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** One line under a form that asks for personal data, with the link to the full notice. */
export function PrivacyLine() {
  return (
    <p class="muted">
      {copy.common.privacyLine} <a href={paths.accounts.privacy}>{copy.common.privacyLink}</a>
    </p>
  );
}
