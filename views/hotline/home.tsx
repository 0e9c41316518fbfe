/** @jsxImportSource hono/jsx */
// 投诉求助: how to complain, the hotline, what happens next; staff links.
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.hotline;

export function HotlineHomePage({ hotline, wageDays, staff }: { hotline: string; wageDays: number; staff: boolean }) {
  return (
    <>
      <h1>{t.homeTitle}</h1>
      <p>{t.homeIntro}</p>
      <p class="notice warn">{t.emergency}</p>
      <h2>{t.byPhone}</h2>
      <p>
        {t.byPhoneText} <Tel phone={hotline} />
      </p>
      <h2>{t.online}</h2>
      <p class="big-actions">
        <a class="btn" href={paths.hotline.report}>{t.reportLink}</a>
        <a class="btn secondary" href={paths.hotline.status}>{t.statusLink}</a>
      </p>
      <h2>{t.byVisit}</h2>
      <p>
        {t.byVisitText} <a href={paths.markets.list}>{t.marketsLink}</a>
      </p>
      <h2>{t.whatNext}</h2>
      <ol>
        {t.nextSteps(wageDays).map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      <p>{t.free}</p>
      {staff && (
        <>
          <h2>{t.staffTitle}</h2>
          <StaffLinks />
        </>
      )}
    </>
  );
}

export function StaffLinks() {
  const l = t.staffLinks;
  return (
    <ul class="tags">
      <li><a href={paths.hotline.newCase}>{l.newCase}</a></li>
      <li><a href={paths.hotline.cases}>{l.cases}</a></li>
      <li><a href={`${paths.hotline.cases}?overdue=1`}>{l.overdue}</a></li>
      <li><a href={paths.hotline.callList}>{l.callList}</a></li>
      <li><a href={paths.hotline.figures}>{l.figures}</a></li>
    </ul>
  );
}
