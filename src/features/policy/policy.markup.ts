// The tiny markup staff write articles in, and its renderer. Pure functions.
//
//   # 标题              a heading (an <h2>: the page's <h1> is the article title)
//   - 一项              a list item; consecutive items make one list
//   (blank line)        ends a paragraph or list
//   [文字](https://…)   a link; also [文字](/站内路径)
//
// Everything else is text. The renderer escapes every character it outputs, so
// HTML typed into an article shows as text; a link whose target is not
// https:// or a site path (javascript:, data:, http:, //host …) is shown as the
// text it was typed as, never as a link.

export type Inline = { text: string } | { link: string; text: string };
export type Block = { heading: Inline[] } | { para: Inline[][] } | { list: Inline[][] };

const LINK = /\[([^[\]\n]{1,200})\]\(([^()\s]{1,500})\)/g;
/** https:// with a host, or a path on this site (not "//host", which leaves it). */
const SAFE_TARGET = /^(?:https:\/\/[A-Za-z0-9][^\s"'<>`\\]*|\/(?![/\\])[^\s"'<>`\\]*)$/;

export function isSafeLink(target: string): boolean {
  return SAFE_TARGET.test(target);
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(LINK)) {
    if (!isSafeLink(m[2])) continue;
    if (m.index! > last) out.push({ text: s.slice(last, m.index) });
    out.push({ link: m[2], text: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last) });
  return out;
}

export function parseMarkup(source: string): Block[] {
  const blocks: Block[] = [];
  let para: Inline[][] | null = null;
  let list: Inline[][] | null = null;
  const close = () => {
    if (para) blocks.push({ para });
    if (list) blocks.push({ list });
    para = list = null;
  };
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") {
      close();
    } else if (line.startsWith("# ") && line.slice(2).trim() !== "") {
      close();
      blocks.push({ heading: parseInline(line.slice(2).trim()) });
    } else if (line.startsWith("- ") && line.slice(2).trim() !== "") {
      if (para) close();
      (list ??= []).push(parseInline(line.slice(2).trim()));
    } else {
      if (list) close();
      (para ??= []).push(parseInline(line.trim()));
    }
  }
  close();
  return blocks;
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESC[ch]);

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (!("link" in p)) return escapeHtml(p.text);
      const external = p.link.startsWith("https://");
      return `<a href="${escapeHtml(p.link)}"${external ? ' rel="noopener noreferrer"' : ""}>${escapeHtml(p.text)}</a>`;
    })
    .join("");
}

/** The article as HTML: only h2, p, br, ul, li and a, with every text escaped. */
export function renderMarkup(source: string): string {
  return parseMarkup(source)
    .map((b) => {
      if ("heading" in b) return `<h2>${inlineHtml(b.heading)}</h2>`;
      if ("para" in b) return `<p>${b.para.map(inlineHtml).join("<br>")}</p>`;
      return `<ul>${b.list.map((li) => `<li>${inlineHtml(li)}</li>`).join("")}</ul>`;
    })
    .join("\n");
}

/** Anything shaped like a link, read loosely (up to the first ")"), to catch what the renderer would refuse. */
const LINK_ATTEMPT = /\[[^[\]\n]*\]\(([^)\n]*)\)?/g;

/** Link targets typed in `[文字](…)` form that will not become links: staff are told before saving. */
export function refusedLinks(source: string): string[] {
  return [...source.matchAll(LINK_ATTEMPT)].map((m) => m[1].trim()).filter((target) => !isSafeLink(target));
}

/** A short plain-text summary: the first paragraph's text, without markup. */
export function summary(source: string, max = 60): string {
  const first = parseMarkup(source).find((b) => "para" in b) as { para: Inline[][] } | undefined;
  const text = first ? first.para.map((line) => line.map((p) => p.text).join("")).join(" ") : "";
  return Array.from(text).length > max ? Array.from(text).slice(0, max).join("") + "…" : text;
}
