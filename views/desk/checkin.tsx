/** @jsxImportSource hono/jsx */
// 签到: one search box (phone, card code or name). A name search lists the
// matches in this county with masked phones, each with its own check-in button.
import { Form, Field, ErrorSummary, Submit, type Errors, type Values } from "../components/forms.tsx";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { at, deskHome, type DeskMarket } from "./bits.tsx";
import { Arrivals, type ArrivalRow } from "./home.tsx";
import { Cards } from "../components/lists.tsx";

const t = copy.desk;

export interface Match {
  id: number;
  name: string;
  phone: string;
  cardCode: string | null;
}

export function CheckinPage(props: {
  m: DeskMarket;
  values?: Values;
  errors?: Errors;
  /** A refusal or a "not found" to show above the form. */
  message?: string;
  /** Offer to register the person whose phone was not found. */
  offerRegister?: string;
  matches?: Match[];
  arrivals: ArrivalRow[];
}) {
  const { m } = props;
  return (
    <>
      <h1>{t.checkinTitle}</h1>
      <ErrorSummary errors={props.errors} />
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      {props.offerRegister && (
        <Form action={at(m, paths.desk.register)}>
          <input type="hidden" name="phone" value={props.offerRegister} />
          <input type="hidden" name="prefill" value="1" />
          <Submit>{t.registerFirst}</Submit>
        </Form>
      )}
      {props.matches && props.matches.length > 0 && (
        <>
          <h2>{t.pickPerson}</h2>
          <Cards rows={props.matches} card={(w) => (
            <>
              <Form action={at(m, paths.desk.checkin)}>
                <input type="hidden" name="workerId" value={String(w.id)} />
                <p>
                  <b>{w.name}</b> <Tel phone={w.phone} masked /> {w.cardCode && <span class="masked">{w.cardCode}</span>}
                </p>
                <Submit>{t.checkInThis(w.name)}</Submit>
              </Form>
            </>
          )} />
        </>
      )}
      <Form action={at(m, paths.desk.checkin)}>
        <Field name="q" label={t.lookup} hint={t.checkinIntro + t.lookupHint} values={props.values} errors={props.errors} maxlength={40} autocomplete="off" />
        <Submit>{t.checkinButton}</Submit>
      </Form>
      <Arrivals arrivals={props.arrivals} />
      <p>
        <a href={deskHome(m)}>{copy.common.back}</a>
      </p>
    </>
  );
}
