/** @jsxImportSource hono/jsx */
// 招工短信提醒: what the worker is subscribed to, a form to subscribe or
// change it, and a button to stop. The same page at the desk (staff for the
// worker in front of them) and on the worker's own account.
import { Form, Select, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import type { Option } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";

const t = copy.alerts;

export interface AlertsPageProps {
  title: string;
  /** "保洁(魏都区)" when subscribed. */
  current: string | null;
  phone: string;
  stopped: boolean;
  action: string;
  stopAction: string;
  kinds: readonly Option[];
  counties: readonly Option[];
  townships: readonly Option[];
  values?: Values;
  errors?: Errors;
  note?: string;
  back?: { href: string; label: string };
}

export function AlertsPage(p: AlertsPageProps) {
  return (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary errors={p.errors} />
      <p>{t.intro}</p>
      <p>
        <strong>{p.current ? t.current(p.current, p.phone) : t.none}</strong>
      </p>
      {p.stopped && <p>{t.stoppedByTd}</p>}
      <Form action={p.action}>
        <Select name="kindId" label={t.kind} options={p.kinds} blank={t.anyKind} optional values={p.values} errors={p.errors} />
        <Select name="countyCode" label={t.county} options={p.counties} values={p.values} errors={p.errors} />
        <Select name="townshipCode" label={t.township} options={p.townships} blank={t.anyTownship} optional values={p.values} errors={p.errors} />
        {p.note && <p class="muted">{p.note}</p>}
        <Submit>{p.current ? t.change : t.save}</Submit>
      </Form>
      {p.current && (
        <Form action={p.stopAction}>
          <Submit secondary>{t.stop}</Submit>
        </Form>
      )}
      {p.back && (
        <p>
          <a href={p.back.href}>{p.back.label}</a>
        </p>
      )}
    </>
  );
}
