/** @jsxImportSource hono/jsx */
// /hires/:id/print: one page, the 书面承诺 both sides sign on paper. Rendered
// bare, so the layout uses the print stylesheet on screen as well.
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { HireFacts, type HireDetail } from "./show.tsx";

const h = copy.hires;

export function HirePrintPage({ d, hotline }: { d: HireDetail; hotline: string }) {
  return (
    <>
      <h1>{h.agreementHeading}</h1>
      <p>{h.number(d.id)}</p>
      <p>{h.agreementIntro}</p>
      <HireFacts d={d} paper />
      <h2>{h.employerPledgeTitle}</h2>
      <ol>
        {h.employerPledges.map((x) => (
          <li>{x}</li>
        ))}
      </ol>
      <h2>{h.workerPledgeTitle}</h2>
      <ol>
        {h.workerPledges.map((x) => (
          <li>{x}</li>
        ))}
      </ol>
      <p>
        {h.signWorker}________________ {h.signDate}____________
      </p>
      <p>
        {h.signEmployer}________________ {h.signDate}____________
      </p>
      <p class="muted">{h.agreementFoot(hotline)}</p>
      <p class="no-print">
        <a href={paths.hires.show(d.id)}>{h.backToRecord}</a>
      </p>
    </>
  );
}
