/** @jsxImportSource hono/jsx */
// For the notice board: the job sheet (two columns of cards on A4, each with
// its posting code and a QR code) and the station poster. Bare print layout,
// large type, no scripts.
import { copy } from "../copy/index.ts";
import type { PostingCard } from "../../src/features/desk/desk.repo.ts";
import { Qr, Wage } from "./bits.tsx";
import { Item } from "../components/lists.tsx";

const t = copy.desk;

export interface SheetCard extends PostingCard {
  place: string;
  qr: string;
}

function JobCard({ p }: { p: SheetCard }) {
  return (
    <li class="job">
      <div>
        <h3>
          {`#${p.id} ${p.title}`}
          {p.quick && <> · {t.quickTag}</>}
        </h3>
        <p>
          <b>
            <Wage p={p} />
          </b>{" "}
          · {t.left(Math.max(0, p.headcount - p.filledCount))}
        </p>
        <p>
          {t.dates(p.startDate, p.endDate)} {p.hours}
        </p>
        <p>{p.place}</p>
      </div>
      <Qr svg={p.qr} label={`${t.scanToApply} #${p.id}`} />
    </li>
  );
}

export function JobSheetPage(props: {
  market: string;
  /** The station's own phone and opening hours, printed on the sheet. */
  station: { phone: string; hours: string };
  today: string;
  until: string;
  todayOnly: boolean;
  /** The same sheet for today only, or for the week. */
  switchHref: string;
  cards: SheetCard[];
  total: number;
  page: number;
  pages: number;
  href: (n: number) => string;
  back: string;
}) {
  const todays = props.cards.filter((p) => p.startDate <= props.today);
  const later = props.cards.filter((p) => p.startDate > props.today);
  return (
    <>
      <p class="screen-only">
        {t.printHint} <a href={props.back}>{copy.common.back}</a>
      </p>
      <p class="screen-only">
        <a href={props.switchHref}>{props.todayOnly ? t.printWeek : t.printTodayOnly}</a>
      </p>
      <h1>{t.printSheetTitle(props.market)}</h1>
      <p class="lead">{props.todayOnly ? t.printSheetIntroToday(props.today) : t.printSheetIntro(props.today, props.until)}</p>
      {(props.station.phone || props.station.hours) && <p class="lead">{t.printStation(props.station.phone, props.station.hours)}</p>}
      {props.cards.length === 0 ? (
        <p class="lead">{props.todayOnly ? t.printNoneToday : t.printNone}</p>
      ) : (
        <>
          {/* Today's work first: what a person at the board can still go and do. */}
          {todays.length > 0 && (
            <>
              <h2>{t.printToday(props.today)}</h2>
              <ol class="sheet">{todays.map((p) => <JobCard p={p} />)}</ol>
            </>
          )}
          {later.length > 0 && (
            <>
              <h2>{t.printLater}</h2>
              <ol class="sheet">{later.map((p) => <JobCard p={p} />)}</ol>
            </>
          )}
        </>
      )}
      {props.total > props.cards.length && <p>{t.printMore(props.cards.length, props.total)}</p>}
      {props.pages > 1 && (
        <p class="screen-only">
          {props.page > 1 && <a href={props.href(props.page - 1)}>{copy.common.prev}</a>} {copy.common.pageOf(props.page, props.pages)}{" "}
          {props.page < props.pages && <a href={props.href(props.page + 1)}>{copy.common.next}</a>}
        </p>
      )}
    </>
  );
}

export function PosterPage(props: {
  name: string;
  address: string;
  hours: string;
  kinds: string[];
  phone: string;
  supervision: string;
  hotline: string;
  qr: string;
  back: string;
}) {
  return (
    <>
      <p class="screen-only">
        {t.printHint} <a href={props.back}>{copy.common.back}</a>
      </p>
      <article class="poster">
        <h1>{t.posterTitle(props.name)}</h1>
        <p class="lead">{t.posterFree}</p>
        <dl>
          {props.address && <Item label={t.posterAddress}>{props.address}</Item>}
          {props.hours && <Item label={t.posterHours}>{props.hours}</Item>}
          {props.kinds.length > 0 && <Item label={t.posterKinds}>{props.kinds.join("、")}</Item>}
          {props.phone && <Item label={t.posterPhone}>{props.phone}</Item>}
          {props.supervision && props.supervision !== props.hotline && <Item label={t.posterSupervision}>{props.supervision}</Item>}
          <Item label={t.posterHotline} class="big-num">{props.hotline}</Item>
        </dl>
        <div class="complain">
          <p>{t.posterComplain}</p>
          <p>
            <b>{t.posterNoFee}</b>
          </p>
          <p>{t.posterScan}</p>
          <Qr svg={props.qr} label={t.posterScan} />
        </div>
      </article>
    </>
  );
}
