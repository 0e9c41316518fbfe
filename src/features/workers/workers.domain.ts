// Rules about workers, free of HTTP and the DB.

/** Letters and digits that cannot be misread aloud or on a printed card (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CARD_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";

/** A 6-character worker card code, e.g. "K7QX3M": 25^6 ≈ 244 million codes. */
export function newCardCode(rand: () => number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += CARD_ALPHABET[Math.floor(rand() * CARD_ALPHABET.length)];
  return s;
}
