/** @jsxImportSource hono/jsx */
// 公平派工: the station's rule for offering same-day jobs, today's order, the
// draw with its seed; and the public page that shows the order to everyone.
import { chinaDateTime } from "../../src/shared/clock.ts";
import { Form, Choices, Submit, ErrorSummary, type Errors } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { fairOrderRules, type FairOrderRule } from "../../db/schema/desk.ts";
import { at, deskHome, type DeskMarket } from "./bits.tsx";

const t = copy.desk;

export interface OrderRow {
  /** 王* */
  who: string;
  /** 138****1234 */
  masked: string;
  /** For staff: the worker's desk page, when in scope. */
  href?: string | null;
}

export interface DrawInfo {
  seed: number;
  drawnAt: number;
  /** Someone checked in after the draw. */
  late: boolean;
}

function OrderList({ rows }: { rows: OrderRow[] }) {
  if (rows.length === 0) return <p>{t.orderEmpty}</p>;
  return (
    <ol class="order">
      {rows.map((r) => (
        <li>
          {r.href ? <a href={r.href}>{r.who}</a> : r.who}
          {r.masked && (
            <>
              {" "}
              <span class="masked">{r.masked}</span>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

function DrawNote({ rule, draw }: { rule: FairOrderRule; draw: DrawInfo | null }) {
  if (rule !== "draw") return null;
  if (!draw) return <p class="notice">{t.notDrawnYet}</p>;
  return (
    <div class="notice">
      <p>{t.drawSeed(draw.seed, chinaDateTime(draw.drawnAt))}</p>
      {draw.late && <p>{t.drawLate}</p>}
      <p>{t.verify}</p>
    </div>
  );
}

export function OrderPage(props: { m: DeskMarket; today: string; rule: FairOrderRule; rows: OrderRow[]; draw: DrawInfo | null; errors?: Errors; message?: string }) {
  const { m, rule } = props;
  return (
    <>
      <h1>{t.orderTitle}</h1>
      <p>{t.orderIntro}</p>
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      <ErrorSummary errors={props.errors} />
      <Form action={at(m, paths.desk.order)}>
        <Choices name="rule" label={t.ruleLabel} options={fairOrderRules.map((r) => [r, t.rules[r]] as const)} values={{ rule }} errors={props.errors} />
        <Submit secondary>{t.ruleButton}</Submit>
      </Form>
      <h2>{t.today(props.today)}</h2>
      <DrawNote rule={rule} draw={props.draw} />
      {rule === "draw" && !props.draw && props.rows.length > 0 && (
        <Form action={at(m, paths.desk.draw)}>
          <Submit>{t.drawButton}</Submit>
        </Form>
      )}
      <OrderList rows={props.rows} />
      <p>
        <a href={paths.desk.stationOrder(m.id)}>{t.publicLink}</a> · <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}

export function PublicOrderPage(props: { name: string; today: string; rule: FairOrderRule; rows: OrderRow[]; draw: DrawInfo | null }) {
  return (
    <>
      <h1>{t.publicTitle(props.name)}</h1>
      <p>{t.today(props.today)}</p>
      <p>
        {t.ruleLabel}:<b>{t.rules[props.rule]}</b>
      </p>
      <p>{t.publicIntro}</p>
      <DrawNote rule={props.rule} draw={props.draw} />
      <OrderList rows={props.rows} />
    </>
  );
}
