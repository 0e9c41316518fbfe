/** @jsxImportSource hono/jsx */
// Form pieces that carry the house rules: every field has a label, errors are
// listed at the top (linked to each field) and repeated beside the field, the
// input is kept, and every form posts a CSRF token and a one-time submission
// key (a repeat of the same form writes nothing new: src/shared/once.ts).
import type { Child } from "hono/jsx";
import { useRequestContext } from "hono/jsx-renderer";
import type { AppEnv } from "../../src/shared/context.ts";
import { CSRF_FIELD } from "../../src/shared/csrf.ts";
import { ONCE_FIELD, ONCE_PLACEHOLDER, newOnceKey } from "../../src/shared/once.ts";
import { CSRF_PLACEHOLDER } from "../../src/shared/page-cache.ts";
import { copy } from "../copy/index.ts";

export type Errors = Record<string, string>;
export type Values = Record<string, string | string[] | undefined>;

const fieldId = (name: string) => `f-${name}`;

export function Form(props: {
  action: string;
  method?: "post" | "get";
  children?: Child;
  class?: string;
  /** "multipart/form-data" for a form with a file field. */
  enctype?: "multipart/form-data";
  /** htmx attributes, optional: the form works without them. */
  hx?: Record<string, string>;
  /**
   * false: no one-time submission key (src/shared/once.ts), for a POST form
   * that only reads (a lookup) and may be sent again on purpose.
   */
  once?: boolean;
}) {
  const c = useRequestContext<AppEnv>();
  const method = props.method ?? "post";
  return (
    <form action={props.action} method={method} class={props.class} enctype={props.enctype} novalidate {...(props.hx ?? {})}>
      {method === "post" && <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />}
      {method === "post" && props.once !== false && (
        // A page kept for the shared cache gets a placeholder; each copy sent out gets its own keys.
        <input type="hidden" name={ONCE_FIELD} value={c.var.csrfToken === CSRF_PLACEHOLDER ? ONCE_PLACEHOLDER : newOnceKey()} />
      )}
      {props.children}
    </form>
  );
}

export function ErrorSummary({ errors }: { errors?: Errors }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="errors" role="alert" tabindex={-1} id="error-summary">
      <h2>{copy.common.errorSummaryTitle}</h2>
      <ul>
        {Object.entries(errors).map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values?: Values;
  errors?: Errors;
  hint?: string;
  optional?: boolean;
  /** Said after the label instead of (选填) when whether it is needed depends on another choice ("(个人雇主必填)"). */
  mark?: string;
}

function describedBy(name: string, hint?: string, error?: string) {
  const ids = [hint ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Label({ name, label, optional, mark }: { name: string; label: string; optional?: boolean; mark?: string }) {
  return (
    <label for={fieldId(name)}>
      {label}
      {(mark || optional) && <span class="opt">{mark ?? copy.common.optional}</span>}
    </label>
  );
}

function HintAndError({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p class="hint" id={`${fieldId(name)}-hint`}>{hint}</p>}
      {error && <p class="err" id={`${fieldId(name)}-error`}>{error}</p>}
    </>
  );
}

const str = (v: Values | undefined, name: string) => {
  const x = v?.[name];
  return Array.isArray(x) ? x[0] : x;
};

export function Field(
  props: FieldProps & {
    type?: "text" | "tel" | "number" | "date" | "password" | "email" | "search" | "url" | "time";
    inputmode?: "numeric" | "decimal" | "tel" | "text" | "search";
    autocomplete?: string;
    maxlength?: number;
    size?: "s" | "m";
  },
) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field has-err" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} mark={props.mark} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : str(props.values, props.name)}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        class={props.size}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxlength?: number }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field has-err" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {str(props.values, props.name) ?? ""}
      </textarea>
    </div>
  );
}

export type Option = readonly [value: string, label: string];

export function Select(props: FieldProps & { options: readonly Option[]; blank?: string }) {
  const error = props.errors?.[props.name];
  const current = str(props.values, props.name) ?? "";
  return (
    <div class={error ? "field has-err" : "field"}>
      <Label name={props.name} label={props.label} optional={props.optional} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons or checkboxes in a fieldset; the legend is the label. */
export function Choices(props: FieldProps & { options: readonly Option[]; multiple?: boolean }) {
  const error = props.errors?.[props.name];
  const raw = props.values?.[props.name];
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <fieldset
      class={error ? "field choices has-err" : "field choices"}
      id={fieldId(props.name)}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend>
        {props.label}
        {props.optional && <span class="opt">{copy.common.optional}</span>}
      </legend>
      <HintAndError name={props.name} hint={props.hint} error={error} />
      {props.options.map(([value, label], i) => (
        <label class="choice" for={`${fieldId(props.name)}-${i}`}>
          <input
            type={props.multiple ? "checkbox" : "radio"}
            id={`${fieldId(props.name)}-${i}`}
            name={props.name}
            value={value}
            checked={chosen.has(value)}
          />{" "}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

export function Submit({ children, name, value, secondary }: { children?: Child; name?: string; value?: string; secondary?: boolean }) {
  return (
    <button type="submit" class={secondary ? "btn secondary" : "btn"} name={name} value={value}>
      {children ?? copy.common.submit}
    </button>
  );
}
