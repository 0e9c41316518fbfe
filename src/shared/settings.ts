// One way to read a setting from the environment, for the core config
// (src/config.ts) and every feature's own settings (hotline.settings.ts,
// desk.settings.ts): each setting names its variable, its default and a
// valibot schema for the text; blank or unset gives the default. A bad value
// stops the start with one Chinese line for the county's IT clerk — the
// variable, what was written and what it should be — never a stack trace
// (src/ops/startup.ts prints a ConfigError's message and exits 78).
import * as v from "valibot";
import { copy } from "../../views/copy/index.ts";

export class ConfigError extends Error {}

export type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: its name, the value when it is unset or blank, and the schema its (trimmed) text must pass. */
export interface Setting<T> {
  name: string;
  fallback: T;
  schema: v.GenericSchema<string, T>;
}

const t = copy.ops.settings;

/** A whole number from min to max. */
export function intSetting(name: string, fallback: number, min: number, max: number): Setting<number> {
  const why = t.int(min, max);
  return { name, fallback, schema: v.pipe(v.string(), v.regex(/^[+-]?\d+$/, why), v.transform(Number), v.minValue(min, why), v.maxValue(max, why)) };
}

const yes = ["1", "true", "yes", "on"];
const no = ["0", "false", "no", "off"];

/** true/false (also 1/0, yes/no, on/off, any case). */
export function boolSetting(name: string, fallback: boolean): Setting<boolean> {
  return {
    name,
    fallback,
    schema: v.pipe(v.string(), v.transform((s) => s.toLowerCase()), v.picklist([...yes, ...no], t.bool), v.transform((s) => yes.includes(s))),
  };
}

/** Text that must match `pattern`; `why` says in Chinese what it should look like. */
export function textSetting(name: string, fallback: string, pattern: RegExp, why: string): Setting<string> {
  return { name, fallback, schema: v.pipe(v.string(), v.regex(pattern, why)) };
}

/** Text with its own parser (a list, pairs…): `parse` answers the value, or why the text is wrong (Chinese). */
export function parsedSetting<T>(name: string, fallback: T, parse: (raw: string) => { ok: true; value: T } | { ok: false; why: string }): Setting<T> {
  return {
    name,
    fallback,
    schema: v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const r = parse(dataset.value);
        if (r.ok) return r.value;
        addIssue({ message: r.why });
        return NEVER;
      }),
    ),
  };
}

/** The value of one setting, or a ConfigError naming the variable, the text and what it should be. */
export function readSetting<T>(env: Env, s: Setting<T>): T {
  const raw = (env[s.name] ?? "").trim();
  if (!raw) return s.fallback;
  const r = v.safeParse(s.schema, raw);
  if (r.success) return r.output;
  throw new ConfigError(t.bad(s.name, raw, r.issues[0].message));
}

type Values<S> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** A group of settings read at once: `{ port: intSetting("PORT", …) }` gives `{ port: number }`. */
export function readSettings<S extends Record<string, Setting<unknown>>>(env: Env, spec: S): Values<S> {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(spec)) out[key] = readSetting(env, s);
  return out as Values<S>;
}
