/** @jsxImportSource hono/jsx */
// Pieces the desk pages share: the market a page acts for, the admins' market
// picker, QR codes, wages.
import { raw } from "hono/html";
import { Form, Select, Submit, type Option } from "../components/forms.tsx";
import { formatYuan } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const t = copy.desk;

/** The market a desk page acts for. Admins carry it in the URL (?market=); staff never need to. */
export interface DeskMarket {
  id: number;
  name: string;
  county: string;
  /** "" for staff, "?market=<id>" for admins. */
  suffix: string;
  /** Admins' choice of markets; null for staff. */
  choices: readonly Option[] | null;
}

/** A desk URL for this market. */
export const at = (m: DeskMarket, path: string) => path + m.suffix;

export function MarketPicker({ m, path }: { m: DeskMarket; path: string }) {
  if (!m.choices) return <p class="muted">{t.marketLabel}:{m.name}({m.county})</p>;
  return (
    <Form action={path} method="get" class="no-print">
      <Select name="market" label={t.pickMarket} options={m.choices} values={{ market: String(m.id) }} />
      <Submit secondary>{t.switchMarket}</Submit>
    </Form>
  );
}

/** An inline QR code; `label` is what a screen reader says instead. */
export function Qr({ svg, label }: { svg: string; label: string }) {
  return (
    <span class="qr" role="img" aria-label={label}>
      {raw(svg)}
    </span>
  );
}

export function Wage({ p }: { p: { payMode: "wage" | "quote"; wageFen: number | null; wageUnit: "hour" | "day" | "piece" | "month" | null } }) {
  if (p.payMode === "quote" || p.wageFen === null || p.wageUnit === null) return <>{t.wageQuote}</>;
  return <>{`${formatYuan(p.wageFen)}${t.wagePer[p.wageUnit]}`}</>;
}

export const deskHome = (m: DeskMarket) => at(m, paths.desk.home);
