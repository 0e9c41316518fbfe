// Reads the forms out of the app's pages, so the fuzz test knows every field a
// POST route takes (and a plausible value for each) without a list kept by
// hand: a new form field is fuzzed as soon as a page shows it.
import type { World, RoleKey } from "./world.ts";
import { urlFor } from "./world.ts";

export type Fields = Record<string, string[]>;
export interface FoundForm {
  /** The route pattern the form posts to. */
  pattern: string;
  fields: Fields;
  /** Where it was found (route pattern and role), for messages. */
  from: string;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? decode(m[1]) : undefined;
};

/** The POST forms of a page: action and fields (one variant per named submit button). */
export function parseForms(html: string): { action: string; fields: Fields }[] {
  const out: { action: string; fields: Fields }[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = m[0].slice(0, m[0].indexOf(">") + 1);
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open, "action");
    if (!action) continue;
    const body = m[2];
    const fields: Fields = {};
    const add = (name: string | undefined, value: string) => {
      if (!name || name === "_csrf") return;
      (fields[name] ??= []).push(value);
    };
    for (const t of body.matchAll(/<input\b[^>]*>/g)) {
      const tag = t[0];
      const type = (attr(tag, "type") ?? "text").toLowerCase();
      if (["submit", "button", "image", "reset", "file"].includes(type)) continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked(\s|=|>|\/)/.test(tag)) {
        // Unchecked: its value is still a plausible choice, so the first one of a group is taken.
        const name = attr(tag, "name");
        if (name && !(name in fields)) add(name, attr(tag, "value") ?? "on");
        continue;
      }
      add(attr(tag, "name"), attr(tag, "value") ?? "");
    }
    for (const s of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const options = [...s[2].matchAll(/<option\b([^>]*)>/g)].map((o) => ({ value: attr(o[0], "value") ?? "", selected: /\sselected/.test(o[1]) }));
      const chosen = options.find((o) => o.selected) ?? options.find((o) => o.value !== "") ?? options[0];
      add(attr(`<x${s[1]}>`, "name"), chosen?.value ?? "");
    }
    for (const a of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attr(`<x${a[1]}>`, "name"), decode(a[2]));
    const buttons = [...body.matchAll(/<button\b[^>]*>/g)].map((b) => ({ name: attr(b[0], "name"), value: attr(b[0], "value") ?? "" })).filter((b) => b.name);
    out.push({ action, fields });
    for (const b of buttons) out.push({ action, fields: { ...fields, [b.name!]: [b.value] } });
  }
  return out;
}

/** Which route pattern a path belongs to, among `patterns`. */
export function matchPattern(path: string, patterns: string[]): string | null {
  const exact = patterns.find((p) => p === path);
  if (exact) return exact;
  for (const p of patterns) {
    const re = new RegExp("^" + p.split("/").map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/") + "$");
    if (re.test(path)) return p;
  }
  return null;
}

/**
 * Visits every GET page as each of `roles` and collects the POST forms on
 * them, by the route they post to. Returns the forms and the GET filter fields
 * (names of GET forms' fields, for garbage query strings).
 */
export async function collectForms(w: World, getPatterns: string[], postPatterns: string[], roles: RoleKey[]) {
  const forms = new Map<string, FoundForm[]>();
  const queryNames = new Set<string>();
  for (const pattern of getPatterns) {
    const url = urlFor(pattern, w.ids);
    for (const role of roles) {
      const r = await w.agents[role].get(url);
      if (r.status !== 200 || !(r.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      for (const f of parseForms(r.html)) {
        const path = f.action.split("?")[0].split("#")[0];
        const p = matchPattern(path, postPatterns);
        if (!p) continue;
        const list = forms.get(p) ?? [];
        const sig = Object.keys(f.fields).sort().join(",");
        if (list.length < 6 && !list.some((x) => Object.keys(x.fields).sort().join(",") === sig)) list.push({ pattern: p, fields: f.fields, from: `${pattern} as ${role}` });
        forms.set(p, list);
      }
      for (const g of r.html.matchAll(/<form\b[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/g)) {
        for (const n of g[1].matchAll(/\sname="([^"]+)"/g)) queryNames.add(n[1]);
      }
    }
  }
  return { forms, queryNames };
}
