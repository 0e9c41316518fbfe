/** @jsxImportSource hono/jsx */
// Staff pages: the verification queue and one employer's record with the
// verify / reject forms.
import type { VerificationStatus, EmployerKind } from "../../db/schema/constants.ts";
import { verificationStatuses } from "../../db/schema/constants.ts";
import { maskResidentId } from "../../src/shared/validators.ts";
import { chinaDate, chinaDateTime } from "../../src/shared/clock.ts";
import { Form, Select, TextArea, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel, Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Cards, Item } from "../components/lists.tsx";

const t = copy.employers;

export interface QueueRow {
  id: number;
  kind: EmployerKind;
  name: string;
  county: string;
  status: VerificationStatus;
  createdAt: number;
  flags: string[];
}

const statusBadge = (s: VerificationStatus) => <span class={s === "verified" ? "badge" : "badge warn"}>{t.statuses[s]}</span>;

export function QueuePage(props: { rows: QueueRow[]; total: number; status?: VerificationStatus; page: number; pages: number }) {
  const { rows, status } = props;
  const href = (n: number) => `${paths.employers.queue}?${status ? `status=${status}&` : ""}page=${n}`;
  return (
    <>
      <h1>{t.queueTitle}</h1>
      <p>{t.queueIntro}</p>
      <Form action={paths.employers.queue} method="get">
        <Select
          name="status"
          label={t.filterStatus}
          options={verificationStatuses.map((s) => [s, t.statuses[s]] as const)}
          blank={t.allStatuses}
          values={{ status }}
        />
        <Submit secondary>{t.filter}</Submit>
      </Form>
      <p>{t.count(props.total)}</p>
      <Cards rows={rows} empty={t.noneFound} card={(r) => (
        <>
          <h2>
            <a href={paths.employers.show(r.id)}>{r.name}</a>
          </h2>
          <p>
            {statusBadge(r.status)} {t.kinds[r.kind]} · {r.county} · {t.registeredOn(chinaDate(r.createdAt))}
          </p>
          {r.flags.length > 0 && (
            <ul class="tags">
              {r.flags.map((f) => (
                <li class="badge warn">{f}</li>
              ))}
            </ul>
          )}
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={href} />
    </>
  );
}

export interface EmployerRecord {
  id: number;
  kind: EmployerKind;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  pledgeText: string | null;
  pledgeAcceptedAt: number | null;
  contactName: string;
  contactPhone: string;
  county: string;
  address: string;
  status: VerificationStatus;
  rejectReason: string | null;
  reviewerName: string | null;
  reviewedAt: number | null;
  viaName: string | null;
  createdAt: number;
}

export function EmployerDetailPage(props: {
  e: EmployerRecord;
  flags: string[];
  /** The full ID number, only in the answer to a logged reveal. */
  revealed?: string;
  /** Station (驿站) staff: they see the record, but verifying and revealing belong to market staff and admins. */
  stationOnly?: boolean;
  values?: Values;
  errors?: Errors;
  message?: string;
}) {
  const { e, flags, errors } = props;
  return (
    <>
      <h1>{t.detailTitle(e.name)}</h1>
      {props.message && <p class="notice warn" role="alert">{props.message}</p>}
      <ErrorSummary errors={errors} />
      {flags.length > 0 && (
        <div class="notice warn">
          <h2>{t.flags}</h2>
          <ul>
            {flags.map((f) => (
              <li>{f}</li>
            ))}
          </ul>
        </div>
      )}
      <dl class="facts">
        <Item label={t.status}>{statusBadge(e.status)}</Item>
        {e.rejectReason && <Item label={t.rejectReason}>{e.rejectReason}</Item>}
        <Item label={t.kind}>{t.kinds[e.kind]}</Item>
        {e.uscc && <Item label={t.uscc} class="masked">{e.uscc}</Item>}
        {e.idNumber && <Item label={props.revealed ? t.revealedIdNumber : t.idNumber} class="masked">{props.revealed ?? maskResidentId(e.idNumber)}</Item>}
        {e.pledgeAcceptedAt !== null && <Item label={t.pledgeAcceptedAt}>{chinaDateTime(e.pledgeAcceptedAt)}</Item>}
        <Item label={t.contact}>
          {e.contactName} <Tel phone={e.contactPhone} />
        </Item>
        <Item label={t.county}>
          {e.county} {e.address}
        </Item>
        <Item label={t.registeredAt}>
          {chinaDateTime(e.createdAt)}
          {e.viaName && ` · ${t.viaStaff}:${e.viaName}`}
        </Item>
        {e.reviewerName && e.reviewedAt !== null && <Item label={t.reviewedBy}>
              {e.reviewerName} · {chinaDateTime(e.reviewedAt)}
  </Item>}
      </dl>
      {props.stationOnly && <p class="notice">{t.stationCannotDecide}</p>}
      {!props.stationOnly && e.idNumber && !props.revealed && (
        <Form action={paths.employers.reveal(e.id)}>
          <p class="hint">{t.revealNote}</p>
          <Submit secondary>{t.reveal}</Submit>
        </Form>
      )}
      {!props.stationOnly && e.status === "pending" && (
        <Form action={paths.employers.verify(e.id)}>
          <Submit>{t.verify}</Submit>
        </Form>
      )}
      {!props.stationOnly && e.status !== "rejected" && (
        <Form action={paths.employers.reject(e.id)}>
          <h2>{e.status === "verified" ? t.revoke : t.reject}</h2>
          <TextArea name="reason" label={t.reasonLabel} hint={t.reasonHint} rows={3} maxlength={200} values={props.values} errors={errors} />
          <Submit secondary>{e.status === "verified" ? t.revoke : t.reject}</Submit>
        </Form>
      )}
      {e.pledgeText && (
        <>
          <h2>{t.pledgeTitle}</h2>
          <div class="notice">
            {e.pledgeText.split("\n").map((line) => (
              <p>{line}</p>
            ))}
          </div>
        </>
      )}
      <p class="actions">
        <a href={paths.employers.queue}>{t.backToQueue}</a>
      </p>
    </>
  );
}
