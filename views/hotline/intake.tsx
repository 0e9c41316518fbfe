/** @jsxImportSource hono/jsx */
// The intake forms: staff log a call or a visit; anyone reports online. The
// "查找" button re-posts the form to fill the employer and posting choices,
// so the search needs no JavaScript and nothing typed is lost.
import { Form, Field, TextArea, Select, Choices, ErrorSummary, Submit, type Errors, type Values, type Option } from "../components/forms.tsx";
import { Tel, PrivacyLine } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { caseCategories, caseChannels, caseUrgencies } from "../../db/schema/hotline.ts";

const t = copy.hotline;
const c = copy.common;

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>): Option[] => keys.map((k) => [k, labels[k]] as const);

export interface IntakeProps {
  values: Values;
  errors?: Errors;
  message?: string;
  markets: readonly Option[];
  /** Shown to the public and the city admin; others' county is their own. */
  counties?: readonly Option[];
  /** Found by the last search (plus whatever is chosen). */
  employers?: readonly Option[];
  postings?: readonly Option[];
  searched?: boolean;
  /** A signed-in worker's own hires. */
  myHires?: readonly Option[];
}

function Concern(p: IntakeProps) {
  const found = (p.employers?.length ?? 0) + (p.postings?.length ?? 0) > 0;
  return (
    <>
      <h2>{t.concern}</h2>
      <Field name="q" label={t.q} hint={t.concernHint} type="search" maxlength={50} optional values={p.values} errors={p.errors} />
      <input type="hidden" name="qDone" value={(p.values.qDone as string) ?? ""} />
      <p>
        <Submit name="do" value="search" secondary>{t.search}</Submit>
      </p>
      {p.searched && !found && <p class="notice warn">{t.noMatches}</p>}
      {!!p.employers?.length && <Select name="employerId" label={t.employer} options={p.employers} blank={c.choose} optional values={p.values} errors={p.errors} />}
      {!!p.postings?.length && <Select name="postingId" label={t.posting} options={p.postings} blank={c.choose} optional values={p.values} errors={p.errors} />}
    </>
  );
}

function Caller(p: IntakeProps) {
  return (
    <>
      <Field name="callerName" label={t.callerName} maxlength={30} optional autocomplete="name" values={p.values} errors={p.errors} />
      <Field name="callerPhone" label={t.callerPhone} hint={t.callerPhoneHint} type="tel" inputmode="tel" maxlength={20} autocomplete="tel" optional values={p.values} errors={p.errors} />
      <Choices name="anonymous" label={t.anonymous} hint={t.anonymousHint} options={[["1", t.anonymousOption]]} multiple optional values={p.values} errors={p.errors} />
    </>
  );
}

function What(p: IntakeProps) {
  return (
    <>
      <Select name="category" label={t.category} options={opts(caseCategories, t.categories)} blank={c.choose} values={p.values} errors={p.errors} />
      <TextArea name="description" label={t.description} hint={t.descriptionHint} rows={5} maxlength={2000} values={p.values} errors={p.errors} />
      <Field name="amount" label={t.amount} hint={t.amountHint} inputmode="decimal" size="s" maxlength={12} optional values={p.values} errors={p.errors} />
      <Choices name="urgency" label={t.urgency} options={opts(caseUrgencies, t.urgencies)} values={p.values} errors={p.errors} />
    </>
  );
}

function Where(p: IntakeProps) {
  return (
    <>
      {p.counties && <Select name="countyCode" label={t.county} options={p.counties} blank={c.choose} optional values={p.values} errors={p.errors} />}
      <Select name="marketId" label={t.market} options={p.markets} blank={c.choose} optional values={p.values} errors={p.errors} />
    </>
  );
}

/** Staff: short, with the defaults already set (电话, own market). */
export function NewCasePage(p: IntakeProps) {
  return (
    <>
      <h1>{t.newCaseTitle}</h1>
      {p.message && <p class="notice warn" role="alert">{p.message}</p>}
      <ErrorSummary errors={p.errors} />
      <Form action={paths.hotline.newCase}>
        <Choices name="channel" label={t.channel} options={opts(caseChannels, t.channels)} values={p.values} errors={p.errors} />
        <What {...p} />
        <Caller {...p} />
        <Where {...p} />
        <Field name="hireId" label={t.hire} hint={t.hireHint} inputmode="numeric" size="s" maxlength={9} optional values={p.values} errors={p.errors} />
        <Concern {...p} />
        <p>
          <Submit name="do" value="save">{t.submitCase}</Submit>
        </p>
      </Form>
    </>
  );
}

/** The public: plain words, the hotline beside it. */
export function ReportPage(p: IntakeProps) {
  return (
    <>
      <h1>{t.reportTitle}</h1>
      <p>{t.reportIntro}</p>
      <p class="notice warn">{t.emergency}</p>
      {p.message && <p class="notice warn" role="alert">{p.message}</p>}
      <ErrorSummary errors={p.errors} />
      <Form action={paths.hotline.report}>
        <What {...p} />
        <Caller {...p} />
        {!!p.myHires?.length && <Select name="hireId" label={t.myHire} options={p.myHires} blank={c.choose} optional values={p.values} errors={p.errors} />}
        <Where {...p} />
        <Concern {...p} />
        <p>
          <Submit name="do" value="save">{t.submitReport}</Submit>
        </p>
      </Form>
      <PrivacyLine />
    </>
  );
}

export function ReportedPage({ number, anonymous, hotline }: { number: string | null; anonymous: boolean; hotline: string }) {
  return (
    <>
      <h1>{t.reportedTitle}</h1>
      {number ? (
        <>
          <p>{t.reportedNumber}</p>
          <p class="case-no">{number}</p>
          <p>{anonymous ? t.reportedAnonymous : t.reportedKeep}</p>
        </>
      ) : (
        <p>{t.reportedNone}</p>
      )}
      <ul class="actions">
        <li><a href={paths.hotline.status}>{t.statusLink}</a></li>
        <li>
          {copy.common.hotline}: <Tel phone={hotline} />
        </li>
      </ul>
    </>
  );
}
