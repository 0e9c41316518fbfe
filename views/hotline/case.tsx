/** @jsxImportSource hono/jsx */
// Staff: one case, its timeline, and the forms for the next step. Only the
// steps the workflow allows from the current status are offered.
import { Form, Field, TextArea, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Tel, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import {
  caseAgencies, caseOutcomes, caseSatisfactions,
  type CaseAgency, type CaseCategory, type CaseChannel, type CaseEventKind, type CaseOutcome, type CaseSatisfaction, type CaseStatus, type CaseUrgency,
} from "../../db/schema/hotline.ts";
import type { CaseAction } from "../../src/features/hotline/hotline.domain.ts";
import { CaseBadges } from "./cases.tsx";
import { Item } from "../components/lists.tsx";

const t = copy.hotline;

export interface CaseView {
  id: number;
  number: string;
  category: CaseCategory;
  channel: CaseChannel;
  urgency: CaseUrgency;
  status: CaseStatus;
  day: string;
  dueDate: string;
  lateDays: number;
  callerName: string | null;
  callerPhone: string | null;
  description: string;
  amountOwedFen: number | null;
  agency: CaseAgency | null;
  outcome: CaseOutcome | null;
  recoveredFen: number | null;
  satisfaction: CaseSatisfaction | null;
  employerName: string | null;
  postingTitle: string | null;
  hire: { id: number; startDate: string; endDate: string } | null;
  marketName: string | null;
  countyName: string;
  assigneeName: string | null;
  creatorName: string | null;
  events: { id: number; at: number; kind: CaseEventKind; note: string; public: boolean; staffName: string | null }[];
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>): Option[] => keys.map((k) => [k, labels[k]] as const);
const publicOption: Option[] = [["1", t.publicOption]];

function Fact({ label, children }: { label: string; children: unknown }) {
  return (
    <>
      <Item label={label}>{children as never}</Item>
    </>
  );
}

function Caller({ c, revealed }: { c: CaseView; revealed: boolean }) {
  if (!c.callerName && !c.callerPhone) return <>{t.anonymousCaller}</>;
  return (
    <>
      {c.callerName ?? t.noName}
      {c.callerPhone && (
        <>
          {" "}
          {revealed ? <Tel phone={c.callerPhone} /> : <Tel phone={c.callerPhone} masked />}
          {!revealed && (
            <Form action={paths.hotline.reveal(c.id)} class="inline">
              <Submit secondary>{t.reveal}</Submit>
            </Form>
          )}
        </>
      )}
    </>
  );
}

function StepForm({ c, action, values, errors }: { c: CaseView; action: CaseAction; values?: Values; errors?: Errors }) {
  const v = values;
  const label = t.actions[action];
  return (
    <Form action={paths.hotline.step(c.id)} class="step">
      <input type="hidden" name="action" value={action} />
      <h3>{label}</h3>
      {action === "transfer" && (
        <>
          <Select name="agency" label={t.agency} options={opts(caseAgencies, t.agencies)} blank={copy.common.choose} values={v} errors={errors} />
          <TextArea name="transferNote" label={t.note} hint={t.transferNoteHint} rows={2} maxlength={1000} values={v} errors={errors} />
          <Choices name="transferPublic" label={t.public} options={publicOption} multiple optional values={v} errors={errors} />
        </>
      )}
      {action === "start" && (
        <>
          <TextArea name="startNote" label={t.note} rows={2} maxlength={1000} optional values={v} errors={errors} />
          <Choices name="startPublic" label={t.public} options={publicOption} multiple optional values={v} errors={errors} />
        </>
      )}
      {action === "close" && (
        <>
          <Select name="outcome" label={t.outcome} options={opts(caseOutcomes, t.outcomes)} blank={copy.common.choose} values={v} errors={errors} />
          {c.category === "wage_arrears" && <Field name="recovered" label={t.recovered} inputmode="decimal" size="s" maxlength={12} optional values={v} errors={errors} />}
          <TextArea name="closeNote" label={t.note} hint={t.closeNoteHint} rows={2} maxlength={1000} values={v} errors={errors} />
          <Choices name="closePublic" label={t.public} options={publicOption} multiple optional values={v} errors={errors} />
        </>
      )}
      {action === "callback" && (
        <>
          <Choices name="satisfaction" label={t.satisfaction} options={opts(caseSatisfactions, t.satisfactions)} values={v} errors={errors} />
          <TextArea name="callbackNote" label={t.note} rows={2} maxlength={1000} optional values={v} errors={errors} />
        </>
      )}
      {action === "reopen" && (
        <>
          <TextArea name="reopenNote" label={t.note} hint={t.reopenNoteHint} rows={2} maxlength={1000} values={v} errors={errors} />
          <Choices name="reopenPublic" label={t.public} options={publicOption} multiple optional values={v} errors={errors} />
        </>
      )}
      <Submit>{label}</Submit>
    </Form>
  );
}

export function CasePage(p: {
  c: CaseView;
  next: CaseAction[];
  assignees: readonly Option[];
  revealed?: boolean;
  values?: Values;
  errors?: Errors;
  message?: string;
}) {
  const { c } = p;
  return (
    <>
      <h1>{t.caseTitle(c.number)}</h1>
      <p>
        <span class="badge">{t.statuses[c.status]}</span> <CaseBadges urgency={c.urgency} lateDays={c.lateDays} />
      </p>
      {p.message && <p class="notice warn" role="alert">{p.message}</p>}
      <ErrorSummary errors={p.errors} />
      <dl class="facts">
        <Fact label={t.colCategory}>{t.categories[c.category]}</Fact>
        <Fact label={t.channel}>{t.channels[c.channel]}</Fact>
        <Fact label={t.takenOn}>{c.day}</Fact>
        <Fact label={t.dueDate}>{c.dueDate}</Fact>
        <Fact label={t.caller}><Caller c={c} revealed={!!p.revealed} /></Fact>
        {c.amountOwedFen !== null && <Fact label={t.amount}>{formatYuan(c.amountOwedFen)}</Fact>}
        {c.employerName && <Fact label={t.employer}>{c.employerName}</Fact>}
        {c.postingTitle && <Fact label={t.posting}>{c.postingTitle}</Fact>}
        {c.hire && <Fact label={t.hire}><a href={paths.hires.show(c.hire.id)}>{t.hireFacts(c.hire.id, c.hire.startDate, c.hire.endDate)}</a></Fact>}
        <Fact label={t.market}>{[c.countyName, c.marketName].filter(Boolean).join(" ")}</Fact>
        {c.agency && <Fact label={t.agency}>{t.agencies[c.agency]}</Fact>}
        {c.outcome && <Fact label={t.outcome}>{t.outcomes[c.outcome]}</Fact>}
        {c.recoveredFen !== null && <Fact label={t.recovered}>{formatYuan(c.recoveredFen)}</Fact>}
        {c.satisfaction && <Fact label={t.satisfaction}>{t.satisfactions[c.satisfaction]}</Fact>}
        <Fact label={t.assignee}>{c.assigneeName ?? t.unassigned}</Fact>
        {c.creatorName && <Fact label={t.loggedBy}>{c.creatorName}</Fact>}
      </dl>
      <h2>{t.whatHappened}</h2>
      <p class="pre">{c.description}</p>
      <h2>{t.timelineTitle}</h2>
      <ol class="timeline">
        {c.events.map((e) => (
          <li>
            <span class="muted">{chinaDateTime(e.at)}</span> {t.eventKinds[e.kind]}
            {e.staffName && ` · ${e.staffName}`}
            {e.public && <span class="muted">{t.publicMark}</span>}
            {e.note && <p class="pre">{e.note}</p>}
          </li>
        ))}
      </ol>
      {p.next.length > 0 && (
        <>
          <h2>{t.nextTitle}</h2>
          {p.next.map((a) => (
            <StepForm c={c} action={a} values={p.values} errors={p.errors} />
          ))}
        </>
      )}
      <h2>{t.replyTitle}</h2>
      <Form action={paths.hotline.step(c.id)}>
        <input type="hidden" name="action" value="note" />
        <TextArea name="noteText" label={t.note} rows={2} maxlength={1000} values={p.values} errors={p.errors} />
        <Choices name="notePublic" label={t.public} options={publicOption} multiple optional values={p.values} errors={p.errors} />
        <Submit>{t.addNote}</Submit>
      </Form>
      {p.assignees.length > 0 && (
        <>
          <h2>{t.assignTitle}</h2>
          <Form action={paths.hotline.assign(c.id)}>
            <Select name="assignee" label={t.assignee} options={p.assignees} blank={copy.common.choose} values={p.values} errors={p.errors} />
            <Submit>{t.assign}</Submit>
          </Form>
        </>
      )}
    </>
  );
}
