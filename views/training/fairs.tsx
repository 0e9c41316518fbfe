/** @jsxImportSource hono/jsx */
// Job fairs (专场招聘会): the public list, one fair with its zones and the
// employer's booking, one zone with its employers and their open postings,
// and the staff pages (create, bookings with no-shows, cancel).
import { Form, Field, TextArea, Select, ErrorSummary, Submit, type Errors, type Option, type Values } from "../components/forms.tsx";
import { Pager, Tel, formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import type { BookingStatus } from "../../db/schema/index.ts";
import { Cards, Item } from "../components/lists.tsx";

const t = copy.training;

export interface FairView {
  id: number;
  title: string;
  date: string;
  hours: string;
  place: string;
  description: string;
  status: "open" | "cancelled";
  cancelReason: string | null;
  marketName: string;
  countyName: string;
}

export interface ZoneView {
  id: number;
  kindName: string;
  capacity: number;
  bookedCount: number;
}

function FairFacts({ f }: { f: FairView }) {
  return (
    <dl class="facts">
      <Item label={t.fairDate}>
        {f.date} {f.hours}
      </Item>
      <Item label={t.fairPlace}>{f.place}</Item>
      <Item label={t.market}>
        {f.countyName} {f.marketName}
      </Item>
      {f.description && <Item label={t.fairDescription} class="pre">{f.description}</Item>}
    </dl>
  );
}

function FairCards({ rows, href }: { rows: FairView[]; href: (id: number) => string }) {
  return (
    <Cards rows={rows} card={(f) => (
      <>
        <h2>
          <a href={href(f.id)}>{f.title}</a>
        </h2>
        <p>
          {f.date} {f.hours} · {f.place}
          {f.status === "cancelled" && (
            <>
              {" "}
              <span class="badge warn">{t.cancelledBadge}</span>
            </>
          )}
        </p>
      </>
    )} />
  );
}

export function FairListPage({ rows, page, pages }: { rows: FairView[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.fairsTitle}</h1>
      <p>{t.fairsIntro}</p>
      {rows.length === 0 ? <p class="notice">{t.noFairs}</p> : <FairCards rows={rows} href={paths.training.fair} />}
      <Pager page={page} pages={pages} href={(n) => `${paths.training.fairs}?page=${n}`} />
      <p class="actions">
        <a href={paths.training.list}>{t.listTitle}</a>
      </p>
    </>
  );
}

export type BookingBox =
  | { kind: "anon" }
  | { kind: "notEmployer" }
  | { kind: "notVerified" }
  | { kind: "closed" }
  | { kind: "booked"; bookingId: number; zoneName: string; canCancel: boolean }
  | { kind: "form" };

export function FairPage(props: { f: FairView; zones: ZoneView[]; box: BookingBox; values?: Values; errors?: Errors; message?: string }) {
  const { f, zones, box } = props;
  const options: Option[] = zones.map((z) => [String(z.id), `${t.zoneName(z.kindName)} (${t.zonePlaces(z.bookedCount, z.capacity)})`]);
  return (
    <>
      <h1>{f.title}</h1>
      {f.status === "cancelled" && <p class="notice warn">{t.fairCancelledNote(f.cancelReason ?? "")}</p>}
      <FairFacts f={f} />
      <h2>{t.zones}</h2>
      <Cards rows={zones} card={(z) => (
        <>
          <h3>
            <a href={paths.training.fairZone(f.id, z.id)}>{t.zoneName(z.kindName)}</a>
          </h3>
          <p>{t.zonePlaces(z.bookedCount, z.capacity)}</p>
        </>
      )} />
      <h2>{t.bookTitle}</h2>
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      {box.kind === "anon" && (
        <p class="actions">
          <a href={`${paths.accounts.login}?next=${encodeURIComponent(paths.training.fair(f.id))}`}>{t.employerLogin}</a>
        </p>
      )}
      {box.kind === "notVerified" && <p class="notice warn">{t.employerNotVerified}</p>}
      {box.kind === "booked" && (
        <div class="notice">
          <p>{t.yourBooking(t.zoneName(box.zoneName))}</p>
          {box.canCancel && (
            <Form action={paths.training.fairCancelBooking(box.bookingId)}>
              <Submit secondary>{t.cancelBooking}</Submit>
            </Form>
          )}
        </div>
      )}
      {box.kind === "form" && (
        <>
          <p>{t.bookIntro}</p>
          <ErrorSummary errors={props.errors} />
          <Form action={paths.training.fairBook(f.id)}>
            <Select name="zoneId" label={t.zone} options={options} blank={copy.common.choose} values={props.values} errors={props.errors} />
            <Submit>{t.book}</Submit>
          </Form>
        </>
      )}
      <p class="actions">
        <a href={paths.training.fairs}>{copy.common.back}</a>
      </p>
    </>
  );
}

export interface ZoneEmployer {
  employerId: number;
  name: string;
  postings: { id: number; title: string; headcount: number; wageFen: number | null; wageUnit: string | null }[];
}

export function ZonePage(props: { f: FairView; zone: ZoneView; rows: ZoneEmployer[]; page: number; pages: number }) {
  const { f, zone } = props;
  return (
    <>
      <h1>
        {t.zoneName(zone.kindName)} · {f.title}
      </h1>
      <p>
        {f.date} {f.hours} · {f.place}
      </p>
      <h2>{t.zoneEmployers}</h2>
      <Cards rows={props.rows} empty={t.noEmployers} card={(e) => (
        <>
          <h3>{e.name}</h3>
          {e.postings.length === 0 ? (
            <p class="muted">{t.noOpenJobs}</p>
          ) : (
            <ul>
              {e.postings.map((p) => (
                <li>
                  <a href={paths.jobs.show(p.id)}>{p.title}</a> · {t.headcount(p.headcount)}
                  {p.wageFen !== null && p.wageUnit && <> · {t.wage(formatYuan(p.wageFen), p.wageUnit)}</>}
                </li>
              ))}
            </ul>
          )}
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.training.fairZone(f.id, zone.id)}?page=${n}`} />
      <p class="actions">
        <a href={paths.training.fair(f.id)}>{copy.common.back}</a>
      </p>
    </>
  );
}

export function StaffFairListPage({ rows, page, pages }: { rows: FairView[]; page: number; pages: number }) {
  return (
    <>
      <h1>{t.staffFairsTitle}</h1>
      <p>
        <a class="btn" href={paths.training.staffFairNew}>{t.newFair}</a>
      </p>
      {rows.length === 0 ? <p>{t.noFairs}</p> : <FairCards rows={rows} href={paths.training.staffFair} />}
      <Pager page={page} pages={pages} href={(n) => `${paths.training.staffFairs}?page=${n}`} />
    </>
  );
}

export function FairFormPage(props: { markets: readonly Option[]; kinds: readonly { id: number; name: string }[]; values?: Values; errors?: Errors }) {
  const { values, errors } = props;
  return (
    <>
      <h1>{t.newFair}</h1>
      <ErrorSummary errors={errors} />
      <Form action={paths.training.staffFairNew}>
        <Select name="marketId" label={t.market} options={props.markets} values={values} errors={errors} />
        <Field name="title" label={t.fairTitle} maxlength={60} values={values} errors={errors} />
        <Field name="date" label={t.fairDate} type="date" values={values} errors={errors} />
        <Field name="hours" label={t.fairHours} hint={t.fairHoursHint} optional maxlength={40} values={values} errors={errors} />
        <Field name="place" label={t.fairPlace} maxlength={100} values={values} errors={errors} />
        <TextArea name="description" label={t.fairDescription} optional rows={3} maxlength={500} values={values} errors={errors} />
        <fieldset class="field" id="f-zones">
          <legend>{t.zonesLegend}</legend>
          <p class="hint">{t.zonesHint}</p>
          {errors?.zones && <p class="err">{errors.zones}</p>}
          {props.kinds.map((k) => (
            <Field name={`zone${k.id}`} label={t.zoneCapacity(k.name)} inputmode="numeric" size="s" optional values={values} errors={errors} />
          ))}
        </fieldset>
        <Submit>{copy.common.save}</Submit>
      </Form>
    </>
  );
}

export interface StaffBookingRow {
  id: number;
  status: BookingStatus;
  employerName: string;
  contactName: string;
  contactPhone: string;
  kindName: string;
  pastNoShows: number;
  canMarkNoShow: boolean;
}

export function StaffFairPage(props: { f: FairView; zones: ZoneView[]; rows: StaffBookingRow[]; page: number; pages: number; errors?: Errors; message?: string }) {
  const { f } = props;
  return (
    <>
      <h1>{f.title}</h1>
      {props.message && (
        <p class="notice warn" role="alert">
          {props.message}
        </p>
      )}
      {f.status === "cancelled" && <p class="notice warn">{t.fairCancelledNote(f.cancelReason ?? "")}</p>}
      <FairFacts f={f} />
      <p class="actions">
        <a href={paths.training.fair(f.id)}>{t.fairsTitle}</a>
      </p>
      <h2>{t.zones}</h2>
      <ul>
        {props.zones.map((z) => (
          <li>
            {t.zoneName(z.kindName)}: {t.zonePlaces(z.bookedCount, z.capacity)}
          </li>
        ))}
      </ul>
      <h2>{t.bookingsTitle}</h2>
      <Cards rows={props.rows} empty={t.noBookings} card={(b) => (
        <>
          <h3>{b.employerName}</h3>
          <p>
            {t.zoneName(b.kindName)} · <span class={b.status === "booked" ? "badge" : "badge warn"}>{t.bookingStatuses[b.status]}</span>
            {b.pastNoShows > 0 && <> · {t.pastNoShows(b.pastNoShows)}</>}
          </p>
          <p>
            {t.contact}: {b.contactName} <Tel phone={b.contactPhone} />
          </p>
          {b.canMarkNoShow && (
            <Form action={paths.training.staffNoShow(b.id)}>
              <Submit secondary>{t.markNoShow(b.employerName)}</Submit>
            </Form>
          )}
        </>
      )} />
      <Pager page={props.page} pages={props.pages} href={(n) => `${paths.training.staffFair(f.id)}?page=${n}`} />
      {f.status === "open" && (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{t.cancelFairTitle}</h2>
          <ErrorSummary errors={props.errors} />
          <Form action={paths.training.staffFairCancel(f.id)}>
            <Field name="reason" label={t.cancelReason} maxlength={100} errors={props.errors} />
            <Submit secondary>{t.cancelFair}</Submit>
          </Form>
        </section>
      )}
    </>
  );
}
