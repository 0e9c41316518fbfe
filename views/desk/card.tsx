/** @jsxImportSource hono/jsx */
// The printed worker card (card-sized, bare print layout) and the public page
// its QR code opens, which says what the card is and shows nobody's data.
import { copy } from "../copy/index.ts";
import { Qr } from "./bits.tsx";

const t = copy.desk;

export function WorkerCardPage(props: { name: string; code: string; market: string; hotline: string; qr: string; back: string }) {
  return (
    <>
      <p class="screen-only">
        {t.printHint} <a href={props.back}>{copy.common.back}</a>
      </p>
      <section class="wcard" aria-label={t.cardTitle}>
        <div>
          <h1>{t.cardHeading}</h1>
          <p class="wname">{props.name}</p>
          <p>
            {t.cardCode} <b class="code">{props.code}</b>
          </p>
          <p>{props.market}</p>
          <p>
            {t.cardHotline} {props.hotline}
          </p>
          <p class="small">{t.cardUse}</p>
        </div>
        <Qr svg={props.qr} label={t.cardQr} />
      </section>
    </>
  );
}

export function PublicCardPage({ hotline }: { hotline: string }) {
  return (
    <>
      <h1>{t.publicCardTitle}</h1>
      {t.publicCardBody.map((line) => (
        <p>{line}</p>
      ))}
      <p>
        {t.cardHotline}:<a class="tel" href={`tel:${hotline}`}>{hotline}</a>
      </p>
    </>
  );
}
