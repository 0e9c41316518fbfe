/** @jsxImportSource hono/jsx */
// The employer's own page: where the verification stands, why it was refused,
// and what to do next.
import type { VerificationStatus, EmployerKind } from "../../db/schema/constants.ts";
import { maskResidentId } from "../../src/shared/validators.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Item } from "../components/lists.tsx";

const t = copy.employers;

export interface OwnEmployer {
  kind: EmployerKind;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  status: VerificationStatus;
  rejectReason: string | null;
  contactName: string;
  contactPhone: string;
  county: string;
  address: string;
  pledgeAcceptedAt: number | null;
  createdAt: number;
}

const statusNote: Record<VerificationStatus, string> = { pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected };

export function EmployerHomePage({ employer, links }: { employer: OwnEmployer | null; links: [string, string][] }) {
  if (!employer) {
    return (
      <>
        <h1>{t.homeTitle}</h1>
        <p class="notice warn">{t.noDetails}</p>
        <p>
          <a class="btn" href={paths.employers.edit}>{t.fillDetails}</a>
        </p>
      </>
    );
  }
  const e = employer;
  return (
    <>
      <h1>{e.name}</h1>
      <p class={e.status === "verified" ? "notice" : "notice warn"}>
        <span class={e.status === "verified" ? "badge" : "badge warn"}>{t.statuses[e.status]}</span> {statusNote[e.status]}
      </p>
      {e.status === "rejected" && e.rejectReason && (
        <dl class="facts">
          <Item label={t.rejectReason}>{e.rejectReason}</Item>
        </dl>
      )}
      {e.status !== "verified" && (
        <p>
          <a class="btn" href={paths.employers.edit}>{e.status === "rejected" ? t.editDetails : t.editPending}</a>
        </p>
      )}
      <ul class="actions">
        <li><a href={paths.jobs.new}>{t.postJob}</a></li>
        <li><a href={paths.workers.list}>{t.findWorkers}</a></li>
        {links.map(([href, label]) => (
          <li><a href={href}>{label}</a></li>
        ))}
      </ul>
      <dl class="facts">
        <Item label={t.kind}>{t.kinds[e.kind]}</Item>
        {e.uscc && <Item label={t.uscc}>{e.uscc}</Item>}
        {e.idNumber && <Item label={t.idNumber} class="masked">{maskResidentId(e.idNumber)}</Item>}
        {e.pledgeAcceptedAt !== null && <Item label={t.pledgeAcceptedAt}>{chinaDateTime(e.pledgeAcceptedAt)}</Item>}
        <Item label={t.contact}>
          {e.contactName} <Tel phone={e.contactPhone} />
        </Item>
        <Item label={t.county}>
          {e.county} {e.address}
        </Item>
        <Item label={t.registeredAt}>{chinaDateTime(e.createdAt)}</Item>
      </dl>
    </>
  );
}
