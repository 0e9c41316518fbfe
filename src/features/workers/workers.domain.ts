// Rules about workers, free of HTTP and the DB.

/** Letters and digits that cannot be misread aloud or on a printed card (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CARD_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";

/** A 6-character worker card code, e.g. "K7QX3M": 25^6 ≈ 244 million codes. */
export function newCardCode(rand: () => number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += CARD_ALPHABET[Math.floor(rand() * CARD_ALPHABET.length)];
  return s;
}

/** Days of the week as stored: "1".."7" (1 = Monday), sorted, no repeats; "" means any day. */
export const DAY_VALUES = ["1", "2", "3", "4", "5", "6", "7"] as const;
export function daysString(chosen: readonly string[]): string {
  return DAY_VALUES.filter((d) => chosen.includes(d)).join("");
}
export const daysList = (s: string | null | undefined) => DAY_VALUES.filter((d) => (s ?? "").includes(d));

/** A wage is an amount and what it is per; one without the other means nothing. */
export function wageProblem(fen: number | undefined, unit: string | undefined): "wageUnitNeeded" | "wageNeeded" | null {
  if (fen !== undefined && unit === undefined) return "wageUnitNeeded";
  if (fen === undefined && unit !== undefined) return "wageNeeded";
  return null;
}

/** A township is only meaningful inside its county. */
export function placeProblem(
  county: string | undefined,
  township: string | undefined,
  townshipInCounty: (township: string, county: string) => boolean,
): "townshipNeedsCounty" | "townshipNotInCounty" | null {
  if (!township) return null;
  if (!county) return "townshipNeedsCounty";
  return townshipInCounty(township, county) ? null : "townshipNotInCounty";
}

/** A worker shows at most this many open cards, so the list is not flooded by one person. */
export const MAX_OPEN_CARDS = 5;
export const canOpenAnotherCard = (openNow: number) => openNow < MAX_OPEN_CARDS;

/** Public pages show the family name only: "王秀英" → "王**". */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join("");
  return chars[0] + "*".repeat(Math.min(chars.length - 1, 3));
}

/** Age in a given year, or null when the birth year is unknown or implausible. */
export function ageIn(year: number, birthYear: number | null | undefined): number | null {
  if (!birthYear) return null;
  const age = year - birthYear;
  return age >= 14 && age <= 100 ? age : null;
}

/** Birth years a worker may give: 16 to 90 years old this year. */
export const birthYearRange = (thisYear: number) => ({ min: thisYear - 90, max: thisYear - 16 });

/**
 * Who sees a worker's full phone number on the public list: staff, and
 * employers whom staff have verified. Everyone else sees it masked, so
 * the list cannot be scraped for numbers.
 */
export function seesFullPhone(viewer: { role: string } | null, employerVerified: boolean): boolean {
  if (!viewer) return false;
  if (viewer.role === "staff" || viewer.role === "county_admin" || viewer.role === "city_admin") return true;
  return viewer.role === "employer" && employerVerified;
}
