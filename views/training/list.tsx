/** @jsxImportSource hono/jsx */
// The public list of training sessions one can still sign up for, and the
// worker's own sign-ups.
import { Form, Select, Submit, type Option, type Values } from "../components/forms.tsx";
import { Pager } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { TrainingKind, SignupStatus } from "../../db/schema/index.ts";
import { cost, placesLine, type SessionView } from "./bits.tsx";
import { Cards } from "../components/lists.tsx";

const t = copy.training;

export function TrainingListPage(props: {
  rows: SessionView[];
  today: string;
  kinds: readonly Option[];
  counties: readonly Option[];
  values: Values;
  page: number;
  pages: number;
  href: (n: number) => string;
  staff: boolean;
  worker: boolean;
}) {
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <ul class="actions">
        <li>
          <a href={paths.training.fairs}>{t.fairsLink}</a>
        </li>
        {props.worker && (
          <li>
            <a href={paths.training.mine}>{t.mineLink}</a>
          </li>
        )}
        {props.staff && (
          <li>
            <a href={paths.training.staffList}>{t.staffLink}</a>
          </li>
        )}
      </ul>
      <Form action={paths.training.list} method="get" class="filters">
        <Select name="kind" label={t.kind} options={props.kinds} blank={t.allKinds} values={props.values} />
        <Select name="county" label={t.county} options={props.counties} blank={t.allCounties} values={props.values} />
        <Submit secondary>{t.filter}</Submit>
      </Form>
      <Cards rows={props.rows} empty={t.noSessions} emptyClass="notice" card={(s) => (
        <>
          <h2>
            <a href={paths.training.show(s.id)}>{s.title}</a>
          </h2>
          <p>
            <span class="badge">{t.kinds[s.kind]}</span> {t.dateRange(s.startDate, s.endDate)} · {s.online ? t.online : s.countyName} · {cost(s.costFen)}
          </p>
          <p>{placesLine(s, props.today)}</p>
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={props.href} />
    </>
  );
}

export interface MySignupRow {
  id: number;
  status: SignupStatus;
  position: number | null;
  completedAt: number | null;
  viaMarket: string | null;
  sessionId: number;
  title: string;
  kind: TrainingKind;
  startDate: string;
  endDate: string;
  sessionStatus: "open" | "cancelled";
  canCancel: boolean;
}

export function MySignupsPage({ rows, page, pages }: { rows: MySignupRow[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.mineTitle}</h1>
      {rows.length === 0 ? (
        <p>
          {t.mineEmpty} <a href={paths.training.list}>{t.browse}</a>
        </p>
      ) : (
        <Cards rows={rows} card={(r) => (
          <>
            <h2>
              <a href={paths.training.show(r.sessionId)}>{r.title}</a>
            </h2>
            <p>
              {t.dateRange(r.startDate, r.endDate)} · {t.kinds[r.kind]}
            </p>
            <p>
              <strong>
                {r.sessionStatus === "cancelled" ? t.cancelledBadge : r.status === "waiting" && r.position ? t.waitingNo(r.position) : t.statuses[r.status]}
              </strong>
              {r.completedAt !== null && <> · {t.completed}</>}
            </p>
            {r.viaMarket && <p class="muted">{t.viaMarket(r.viaMarket)}</p>}
            {r.completedAt !== null && (
              <p>
                <a href={paths.training.certificate(r.id)}>{t.certificateLink}</a>
              </p>
            )}
            {r.canCancel && (
              <Form action={paths.training.cancelSignup(r.id)}>
                <Submit secondary>{r.status === "waiting" ? t.leaveWaiting : t.cancelMine}</Submit>
              </Form>
            )}
          </>
        )} />
      )}
      <Pager page={page} pages={pages} href={(n) => `${paths.training.mine}?page=${n}`} />
    </>
  );
}
