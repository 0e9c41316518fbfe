// Rules of the operations pages, free of HTTP and the DB.
import { normalizeMobile } from "../../shared/validators.ts";
import { CARD_ALPHABET } from "../workers/index.ts";

export type WorkerLookup = { phone: string } | { cardCode: string };

/** Staff type either the worker's phone or the 6-character code on the worker card. */
export function classifyLookup(input: string): WorkerLookup | null {
  const phone = normalizeMobile(input);
  if (phone) return { phone };
  const code = input.replace(/\s/g, "").toUpperCase();
  if (code.length === 6 && [...code].every((ch) => CARD_ALPHABET.includes(ch))) return { cardCode: code };
  return null;
}
