// "a comes before b on the page", checked so that it cannot pass by accident:
// `indexOf(a) < indexOf(b)` is true when a is missing (-1), so every text must
// be found first, then each after the one before.
import * as assert from "uvu/assert";

export function assertInOrder(html: string, texts: string[], what = "in this order"): void {
  const at = texts.map((x) => html.indexOf(x));
  const missing = texts.filter((_, i) => at[i] < 0);
  assert.equal(missing, [], `${what}: not on the page at all`);
  for (let i = 1; i < texts.length; i++) {
    assert.ok(at[i] > at[i - 1], `${what}: "${texts[i - 1]}" should come before "${texts[i]}"`);
  }
}
