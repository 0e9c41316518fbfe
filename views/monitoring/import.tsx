/** @jsxImportSource hono/jsx */
// The city admin's page for a county's statistics file: upload the file or
// paste its text (both work without JavaScript), and the recent imports.
import { Form, TextArea, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { ScrollRegion } from "../components/bits.tsx";

const t = copy.monitoring.import;

export interface ImportRow {
  at: string;
  county: string;
  from: string;
  to: string;
  rows: number;
  changed: number;
}

export function StatsImportPage({ values, errors, recent }: { values?: Values; errors?: Errors; recent: ImportRow[] }) {
  const fileError = errors?.file;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ErrorSummary errors={errors} />
      <Form action={paths.monitoring.statsImport} enctype="multipart/form-data">
        <div class={fileError ? "field has-err" : "field"}>
          <label for="f-file">{t.file}</label>
          <p class="hint" id="f-file-hint">{t.fileHint}</p>
          {fileError && <p class="err" id="f-file-error">{fileError}</p>}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".json,application/json"
            aria-invalid={fileError ? "true" : undefined}
            aria-describedby={fileError ? "f-file-hint f-file-error" : "f-file-hint"}
          />
        </div>
        <TextArea name="json" label={t.paste} hint={t.pasteHint} optional rows={5} values={values} />
        <Submit>{t.submit}</Submit>
      </Form>
      <h2>{t.recent}</h2>
      {recent.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ScrollRegion label={t.recent}>
          <table>
            <thead>
              <tr><th scope="col">{t.at}</th><th scope="col">{t.county}</th><th scope="col">{t.period}</th><th scope="col">{t.rows}</th><th scope="col">{t.changed}</th></tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr><td>{r.at}</td><td>{r.county}</td><td>{`${r.from} ~ ${r.to}`}</td><td>{r.rows}</td><td>{r.changed}</td></tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
