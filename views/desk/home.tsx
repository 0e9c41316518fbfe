/** @jsxImportSource hono/jsx */
// The desk home: the market's figures for today, big buttons for what staff do
// most, and who has checked in today.
import { chinaDateTime } from "../../src/shared/clock.ts";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { MarketPicker, at, type DeskMarket } from "./bits.tsx";
import { Item } from "../components/lists.tsx";

const t = copy.desk;

export interface Figures {
  checkIns: number;
  openPostings: number;
  signUps: number;
  hires: number;
}

export interface ArrivalRow {
  workerId: number;
  name: string;
  phone: string;
  at: number;
  /** A link to the worker's desk page, when the viewer may open it. */
  href: string | null;
}

/** Today's check-ins at the market, on the desk home and the check-in page. */
export function Arrivals(props: { arrivals: ArrivalRow[] }) {
  return (
    <>
      <h2>{t.todayList}</h2>
      {props.arrivals.length === 0 ? (
        <p>{t.nobodyYet}</p>
      ) : (
        <ol>
          {props.arrivals.map((a) => (
            <li>
              {a.href ? <a href={a.href}>{a.name}</a> : a.name} <Tel phone={a.phone} masked /> {chinaDateTime(a.at).slice(11)}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function DeskHomePage(props: { m: DeskMarket; today: string; figures: Figures; arrivals: ArrivalRow[]; employersQueue: string }) {
  const { m } = props;
  // The order here is the tab order: the commonest task first.
  const actions: [string, string][] = [
    [at(m, paths.desk.checkin), t.actions.checkin],
    [at(m, paths.desk.register), t.actions.register],
    [at(m, paths.desk.postJob), t.actions.postJob],
    [at(m, paths.desk.priority), t.actions.priority],
    [at(m, paths.desk.order), t.actions.order],
    [at(m, paths.desk.printJobs), t.actions.printJobs],
    [at(m, paths.desk.printPoster), t.actions.printPoster],
    [props.employersQueue, t.actions.employers],
    // A call to the station's phone is logged as a hotline case from here.
    [paths.hotline.newCase, t.actions.logCall],
    // Monitoring, market records, 十个一, system status, deletions… all live on "my workbench".
    [paths.accounts.me, t.actions.allTools],
  ];
  return (
    <>
      <h1>
        {t.title} · {m.name}
      </h1>
      <nav aria-label={t.actionsTitle}>
        <ul class="big-actions desk-actions">
          {actions.map(([href, label]) => (
            <li>
              <a class="btn" href={href}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>
        {t.figuresTitle}({t.today(props.today)})
      </h2>
      <dl class="figures">
        {(Object.keys(t.figures) as (keyof Figures)[]).map((k) => (
          <div>
            <Item label={t.figures[k]}>{props.figures[k]}</Item>
          </div>
        ))}
      </dl>
      <MarketPicker m={m} path={paths.desk.home} />
      <Arrivals arrivals={props.arrivals} />
    </>
  );
}

export function NoMarketPage() {
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.noMarket}</p>
    </>
  );
}
