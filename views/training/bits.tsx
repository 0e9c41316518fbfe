/** @jsxImportSource hono/jsx */
// Pieces the training pages share: the facts of a session, its places line.
import { copy } from "../copy/index.ts";
import { formatYuan } from "../components/bits.tsx";
import type { TrainingKind } from "../../db/schema/index.ts";

const t = copy.training;

export interface SessionView {
  id: number;
  kind: TrainingKind;
  title: string;
  workKindName: string | null;
  provider: string;
  online: boolean;
  place: string;
  startDate: string;
  endDate: string;
  hours: string;
  capacity: number;
  confirmedCount: number;
  waitingCount: number;
  signupDeadline: string;
  costFen: number;
  subsidyRule: string;
  allowanceRule: string;
  description: string;
  status: "open" | "cancelled";
  cancelReason: string | null;
  marketName: string;
  countyName: string;
}

export const cost = (fen: number) => (fen === 0 ? t.free : t.yuan(formatYuan(fen)));

/** "剩 3 个名额" / "名额已满,候补 5 人" / "报名已截止" / "已取消". */
export function placesLine(s: SessionView, today: string): string {
  if (s.status === "cancelled") return t.cancelledBadge;
  if (today > s.signupDeadline) return t.closed;
  if (s.confirmedCount >= s.capacity) return t.full(s.waitingCount);
  return t.places(s.capacity - s.confirmedCount, s.capacity);
}

/** The facts of a session as a definition list; `full` adds the rules and the description. */
export function SessionFacts({ s, full }: { s: SessionView; full?: boolean }) {
  const row = (label: string, value: string, pre?: boolean) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd class={pre ? "pre" : undefined}>{value}</dd>
      </>
    ) : null;
  return (
    <dl class="facts">
      {row(t.kind, t.kinds[s.kind])}
      {row(t.workKind, s.workKindName ?? t.noWorkKind)}
      {row(t.dates, t.dateRange(s.startDate, s.endDate))}
      {row(t.hours, s.hours)}
      {row(t.way, s.online ? t.online : t.offline)}
      {row(t.place, s.place)}
      {row(t.cost, cost(s.costFen))}
      {row(t.deadline, s.signupDeadline)}
      {row(t.provider, s.provider)}
      {row(t.market, `${s.countyName} ${s.marketName}`)}
      {full && row(t.subsidyRule, s.subsidyRule, true)}
      {full && row(t.allowanceRule, s.allowanceRule, true)}
      {full && row(t.description, s.description, true)}
    </dl>
  );
}
