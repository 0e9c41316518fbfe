// pooledSignedToken (crypto.ts): a new visitor's CSRF seed and its HMAC, minted
// in batches (an HMAC on its own between a request's other work cost several
// times one in a run of them: docs/performance.md, 2026-12-06).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHmac } from "node:crypto";
import { pooledSignedToken } from "../../src/shared/crypto.ts";

const hmacOf = (key: string, s: string) => createHmac("sha256", key).update(s).digest("base64url");

test("each token is 22 URL-safe characters, handed out once, with the HMAC of prefix + token under the key", () => {
  const key = "k".repeat(43);
  const seen = new Set<string>();
  // More than one batch: the batch is made again when it runs out.
  for (let i = 0; i < 200; i++) {
    const { token, mac } = pooledSignedToken(key, "a:");
    assert.match(token, /^[\w-]{22}$/);
    assert.is(mac, hmacOf(key, "a:" + token));
    assert.not.ok(seen.has(token), `token ${i} handed out twice`);
    seen.add(token);
  }
});

test("asked with another key or prefix, the pair is made for that key and prefix (a batch made for one is never handed out for another)", () => {
  const [k1, k2] = ["1".repeat(43), "2".repeat(43)];
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const [key, prefix] = i % 3 === 0 ? [k1, "a:"] : i % 3 === 1 ? [k2, "a:"] : [k2, "b:"];
    const { token, mac } = pooledSignedToken(key, prefix);
    assert.is(mac, hmacOf(key, prefix + token), `pair ${i}`);
    assert.not.ok(seen.has(token));
    seen.add(token);
  }
});

test.run();
