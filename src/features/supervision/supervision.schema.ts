// The supervision forms, built from the shared field schemas.
import * as v from "valibot";
import { text, int, date, choice } from "../../shared/forms.ts";
import { incidentKinds, inspectionItems, type InspectionItem } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.supervision;
const e = copy.errors;

const passFail = (label: string) => choice(label, ["pass", "fail"] as const);
const itemFields = Object.fromEntries(
  inspectionItems.flatMap((k) => [
    [`item_${k}`, passFail(t.items[k])],
    [`note_${k}`, v.optional(text(t.inspection.itemNote, 200), "")],
  ]),
) as Record<`item_${InspectionItem}`, ReturnType<typeof passFail>> & Record<`note_${InspectionItem}`, v.OptionalSchema<ReturnType<typeof text>, "">>;

export const InspectionForm = v.object({
  date: date(t.inspection.date),
  inspectors: text(t.inspection.inspectors, 100),
  ...itemFields,
  findings: v.optional(text(t.inspection.findings, 1000), ""),
  rectifyBy: v.optional(date(t.inspection.rectifyBy)),
});

export const RectifiedForm = v.object({ note: text(t.inspection.rectifiedNote, 500) });

export const IncidentForm = v.object({
  kind: choice(t.incident.kind, incidentKinds),
  date: date(t.incident.date),
  time: v.optional(v.pipe(v.string(), v.regex(/^([01]?\d|2[0-3])[:：][0-5]\d$/, t.incident.timeBad), v.transform((s) => s.replace("：", ":").padStart(5, "0"))), ""),
  place: text(t.incident.place, 100),
  description: text(t.incident.description, 1000),
  caseNumber: v.optional(text(t.incident.caseNumber, 40)),
  police: v.optional(v.picklist(["1"], e.invalidChoice(t.incident.police))),
});

const code = (label: string, digits: number) => v.pipe(v.string(e.choose(label)), v.regex(new RegExp(`^\\d{${digits}}$`), e.invalidChoice(label)));
const id = (label: string) => v.pipe(v.string(e.choose(label)), v.regex(/^\d{1,9}$/, e.invalidChoice(label)), v.transform(Number));

export const PointForm = v.object({
  countyCode: code(t.road.county, 6),
  townshipCode: v.optional(code(t.road.township, 9)),
  place: text(t.road.place, 100),
  usualHours: v.optional(text(t.road.usualHours, 50), ""),
  nearestMarketId: v.optional(id(t.road.nearest)),
});

export const CountForm = v.object({
  date: date(t.road.countDate),
  people: int(t.road.people, 0, 100_000),
});
